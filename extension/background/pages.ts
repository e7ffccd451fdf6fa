// The background's side of open pages: tell their content scripts when pulled data changed, and
// accept the keep-alive port visible pages hold (see content/keep-alive.ts).
import { browser } from 'wxt/browser';
import { KEEP_ALIVE_PORT, type TabCommand } from '../content/commands.ts';

/** Asks every tab's Rapport content script (where one runs) to look its people up again. */
export async function refreshPages(): Promise<void> {
  const command: TabCommand = { type: 'rapport.refresh' };
  for (const tab of await browser.tabs.query({})) {
    if (tab.id === undefined) continue;
    const tabId = tab.id;
    // Tabs without a Rapport content script have no receiver: nothing to refresh there.
    void Promise.resolve()
      .then(() => browser.tabs.sendMessage(tabId, command))
      .catch(() => {});
  }
}

/**
 * A visible page with badges posts on a port now and then: each message keeps this worker alive, so
 * the live poke stream stays open while someone looks at Gmail or LinkedIn (a worker that sleeps
 * falls back to the periodic sync alarm).
 */
export function keepAliveForPages(): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== KEEP_ALIVE_PORT) return;
    port.onMessage.addListener(() => {});
  });
}
