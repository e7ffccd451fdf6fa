import { TEXT_LIMITS } from '@rapport/shared/limits';
// Capture from any page: the context menu ("Save as contact", "Log note about …" on a selection or a
// mailto:/profile link), the capture shortcut, and "Always show badges on this site". The menus ask the
// tab's content script; where none runs (any page but Gmail, LinkedIn and X), the activeTab grant that
// the click or shortcut gives lets us inject the any-page script first. No broad host permission is held:
// "always show" asks for the one origin (optional permission) and registers the script there.

import { truncateText } from '@rapport/shared/text';
import { browser } from 'wxt/browser';
import type { TabCommand, TabReply } from '../content/commands.ts';
import { createT, resolveLanguage, type Translate } from '../i18n/index.ts';

export const CAPTURE_COMMAND = 'capture-person';
/** The built any-page content script (entrypoints/page.content.ts). */
const PAGE_SCRIPT = '/content-scripts/page.js';
const REGISTERED_PREFIX = 'rapport-page:';

const MENU = {
  save: 'rapport-save',
  noteSelection: 'rapport-note-selection',
  noteLink: 'rapport-note-link',
  complaint: 'rapport-complaint',
  always: 'rapport-always',
} as const;

type Deps = {
  /** The UI language setting, if the background knows it (menus fall back to the browser's language). */
  language?: () => Promise<string | null>;
};

type ClickInfo = {
  menuItemId: string | number;
  frameId?: number;
  linkUrl?: string;
  selectionText?: string;
  pageUrl?: string;
};
type TabLike = { id?: number; url?: string } | undefined;

async function translator(deps: Deps): Promise<Translate> {
  const setting = (await deps.language?.().catch(() => null)) ?? null;
  const lang = setting === 'en' || setting === 'zh-CN' ? setting : null;
  return createT(resolveLanguage(lang, [browser.i18n.getUILanguage()]));
}

async function createMenus(deps: Deps): Promise<void> {
  const t = await translator(deps);
  await browser.contextMenus.removeAll();
  const web = ['https://*/*', 'http://*/*'];
  const items = [
    { id: MENU.save, title: t('page.menu.save'), contexts: ['selection', 'link'] },
    { id: MENU.noteSelection, title: t('page.menu.note'), contexts: ['selection'] },
    { id: MENU.noteLink, title: t('page.menu.noteLink'), contexts: ['link'] },
    { id: MENU.complaint, title: t('page.menu.complaint'), contexts: ['selection'] },
    { id: MENU.always, title: t('page.menu.always'), contexts: ['page'] },
  ] as const;
  for (const item of items)
    browser.contextMenus.create({ ...item, contexts: [...item.contexts], documentUrlPatterns: web });
}

function originPattern(pageUrl: string | undefined): string | null {
  try {
    const url = new URL(pageUrl ?? '');
    return url.protocol === 'https:' || url.protocol === 'http:' ? `${url.origin}/*` : null;
  } catch {
    return null;
  }
}

async function inject(tabId: number, frameId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [PAGE_SCRIPT] });
}

async function tell(tabId: number, frameId: number, command: TabCommand): Promise<boolean> {
  try {
    const reply = (await browser.tabs.sendMessage(tabId, command, { frameId })) as TabReply | undefined;
    return reply?.handled === true;
  } catch {
    // No content script in that frame.
    return false;
  }
}

async function cannotRun(tabId: number, deps: Deps): Promise<void> {
  const t = await translator(deps);
  await browser.notifications
    .create(`rapport-cannot-run-${tabId}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: t('app.name'),
      message: t('page.cannotRun'),
    })
    .catch(() => undefined);
}

/** Runs the command in the tab's Rapport content script, injecting the any-page script when none answers. */
export async function deliver(
  tabId: number,
  frameId: number,
  command: TabCommand,
  deps: Deps = {},
): Promise<boolean> {
  if (await tell(tabId, frameId, command)) return true;
  try {
    await inject(tabId, frameId);
  } catch (error) {
    console.warn('Rapport: cannot run on this page', error);
    await cannotRun(tabId, deps);
    return false;
  }
  return tell(tabId, frameId, command);
}

/** "Always show badges on this site": one origin, asked for in the click's user gesture. */
async function alwaysShow(info: ClickInfo, tab: TabLike): Promise<void> {
  const pattern = originPattern(info.pageUrl ?? tab?.url);
  if (!pattern) return;
  // permissions.request must be the first await: the user gesture ends with it.
  const granted = await browser.permissions.request({ origins: [pattern] });
  if (!granted) return;
  const id = `${REGISTERED_PREFIX}${pattern}`;
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length === 0) {
    await browser.scripting.registerContentScripts([
      { id, matches: [pattern], js: [PAGE_SCRIPT], runAt: 'document_idle', persistAcrossSessions: true },
    ]);
  }
  if (tab?.id !== undefined) await deliver(tab.id, 0, { type: 'rapport.ping' });
}

/** Scripts registered for origins whose permission the user has since removed. */
async function dropRevoked(origins: readonly string[] | undefined): Promise<void> {
  if (!origins?.length) return;
  const ids = origins.map((o) => `${REGISTERED_PREFIX}${o}`);
  const registered = await browser.scripting.getRegisteredContentScripts({ ids });
  if (registered.length > 0)
    await browser.scripting.unregisterContentScripts({ ids: registered.map((s) => s.id) });
}

export function onMenuClick(info: ClickInfo, tab: TabLike, deps: Deps = {}): Promise<unknown> {
  if (info.menuItemId === MENU.always) return alwaysShow(info, tab);
  const tabId = tab?.id;
  if (tabId === undefined || tabId < 0) return Promise.resolve(false);
  const action =
    info.menuItemId === MENU.save ? 'save' : info.menuItemId === MENU.complaint ? 'complaint' : 'note';
  const command: TabCommand = {
    type: 'rapport.menu',
    action,
    ...(info.linkUrl ? { linkUrl: info.linkUrl.slice(0, TEXT_LIMITS.url) } : {}),
    ...(info.selectionText ? { selectionText: truncateText(info.selectionText, TEXT_LIMITS.note) } : {}),
  };
  return deliver(tabId, info.frameId ?? 0, command, deps);
}

export async function onShortcut(command: string, tab: TabLike, deps: Deps = {}): Promise<unknown> {
  if (command !== CAPTURE_COMMAND) return false;
  const target =
    tab?.id !== undefined ? tab : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (target?.id === undefined) return false;
  return deliver(target.id, 0, { type: 'rapport.capturePage' }, deps);
}

/**
 * Registers the capture menus and shortcut. Call once, synchronously, when the background starts (MV3
 * wakes the worker for these listeners); menus are (re)created on install and update.
 */
export function registerCaptureMenus(deps: Deps = {}): void {
  browser.runtime.onInstalled.addListener(
    () => void createMenus(deps).catch((e) => console.warn('Rapport: menus', e)),
  );
  browser.contextMenus.onClicked.addListener((info, tab) => {
    void onMenuClick(info as ClickInfo, tab, deps).catch((e) => console.warn('Rapport: menu', e));
  });
  browser.commands.onCommand.addListener((command, tab) => {
    void onShortcut(command, tab, deps).catch((e) => console.warn('Rapport: shortcut', e));
  });
  browser.permissions.onRemoved.addListener((removed) => {
    void dropRevoked(removed.origins).catch((e) => console.warn('Rapport: permissions', e));
  });
}
