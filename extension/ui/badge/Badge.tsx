// The badge beside a person: tier letter, compact profit in the tier window and the follow-up dot for a
// known contact; a "+" (shown while the person's row is hovered) for someone not saved yet. Plain DOM
// (no Preact) so the content scripts stay small; all page and user data goes in as text or attributes.

import { decimalSign } from '@rapport/shared/domain/ratio';
import type { UiLanguage } from '@rapport/shared/sync/local-settings';
import type { BadgeData } from '@rapport/shared/sync/messages';
import type { Theme } from '../../content/theme.ts';
import type { PageTranslate } from '../../i18n/page.ts';
import { formatDay, formatMoney } from '../format.ts';

export type BadgeProps = {
  name: string | null;
  /** null: nobody in Rapport matches this person. */
  data: BadgeData | null;
  theme: Theme;
  /** The person's row is hovered (unknown people show their "+" only then). */
  hover: boolean;
  lang: UiLanguage;
  t: PageTranslate;
  onOpen: (target: HTMLElement) => void;
};

/** "Overdue · due May 3, 2026": the follow-up status, shared with the card. */
export function followUpText(data: BadgeData, t: PageTranslate, lang: UiLanguage): string {
  const { status, dueOn } = data.followUp;
  const due = dueOn && status !== 'none' ? ` · ${t('fu.dueOn', { date: formatDay(dueOn, lang) })}` : '';
  return `${t(`fu.${status}`)}${due}`;
}

/** "Tier A", or the reason there is no tier. */
export function tierText(data: Pick<BadgeData, 'tier' | 'customerId'>, t: PageTranslate): string {
  if (data.customerId === null) return t('tier.unlinked');
  return !data.tier || data.tier === 'none' ? t('tier.none') : t('tier.label', { tier: data.tier });
}

// Pages listen for clicks and key presses on rows and links (Gmail opens the thread, LinkedIn follows the
// profile link): the badge's own events stop here.
const SWALLOWED = ['mousedown', 'mouseup', 'pointerdown', 'keydown'] as const;

function el(doc: Document, tag: string, className: string, text?: string): HTMLElement {
  const node = doc.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** What a badge shows, as the DOM nodes to put in its shadow root; `onOpen` runs on click. */
function badgeNode(doc: Document, { name, data, theme, hover, lang, t, onOpen }: BadgeProps): HTMLElement {
  const wrap = el(doc, 'span', theme);
  const button = doc.createElement('button');
  button.type = 'button';
  button.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation();
    onOpen(e.currentTarget as HTMLElement);
  });
  for (const type of SWALLOWED) button.addEventListener(type, (e) => e.stopPropagation());
  wrap.append(button);
  let label: string;
  if (!data) {
    label = t('page.badge.unknown', { name: name ?? t('page.someone') });
    button.className = hover ? 'plus show' : 'plus';
    button.textContent = '+';
  } else {
    const tier = data.tier ?? 'none';
    const profit =
      tier !== 'none' && data.profit !== null && data.currency !== null
        ? formatMoney(data.profit, data.currency, lang, true)
        : null;
    const followUp = followUpText(data, t, lang);
    const base =
      data.customerId === null
        ? t('page.badge.unlinked', { name: data.name, followUp })
        : t('page.badge.known', {
            name: data.name,
            tier: tierText(data, t),
            profit: profit ?? '–',
            followUp,
          });
    const tickets = data.openTickets ?? [];
    label =
      tickets.length > 0
        ? `${base}. ${t.plural('page.badge.tickets', tickets.length, { title: tickets[0]?.title ?? '' })}`
        : base;
    button.className = 'b';
    const parts = [el(doc, 'span', `tier t-${tier}`, tier === 'none' ? '–' : tier)];
    if (profit !== null && data.profit !== null)
      parts.push(el(doc, 'span', decimalSign(data.profit) < 0 ? 'profit loss' : 'profit', profit));
    parts.push(el(doc, 'span', `dot d-${data.followUp.status}`));
    // The open-ticket marker: a "!" in a square (shape and glyph, not colour alone), named in the label.
    if (tickets.length > 0) parts.push(el(doc, 'span', 'tk', '!'));
    for (const part of parts) part.setAttribute('aria-hidden', 'true');
    button.append(...parts);
  }
  button.title = label;
  button.setAttribute('aria-label', label);
  return wrap;
}

type Shown = { key: string; node: HTMLElement; open: { fn: (target: HTMLElement) => void } };
const shown = new WeakMap<ShadowRoot, Shown>();

/**
 * Shows the badge in `root`, or nothing for null props. When the badge looks the same as before the
 * nodes stay (a re-render never replaces the button under the pointer); only the callback changes.
 */
export function renderBadge(root: ShadowRoot, props: BadgeProps | null): void {
  const current = shown.get(root);
  if (!props) {
    current?.node.remove();
    shown.delete(root);
    return;
  }
  const open = { fn: props.onOpen };
  const node = badgeNode(root.host.ownerDocument, { ...props, onOpen: (target) => open.fn(target) });
  const key = node.outerHTML;
  if (current?.key === key) {
    current.open.fn = props.onOpen;
    return;
  }
  current?.node.remove();
  root.append(node);
  shown.set(root, { key, node, open });
}
