import { decimalSign } from '@rapport/shared/core';
import type {
  CustomerRow,
  CustomersReport,
  ProfitReport,
  TierMixReport,
} from '../../../src/routes/wire-types.ts';
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
import { formatNumber, formatPercent } from '../format.ts';
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
          <TierMix report={mix.data} />
        </section>
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
    <section class="card callout" aria-labelledby="h-loss">
      <TableCsv name="loss-makers" />
      <h2 id="h-loss">{t('overview.lossTitle')}</h2>
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
            <td class={`num${r.margin && decimalSign(r.margin) < 0 ? ' loss' : ''}`}>
              {r.margin === null ? '–' : formatPercent(r.margin, lang)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
