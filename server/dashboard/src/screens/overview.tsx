import { CustomerName } from '../components/customer-name.tsx';
import { Link } from '../components/link.tsx';
import { Money } from '../components/money.tsx';
import { MoneyKpis } from '../components/money-kpis.tsx';
import { MonthlyChart } from '../components/monthly-chart.tsx';
import { PageHead } from '../components/page-head.tsx';
import { Empty, ErrorNote, Loading } from '../components/states.tsx';
import { TableCsv } from '../components/table-csv.tsx';
import { TierBadge } from '../components/tier-badge.tsx';
import { TierMix } from '../components/tier-mix.tsx';
import { Triangle } from '../components/triangle.tsx';
import { WindowNote } from '../components/window-note.tsx';
import { useApp, useI18n } from '../context.ts';
import { compareDecimals, signOf } from '../decimal.ts';
import { formatNumber, formatPercent } from '../format.ts';
import { customerPath, ROUTES } from '../route.ts';
import type { CustomerRow, CustomersReport, ProfitReport } from '../types.ts';
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
  const customers = useApi<CustomersReport>('/reports/customers', {
    sort: 'profit',
    order: 'desc',
    limit: 100_000,
  });

  const head = (
    <PageHead title={t('overview.title')}>
      {profit.data && <WindowNote window={profit.data.window} />}
    </PageHead>
  );
  if (profit.error || customers.error) {
    return (
      <>
        {head}
        <ErrorNote
          error={(profit.error ?? customers.error) as Error}
          onRetry={() => {
            profit.reload();
            customers.reload();
          }}
        />
      </>
    );
  }
  if (!profit.data || !customers.data) {
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
  const rows = customers.data.items;
  const withRevenue = customers.data.totals.customers;

  return (
    <>
      {head}
      <MoneyKpis
        totals={report.totals}
        comparison={cmp}
        ordersNote={t('overview.customersBuying', { count: formatNumber(withRevenue, lang) })}
      />

      <div class="grid two">
        <section class="card" aria-labelledby="h-profit-month">
          <h2 id="h-profit-month">{t('overview.profitByMonth')}</h2>
          <MonthlyChart measure="profit" current={report} previous={previous.data} />
        </section>
        <section class="card" aria-labelledby="h-revenue-month">
          <h2 id="h-revenue-month">{t('overview.revenueByMonth')}</h2>
          <MonthlyChart measure="revenue" current={report} previous={previous.data} />
        </section>
      </div>

      <div class="grid two">
        <section class="card" aria-labelledby="h-tiers">
          <TableCsv name="tier-mix" />
          <h2 id="h-tiers">{t('overview.tierMix')}</h2>
          <p class="card-lead">{t('overview.tierMixLead')}</p>
          <TierMix rows={rows} />
        </section>
        <LossMakers rows={rows} />
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
          rows={rows.filter((r) => r.tier !== 'none').slice(0, 10)}
          caption={t('overview.topByProfit')}
        />
      </section>
    </>
  );
}

/** Customers with the highest revenue among those whose profit is negative: they buy a lot and cost money. */
function LossMakers(props: { rows: readonly CustomerRow[] }) {
  const { t } = useI18n();
  const losing = props.rows
    .filter((r) => signOf(r.profit) < 0)
    .sort((a, b) => compareDecimals(b.revenue, a.revenue));
  const topRevenue = [...props.rows].sort((a, b) => compareDecimals(b.revenue, a.revenue))[0];
  return (
    <section class="card callout" aria-labelledby="h-loss">
      <TableCsv name="loss-makers" />
      <h2 id="h-loss">{t('overview.lossTitle')}</h2>
      {losing.length === 0 ? (
        <p class="card-lead">{t('overview.lossNone')}</p>
      ) : (
        <>
          <p class="card-lead">{t.plural('overview.lossLead', losing.length)}</p>
          {topRevenue && signOf(topRevenue.profit) < 0 && (
            <p class="alert-line" role="note">
              <Link href={customerPath(topRevenue.id)}>
                {t('overview.lossTopRevenue', { name: topRevenue.name })}
              </Link>
            </p>
          )}
          <CustomerTable rows={losing.slice(0, 5)} caption={t('overview.lossTitle')} />
        </>
      )}
    </section>
  );
}

function CustomerTable(props: { rows: readonly CustomerRow[]; caption: string }) {
  const { t, lang } = useI18n();
  return (
    <table class="table" data-keys>
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('col.customer')}</th>
          <th scope="col">{t('col.tier')}</th>
          <th scope="col" class="num">
            {t('col.profit')}
          </th>
          <th scope="col" class="num">
            {t('col.revenue')}
          </th>
          <th scope="col" class="num">
            {t('col.margin')}
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.id} data-href={customerPath(r.id)}>
            <th scope="row">
              <CustomerName row={r} />
            </th>
            <td>
              <TierBadge tier={r.tier} />
            </td>
            <td class="num">
              <Money value={r.profit} />
            </td>
            <td class="num">
              <Money value={r.revenue} />
            </td>
            <td class={`num${r.margin && signOf(r.margin) < 0 ? ' loss' : ''}`}>
              {r.margin === null ? '–' : formatPercent(r.margin, lang)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
