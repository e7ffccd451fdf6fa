import { decimalSign } from '@rapport/shared/core';
import type { Contact } from '@rapport/shared/schemas/contact';
import type { Interaction } from '@rapport/shared/schemas/interaction';
import type { Opportunity, Ticket } from '@rapport/shared/schemas/pipeline';
import { useEffect, useState } from 'preact/hooks';
import type { CustomerDetail, CustomerLines, Page, ProfitReport } from '../../../src/routes/wire-types.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { api } from '../api.ts';
import { Card } from '../components/card.tsx';
import { moneyColumn, percentColumn, tierColumn } from '../components/columns.tsx';
import { columnsOf, DataTable, SortHeader } from '../components/data-table.tsx';
import { Check, MemberOptions, Options } from '../components/fields.tsx';
import { FollowUp } from '../components/follow-up.tsx';
import { Link } from '../components/link.tsx';
import { MergeCustomer } from '../components/merge-customer.tsx';
import { Money } from '../components/money.tsx';
import { MoneyKpis } from '../components/money-kpis.tsx';
import { MonthlyCharts } from '../components/monthly-chart.tsx';
import { PageHead } from '../components/page-head.tsx';
import { Pager, ProfitCells } from '../components/row-cells.tsx';
import { Empty, ErrorNote, errorMessage, Loading } from '../components/states.tsx';
import { TableCsv } from '../components/table-csv.tsx';
import { TierBadge } from '../components/tier-badge.tsx';
import { WindowNote } from '../components/window-note.tsx';
import { type WindowChoice, WindowPicker, windowQuery } from '../components/window-picker.tsx';
import { useApp, useI18n } from '../context.ts';
import { formatDay, formatInstant, formatMoney, formatNumber, formatPctChange } from '../format.ts';
import { contactPath, ROUTES } from '../route.ts';
import { useApi, useSearch } from '../use-api.ts';

const LINES_PAGE = 25;
const OPEN_STAGES = new Set(['lead', 'qualified', 'proposal', 'negotiation']);

/** A customer's detail as the monthly chart's report shape (the chart is shared with the overview). */
function asProfitReport(d: CustomerDetail): ProfitReport {
  return { window: d.window, by: 'month', periods: d.months, totals: d.totals, comparison: d.comparison };
}

