import '../insight.css';
import { FOLLOW_UP_STATUSES, type FollowUpStatus, TIERS, type Tier } from '@rapport/shared/core';
import type { Company } from '@rapport/shared/schemas/customer';
import { useEffect, useState } from 'preact/hooks';
import type { CustomersReport, Page } from '../../../src/routes/wire-types.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { downloadFile } from '../api.ts';
import { SortHeader } from '../components/data-table.tsx';
import { MemberOptions, Options } from '../components/fields.tsx';
import { FollowUp } from '../components/follow-up.tsx';
import { Link } from '../components/link.tsx';
import { Money } from '../components/money.tsx';
import { PageHead } from '../components/page-head.tsx';
import { Pager, ProfitCells, RiskScore } from '../components/row-cells.tsx';
import { Empty, ErrorNote, Loading } from '../components/states.tsx';
import { TierBadge } from '../components/tier-badge.tsx';
import { WindowNote } from '../components/window-note.tsx';
import { type WindowChoice, WindowPicker, windowQuery } from '../components/window-picker.tsx';
import { useApp, useI18n } from '../context.ts';
import { formatDay, formatNumber, formatPercent } from '../format.ts';
import { customerPath } from '../route.ts';
import { useApi } from '../use-api.ts';

type SortKey = 'name' | 'tier' | 'revenue' | 'profit' | 'margin' | 'orders' | 'lastOrderAt' | 'churn';
/** The churn filter: late, on time, or a minimum score. */
const CHURN_CHOICES = ['late', 'onTime', '25', '50', '75'] as const;
type ChurnChoice = (typeof CHURN_CHOICES)[number] | '';
const PAGE_SIZE = 50;

/** Everything that defines the view: what a saved view stores and what the CSV export repeats. */
export interface CustomerFilters {
  choice: WindowChoice;
  sort: { key: SortKey; order: 'asc' | 'desc' };
  tier: Tier | '';
  /** '' everyone, 'unowned', or a member id. */
  owner: string;
  followUp: FollowUpStatus | '';
  /** A company id ('' any); optional so views saved before it still load. */
  company?: string;
  /** Churn risk ('' any); optional so views saved before it still load. */
  churn?: ChurnChoice;
  /** Only customers nobody talked to in this many days ('' for any). */
  quietDays: string;
  /** Percent as typed ("10", "-5"); '' for no bound. */
  minMargin: string;
  maxMargin: string;
  search: string;
}

const DEFAULT_FILTERS: CustomerFilters = {
  choice: { mode: 'team', from: '', last: '' },
  sort: { key: 'profit', order: 'desc' },
  tier: '',
  owner: '',
  followUp: '',
  quietDays: '',
  minMargin: '',
  maxMargin: '',
  search: '',
};

const VIEWS_KEY = 'rapport.customerViews';
interface SavedView {
  name: string;
  filters: CustomerFilters;
}
function loadViews(): SavedView[] {
  try {
    const v = JSON.parse(localStorage.getItem(VIEWS_KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x) => typeof x?.name === 'string' && x.filters) : [];
  } catch {
    return [];
  }
}

/** "12.5" (percent) -> "0.125" (the API's ratio), exact on the typed digits; null when not a number. */
export function percentToRatio(percent: string): string | null {
  const m = /^\s*(-)?(\d{1,4})(?:[.,](\d{0,2}))?\s*$/.exec(percent);
  if (!m) return null;
  const hundredths = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  const whole = Math.floor(hundredths / 10_000);
  const frac = String(hundredths % 10_000).padStart(4, '0');
  return `${m[1] && hundredths > 0 ? '-' : ''}${whole}.${frac}`;
}

