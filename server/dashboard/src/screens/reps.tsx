import { sumMoneyStrings } from '@rapport/shared/core';
import type { CommissionReport, FollowUpsReport, ProfitByRepReport } from '../../../src/routes/wire-types.ts';
import { Card } from '../components/card.tsx';
import { countColumn, meterColumn, moneyColumn, percentColumn } from '../components/columns.tsx';
import { type Column, DataTable } from '../components/data-table.tsx';
import { Link } from '../components/link.tsx';
import { Money } from '../components/money.tsx';
import { PageHead } from '../components/page-head.tsx';
import { Empty, LoadedView } from '../components/states.tsx';
import { TierBadge } from '../components/tier-badge.tsx';
import { WindowNote } from '../components/window-note.tsx';
import { useApp, useI18n } from '../context.ts';
import { formatDay, formatMoney, formatMonth, formatPercent } from '../format.ts';
import { contactPath } from '../route.ts';
import { useApi } from '../use-api.ts';

/** A rep's display name: the report's, else the member list's, else "Unassigned" for unowned rows. */
function useRepName(): (ownerId: string | null, name: string | null) => string {
  const { t } = useI18n();
  const { members } = useApp();
  return (ownerId, name) =>
    name ?? (ownerId ? (members.get(ownerId)?.name ?? ownerId) : t('reps.unassigned'));
}

/** Per rep: profit, commission by month and overdue follow-ups. A rep sees only their own rows (the server narrows). */
export function Reps() {
  const { t } = useI18n();
  const { canManage } = useApp();
  const profit = useApi<ProfitByRepReport>('/reports/profit-by-rep');
  return (
    <>
      <PageHead title={canManage ? t('reps.title') : t('reps.titleOwn')}>
        {profit.data && <WindowNote window={profit.data.window} />}
      </PageHead>
      <Card id="h-rep-profit" title={t('reps.profit')} csv="reps-profit" lead={t('reps.profitLead')}>
        <LoadedView state={profit}>{(data) => <RepProfit report={data} />}</LoadedView>
      </Card>
      <Commission />
      <FollowUps />
    </>
  );
}

function RepProfit(props: { report: ProfitByRepReport }) {
  const { t, lang } = useI18n();
  const { currency } = useApp();
  const repName = useRepName();
  const reps = props.report.reps;
  if (reps.length === 0) return <Empty title={t('reps.noProfit')} />;
  const max = Math.max(...reps.map((r) => Math.abs(Number(r.profit))));
  type Rep = (typeof reps)[number];
  const columns: Column<Rep>[] = [
    { id: 'rep', head: t('col.rep'), rowHeader: true, cell: (r) => repName(r.ownerId, r.name) },
    countColumn('customers', t('col.customers'), (r) => r.customers, lang),
    countColumn('orders', t('col.orders'), (r) => r.orders, lang),
    moneyColumn('revenue', t('col.revenue'), (r) => r.revenue, 'whole'),
    moneyColumn('profit', t('col.profit'), (r) => r.profit, 'whole'),
    meterColumn(
      'profitBar',
      t('col.profit'),
      (r) => Number(r.profit),
      max,
      (r) => formatMoney(r.profit, currency, lang, 'whole'),
    ),
    percentColumn('margin', t('col.margin'), (r) => r.margin, lang),
  ];
  return (
    <DataTable caption={t('reps.profit')} columns={columns} rows={reps} rowKey={(r) => r.ownerId ?? ''} />
  );
}

