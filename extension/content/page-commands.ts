// Page commands: a badge's click, the context menu ("Save to Rapport", "Log note about …") and the
// capture shortcut. Each finds the person on the page and opens the card, so they ship in card.js
// with the card, not in the content scripts (content/card-loader.ts loads both on first use).
import type { BadgeData } from '@rapport/shared/sync/messages';
import type { Person, SiteAdapter } from '../sites/types.ts';
import type { PagePerson } from './capture.ts';
import type { CardController } from './card.ts';
import { personFromCapture, personFromLink, personFromText, selectionRect } from './page-person.ts';
import { type Theme, themeOf } from './theme.ts';

export type CommandDeps = {
  doc: Document;
  adapter: SiteAdapter;
  url(): URL;
  /** The signed-in user's own address, never a person to save. */
  own(): string | null;
  paused(): boolean;
  /** Where the last context menu was opened. */
  lastContextTarget: Element | null;
  /** The badge data of one person (the controller's lookup cache, else one lookup). */
  lookupOne(person: PagePerson): Promise<BadgeData | null>;
  card: CardController;
};

/**
 * A badge was clicked: its person's card (a profile's own badge brings everything the profile shows).
 * Without badge data — the page's answers were just dropped to be asked again, e.g. after a logged
 * email changed what badges show — the person is looked up once, so a known person is never offered
 * as "not in Rapport yet".
 */
export async function openFromBadge(
  deps: CommandDeps,
  person: Person,
  cached: BadgeData | null,
  near: DOMRect,
  theme: Theme,
): Promise<void> {
  let page: PagePerson = {
    name: person.name,
    email: person.email,
    linkedin: person.linkedin,
    linkedinMember: person.linkedinMember ?? null,
    x: person.x,
  };
  if (person.role === 'profile') {
    const profile = personFromCapture(deps.adapter.capture(deps.doc, deps.url()), null, deps.adapter.id);
    if (profile) page = { ...profile, name: profile.name ?? page.name };
  }
  const badge = cached ?? (await deps.lookupOne(page));
  deps.card.open({ person: page, badge, near, theme });
}

async function openFor(
  deps: CommandDeps,
  person: PagePerson | null,
  near: DOMRect | null,
  themeFrom: Element | null,
  options: { autoCapture: boolean; focusNote: boolean; complaint?: string },
): Promise<void> {
  const theme = themeOf(themeFrom ?? deps.doc.body ?? deps.doc.documentElement);
  if (!person) {
    deps.card.open({
      person: { name: null, email: null, linkedin: null, x: null },
      badge: null,
      near,
      theme,
      nobody: true,
    });
    return;
  }
  const badge = await deps.lookupOne(person);
  deps.card.open({
    person,
    badge,
    near,
    theme,
    focusNote: options.focusNote,
    ...(options.complaint ? { complaint: options.complaint } : {}),
  });
  // A strong identity with a name is saved at once; anything less waits for the user to confirm.
  const strong = person.email || person.linkedin || person.x;
  if (!badge && options.autoCapture && person.name && strong && !deps.paused()) await deps.card.captureNow();
}

/** The capture shortcut: the page's own person, else the selection, else the one person it links to. */
export async function capturePage(deps: CommandDeps): Promise<void> {
  const { person, near } = pagePerson(deps, deps.doc.getSelection()?.toString() ?? '');
  await openFor(deps, person, near, null, { autoCapture: true, focusNote: false });
}

/** Who the page is about: its own person (profile, open thread), else one named in `selected`, else the one person it links to. */
function pagePerson(
  deps: CommandDeps,
  selected: string,
): { person: PagePerson | null; near: DOMRect | null } {
  const { doc, adapter } = deps;
  const own = deps.own();
  let person = personFromCapture(adapter.capture(doc, deps.url()), own, adapter.id);
  let near: DOMRect | null = null;
  if (!person) {
    person = personFromText(selected);
    if (person) near = selectionRect(doc);
  }
  if (!person) {
    // The one person a page links to (an author page, a staff bio) is who it is about.
    const seen = adapter.scan(doc).filter((p) => !own || p.email !== own);
    const keys = new Set(seen.map((p) => JSON.stringify([p.email, p.linkedin, p.x])));
    const only = seen[0];
    if (keys.size === 1 && only) {
      person = { name: only.name, email: only.email, linkedin: only.linkedin, x: only.x };
      near = only.anchor.getBoundingClientRect();
    }
  }
  return { person, near };
}

/**
 * "Log complaint from selection": the card of the person the page is about (or named in the selection)
 * opens on a new ticket whose first entry is the selected text; the page's URL is its sourceUrl.
 */
async function complaint(deps: CommandDeps, selectionText: string): Promise<void> {
  const { person, near } = pagePerson(deps, selectionText);
  await openFor(deps, person, near ?? selectionRect(deps.doc), null, {
    autoCapture: false,
    focusNote: false,
    complaint: selectionText,
  });
}

/** "Save … to Rapport" / "Log note about …" on a link or a selection. */
export async function menu(
  deps: CommandDeps,
  action: 'save' | 'note' | 'complaint',
  linkUrl?: string,
  selectionText?: string,
): Promise<void> {
  if (action === 'complaint') return complaint(deps, selectionText ?? '');
  let person: PagePerson | null = null;
  let near: DOMRect | null = null;
  let from: Element | null = null;
  if (linkUrl) {
    const found = personFromLink(deps.doc, linkUrl, deps.adapter, deps.lastContextTarget);
    if (found) {
      person = found.person;
      from = found.link;
      near = found.link?.getBoundingClientRect() ?? null;
    }
  }
  if (!person && selectionText) {
    person = personFromText(selectionText);
    near = selectionRect(deps.doc);
  }
  await openFor(deps, person, near, from, { autoCapture: action === 'save', focusNote: action === 'note' });
}
