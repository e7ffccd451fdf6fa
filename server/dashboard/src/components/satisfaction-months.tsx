import type { SatisfactionReport } from '../../../src/routes/wire-types.ts';
import { useI18n } from '../context.ts';
import { formatMonth, formatNumber, formatPercent } from '../format.ts';
import { Card } from './card.tsx';
import { type Column, DataTable } from './data-table.tsx';
import { Empty } from './states.tsx';

type Month = SatisfactionReport['byMonth'][number];

/**
 * CSAT and NPS by month (the Satisfaction screen with the answer counts and a CSV download, the
 * Service screen's trend as the last months only).
 */
export function SatisfactionByMonth(props: {
  report: SatisfactionReport;
  id: string;
  title: string;
  /** Show only the last n months. */
  last?: number;
  /** Add the number of answers beside CSAT and NPS. */
  counts?: boolean;
  csv?: string;
}) {
  const { t, lang } = useI18n();
  const months = props.last === undefined ? props.report.byMonth : props.report.byMonth.slice(-props.last);
  const answers = (id: string, n: (m: Month) => number): Column<Month> => ({
    id,
    head: t('satisfaction.answers'),
    num: true,
    cellClass: () => 'muted',
    cell: (m) => formatNumber(n(m), lang),
  });
  const columns: Column<Month>[] = [
    { id: 'month', head: t('col.month'), rowHeader: true, cell: (m) => formatMonth(m.month, lang) },
    {
      id: 'csat',
      head: t('satisfaction.csat'),
      num: true,
      cell: (m) => (m.csat === null ? '–' : formatPercent(m.csat, lang)),
    },
    ...(props.counts ? [answers('csatAnswers', (m) => m.csatResponses + m.ticketFeedback)] : []),
    {
      id: 'nps',
      head: t('satisfaction.nps'),
      num: true,
      cell: (m) => (m.nps === null ? '–' : formatNumber(m.nps, lang)),
    },
    ...(props.counts ? [answers('npsAnswers', (m) => m.npsResponses)] : []),
  ];
  return (
    <Card id={props.id} title={props.title} csv={props.csv}>
      <DataTable
        caption={props.title}
        columns={columns}
        rows={months}
        rowKey={(m) => m.month}
        empty={<Empty title={t('satisfaction.empty')}>{t('satisfaction.emptyHint')}</Empty>}
      />
    </Card>
  );
}
