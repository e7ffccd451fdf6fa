import { parseMoney, ratio, TIERS, type Tier } from '@rapport/shared/core';
import type { TierMixReport } from '../../../src/routes/wire-types.ts';
import { useApp, useI18n } from '../context.ts';
import { formatNumber, formatPercent } from '../format.ts';
import { Money } from './money.tsx';
import { TierBadge } from './tier-badge.tsx';

export interface TierSlice {
  tier: Tier;
  customers: number;
  revenue: string;
  profit: string;
  /** The tier's profit as a share of the team's total profit (D is negative). */
  share: number | null;
}

/** The server's exact sums per tier (GET /reports/tier-mix) with shares of the total profit for display. */
export function tierMix(report: TierMixReport): TierSlice[] {
  return report.tiers.map((s) => ({ ...s, share: ratio(parseMoney(s.profit), parseMoney(report.profit)) }));
}

/** The tier mix: a bar of customer counts by tier and a table of their profit. */
export function TierMix(props: { report: TierMixReport }) {
  const { t, lang } = useI18n();
  const { settings } = useApp();
  const mix = tierMix(props.report);
  const count = props.report.customers;
  const thresholds = settings?.tierThresholds ?? { a: 70, b: 90 };
  return (
    <>
      <div class="stack" aria-hidden="true">
        {mix
          .filter((s) => s.customers > 0)
          .map((s) => (
            <span
              key={s.tier}
              class={`stack-seg bg-${s.tier}`}
              style={{ flexGrow: s.customers }}
              title={`${s.tier === 'none' ? t('tier.none') : t('tier.named', { tier: s.tier })}: ${formatNumber(s.customers, lang)}`}
            />
          ))}
      </div>
      <table class="table compact">
        <caption class="visually-hidden">{t('overview.tierMix')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('col.tier')}</th>
            <th scope="col" class="num">
              {t('col.customers')}
            </th>
            <th scope="col" class="num">
              {t('col.revenue')}
            </th>
            <th scope="col" class="num">
              {t('col.profit')}
            </th>
            <th scope="col" class="num">
              {t('col.profitShare')}
            </th>
          </tr>
        </thead>
        <tbody>
          {mix.map((s) => (
            <tr key={s.tier}>
              <th scope="row">
                <TierBadge tier={s.tier} />
              </th>
              <td class="num">
                {formatNumber(s.customers, lang)}
                <span class="muted small">
                  {' '}
                  · {count ? formatPercent(s.customers / count, lang, 0) : '–'}
                </span>
              </td>
              <td class="num">
                <Money value={s.revenue} style="whole" />
              </td>
              <td class="num">
                <Money value={s.profit} style="whole" />
              </td>
              <td class={`num${s.share !== null && s.share < 0 ? ' loss' : ''}`}>
                {s.share === null ? '–' : formatPercent(s.share, lang)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul class="tier-legend">
        {TIERS.map((tier) => (
          <li key={tier}>
            <TierBadge tier={tier} /> {t(`tier.desc.${tier}`, thresholds)}
          </li>
        ))}
      </ul>
      {mix.some((s) => s.share !== null && s.share < 0) && (
        <p class="muted small">{t('overview.shareNote')}</p>
      )}
    </>
  );
}