/** One customer: money by month and year against the previous period, orders, products, people, owner. */
export function CustomerPage(props: { id: string }) {
  const { t, lang } = useI18n();
  const { canManage, currency } = useApp();
  const [choice, setChoice] = useState<WindowChoice>({ mode: 'team', from: '', last: '' });
  const [teamAsOf, setTeamAsOf] = useState<string | null>(null);
  const base = `/reports/customers/${encodeURIComponent(props.id)}`;
  const windowParams = windowQuery(choice, teamAsOf);
  const detail = useApi<CustomerDetail>(windowParams ? base : null, windowParams ?? undefined);
  const d = detail.data;
  const cmp = d?.comparison ?? null;
  const previous = useApi<CustomerDetail>(
    cmp ? base : null,
    cmp ? { from: cmp.from, to: cmp.to } : undefined,
  );
  useEffect(() => {
    if (d?.window.source === 'team' && d.window.asOf) setTeamAsOf(d.window.asOf);
  }, [d]);

  const title = d?.customer.name ?? t('customer.title');
  if (detail.error && !d)
    return (
      <>
        <PageHead title={t('customer.title')} />
        <ErrorNote error={detail.error} onRetry={detail.reload} />
        <p>
          <Link href={ROUTES.customers}>{t('customer.back')}</Link>
        </p>
      </>
    );
  if (!d)
    return (
      <>
        <PageHead title={title} />
        <Loading />
      </>
    );
  const f = d.figures;
  const losing = decimalSign(d.totals.profit) < 0;

  return (
    <>
      <PageHead title={title}>
        <p class="crumbs">
          <Link href={ROUTES.customers}>{t('nav.customers')}</Link>
          {d.customer.externalId && <span class="ext-id">{d.customer.externalId}</span>}
          <TierBadge tier={f.tier} />
          {d.customer.deleted && <span class="muted">{t('customer.deleted')}</span>}
        </p>
        <WindowNote window={d.window} />
      </PageHead>
      <div class="toolbar">
        <WindowPicker value={choice} onChange={setChoice} />
      </div>
      {losing && (
        <p class="alert-line" role="note" data-testid="customer-loss">
          {t('customer.loss', { amount: formatMoney(d.totals.profit.replace('-', ''), currency, lang) })}
        </p>
      )}
      <MoneyKpis
        totals={d.totals}
        comparison={cmp}
        ordersNote={f.lastOrderAt && t('customer.lastOrder', { date: formatDay(f.lastOrderAt, lang) })}
      />

      <div class="grid two">
        <section class="card" aria-labelledby="h-owner">
          <h2 id="h-owner">{t('customer.ownerAndFollowUp')}</h2>
          <Owner
            id={props.id}
            ownerId={d.customer.ownerId}
            canManage={canManage && !d.customer.deleted}
            onSaved={detail.reload}
          />
          <p class="field-line">
            <span class="muted">{t('col.followUp')}</span>{' '}
            <FollowUp status={f.followUp} due={f.followUpDue} />
          </p>
        </section>
        <Card id="h-years" title={t('customer.byYear')} csv="customer-years">
          <p class="card-lead small">{t('customer.tierHistory')}</p>
          <DataTable
            class="compact"
            columns={columnsOf<CustomerDetail['years'][number]>([
              { id: 'year', head: t('customer.year'), rowHeader: true, cell: (y) => y.period },
              tierColumn(t('col.tier'), (y) => y.tier),
              moneyColumn('revenue', t('col.revenue'), (y) => y.revenue),
              moneyColumn('profit', t('col.profit'), (y) => y.profit),
              percentColumn('margin', t('col.margin'), (y) => y.margin, lang),
              {
                id: 'change',
                head: t('customer.vsYearBefore'),
                num: true,
                cell: (y) => (y.change?.profitPct == null ? '–' : formatPctChange(y.change.profitPct, lang)),
              },
            ])}
            rows={d.years}
            rowKey={(y) => y.period}
            empty={<p class="muted">{t('customer.noLines')}</p>}
          />
        </Card>
      </div>

      {d.months.length > 0 && (
        <MonthlyCharts
          ids={['h-c-profit', 'h-c-revenue']}
          current={asProfitReport(d)}
          previous={previous.data && asProfitReport(previous.data)}
        />
      )}

      <Orders base={base} windowParams={windowParams ?? {}} />

      <div class="grid two">
        <Bought title="customer.products" rows={d.products.slice(0, 10)} />
        <Bought title="customer.categories" rows={d.categories} />
      </div>

      <People
        customerId={props.id}
        contacts={d.contacts}
        canEdit={!d.customer.deleted}
        onChanged={detail.reload}
      />
      <OpenWork customerId={props.id} />
      {canManage && !d.customer.deleted && (
        <MergeCustomer id={props.id} name={d.customer.name} onMerged={detail.reload} />
      )}
    </>
  );
}

