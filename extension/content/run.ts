// What every Rapport content script does in main(ctx): start one PageController for the page, follow SPA
// navigation, answer the background's commands, and tear everything down when WXT invalidates the
// script (extension update or reload, or a newer copy injected into the same page).
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { SiteAdapter } from '../sites/types.ts';
import { isTabCommand } from './commands.ts';
import { PageController } from './controller.ts';
import { keepBackgroundAlive } from './keep-alive.ts';
import { backgroundSend, type Send } from './messaging.ts';

/** The live controller of this frame, shared by all Rapport content scripts (they share an isolated world). */
const LIVE = Symbol.for('rapport.pageController');
type Slot = { [LIVE]?: PageController };

type Runtime = Pick<typeof browser.runtime, 'onMessage'>;

/** keepAlive: hold a port that keeps the background awake while the page is visible. */
export type RunDeps = { send: Send; runtime: Runtime; window: Window; keepAlive?: boolean };

/** Starts Rapport on this page unless another Rapport script already runs here; returns the controller. */
export function runContentScript(
  ctx: ContentScriptContext,
  adapter: SiteAdapter,
  deps: RunDeps = { send: backgroundSend, runtime: browser.runtime, window, keepAlive: true },
): PageController | null {
  const slot = deps.window as unknown as Slot;
  // A site script and the injected any-page script must not both badge one page.
  if (slot[LIVE] && !slot[LIVE].destroyed) return null;
  const send: Send = (type, body) => (ctx.isValid ? deps.send(type, body) : ctx.block());
  const controller = new PageController({ adapter, doc: deps.window.document, send });
  slot[LIVE] = controller;

  const listener = (message: unknown, _sender: unknown, sendResponse: (reply: unknown) => void) => {
    if (!isTabCommand(message)) return undefined;
    controller.handle(message).then(sendResponse, (error: unknown) => {
      console.warn('Rapport:', error);
      sendResponse({ ok: false, handled: true });
    });
    return true;
  };
  deps.runtime.onMessage.addListener(listener as Parameters<Runtime['onMessage']['addListener']>[0]);
  ctx.addEventListener(deps.window, 'wxt:locationchange', () => void controller.visit());
  const alive = new AbortController();
  if (deps.keepAlive) keepBackgroundAlive(deps.window.document, alive.signal);
  ctx.onInvalidated(() => {
    alive.abort();
    deps.runtime.onMessage.removeListener(listener as Parameters<Runtime['onMessage']['addListener']>[0]);
    controller.destroy();
    if (slot[LIVE] === controller) delete slot[LIVE];
  });
  void controller.start();
  return controller;
}
