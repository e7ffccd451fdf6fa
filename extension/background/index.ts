import { browser } from 'wxt/browser';
import { getDb } from '../db/db.ts';
import type { RapportDB } from '../db/schema.ts';
import { readLocalSettings } from '../db/settings.ts';
import { writeState } from '../db/sync-state.ts';
import { ExtensionSyncClient } from '../sync/client.ts';
import type { Fetch } from '../sync/http.ts';
import { LivePokes } from '../sync/live.ts';
import { registerCaptureMenus } from './capture-menus.ts';
import { handlers } from './handlers.ts';
import { MORNING_NOTIFICATION, morningCheck } from './morning.ts';
import { keepAliveForPages, refreshPages } from './pages.ts';
import { createMessageListener } from './router.ts';
import { ALARMS, SyncScheduler } from './scheduler.ts';
import type { BackgroundServices } from './services.ts';

export interface BackgroundDeps {
  db?: RapportDB;
  fetch?: Fetch;
  now?: () => number;
}

interface SidePanelApi {
  open(options: { windowId: number }): Promise<void>;
}
interface SidebarActionApi {
  open(): Promise<void>;
}

/** Opens the follow-up list: the side panel (Chromium) or sidebar (Firefox), else a tab. */
async function openFollowUps(services: BackgroundServices): Promise<void> {
  const api = browser as unknown as { sidePanel?: SidePanelApi; sidebarAction?: SidebarActionApi };
  let opened = false;
  try {
    if (api.sidePanel) {
      const win = await browser.windows.getLastFocused();
      if (win.id !== undefined) {
        await api.sidePanel.open({ windowId: win.id });
        opened = true;
      }
    } else if (api.sidebarAction) {
      await api.sidebarAction.open();
      opened = true;
    }
  } catch {
    // Not allowed outside a user gesture in some browsers: fall back to a tab.
  }
  await writeState(services.db, 'uiRoute', { route: 'followups', at: services.now() });
  if (!opened) await browser.tabs.create({ url: `${browser.runtime.getURL('/sidepanel.html')}#followups` });
}

/**
 * Wires the background: listeners are registered synchronously (MV3 wakes the worker for them),
 * then any sync left unfinished by a killed worker resumes.
 */
export function startBackground(deps: BackgroundDeps = {}): BackgroundServices {
  const db = deps.db ?? getDb();
  const now = deps.now ?? Date.now;
  const fetchFn: Fetch = deps.fetch ?? ((url, init) => fetch(url, init));
  // Pulled changes re-badge open pages; a poke from the server (another member's change) pulls.
  const live = new LivePokes({ db, fetch: fetchFn, onPoke: () => void scheduler.run() });
  const sync = new ExtensionSyncClient({
    db,
    fetch: fetchFn,
    now,
    onPulled: () => void refreshPages(),
    onDone: (result) => {
      if (result.outcome === 'synced') void live.start();
      else if (result.outcome === 'signed-out') live.stop();
    },
  });
  const scheduler = new SyncScheduler(sync, browser.alarms, now);
  const services: BackgroundServices = {
    db,
    fetch: fetchFn,
    now,
    sync,
    requestSync: () => scheduler.requestSoon(),
  };

  browser.runtime.onMessage.addListener(
    createMessageListener(handlers, services, browser.runtime.getURL('/')),
  );
  keepAliveForPages();
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARMS.sync || alarm.name === ALARMS.retry) void scheduler.run();
    if (alarm.name === ALARMS.morning) void morningCheck(services);
  });
  browser.notifications.onClicked.addListener((id) => {
    if (id !== MORNING_NOTIFICATION) return;
    void browser.notifications.clear(id);
    void openFollowUps(services);
  });
  registerCaptureMenus({ language: async () => (await readLocalSettings(db)).language });
  browser.runtime.onInstalled.addListener(() => void scheduler.ensureAlarms());
  browser.runtime.onStartup.addListener(() => void scheduler.ensureAlarms());
  globalThis.addEventListener?.('online', () => scheduler.requestSoon());

  void scheduler.ensureAlarms();
  void scheduler.run();
  void morningCheck(services);
  return services;
}