/** The owner, and for leads a select that reassigns the customer. */
function Owner(props: { id: string; ownerId: string | null; canManage: boolean; onSaved(): void }) {
  const { t, lang } = useI18n();
  const { members } = useApp();
  const [state, setState] = useState<'idle' | 'busy' | 'saved' | 'failed'>('idle');
  const [message, setMessage] = useState('');
  const name = props.ownerId ? (members.get(props.ownerId)?.name ?? '–') : t('reps.unassigned');
  if (!props.canManage)
    return (
      <p class="field-line">
        <span class="muted">{t('col.owner')}</span> {name}
      </p>
    );
  const active = [...members.values()].filter((m) => m.active).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div class="field-line">
      <label>
        <span class="muted">{t('col.owner')}</span>{' '}
        <select
          value={props.ownerId ?? ''}
          disabled={state === 'busy'}
          data-testid="owner-select"
          onChange={async (e) => {
            const ownerId = e.currentTarget.value || null;
            setState('busy');
            try {
              await api(`/customers/${encodeURIComponent(props.id)}`, { method: 'PATCH', body: { ownerId } });
              setState('saved');
              props.onSaved();
            } catch (err) {
              setMessage(errorMessage(err, lang));
              setState('failed');
            }
          }}
        >
          <option value="">{t('reps.unassigned')}</option>
          <MemberOptions members={active} />
        </select>
      </label>
      {state === 'saved' && (
        <span class="saved" role="status">
          {' '}
          {t('customer.reassigned')}
        </span>
      )}
      {state === 'failed' && (
        <p class="form-error" role="alert">
          {t('customer.saveFailed', { message })}
        </p>
      )}
    </div>
  );
}

type LineSort = 'orderedAt' | 'orderId' | 'product' | 'quantity' | 'revenue' | 'profit' | 'margin';