/** The report query of a view (without paging); null while the window is incomplete. */
export function customersQuery(
  f: CustomerFilters,
  teamAsOf: string | null,
): Record<string, string | number | boolean> | null {
  const w = windowQuery(f.choice, teamAsOf);
  if (!w) return null;
  const q: Record<string, string | number | boolean> = { ...w, sort: f.sort.key, order: f.sort.order };
  if (f.tier) q.tier = f.tier;
  if (f.owner === 'unowned') q.unowned = true;
  else if (f.owner) q.ownerId = f.owner;
  if (f.followUp) q.followUp = f.followUp;
  if (f.company) q.companyId = f.company;
  if (f.churn === 'late') q.late = true;
  else if (f.churn === 'onTime') q.late = false;
  else if (f.churn && CHURN_CHOICES.includes(f.churn)) q.minChurn = Number(f.churn);
  if (f.quietDays) q.quietDays = f.quietDays;
  const min = f.minMargin.trim() ? percentToRatio(f.minMargin) : null;
  const max = f.maxMargin.trim() ? percentToRatio(f.maxMargin) : null;
  if (min) q.minMargin = min;
  if (max) q.maxMargin = max;
  if (f.search.trim()) q.search = f.search.trim();
  return q;
}

/** Every customer with its money figures, tier and follow-up for a chosen window: filtered, sorted, paged, exported. */
export function Customers() {
  const { t, lang } = useI18n();
  const { members } = useApp();
  const [filters, setFilters] = useState<CustomerFilters>(DEFAULT_FILTERS);
  const [searchInput, setSearchInput] = useState('');
  const [teamAsOf, setTeamAsOf] = useState<string | null>(null);
  const [views, setViews] = useState<SavedView[]>(loadViews);
  const [viewName, setViewName] = useState('');
  const [exporting, setExporting] = useState<'idle' | 'busy' | 'failed'>('idle');
  const set = (patch: Partial<CustomerFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const companies = useApi<Page<Company>>('/companies', { limit: 500 });

  useEffect(() => {
    const id = setTimeout(() => set({ search: searchInput }), 250);
    return () => clearTimeout(id);
  }, [searchInput]);
  // The page belongs to one set of filters: any change starts again at the first page.
  const filterKey = JSON.stringify(filters);
  const [paging, setPaging] = useState({ key: filterKey, page: 0 });
  const page = paging.key === filterKey ? paging.page : 0;
  const setPage = (next: number) => setPaging({ key: filterKey, page: next });

  const query = customersQuery(filters, teamAsOf);
  const badMargin =
    (filters.minMargin.trim() !== '' && percentToRatio(filters.minMargin) === null) ||
    (filters.maxMargin.trim() !== '' && percentToRatio(filters.maxMargin) === null);
  const report = useApi<CustomersReport>(query ? '/reports/customers' : null, {
    ...query,
    limit: PAGE_SIZE,
    offset: page * PAGE_SIZE,
  });
  const data = report.data;
  useEffect(() => {
    if (data?.window.source === 'team' && data.window.asOf) setTeamAsOf(data.window.asOf);
  }, [data]);

  const saveViews = (next: SavedView[]) => {
    setViews(next);
    localStorage.setItem(VIEWS_KEY, JSON.stringify(next));
  };
  const applyView = (name: string) => {
    const v = views.find((x) => x.name === name);
    if (!v) return;
    setFilters({ ...DEFAULT_FILTERS, ...v.filters });
    setSearchInput(v.filters.search ?? '');
  };
  const exportCsv = async () => {
    if (!query) return;
    setExporting('busy');
    try {
      await downloadFile('/reports/customers/export', query, 'customers.csv');
      setExporting('idle');
    } catch {
      setExporting('failed');
    }
  };

  const sortBy = (key: SortKey) =>
    set({
      sort:
        filters.sort.key === key
          ? { key, order: filters.sort.order === 'asc' ? 'desc' : 'asc' }
          : { key, order: key === 'name' ? 'asc' : 'desc' },
    });
  const header = (key: SortKey | null, label: MessageKey, numeric = false) => (
    <SortHeader
      label={t(label)}
      class={numeric ? 'num' : undefined}
      active={key !== null && filters.sort.key === key ? filters.sort.order : null}
      onSort={key === null ? undefined : () => sortBy(key)}
    />
  );
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const filtered =
    filters.tier !== '' ||
    filters.owner !== '' ||
    filters.followUp !== '' ||
    (filters.company ?? '') !== '' ||
    (filters.churn ?? '') !== '' ||
    (filters.quietDays ?? '') !== '' ||
    filters.minMargin.trim() !== '' ||
    filters.maxMargin.trim() !== '' ||
    filters.search.trim() !== '';
  const memberList = [...members.values()].sort((a, b) => a.name.localeCompare(b.name));
  const companyList = [...(companies.data?.items ?? [])].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <>
      <PageHead title={t('customers.title')}>{data && <WindowNote window={data.window} />}</PageHead>
      <div class="toolbar">
        <WindowPicker value={filters.choice} onChange={(choice) => set({ choice })} />
        <label>
          <span>{t('customers.tierFilter')}</span>
          <select
            value={filters.tier}
            data-testid="tier-filter"
            onChange={(e) => set({ tier: e.currentTarget.value as Tier | '' })}
          >
            <option value="">{t('customers.allTiers')}</option>
            <Options
              values={TIERS}
              label={(x) => (x === 'none' ? t('tier.none') : t('tier.named', { tier: x }))}
            />
          </select>
        </label>
        <label>
          <span>{t('col.owner')}</span>
          <select value={filters.owner} onChange={(e) => set({ owner: e.currentTarget.value })}>
            <option value="">{t('customers.anyOwner')}</option>
            <option value="unowned">{t('reps.unassigned')}</option>
            <MemberOptions members={memberList} />
          </select>
        </label>
        <label>
          <span>{t('col.followUp')}</span>
          <select
            value={filters.followUp}
            onChange={(e) => set({ followUp: e.currentTarget.value as FollowUpStatus | '' })}
          >
            <option value="">{t('customers.anyFollowUp')}</option>
            <Options values={FOLLOW_UP_STATUSES} label={(s) => t(`followUp.${s}`)} />
          </select>
        </label>
        <label>
          <span>{t('customers.company')}</span>
          <select
            value={filters.company ?? ''}
            data-testid="company-filter"
            onChange={(e) => set({ company: e.currentTarget.value })}
          >
            <option value="">{t('customers.anyCompany')}</option>
            <MemberOptions members={companyList} />
          </select>
        </label>
        <label>
          <span>{t('customers.churnFilter')}</span>
          <select
            value={filters.churn ?? ''}
            data-testid="churn-filter"
            onChange={(e) => set({ churn: e.currentTarget.value as ChurnChoice })}
          >
            <option value="">{t('customers.churnAny')}</option>
            <option value="late">{t('churn.late')}</option>
            <option value="onTime">{t('churn.onTime')}</option>
            <Options values={['25', '50', '75'] as const} label={(n) => t('customers.churnMin', { n })} />
          </select>
        </label>
        <label>
          <span>{t('customers.quiet')}</span>
          <select value={filters.quietDays} onChange={(e) => set({ quietDays: e.currentTarget.value })}>
            <option value="">{t('customers.quietAny')}</option>
            <Options
              values={['30', '60', '90', '180', '365']}
              label={(d) => t('customers.quietDays', { days: d })}
            />
          </select>
        </label>
        {(['minMargin', 'maxMargin'] as const).map((bound) => (
          <label key={bound} class="narrow">
            <span>{t(`customers.${bound}`)}</span>
            <input
              inputMode="decimal"
              value={filters[bound]}
              placeholder="%"
              aria-invalid={filters[bound].trim() !== '' && percentToRatio(filters[bound]) === null}
              onInput={(e) => set({ [bound]: e.currentTarget.value })}
            />
          </label>
        ))}
        <label class="grow">
          <span>{t('customers.search')}</span>
          <input
            type="search"
            data-search
            value={searchInput}
            placeholder={t('customers.searchHint')}
            onInput={(e) => setSearchInput(e.currentTarget.value)}
          />
        </label>
      </div>
      {badMargin && (
        <p class="form-error" role="alert">
          {t('customers.badMargin')}
        </p>
      )}
      <div class="toolbar views">
        <label>
          <span>{t('customers.views')}</span>
          <select value="" onChange={(e) => applyView(e.currentTarget.value)}>
            <option value="">{views.length ? t('customers.pickView') : t('customers.noViews')}</option>
            {views.map((v) => (
              <option key={v.name} value={v.name}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const name = viewName.trim();
            if (!name) return;
            saveViews([...views.filter((v) => v.name !== name), { name, filters }]);
            setViewName('');
          }}
        >
          <label>
            <span>{t('customers.viewName')}</span>
            <input value={viewName} maxLength={60} onInput={(e) => setViewName(e.currentTarget.value)} />
          </label>
          <button type="submit" class="button" disabled={!viewName.trim()}>
            {t('customers.saveView')}
          </button>
        </form>
        {views.length > 0 && (
          <button type="button" class="button ghost" onClick={() => saveViews([])}>
            {t('customers.clearViews')}
          </button>
        )}
        <button
          type="button"
          class="button primary push-right"
          disabled={!query || exporting === 'busy'}
          onClick={exportCsv}
        >
          {exporting === 'busy' ? t('customers.exporting') : t('customers.export')}
        </button>
      </div>
      {exporting === 'failed' && (
        <p class="form-error" role="alert">
          {t('customers.exportFailed')}
        </p>
      )}
      {report.error && <ErrorNote error={report.error} onRetry={report.reload} />}
      {!data && !report.error && <Loading />}
      {data && data.totals.lines === 0 && !filtered && (
        <Empty title={t('customers.emptyWindow')}>
          <p>{t('customers.emptyWindowHint')}</p>
        </Empty>
      )}
      {data && (data.totals.lines > 0 || filtered) && (
        <section class="card flush" aria-busy={report.loading}>
          <p class="table-summary" data-testid="customers-summary">
            {t('customers.summary', { count: formatNumber(data.total, lang) })}
            <span class="muted">
              {' · '}
              {t('col.revenue')} <Money value={data.matching.revenue} style="whole" /> · {t('col.profit')}{' '}
              <Money value={data.matching.profit} style="whole" />
              {data.matching.margin !== null && (
                <>
                  {' · '}
                  {t('col.margin')} {formatPercent(data.matching.margin, lang)}
                </>
              )}
              {filtered && (
                <>
                  {' · '}
                  {t('customers.teamProfit')} <Money value={data.totals.profit} style="whole" />
                </>
              )}
            </span>
          </p>
          {data.items.length === 0 ? (
            <Empty title={t('customers.noMatch')} />
          ) : (
            <div class="table-scroll">
              <table class="table" data-keys>
                <caption class="visually-hidden">{t('customers.caption', { page: page + 1, pages })}</caption>
                <thead>
                  <tr>
                    {header('name', 'col.customer')}
                    {header(null, 'col.externalId')}
                    {header('tier', 'col.tier')}
                    {header('revenue', 'col.revenue', true)}
                    {header('profit', 'col.profit', true)}
                    {header('margin', 'col.margin', true)}
                    {header('orders', 'col.orders', true)}
                    {header('lastOrderAt', 'col.lastOrder')}
                    {header(null, 'col.followUp')}
                    {header('churn', 'col.churn', true)}
                    {header(null, 'col.lastInteraction')}
                    {header(null, 'col.owner')}
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((r) => (
                    <tr key={r.id} data-href={customerPath(r.id)}>
                      <th scope="row" class="name">
                        <Link href={customerPath(r.id)}>{r.name}</Link>
                      </th>
                      <td class="ext-id-cell">{r.externalId ?? '–'}</td>
                      <td>
                        <TierBadge tier={r.tier} />
                      </td>
                      <ProfitCells revenue={r.revenue} profit={r.profit} margin={r.margin} />
                      <td class="num">{formatNumber(r.orders, lang)}</td>
                      <td class="nowrap">{r.lastOrderAt ? formatDay(r.lastOrderAt, lang) : '–'}</td>
                      <td>
                        <FollowUp status={r.followUp} />
                      </td>
                      <td class="num nowrap" data-testid="churn-cell">
                        {r.churnScore === null ? (
                          '–'
                        ) : (
                          <>
                            {r.late && <span class="muted">{t('customers.churnLateMark')} </span>}
                            <RiskScore score={r.churnScore} />
                          </>
                        )}
                      </td>
                      <td class="nowrap">
                        {r.lastInteractionAt ? formatDay(r.lastInteractionAt, lang) : '–'}
                      </td>
                      <td>
                        {r.ownerId ? (
                          (members.get(r.ownerId)?.name ?? '–')
                        ) : (
                          <span class="muted">{t('reps.unassigned')}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onPage={(p) => setPage(p)} />
        </section>
      )}
    </>
  );
}
