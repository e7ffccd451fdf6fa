import type { ProfitReport, PulseReport, SatisfactionReport } from '../../../src/routes/wire-types.ts';
import { useI18n } from '../context.ts';
import { formatMonth, formatNumber } from '../format.ts';
import { useApi } from '../use-api.ts';
import { Card } from './card.tsx';
import { moneyColumn, percentColumn } from './columns.tsx';
import { columnsOf, DataTable } from './data-table.tsx';

/**
 * The triangle: customer satisfaction (CSAT, surveys and ticket ratings), profit, and employee pulse by
 * month, side by side. Months are those of the profit report, newest last (at most 12).
 */
export function Triangle(props: { profit: ProfitReport }) {
  const { t, lang } = useI18n();
  const satisfaction = useApi<SatisfactionReport>('/reports/satisfaction', { allTime: true });
  const pulse = useApi<PulseReport>('/reports/pulse');
  const csat = new Map((satisfaction.data?.byMonth ?? []).map((m) => [m.month, m.csat]));
  const pulses = new Map((pulse.data?.byMonth ?? []).map((m) => [m.period, m]));
  const periods = props.profit.periods.slice(-12);
  // From the first month with orders or satisfaction answers: leading empty months say nothing.
  const first = periods.findIndex((m) => m.lines > 0 || csat.get(m.period) != null || pulses.has(m.period));
  const months = first < 0 ? [] : periods.slice(first);
  return (
    <Card id="h-triangle" title={t('triangle.title')} lead={t('triangle.lead')}>
      <DataTable
        caption={t('triangle.title')}
        columns={columnsOf<(typeof months)[number]>([
          {
            id: 'month',
            head: t('triangle.month'),
            rowHeader: true,
            cell: (m) => formatMonth(m.period, lang),
          },
          percentColumn('csat', t('triangle.csat'), (m) => csat.get(m.period) ?? null, lang),
          moneyColumn('profit', t('triangle.profit'), (m) => m.profit, 'whole'),
          {
            id: 'pulse',
            head: t('triangle.pulse'),
            num: true,
            cell: (m) => {
              const p = pulses.get(m.period);
              if (!p) return <span class="muted">{t('triangle.pulseMissing')}</span>;
              return (
                <>
                  {formatNumber(p.average ?? 0, lang, 1)} / 5{' '}
                  <span class="muted small">({formatNumber(p.count ?? 0, lang)})</span>
                </>
              );
            },
          },
        ])}
        rows={months}
        rowKey={(m) => m.period}
      />
    </Card>
  );
}
