import { useEffect, useState } from 'preact/hooks';
import type { MessageKey } from '../../i18n/index.ts';
import { Money } from '../components/money.tsx';
import { PageHead } from '../components/page-head.tsx';
import { Empty, ErrorNote, Loading } from '../components/states.tsx';
import { TierBadge } from '../components/tier-badge.tsx';
import { WindowNote } from '../components/window-note.tsx';
import { type WindowChoice, WindowPicker, windowQuery } from '../components/window-picker.tsx';
import { useApp, useI18n } from '../context.ts';
import { signOf } from '../decimal.ts';
import { formatDay, formatNumber, formatPercent } from '../format.ts';
import { type CustomersReport, TIERS, type Tier } from '../types.ts';
import { useApi } from '../use-api.ts';

type SortKey = 'name' | 'tier' | 'revenue' | 'profit' | 'margin' | 'orders' | 'lastOrderAt';
const PAGE_SIZE = 50;

/** Every customer with its money figures and tier for a chosen window: sortable, searchable, paged. */
export function Customers() {
  const { t, lang } = useI18n();
  const { members } = useApp();
  const [choice, setChoice] = useState<WindowChoice>({ mode: 'team', from: '', last: '' });
  const [sort, setSort] = useState<{ key: SortKey; order: 'asc' | 'desc' }>({ key: 'profit', order: 'desc' });
  const [tier, setTier] = useState<Tier | ''>('');
  const [searchInput, setSearchInput] = useState('');
  const [search, setSearch] = useState('');
  const [teamAsOf, setTeamAsOf] = useState<string | null>(null);

  useEffect(() => {
    const id = setTimeout(() => setSearch(searchInput.trim()), 250);
    return () => clearTimeout(id);
  }, [searchInput]);
  // The page belongs to one set of filters: any change starts again at the first page.
  const filterKey = JSON.stringify([choice, sort, tier, search]);
  const [paging, setPaging] = useState({ key: filterKey, page: 0 });
  const page = paging.key === filterKey ? paging.page : 0;
  const setPage = (next: number) => setPaging({ key: filterKey, page: next });

  const windowParams = windowQuery(choice, teamAsOf);
  const report = useApi<CustomersReport>(windowParams ? '/reports/customers' : null, {
    ...windowParams,
    sort: sort.key,
    order: sort.order,
    limit: PAGE_SIZE,
    offset: page * PAGE_SIZE,
    tier,
    search,
  });
  const data = report.data;
  useEffect(() => {
    if (data?.window.source === 'team' && data.window.asOf) setTeamAsOf(data.window.asOf);
  }, [data]);

  const sortBy = (key: SortKey) =>
    setSort((s) =>
      s.key === key
        ? { key, order: s.order === 'asc' ? 'desc' : 'asc' }
        : { key, order: key === 'name' ? 'asc' : 'desc' },
    );
  const header = (key: SortKey | null, label: MessageKey, numeric = false) => {
    const active = key !== null && sort.key === key;
    return (
      <th
        scope="col"
        class={numeric ? 'num' : undefined}
        aria-sort={
          key === null ? undefined : active ? (sort.order === 'asc' ? 'ascending' : 'descending') : 'none'
        }
      >
        {key === null ? (
          t(label)
        ) : (
          <button type="button" class="sort" onClick={() => sortBy(key)}>
            {t(label)}
            <span aria-hidden="true" class="sort-mark">
              {active ? (sort.order === 'asc' ? '▲' : '▼') : '↕'}
            </span>
          </button>
        )}
      </th>
    );
  };
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <>
      <PageHead title={t('customers.title')}>{data && <WindowNote window={data.window} />}</PageHead>
      <div class="toolbar">
        <WindowPicker value={choice} onChange={setChoice} />
        <label>
          <span>{t('customers.tierFilter')}</span>
          <select value={tier} onChange={(e) => setTier(e.currentTarget.value as Tier | '')}>
            <option value="">{t('customers.allTiers')}</option>
            {TIERS.map((x) => (
              <option key={x} value={x}>
                {x === 'none' ? t('tier.none') : t('tier.named', { tier: x })}
              </option>
            ))}
          </select>
        </label>
        <label class="grow">
          <span>{t('customers.search')}</span>
          <input
            type="search"
            value={searchInput}
            placeholder={t('customers.searchHint')}
            onInput={(e) => setSearchInput(e.currentTarget.value)}
          />
        </label>
      </div>
      {report.error && <ErrorNote error={report.error} onRetry={report.reload} />}
      {!data && !report.error && <Loading />}
      {data && data.totals.lines === 0 && !search && !tier && (
        <Empty title={t('customers.emptyWindow')}>
          <p>{t('customers.emptyWindowHint')}</p>
        </Empty>
      )}
      {data && (data.totals.lines > 0 || search || tier) && (
        <section class="card flush" aria-busy={report.loading}>
          <p class="table-summary">
            {t('customers.summary', { count: formatNumber(data.total, lang) })}
            <span class="muted">
              {' · '}
              {t('col.revenue')} <Money value={data.totals.revenue} style="whole" /> · {t('col.profit')}{' '}
              <Money value={data.totals.profit} style="whole" />
            </span>
          </p>
          {data.items.length === 0 ? (
            <Empty title={t('customers.noMatch')} />
          ) : (
            <div class="table-scroll">
              <table class="table">
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
                    {header(null, 'col.owner')}
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((r) => (
                    <tr key={r.id}>
                      <th scope="row" class="name">
                        {r.name}
                      </th>
                      <td class="ext-id-cell">{r.externalId ?? '–'}</td>
                      <td>
                        <TierBadge tier={r.tier} />
                      </td>
                      <td class="num">
                        <Money value={r.revenue} />
                      </td>
                      <td class="num">
                        <Money value={r.profit} />
                      </td>
                      <td class={`num${r.margin && signOf(r.margin) < 0 ? ' loss' : ''}`}>
                        {r.margin === null ? '–' : formatPercent(r.margin, lang)}
                      </td>
                      <td class="num">{formatNumber(r.orders, lang)}</td>
                      <td>{r.lastOrderAt ? formatDay(r.lastOrderAt, lang) : '–'}</td>
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
          <nav class="pager" aria-label={t('customers.pages')}>
            <button type="button" class="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
              {t('customers.prev')}
            </button>
            <span aria-live="polite">
              {t('customers.range', {
                first: formatNumber(data.total === 0 ? 0 : page * PAGE_SIZE + 1, lang),
                last: formatNumber(Math.min(data.total, (page + 1) * PAGE_SIZE), lang),
                total: formatNumber(data.total, lang),
              })}
            </span>
            <button
              type="button"
              class="button"
              disabled={page + 1 >= pages}
              onClick={() => setPage(page + 1)}
            >
              {t('customers.next')}
            </button>
          </nav>
        </section>
      )}
    </>
  );
}
