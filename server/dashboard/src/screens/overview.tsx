import { decimalSign } from '@rapport/shared/core';
import type {
  CustomerRow,
  CustomersReport,
  ProfitReport,
  TierMixReport,
} from '../../../src/routes/wire-types.ts';
import { Card } from '../components/card.tsx';
import { moneyColumn, percentColumn } from '../components/columns.tsx';
import { CustomerName } from '../components/customer-name.tsx';
import { type Column, DataTable } from '../components/data-table.tsx';
import { Link } from '../components/link.tsx';
import { MoneyKpis } from '../components/money-kpis.tsx';
import { MonthlyCharts } from '../components/monthly-chart.tsx';
import { PageHead } from '../components/page-head.tsx';
import { Empty, ErrorNote, Loading } from '../components/states.tsx';
import { TableCsv } from '../components/table-csv.tsx';
import { TierBadge } from '../components/tier-badge.tsx';
import { TierMix } from '../components/tier-mix.tsx';
import { Triangle } from '../components/triangle.tsx';
import { WindowNote } from '../components/window-note.tsx';
import { useApp, useI18n } from '../context.ts';
import { formatNumber } from '../format.ts';
import { customerPath, ROUTES } from '../route.ts';
import { useApi } from '../use-api.ts';

/** The team lead's first look: totals against the previous period, months, tier mix, who earns and who costs. */
export function Overview() {
  const { t, lang } = useI18n();
  const { canManage } = useApp();
  const profit = useApi<ProfitReport>('/reports/profit', { by: 'month' });
  const cmp = profit.data?.comparison ?? null;
  const previous = useApi<ProfitReport>(
    cmp ? '/reports/profit' : null,
    cmp ? { by: 'month', from: cmp.from, to: cmp.to } : undefined,
  );
  // Summaries and short lists, never every customer: the tier mix is one row per tier, the top list
  // ten rows, the loss makers the five D customers with the most revenue.
  const mix = useApi<TierMixReport>('/reports/tier-mix', {});
  const top = useApi<CustomersReport>('/reports/customers', { sort: 'profit', order: 'desc', limit: 10 });
  const losers = useApi<CustomersReport>('/reports/customers', {
    tier: 'D',
    sort: 'revenue',
    order: 'desc',
    limit: 5,
  });
  const topRevenue = useApi<CustomersReport>('/reports/customers', {
    sort: 'revenue',
    order: 'desc',
    limit: 1,
  });
  const lists = [mix, top, losers, topRevenue];

  const head = (
    <PageHead title={t('overview.title')}>
      {profit.data && <WindowNote window={profit.data.window} />}
    </PageHead>
  );
  const failed = [profit, ...lists].find((r) => r.error);
  if (failed) {
    return (
      <>
        {head}
        <ErrorNote
          error={failed.error as Error}
          onRetry={() => {
            profit.reload();
            for (const r of lists) r.reload();
          }}
        />
      </>
    );
  }
  if (!profit.data || !mix.data || !top.data || !losers.data || !topRevenue.data) {
    return (
      <>
        {head}
        <Loading />
      </>
    );
  }
  const report = profit.data;
  if (report.totals.lines === 0) {
    return (
      <>
        {head}
        <Empty title={t('overview.empty')}>
          {canManage ? (
            <Link href={ROUTES.import} class="button primary">
              {t('overview.emptyImport')}
            </Link>
          ) : (
            <p>{t('overview.emptyRep')}</p>
          )}
        </Empty>
      </>
    );
  }
  const withRevenue = top.data.totals.customers;

  return (
    <>
      {head}
      <MoneyKpis
        totals={report.totals}
        comparison={cmp}
        ordersNote={t('overview.customersBuying', { count: formatNumber(withRevenue, lang) })}
      />

      <MonthlyCharts ids={['h-profit-month', 'h-revenue-month']} current={report} previous={previous.data} />

      <div class="grid two">
        <Card id="h-tiers" title={t('overview.tierMix')} csv="tier-mix" lead={t('overview.tierMixLead')}>
          <TierMix report={mix.data} />
        </Card>
        <LossMakers losing={mix.data.losing} rows={losers.data.items} topRevenue={topRevenue.data.items[0]} />
      </div>

      <Triangle profit={report} />

      <section class="card" aria-labelledby="h-top">
        <div class="card-head">
          <h2 id="h-top">{t('overview.topByProfit')}</h2>
          <TableCsv name="top-customers" />
          <Link href={ROUTES.customers} class="more">
            {t('overview.allCustomers')}
          </Link>
        </div>
        <CustomerTable
          rows={top.data.items.filter((r) => r.tier !== 'none')}
          caption={t('overview.topByProfit')}
        />
      </section>
    </>
  );
}

/**
 * Customers with the highest revenue among those whose profit is negative: they buy a lot and cost
 * money. `rows` are the D-tier customers with the most revenue; `losing` counts every loss maker.
 */
function LossMakers(props: {
  losing: number;
  rows: readonly CustomerRow[];
  topRevenue: CustomerRow | undefined;
}) {
  const { t } = useI18n();
  const losing = props.rows.filter((r) => decimalSign(r.profit) < 0);
  const topRevenue = props.topRevenue;
  return (
    <Card id="h-loss" title={t('overview.lossTitle')} csv="loss-makers" class="callout">
      {props.losing === 0 ? (
        <p class="card-lead">{t('overview.lossNone')}</p>
      ) : (
        <>
          <p class="card-lead">{t.plural('overview.lossLead', props.losing)}</p>
          {topRevenue && decimalSign(topRevenue.profit) < 0 && (
            <p class="alert-line" role="note">
              <Link href={customerPath(topRevenue.id)}>
                {t('overview.lossTopRevenue', { name: topRevenue.name })}
              </Link>
            </p>
          )}
          <CustomerTable rows={losing.slice(0, 5)} caption={t('overview.lossTitle')} />
        </>
      )}
    </Card>
  );
}

/** Customers with their tier, profit, revenue and margin; a row opens the customer. */
function CustomerTable(props: { rows: readonly CustomerRow[]; caption: string }) {
  const { t, lang } = useI18n();
  const columns: Column<CustomerRow>[] = [
    { id: 'customer', head: t('col.customer'), rowHeader: true, cell: (r) => <CustomerName row={r} /> },
    { id: 'tier', head: t('col.tier'), cell: (r) => <TierBadge tier={r.tier} /> },
    moneyColumn('profit', t('col.profit'), (r) => r.profit),
    moneyColumn('revenue', t('col.revenue'), (r) => r.revenue),
    percentColumn('margin', t('col.margin'), (r) => r.margin, lang, { loss: true }),
  ];
  return (
    <DataTable
      caption={props.caption}
      columns={columns}
      rows={props.rows}
      rowKey={(r) => r.id}
      rowHref={(r) => customerPath(r.id)}
    />
  );
}
