import { addDays, decimalSign } from '@rapport/shared/core';
import type { ComponentChildren } from 'preact';
import type { ProfitReport } from '../../../src/routes/wire-types.ts';
import { useApp, useI18n } from '../context.ts';
import { formatDay, formatMoney, formatNumber, formatPctChange, formatPercent } from '../format.ts';
import { Kpi, Trend } from './kpi.tsx';

/**
 * Profit, revenue, margin and orders of a window, each against the previous window of equal length
 * when the report has one (overview and customer page). `ordersNote` goes under the order count.
 */
export function MoneyKpis(props: {
  totals: ProfitReport['totals'];
  comparison: ProfitReport['comparison'];
  ordersNote: ComponentChildren;
}) {
  const { t, lang } = useI18n();
  const { currency } = useApp();
  const { totals, comparison: cmp } = props;
  const money = (v: string) => formatMoney(v, currency, lang, 'whole');
  const vs = cmp
    ? t('overview.vsPeriod', { from: formatDay(cmp.from, lang), last: formatDay(addDays(cmp.to, -1), lang) })
    : '';
  const trend = (pct: number | null, change: string) =>
    cmp && (
      <Trend
        pct={pct}
        text={
          pct === null
            ? t('overview.noBase', { change: money(change) })
            : `${formatPctChange(pct, lang)} ${vs}`
        }
      />
    );
  return (
    <section class="kpis" aria-label={t('overview.totals')}>
      <Kpi
        label={t('overview.profit')}
        value={money(totals.profit)}
        tone={decimalSign(totals.profit) < 0 ? 'bad' : undefined}
      >
        {trend(cmp?.change.profitPct ?? null, cmp?.change.profitChange ?? '0')}
      </Kpi>
      <Kpi label={t('overview.revenue')} value={money(totals.revenue)}>
        {trend(cmp?.change.revenuePct ?? null, cmp?.change.revenueChange ?? '0')}
      </Kpi>
      <Kpi
        label={t('overview.margin')}
        value={totals.margin === null ? '–' : formatPercent(totals.margin, lang)}
      >
        {cmp?.base.margin != null &&
          t('overview.marginBefore', { margin: formatPercent(cmp.base.margin, lang) })}
      </Kpi>
      <Kpi label={t('overview.orders')} value={formatNumber(totals.orders, lang)}>
        {props.ordersNote}
      </Kpi>
    </section>
  );
}
