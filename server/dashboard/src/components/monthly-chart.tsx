import { addDays, daysBetween, monthsBetween, shiftMonth } from '@rapport/shared/core';
import type { ProfitReport } from '../../../src/routes/wire-types.ts';
import { useApp, useI18n } from '../context.ts';
import { formatMoney, moneyTick, monthAxis } from '../format.ts';
import { BarChart, type ChartSeries } from './bar-chart.tsx';
import { Card } from './card.tsx';

/** The months a report covers: the bounded window's calendar months, else those with lines. */
function monthsOf(report: ProfitReport): string[] {
  const { from, to } = report.window;
  if (from && to) return monthsBetween(from.slice(0, 7), addDays(to, -1).slice(0, 7));
  const keys = report.periods.map((p) => p.period);
  const first = keys[0];
  const last = keys[keys.length - 1];
  return first && last ? monthsBetween(first, last) : [];
}

/**
 * One measure (profit or revenue) by month: bars for the window, a line for the same months of
 * the comparison period (the previous window of equal length), when there is one.
 */
export function MonthlyChart(props: {
  measure: 'profit' | 'revenue';
  current: ProfitReport;
  previous: ProfitReport | undefined;
}) {
  const { t, lang } = useI18n();
  const { currency } = useApp();
  const months = monthsOf(props.current);
  const byMonth = new Map(props.current.periods.map((p) => [p.period, p]));
  const cmp = props.current.comparison;
  // The comparison period precedes the window by its own length: month m lines up with m − shift.
  const shift = cmp ? Math.round(daysBetween(cmp.from, cmp.to) / 30.4375) : 0;
  const previous = new Map((props.previous?.periods ?? []).map((p) => [p.period, p]));
  const money = (v: string) => formatMoney(v, currency, lang, 'whole');
  const currentValues = months.map((m) => byMonth.get(m)?.[props.measure] ?? '0');
  const series: ChartSeries[] = [
    {
      label: props.measure === 'profit' ? t('overview.profit') : t('overview.revenue'),
      values: currentValues.map(Number),
      texts: currentValues.map(money),
      kind: 'bar',
      tone: props.measure === 'profit' ? 's-profit' : 's-revenue',
    },
  ];
  if (cmp && props.previous) {
    const prevValues = months.map((m) => previous.get(shiftMonth(m, -shift))?.[props.measure] ?? '0');
    series.push({
      label: t('overview.previousPeriod'),
      values: prevValues.map(Number),
      texts: prevValues.map(money),
      kind: 'line',
      tone: 's-previous',
    });
  }
  return (
    <BarChart
      title={props.measure === 'profit' ? t('overview.profitByMonth') : t('overview.revenueByMonth')}
      {...monthAxis(months, lang)}
      series={series}
      formatTick={moneyTick(currency, lang)}
    />
  );
}

/** Profit and revenue by month side by side, each in its card (`ids`: the two headings' ids). */
export function MonthlyCharts(props: {
  ids: readonly [profit: string, revenue: string];
  current: ProfitReport;
  previous: ProfitReport | undefined;
}) {
  const { t } = useI18n();
  return (
    <div class="grid two">
      <Card id={props.ids[0]} title={t('overview.profitByMonth')}>
        <MonthlyChart measure="profit" current={props.current} previous={props.previous} />
      </Card>
      <Card id={props.ids[1]} title={t('overview.revenueByMonth')}>
        <MonthlyChart measure="revenue" current={props.current} previous={props.previous} />
      </Card>
    </div>
  );
}
