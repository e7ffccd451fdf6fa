// The badge beside a person: tier letter, compact profit in the tier window and the follow-up dot for a
// known contact; a "+" (shown while the person's row is hovered) for someone not saved yet. All page and
// user data is rendered as text nodes.

import type { UiLanguage } from '@rapport/shared/sync/local-settings';
import type { BadgeData } from '@rapport/shared/sync/messages';
import { isNegative } from '../../content/format.ts';
import type { Theme } from '../../content/theme.ts';
import type { Translate } from '../../i18n/index.ts';
import { formatDay, formatMoney } from '../format.ts';

export type BadgeProps = {
  name: string | null;
  /** null: nobody in Rapport matches this person. */
  data: BadgeData | null;
  theme: Theme;
  /** The person's row is hovered (unknown people show their "+" only then). */
  hover: boolean;
  lang: UiLanguage;
  t: Translate;
  onOpen: (target: HTMLElement) => void;
};

/** "Overdue · due May 3, 2026": the follow-up status, shared with the card. */
export function followUpText(data: BadgeData, t: Translate, lang: UiLanguage): string {
  const { status, dueOn } = data.followUp;
  const due = dueOn && status !== 'none' ? ` · ${t('fu.dueOn', { date: formatDay(dueOn, lang) })}` : '';
  return `${t(`fu.${status}`)}${due}`;
}

/** "Tier A", or the reason there is no tier. */
export function tierText(data: Pick<BadgeData, 'tier' | 'customerId'>, t: Translate): string {
  if (data.customerId === null) return t('tier.unlinked');
  return !data.tier || data.tier === 'none' ? t('tier.none') : t('tier.label', { tier: data.tier });
}

// Pages listen for clicks and key presses on rows and links (Gmail opens the thread, LinkedIn follows the
// profile link): the badge's own events stop here.
const swallow = (e: Event) => {
  e.stopPropagation();
};

export function Badge({ name, data, theme, hover, lang, t, onOpen }: BadgeProps) {
  const who = name ?? t('page.someone');
  const open = (e: MouseEvent) => {
    e.preventDefault();
    e.stopPropagation();
    onOpen(e.currentTarget as HTMLElement);
  };
  const common = {
    type: 'button' as const,
    onClick: open,
    onMouseDown: swallow,
    onMouseUp: swallow,
    onPointerDown: swallow,
    onKeyDown: swallow,
  };
  if (!data) {
    const label = t('page.badge.unknown', { name: who });
    return (
      <span class={theme}>
        <button {...common} class={hover ? 'plus show' : 'plus'} title={label} aria-label={label}>
          +
        </button>
      </span>
    );
  }
  const tier = data.tier ?? 'none';
  const profit =
    tier !== 'none' && data.profit !== null && data.currency !== null
      ? formatMoney(data.profit, data.currency, lang, true)
      : null;
  const followUp = followUpText(data, t, lang);
  const tickets = data.openTickets ?? [];
  const base =
    data.customerId === null
      ? t('page.badge.unlinked', { name: data.name, followUp })
      : t('page.badge.known', { name: data.name, tier: tierText(data, t), profit: profit ?? '–', followUp });
  // The open-ticket marker: a "!" in a square (shape and glyph, not colour alone), named in the label.
  const label =
    tickets.length > 0
      ? `${base}. ${t.plural('page.badge.tickets', tickets.length, { title: tickets[0]?.title ?? '' })}`
      : base;
  return (
    <span class={theme}>
      <button {...common} class="b" title={label} aria-label={label}>
        <span class={`tier t-${tier}`} aria-hidden="true">
          {tier === 'none' ? '–' : tier}
        </span>
        {profit !== null && data.profit !== null && (
          <span class={isNegative(data.profit) ? 'profit loss' : 'profit'} aria-hidden="true">
            {profit}
          </span>
        )}
        <span class={`dot d-${data.followUp.status}`} aria-hidden="true" />
        {tickets.length > 0 && (
          <span class="tk" aria-hidden="true">
            !
          </span>
        )}
      </button>
    </span>
  );
}
