import { parseMoney, ratio, TIERS, type Tier } from '@rapport/shared/core';
import type { TierMixReport } from '../../../src/routes/wire-types.ts';
import { useApp, useI18n } from '../context.ts';
import { formatNumber, formatPercent } from '../format.ts';
import { moneyColumn, percentColumn } from './columns.tsx';
import { columnsOf, DataTable } from './data-table.tsx';
import { TierBadge, tierColor } from './tier-badge.tsx';

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
              class="stack-seg"
              style={{ flexGrow: s.customers, background: tierColor(s.tier) }}
              title={`${s.tier === 'none' ? t('tier.none') : t('tier.named', { tier: s.tier })}: ${formatNumber(s.customers, lang)}`}
            />
          ))}
      </div>
      <DataTable
        class="compact"
        caption={t('overview.tierMix')}
        columns={columnsOf<TierSlice>([
          { id: 'tier', head: t('col.tier'), rowHeader: true, cell: (s) => <TierBadge tier={s.tier} /> },
          {
            id: 'customers',
            head: t('col.customers'),
            num: true,
            cell: (s) => (
              <>
                {formatNumber(s.customers, lang)}
                <span class="muted small">
                  {' '}
                  · {count ? formatPercent(s.customers / count, lang, 0) : '–'}
                </span>
              </>
            ),
          },
          moneyColumn('revenue', t('col.revenue'), (s) => s.revenue, 'whole'),
          moneyColumn('profit', t('col.profit'), (s) => s.profit, 'whole'),
          percentColumn('share', t('col.profitShare'), (s) => s.share, lang, { loss: true }),
        ])}
        rows={mix}
        rowKey={(s) => s.tier}
      />
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
