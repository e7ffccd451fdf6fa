// The card's insight lines: churn risk (score and late flag against today), "buys mostly …" and who on
// the team knows the contact best. Self-contained so the card can load lazily; reads only the
// contact.get answer (the synced customer metrics and the background's knowsBest).
import { churnAsOf } from '@rapport/shared/domain/churn';
import type { UiLanguage } from '@rapport/shared/sync/local-settings';
import type { MessageResponseData } from '@rapport/shared/sync/messages';
import type { MessageKey, Translate } from '../../i18n/index.ts';

type Detail = MessageResponseData<'contact.get'>;

/** The local calendar day (YYYY-MM-DD) of an instant. */
function localDay(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export function InsightLines(props: { detail: Detail; t: Translate; lang: UiLanguage; now?: Date }) {
  const { detail, t } = props;
  const m = detail.metrics;
  const lines: { key: string; text: string; cls?: string }[] = [];
  if (m?.churn) {
    // Historical data: count to the data's as-of day, as the server's reports do; else to today.
    const day = m.window.historical ? m.window.asOf : localDay(props.now ?? new Date());
    const c = churnAsOf(m.churn, m.tier, day);
    const since = Math.max(0, Math.round((Date.parse(day) - Date.parse(m.churn.lastOrderAt)) / 86_400_000));
    const days = m.churn.interval === null ? null : Math.round(m.churn.interval);
    const detailText =
      days === null
        ? t('insight.noInterval')
        : c.late
          ? t('insight.late', { days, since })
          : t('insight.onTime', { days });
    lines.push({
      key: 'churn',
      text: `${t('insight.churn', { score: c.score })} · ${detailText}`,
      cls: c.late || c.score >= 50 ? 'risk' : undefined,
    });
  }
  if (m?.buysMostly)
    lines.push({
      key: 'buys',
      text: t('insight.buysMostly', {
        category: m.buysMostly.category,
        pct: Math.round(m.buysMostly.share * 100),
      }),
    });
  const kb = detail.knowsBest;
  if (kb) {
    const name = kb.self ? t('insight.you') : (kb.name ?? t('insight.teammate'));
    const kindKey = `insight.kind.${kb.kind}` as MessageKey;
    lines.push({
      key: 'knows',
      text:
        kb.kind && kb.count > 0
          ? t('insight.askKind', { name, count: kb.count, kind: t(kindKey) })
          : t('insight.ask', { name }),
    });
  }
  if (lines.length === 0) return null;
  return (
    <ul class="insight" data-testid="card-insight">
      {lines.map((l) => (
        <li key={l.key} class={l.cls} data-line={l.key}>
          {l.text}
        </li>
      ))}
    </ul>
  );
}