/** The customer's order lines in the window: search, category, losses only, sort, pages. */
function Orders(props: { base: string; windowParams: Record<string, string | boolean> }) {
  const { t, lang } = useI18n();
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState('');
  const [loss, setLoss] = useState(false);
  const [sort, setSort] = useState<{ key: LineSort; order: 'asc' | 'desc' }>({
    key: 'orderedAt',
    order: 'desc',
  });
  const key = JSON.stringify([props.windowParams, search, category, loss, sort]);
  const [paging, setPaging] = useState({ key, page: 0 });
  const page = paging.key === key ? paging.page : 0;
  const lines = useApi<CustomerLines>(`${props.base}/lines`, {
    ...props.windowParams,
    search: search.trim(),
    category,
    loss: loss || undefined,
    sort: sort.key,
    order: sort.order,
    limit: LINES_PAGE,
    offset: page * LINES_PAGE,
  });
  const data = lines.data;
  const header = (k: LineSort, label: MessageKey, numeric = false) => (
    <SortHeader
      label={t(label)}
      class={numeric ? 'num' : undefined}
      active={sort.key === k ? sort.order : null}
      onSort={() =>
        setSort((s) =>
          s.key === k ? { key: k, order: s.order === 'asc' ? 'desc' : 'asc' } : { key: k, order: 'desc' },
        )
      }
    />
  );
  return (
    <section class="card flush" aria-labelledby="h-orders" aria-busy={lines.loading}>
      <div class="card-head padded">
        <h2 id="h-orders">{t('customer.orders')}</h2>
        <TableCsv name="customer-orders" />
      </div>
      <div class="toolbar padded">
        <label class="grow">
          <span>{t('customer.searchLines')}</span>
          <input type="search" value={search} data-search onInput={(e) => setSearch(e.currentTarget.value)} />
        </label>
        <label>
          <span>{t('customer.category')}</span>
          <select value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
            <option value="">{t('customer.allCategories')}</option>
            <Options values={data?.categories ?? []} />
          </select>
        </label>
        <Check label={t('customer.lossOnly')} checked={loss} onChange={setLoss} />
      </div>
      {lines.error && <ErrorNote error={lines.error} onRetry={lines.reload} />}
      {!data && !lines.error && <Loading />}
      {data && (
        <>
          <p class="table-summary">
            {t('customer.linesSummary', { count: formatNumber(data.total, lang) })}
            <span class="muted">
              {' · '}
              {t('col.revenue')} <Money value={data.matching.revenue} /> · {t('col.profit')}{' '}
              <Money value={data.matching.profit} />
            </span>
          </p>
          {data.items.length === 0 ? (
            <Empty title={t('customer.noLines')} />
          ) : (
            <div class="table-scroll">
              <table class="table">
                <thead>
                  <tr>
                    {header('orderedAt', 'customer.date')}
                    {header('orderId', 'customer.order')}
                    {header('product', 'customer.product')}
                    <th scope="col">{t('customer.category')}</th>
                    {header('quantity', 'customer.quantity', true)}
                    {header('revenue', 'col.revenue', true)}
                    {header('profit', 'col.profit', true)}
                    {header('margin', 'col.margin', true)}
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((l) => (
                    <tr key={l.id}>
                      <td class="nowrap">{formatDay(l.orderedAt, lang)}</td>
                      <td class="ext-id-cell">{l.orderId}</td>
                      <th scope="row" class="name">
                        {l.productName ?? '–'}
                      </th>
                      <td>{[l.category, l.subCategory].filter(Boolean).join(' · ') || '–'}</td>
                      <td class="num">{formatNumber(l.quantity, lang, 2)}</td>
                      <ProfitCells revenue={l.revenue} profit={l.profit} margin={l.margin} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager
            page={page}
            pageSize={LINES_PAGE}
            total={data.total}
            onPage={(p) => setPaging({ key, page: p })}
          />
        </>
      )}
    </section>
  );
}

function Bought(props: { title: MessageKey; rows: CustomerDetail['categories'] }) {
  const { t, lang } = useI18n();
  const name = props.title.replace('customer.', 'customer-');
  return (
    <Card id={`h-${name}`} title={t(props.title)} csv={name}>
      <DataTable
        class="compact"
        columns={columnsOf<CustomerDetail['categories'][number]>([
          { id: 'name', head: t(props.title), rowHeader: true, cell: (r) => r.name || '–' },
          {
            id: 'quantity',
            head: t('customer.quantity'),
            num: true,
            cell: (r) => formatNumber(r.quantity, lang, 2),
          },
          moneyColumn('revenue', t('col.revenue'), (r) => r.revenue),
          moneyColumn('profit', t('col.profit'), (r) => r.profit),
        ])}
        rows={props.rows}
        rowKey={(r) => r.name}
        empty={<p class="muted">{t('customer.noLines')}</p>}
      />
    </Card>
  );
}

/** Linked contacts (link, unlink) and their interactions as one timeline, newest first. */
function People(props: {
  customerId: string;
  contacts: CustomerDetail['contacts'];
  canEdit: boolean;
  onChanged(): void;
}) {
  const { t, lang } = useI18n();
  const { members } = useApp();
  const [timeline, setTimeline] = useState<Interaction[] | null>(null);
  const [find, setFind] = useState('');
  const found = useSearch<Contact>('/contacts', find, (c) => c.customerId !== props.customerId);
  const [error, setError] = useState('');
  const ids = props.contacts.map((c) => c.id).join(',');
  useEffect(() => {
    const controller = new AbortController();
    const list = props.contacts.slice(0, 20);
    Promise.all(
      list.map((c) =>
        api<Page<Interaction>>('/interactions', {
          query: { contactId: c.id, limit: 100 },
          signal: controller.signal,
        }),
      ),
    )
      .then((pages) =>
        setTimeline(
          pages
            .flatMap((p) => p.items)
            .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
            .slice(0, 50),
        ),
      )
      .catch(() => {});
    return () => controller.abort();
  }, [ids]);
  const link = async (contactId: string, customerId: string | null) => {
    setError('');
    try {
      await api(`/contacts/${encodeURIComponent(contactId)}`, { method: 'PATCH', body: { customerId } });
      setFind('');
      props.onChanged();
    } catch (err) {
      setError(errorMessage(err, lang));
    }
  };
  const nameOf = new Map(props.contacts.map((c) => [c.id, c.name]));
  return (
    <div class="grid two">
      <section class="card" aria-labelledby="h-people">
        <h2 id="h-people">{t('customer.people')}</h2>
        {props.contacts.length === 0 ? (
          <p class="muted">{t('customer.noPeople')}</p>
        ) : (
          <table class="table compact" data-keys>
            <tbody>
              {props.contacts.map((c) => (
                <tr key={c.id} data-href={contactPath(c.id)}>
                  <th scope="row">
                    <Link href={contactPath(c.id)} class="name">
                      {c.name}
                    </Link>
                    {c.title && <span class="ext-id">{c.title}</span>}
                  </th>
                  <td>
                    <FollowUp status={c.followUp} due={c.due} />
                  </td>
                  <td class="muted">{c.ownerId ? members.get(c.ownerId)?.name : ''}</td>
                  <td class="num">
                    {props.canEdit && (
                      <button type="button" class="button ghost small" onClick={() => link(c.id, null)}>
                        {t('customer.unlink')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {props.canEdit && (
          <div class="link-box">
            <label class="block">
              <span>{t('customer.linkContact')}</span>
              <input
                type="search"
                value={find}
                placeholder={t('customer.linkHint')}
                onInput={(e) => setFind(e.currentTarget.value)}
              />
            </label>
            {found.length > 0 && (
              <ul class="picks">
                {found.map((c) => (
                  <li key={c.id}>
                    <span>
                      {c.name}
                      {c.emails[0] && <span class="muted"> · {c.emails[0]}</span>}
                    </span>
                    <button type="button" class="button small" onClick={() => link(c.id, props.customerId)}>
                      {t('customer.link')}
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {error && (
              <p class="form-error" role="alert">
                {t('customer.saveFailed', { message: error })}
              </p>
            )}
          </div>
        )}
      </section>
      <section class="card" aria-labelledby="h-timeline">
        <h2 id="h-timeline">{t('customer.timeline')}</h2>
        {timeline === null ? (
          <Loading />
        ) : timeline.length === 0 ? (
          <p class="muted">{t('customer.noInteractions')}</p>
        ) : (
          <ol class="timeline">
            {timeline.map((i) => (
              <li key={i.id}>
                <p class="small muted">
                  {formatInstant(i.at, lang)} · {t(`kind.${i.kind}` as MessageKey)} ·{' '}
                  {i.direction === 'in' ? t('customer.inbound') : t('customer.outbound')} ·{' '}
                  {nameOf.get(i.contactId) ?? ''}
                </p>
                <p>{i.subject ?? i.summary ?? '–'}</p>
                {i.subject && i.summary && <p class="small">{i.summary}</p>}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

/** Open opportunities and tickets of this customer. */
function OpenWork(props: { customerId: string }) {
  const { t, lang } = useI18n();
  const opportunities = useApi<Page<Opportunity>>('/opportunities', {
    customerId: props.customerId,
    limit: 100,
  });
  const tickets = useApi<Page<Ticket>>('/tickets', { customerId: props.customerId, limit: 100 });
  const open = (opportunities.data?.items ?? []).filter((o) => OPEN_STAGES.has(o.stage));
  const openTickets = (tickets.data?.items ?? []).filter(
    (x) => x.status === 'open' || x.status === 'in-progress',
  );
  return (
    <div class="grid two">
      <section class="card" aria-labelledby="h-opps">
        <h2 id="h-opps">{t('customer.openOpportunities')}</h2>
        {open.length === 0 ? (
          <p class="muted">{t('customer.none')}</p>
        ) : (
          <ul class="plain-list">
            {open.map((o) => (
              <li key={o.id}>
                <strong>{o.title}</strong> · <Money value={o.amount} /> · {o.stage}
                {o.closeDate && <span class="muted"> · {formatDay(o.closeDate, lang)}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="h-tickets">
        <h2 id="h-tickets">{t('customer.openTickets')}</h2>
        {openTickets.length === 0 ? (
          <p class="muted">{t('customer.none')}</p>
        ) : (
          <ul class="plain-list">
            {openTickets.map((x) => (
              <li key={x.id}>
                <strong>{x.title}</strong> · {x.severity} · {x.status}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