/** Commission per rep (rows) and month (columns), exact amounts as the server rounded them. */
function Commission() {
  const { t, lang } = useI18n();
  const { canManage } = useApp();
  const repName = useRepName();
  const report = useApi<CommissionReport>('/reports/commission');
  const body = (data: CommissionReport) => {
    const { rows, reps, rates } = data;
    if (rows.length === 0) return <Empty title={t('reps.noCommission')} />;
    const months = [...new Set(rows.map((r) => r.month))].sort();
    const cell = new Map(rows.map((r) => [`${r.ownerId ?? ''}|${r.month}`, r.commission]));
    const showTotals = canManage && reps.length > 1;
    /** A month (or, in the foot, all months): its commission per rep and its total. */
    type Line = { month: string | null; of(ownerId: string | null): string | undefined; total: string };
    const lines: Line[] = months.map((m) => ({
      month: m,
      of: (ownerId) => cell.get(`${ownerId ?? ''}|${m}`),
      total: sumMoneyStrings(rows.filter((r) => r.month === m).map((r) => r.commission)),
    }));
    const totals: Line = {
      month: null,
      of: (ownerId) => reps.find((r) => r.ownerId === ownerId)?.commission,
      total: sumMoneyStrings(reps.map((r) => r.commission)),
    };
    const columns: Column<Line>[] = [
      {
        id: 'month',
        head: t('col.month'),
        rowHeader: true,
        cell: (l) => (l.month === null ? t('col.total') : formatMonth(l.month, lang)),
      },
      ...reps.map(
        (r): Column<Line> => ({
          id: `rep-${r.ownerId ?? ''}`,
          head: repName(r.ownerId, r.name),
          num: true,
          cell: (l) => {
            const v = l.of(r.ownerId);
            return v === undefined ? <span class="muted">–</span> : <Money value={v} />;
          },
        }),
      ),
      ...(showTotals
        ? [
            {
              id: 'total',
              head: t('col.total'),
              num: true,
              cell: (l: Line) => <Money value={l.total} />,
              cellClass: (l: Line) => (l.month === null ? undefined : 'strong'),
            },
          ]
        : []),
    ];
    return (
      <>
        <p class="card-lead">
          {t('reps.commissionLead', {
            high: formatPercent(rates.high / 10_000, lang, 2),
            medium: formatPercent(rates.medium / 10_000, lang, 2),
            low: formatPercent(rates.low / 10_000, lang, 2),
          })}
        </p>
        <div class="table-scroll">
          <DataTable
            class="compact sticky-first"
            caption={t('reps.commission')}
            columns={columns}
            rows={lines}
            footRows={[totals]}
            rowKey={(l) => l.month ?? 'total'}
          />
        </div>
      </>
    );
  };
  return (
    <Card
      id="h-commission"
      title={canManage ? t('reps.commission') : t('reps.commissionOwn')}
      csv="commission"
    >
      <LoadedView state={report}>{body}</LoadedView>
    </Card>
  );
}

function FollowUps() {
  const { t, lang } = useI18n();
  const repName = useRepName();
  const report = useApi<FollowUpsReport>('/reports/follow-ups', { limit: 10 });
  return (
    <Card id="h-followups" title={t('reps.followUps')} csv="follow-ups" lead={t('reps.followUpsLead')}>
      <LoadedView state={report}>
        {(data) => {
          const reps = data.reps;
          type Rep = (typeof reps)[number];
          const max = Math.max(1, ...reps.map((r) => r.counts.overdue));
          const columns: Column<Rep>[] = [
            { id: 'rep', head: t('col.rep'), rowHeader: true, cell: (r) => repName(r.ownerId, r.name) },
            countColumn('overdue', t('status.overdue'), (r) => r.counts.overdue, lang, {
              cellClass: (r) => (r.counts.overdue > 0 ? 'loss strong' : undefined),
            }),
            meterColumn(
              'overdueBar',
              t('status.overdue'),
              (r) => -r.counts.overdue,
              max,
              (r) => String(r.counts.overdue),
            ),
            countColumn('due', t('status.due'), (r) => r.counts.due, lang),
            countColumn('soon', t('status.soon'), (r) => r.counts.soon, lang),
            countColumn('ok', t('status.ok'), (r) => r.counts.ok, lang),
            countColumn('none', t('status.none'), (r) => r.counts.none, lang, { cellClass: () => 'muted' }),
            { id: 'items', head: t('reps.mostOverdue'), cell: (r) => <MostOverdue items={r.items} /> },
          ];
          return (
            <DataTable
              caption={t('reps.followUps')}
              columns={columns}
              rows={reps}
              rowKey={(r) => r.ownerId ?? ''}
              empty={<Empty title={t('reps.noContacts')}>{t('reps.noContactsHint')}</Empty>}
            />
          );
        }}
      </LoadedView>
    </Card>
  );
}

/** A rep's first three most overdue contacts, each with its tier and due day. */
function MostOverdue(props: { items: FollowUpsReport['reps'][number]['items'] }) {
  const { t, lang } = useI18n();
  if (props.items.length === 0) return <span class="muted">–</span>;
  return (
    <ul class="inline-list">
      {props.items.slice(0, 3).map((i) => (
        <li key={i.contactId}>
          <TierBadge tier={i.tier} /> <Link href={contactPath(i.contactId)}>{i.name}</Link>
          {i.due && <span class="muted small"> · {t('reps.dueOn', { date: formatDay(i.due, lang) })}</span>}
        </li>
      ))}
    </ul>
  );
}
