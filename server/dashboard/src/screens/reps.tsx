import { sumMoneyStrings } from '@rapport/shared/core';
import type { CommissionReport, FollowUpsReport, ProfitByRepReport } from '../../../src/routes/wire-types.ts';
import { Link } from '../components/link.tsx';
import { Meter } from '../components/meter.tsx';
import { Money } from '../components/money.tsx';
import { PageHead } from '../components/page-head.tsx';
import { Empty, ErrorNote, Loading } from '../components/states.tsx';
import { TableCsv } from '../components/table-csv.tsx';
import { TierBadge } from '../components/tier-badge.tsx';
import { WindowNote } from '../components/window-note.tsx';
import { useApp, useI18n } from '../context.ts';
import { formatDay, formatMoney, formatMonth, formatNumber, formatPercent } from '../format.ts';
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
      <section class="card" aria-labelledby="h-rep-profit">
        <TableCsv name="reps-profit" />
        <h2 id="h-rep-profit">{t('reps.profit')}</h2>
        <p class="card-lead">{t('reps.profitLead')}</p>
        {profit.error ? (
          <ErrorNote error={profit.error} onRetry={profit.reload} />
        ) : profit.data ? (
          <RepProfit report={profit.data} />
        ) : (
          <Loading />
        )}
      </section>
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
  return (
    <table class="table">
      <caption class="visually-hidden">{t('reps.profit')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('col.rep')}</th>
          <th scope="col" class="num">
            {t('col.customers')}
          </th>
          <th scope="col" class="num">
            {t('col.orders')}
          </th>
          <th scope="col" class="num">
            {t('col.revenue')}
          </th>
          <th scope="col" class="num">
            {t('col.profit')}
          </th>
          <th scope="col" class="meter-col">
            <span class="visually-hidden">{t('col.profit')}</span>
          </th>
          <th scope="col" class="num">
            {t('col.margin')}
          </th>
        </tr>
      </thead>
      <tbody>
        {reps.map((r) => (
          <tr key={r.ownerId ?? ''}>
            <th scope="row">{repName(r.ownerId, r.name)}</th>
            <td class="num">{formatNumber(r.customers, lang)}</td>
            <td class="num">{formatNumber(r.orders, lang)}</td>
            <td class="num">
              <Money value={r.revenue} style="whole" />
            </td>
            <td class="num">
              <Money value={r.profit} style="whole" />
            </td>
            <td class="meter-col">
              <Meter
                value={Number(r.profit)}
                max={max}
                label={formatMoney(r.profit, currency, lang, 'whole')}
              />
            </td>
            <td class="num">{r.margin === null ? '–' : formatPercent(r.margin, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Commission per rep (rows) and month (columns), exact amounts as the server rounded them. */
function Commission() {
  const { t, lang } = useI18n();
  const { canManage } = useApp();
  const repName = useRepName();
  const report = useApi<CommissionReport>('/reports/commission');
  const body = (() => {
    if (report.error) return <ErrorNote error={report.error} onRetry={report.reload} />;
    if (!report.data) return <Loading />;
    const { rows, reps, rates } = report.data;
    if (rows.length === 0) return <Empty title={t('reps.noCommission')} />;
    const months = [...new Set(rows.map((r) => r.month))].sort();
    const cell = new Map(rows.map((r) => [`${r.ownerId ?? ''}|${r.month}`, r.commission]));
    const monthTotals = months.map((m) =>
      sumMoneyStrings(rows.filter((r) => r.month === m).map((r) => r.commission)),
    );
    const showTotals = canManage && reps.length > 1;
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
          <table class="table compact sticky-first">
            <caption class="visually-hidden">{t('reps.commission')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('col.month')}</th>
                {reps.map((r) => (
                  <th key={r.ownerId ?? ''} scope="col" class="num">
                    {repName(r.ownerId, r.name)}
                  </th>
                ))}
                {showTotals && (
                  <th scope="col" class="num">
                    {t('col.total')}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {months.map((m, i) => (
                <tr key={m}>
                  <th scope="row">{formatMonth(m, lang)}</th>
                  {reps.map((r) => {
                    const v = cell.get(`${r.ownerId ?? ''}|${m}`);
                    return (
                      <td key={r.ownerId ?? ''} class="num">
                        {v === undefined ? <span class="muted">–</span> : <Money value={v} />}
                      </td>
                    );
                  })}
                  {showTotals && (
                    <td class="num strong">
                      <Money value={monthTotals[i] as string} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('col.total')}</th>
                {reps.map((r) => (
                  <td key={r.ownerId ?? ''} class="num">
                    <Money value={r.commission} />
                  </td>
                ))}
                {showTotals && (
                  <td class="num">
                    <Money value={sumMoneyStrings(reps.map((r) => r.commission))} />
                  </td>
                )}
              </tr>
            </tfoot>
          </table>
        </div>
      </>
    );
  })();
  return (
    <section class="card" aria-labelledby="h-commission">
      <TableCsv name="commission" />
      <h2 id="h-commission">{canManage ? t('reps.commission') : t('reps.commissionOwn')}</h2>
      {body}
    </section>
  );
}

function FollowUps() {
  const { t, lang } = useI18n();
  const repName = useRepName();
  const report = useApi<FollowUpsReport>('/reports/follow-ups', { limit: 10 });
  const body = (() => {
    if (report.error) return <ErrorNote error={report.error} onRetry={report.reload} />;
    if (!report.data) return <Loading />;
    const reps = report.data.reps;
    if (reps.length === 0) return <Empty title={t('reps.noContacts')}>{t('reps.noContactsHint')}</Empty>;
    const max = Math.max(1, ...reps.map((r) => r.counts.overdue));
    return (
      <table class="table">
        <caption class="visually-hidden">{t('reps.followUps')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('col.rep')}</th>
            <th scope="col" class="num">
              {t('status.overdue')}
            </th>
            <th scope="col" class="meter-col">
              <span class="visually-hidden">{t('status.overdue')}</span>
            </th>
            <th scope="col" class="num">
              {t('status.due')}
            </th>
            <th scope="col" class="num">
              {t('status.soon')}
            </th>
            <th scope="col" class="num">
              {t('status.ok')}
            </th>
            <th scope="col" class="num">
              {t('status.none')}
            </th>
            <th scope="col">{t('reps.mostOverdue')}</th>
          </tr>
        </thead>
        <tbody>
          {reps.map((r) => (
            <tr key={r.ownerId ?? ''}>
              <th scope="row">{repName(r.ownerId, r.name)}</th>
              <td class={`num${r.counts.overdue > 0 ? ' loss strong' : ''}`}>
                {formatNumber(r.counts.overdue, lang)}
              </td>
              <td class="meter-col">
                <Meter value={-r.counts.overdue} max={max} label={String(r.counts.overdue)} />
              </td>
              <td class="num">{formatNumber(r.counts.due, lang)}</td>
              <td class="num">{formatNumber(r.counts.soon, lang)}</td>
              <td class="num">{formatNumber(r.counts.ok, lang)}</td>
              <td class="num muted">{formatNumber(r.counts.none, lang)}</td>
              <td>
                {r.items.length === 0 ? (
                  <span class="muted">–</span>
                ) : (
                  <ul class="inline-list">
                    {r.items.slice(0, 3).map((i) => (
                      <li key={i.contactId}>
                        <TierBadge tier={i.tier} /> <Link href={contactPath(i.contactId)}>{i.name}</Link>
                        {i.due && (
                          <span class="muted small">
                            {' '}
                            · {t('reps.dueOn', { date: formatDay(i.due, lang) })}
                          </span>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  })();
  return (
    <section class="card" aria-labelledby="h-followups">
      <TableCsv name="follow-ups" />
      <h2 id="h-followups">{t('reps.followUps')}</h2>
      <p class="card-lead">{t('reps.followUpsLead')}</p>
      {body}
    </section>
  );
}
