import { TEXT_LIMITS } from '@rapport/shared/limits';
// Commands the background sends to a tab's content script (context menu, keyboard shortcut). They travel
// the other way from the shared command union (page -> background), so they are defined here, next to
// the controller that handles them; background/capture-menus.ts sends them.

export type MenuAction = 'save' | 'note' | 'complaint';

export type TabCommand =
  /** Is a Rapport content script listening in this frame? */
  | { type: 'rapport.ping' }
  /** The shortcut: capture the person this page is about (profile, open thread, selection). */
  | { type: 'rapport.capturePage' }
  /** The team's data changed (a pull brought rows): look everyone on the page up again. */
  | { type: 'rapport.refresh' }
  /** A context-menu item on a selection or a mailto:/profile link. */
  | { type: 'rapport.menu'; action: MenuAction; linkUrl?: string; selectionText?: string };

export type TabReply = { ok: true; handled: boolean };

/** The port visible pages hold to keep the background awake (content/keep-alive.ts). */
export const KEEP_ALIVE_PORT = 'rapport-page';

/** The context menu hands over a link and a selection; either fits a note. */
const optionalText = (v: unknown) =>
  v === undefined || (typeof v === 'string' && v.length <= TEXT_LIMITS.note);

/** Structural check of a message that claims to be a TabCommand. */
export function isTabCommand(raw: unknown): raw is TabCommand {
  if (typeof raw !== 'object' || raw === null) return false;
  const m = raw as Record<string, unknown>;
  if (m.type === 'rapport.ping' || m.type === 'rapport.capturePage' || m.type === 'rapport.refresh')
    return true;
  return (
    m.type === 'rapport.menu' &&
    (m.action === 'save' || m.action === 'note' || m.action === 'complaint') &&
    optionalText(m.linkUrl) &&
    optionalText(m.selectionText)
  );
}
