import '../insight.css';
import { useState } from 'preact/hooks';
import type { AffinityReport, ChurnReport, Segment, SegmentsReport } from '../../../src/routes/wire-types.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { BarChart } from '../components/bar-chart.tsx';
import { CustomerName } from '../components/customer-name.tsx';
import { Meter } from '../components/meter.tsx';
import { Money } from '../components/money.tsx';
import { PageHead } from '../components/page-head.tsx';
import { Empty, ErrorNote, Loading } from '../components/states.tsx';
import { TableCsv } from '../components/table-csv.tsx';
import { TierBadge } from '../components/tier-badge.tsx';
import { WindowNote } from '../components/window-note.tsx';
import { type WindowChoice, WindowPicker, windowQuery } from '../components/window-picker.tsx';
import { useApp, useI18n } from '../context.ts';
import { formatMoney, formatNumber, formatPercent } from '../format.ts';
import { useApi } from '../use-api.ts';

const segmentKey = (s: Segment | 'none') => `segment.${s}` as MessageKey;

/** RFM segments with sizes, profit share and movement, k-means clusters, affinity, baskets and churn. */
export function Segments() {
  const { t } = useI18n();
  const [choice, setChoice] = useState<WindowChoice>({ mode: 'team', from: '', last: '' });
  const [asOf, setAsOf] = useState<string | null>(null);
  const w = windowQuery(choice, asOf);
  const seg = useApi<SegmentsReport>(w ? '/reports/segments' : null, { ...w, limit: 1 });
  if (seg.data?.window.asOf && seg.data.window.asOf !== asOf) setAsOf(seg.data.window.asOf);
  const data = seg.data;
  return (
    <>
      <PageHead title={t('segments.title')}>{data && <WindowNote window={data.window} />}</PageHead>
      <div class="toolbar">
        <WindowPicker value={choice} onChange={setChoice} />
      </div>
      {seg.error ? (
        <ErrorNote error={seg.error} onRetry={seg.reload} />
      ) : !data ? (
        <Loading />
      ) : data.totals.customers === 0 ? (
        <Empty title={t('segments.empty')} />
      ) : (
        <>
          <SegmentSizes report={data} />
          <Transitions report={data} />
          {data.clusters && <Clusters report={data} />}
        </>
      )}
      {w && <Affinity query={w} />}
      {w && <Churn query={w} />}
    </>
  );
}

function SegmentSizes(props: { report: SegmentsReport }) {
  const { t, lang } = useI18n();
  const { currency } = useApp();
  const rows = props.report.segments.filter((s) => s.customers > 0);
  const max = Math.max(...rows.map((r) => Math.abs(Number(r.profit))));
  return (
    <section class="card" aria-labelledby="h-seg-sizes">
      <TableCsv name="segments" />
      <h2 id="h-seg-sizes">{t('segments.sizes')}</h2>
      <p class="card-lead">{t('segments.sizesLead')}</p>
      <BarChart
        title={t('segments.profitChart')}
        categories={rows.map((r) => t(segmentKey(r.segment)))}
        axisLabels={rows.map((r) => t(segmentKey(r.segment)))}
        series={[
          {
            label: t('col.profit'),
            values: rows.map((r) => Number(r.profit)),
            texts: rows.map((r) => formatMoney(r.profit, currency, lang, 'whole')),
            kind: 'bar',
            tone: 's-profit',
          },
        ]}
        formatTick={(v) => formatMoney(v, currency, lang, 'compact')}
        height={240}
      />
      <table class="table compact" data-testid="segment-sizes">
        <caption class="visually-hidden">{t('segments.sizes')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('segments.title')}</th>
            <th scope="col" class="num">
              {t('col.customers')}
            </th>
            <th scope="col" class="num">
              {t('col.profit')}
            </th>
            <th scope="col" class="num">
              {t('segments.share')}
            </th>
            <th scope="col" class="meter-col">
              <span class="visually-hidden">{t('segments.share')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.segment}>
              <th scope="row">{t(segmentKey(r.segment))}</th>
              <td class="num">{formatNumber(r.customers, lang)}</td>
              <td class="num">
                <Money value={r.profit} style="whole" />
              </td>
              <td class="num">{r.profitShare === null ? '—' : formatPercent(r.profitShare, lang)}</td>
              <td class="meter-col">
                <Meter value={Number(r.profit)} max={max} label={t(segmentKey(r.segment))} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Transitions(props: { report: SegmentsReport }) {
  const { t, lang } = useI18n();
  const { report } = props;
  const cells = new Map(report.transitions.map((x) => [`${x.from}>${x.to}`, x.customers]));
  const froms = [...new Set(report.transitions.map((x) => x.from))];
  const tos = [...new Set(report.transitions.map((x) => x.to))];
  const order = [...report.segments.map((s) => s.segment as Segment | 'none'), 'none'];
  froms.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  tos.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return (
    <section class="card" aria-labelledby="h-seg-moves">
      {report.previous && <TableCsv name="segment-transitions" />}
      <h2 id="h-seg-moves">{t('segments.transitions')}</h2>
      {!report.previous ? (
        <p class="card-lead">{t('segments.noPrevious')}</p>
      ) : (
        <>
          <p class="card-lead">{t('segments.transitionsLead')}</p>
          <div class="scroll-x">
            <table class="table compact matrix" data-testid="segment-transitions">
              <caption class="visually-hidden">{t('segments.transitions')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('segments.from')}</th>
                  {tos.map((to) => (
                    <th key={to} scope="col" class="num">
                      {t(segmentKey(to))}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {froms.map((from) => (
                  <tr key={from}>
                    <th scope="row">{t(segmentKey(from))}</th>
                    {tos.map((to) => {
                      const n = cells.get(`${from}>${to}`) ?? 0;
                      return (
                        <td key={to} class={`num${from === to && n > 0 ? ' same' : ''}`}>
                          {n === 0 ? '·' : formatNumber(n, lang)}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function Clusters(props: { report: SegmentsReport }) {
  const { t, lang } = useI18n();
  const { currency } = useApp();
  const c = props.report.clusters;
  if (!c) return null;
  return (
    <section class="card" aria-labelledby="h-clusters">
      <TableCsv name="clusters" />
      <h2 id="h-clusters">{t('segments.clusters')}</h2>
      <p class="card-lead">
        {t('segments.clustersLead', {
          k: c.k,
          silhouette: formatNumber(c.silhouette, lang, 2),
          seed: c.seed,
        })}
      </p>
      <table class="table compact" data-testid="clusters">
        <caption class="visually-hidden">{t('segments.clusters')}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col" class="num">
              {t('col.customers')}
            </th>
            <th scope="col" class="num">
              {t('col.profit')}
            </th>
            <th scope="col" class="num">
              {t('segments.recencyDays')}
            </th>
            <th scope="col" class="num">
              {t('col.orders')}
            </th>
            <th scope="col" class="num">
              {t('col.profit')} ⌀
            </th>
            <th scope="col" class="num">
              {t('col.margin')} ⌀
            </th>
          </tr>
        </thead>
        <tbody>
          {c.groups.map((g) => (
            <tr key={g.cluster}>
              <th scope="row">{t('segments.cluster', { n: g.cluster + 1 })}</th>
              <td class="num">{formatNumber(g.customers, lang)}</td>
              <td class="num">
                <Money value={g.profit} style="whole" />
              </td>
              <td class="num">{formatNumber(g.centroid[0] ?? 0, lang)}</td>
              <td class="num">{formatNumber(g.centroid[1] ?? 0, lang, 1)}</td>
              <td class="num">{formatMoney(g.centroid[2] ?? 0, currency, lang, 'whole')}</td>
              <td class="num">{formatPercent(g.centroid[3] ?? 0, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Affinity(props: { query: Record<string, string | boolean> }) {
  const { t, lang } = useI18n();
  const [level, setLevel] = useState<'category' | 'subCategory'>('category');
  const aff = useApi<AffinityReport>('/reports/affinity', { ...props.query, level, pairs: 15 });
  const data = aff.data;
  const cats = (data?.base ?? []).slice(0, level === 'category' ? 8 : 10);
  return (
    <div class="grid two">
      <section class="card" aria-labelledby="h-affinity">
        <TableCsv name="affinity" />
        <h2 id="h-affinity">{t('affinity.title')}</h2>
        <p class="card-lead">{t('affinity.lead')}</p>
        <div class="toolbar inline">
          <label>
            <span>{t('affinity.level')}</span>
            <select
              value={level}
              onChange={(e) => setLevel(e.currentTarget.value as 'category' | 'subCategory')}
            >
              <option value="category">{t('affinity.category')}</option>
              <option value="subCategory">{t('affinity.subCategory')}</option>
            </select>
          </label>
        </div>
        {aff.error ? (
          <ErrorNote error={aff.error} onRetry={aff.reload} />
        ) : !data ? (
          <Loading />
        ) : cats.length === 0 ? (
          <Empty title={t('segments.empty')} />
        ) : (
          <div class="scroll-x">
            <table class="table compact matrix" data-testid="affinity">
              <caption class="visually-hidden">{t('affinity.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('segments.title')}</th>
                  {cats.map((c) => (
                    <th key={c.category} scope="col" class="num">
                      {c.category}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">{t('affinity.base')}</th>
                  {cats.map((c) => (
                    <td key={c.category} class="num">
                      {formatPercent(c.share, lang)}
                    </td>
                  ))}
                </tr>
                {data.segments.map((s) => {
                  const by = new Map(s.categories.map((c) => [c.category, c]));
                  return (
                    <tr key={s.segment}>
                      <th scope="row">{t(segmentKey(s.segment))}</th>
                      {cats.map((c) => {
                        const a = by.get(c.category);
                        return (
                          <td
                            key={c.category}
                            class={`num${a && a.lift >= 1.2 ? ' lift-hi' : a && a.lift <= 0.8 ? ' lift-lo' : ''}`}
                            title={
                              a
                                ? t('affinity.liftCell', {
                                    share: formatPercent(a.share, lang),
                                    lift: formatNumber(a.lift, lang, 2),
                                  })
                                : ''
                            }
                          >
                            {a ? formatNumber(a.lift, lang, 2) : '·'}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="card" aria-labelledby="h-basket">
        <TableCsv name="bought-together" />
        <h2 id="h-basket">{t('basket.title')}</h2>
        {data && <p class="card-lead">{t('basket.lead', { orders: data.orders })}</p>}
        {data && data.pairs.length === 0 ? (
          <Empty title={t('basket.none')} />
        ) : (
          data && (
            <table class="table compact" data-testid="pairs">
              <caption class="visually-hidden">{t('basket.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('basket.pair')}</th>
                  <th scope="col" class="num">
                    {t('basket.orders')}
                  </th>
                  <th scope="col" class="num">
                    {t('basket.support')}
                  </th>
                  <th scope="col" class="num">
                    {t('basket.confidence')}
                  </th>
                  <th scope="col" class="num">
                    {t('basket.lift')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.pairs.map((p) => (
                  <tr key={`${p.a}+${p.b}`}>
                    <th scope="row">
                      {p.a} + {p.b}
                    </th>
                    <td class="num">{formatNumber(p.orders, lang)}</td>
                    <td class="num">{formatPercent(p.support, lang)}</td>
                    <td class="num">
                      {formatPercent(p.confidenceAB, lang)} / {formatPercent(p.confidenceBA, lang)}
                    </td>
                    <td class="num">{formatNumber(p.lift, lang, 2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        )}
      </section>
    </div>
  );
}

const CHURN_SORTS = ['followUp', 'score', 'profit', 'recency'] as const;
const CHURN_SORT_KEY: Record<(typeof CHURN_SORTS)[number], MessageKey> = {
  followUp: 'churn.sortFollowUp',
  score: 'churn.sortScore',
  profit: 'churn.sortProfit',
  recency: 'churn.sortRecency',
};

/** The churn list: the follow-up order puts high-value customers at risk first; sortable by score. */
function Churn(props: { query: Record<string, string | boolean> }) {
  const { t, lang } = useI18n();
  const [sort, setSort] = useState<(typeof CHURN_SORTS)[number]>('followUp');
  const [onlyLate, setOnlyLate] = useState(false);
  const churn = useApi<ChurnReport>('/reports/churn', {
    ...props.query,
    sort,
    limit: 25,
    late: onlyLate ? true : undefined,
  });
  const data = churn.data;
  return (
    <section class="card" aria-labelledby="h-churn">
      <TableCsv name="churn" />
      <h2 id="h-churn">{t('churn.title')}</h2>
      <p class="card-lead">{t('churn.lead')}</p>
      <div class="toolbar inline">
        <label>
          <span>{t('churn.sort')}</span>
          <select
            value={sort}
            data-testid="churn-sort"
            onChange={(e) => setSort(e.currentTarget.value as (typeof CHURN_SORTS)[number])}
          >
            {CHURN_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(CHURN_SORT_KEY[s])}
              </option>
            ))}
          </select>
        </label>
        <label class="check">
          <input type="checkbox" checked={onlyLate} onChange={(e) => setOnlyLate(e.currentTarget.checked)} />
          <span>{t('churn.onlyLate')}</span>
        </label>
        {data && <span class="muted">{t('churn.lateCount', { late: data.late, total: data.total })}</span>}
      </div>
      {churn.error ? (
        <ErrorNote error={churn.error} onRetry={churn.reload} />
      ) : !data ? (
        <Loading />
      ) : (
        <table class="table compact" data-testid="churn">
          <caption class="visually-hidden">{t('churn.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('col.customer')}</th>
              <th scope="col">{t('col.tier')}</th>
              <th scope="col" class="num">
                {t('col.profit')}
              </th>
              <th scope="col" class="num">
                {t('churn.sinceLast')}
              </th>
              <th scope="col" class="num">
                {t('churn.interval')}
              </th>
              <th scope="col" class="num">
                {t('churn.score')}
              </th>
              <th scope="col">{t('churn.late')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((r) => (
              <tr key={r.id} class={r.late ? 'late' : undefined}>
                <th scope="row">
                  <CustomerName
                    row={{ id: r.id, name: r.name, externalId: r.customerId === r.id ? null : r.customerId }}
                  />
                </th>
                <td>
                  <TierBadge tier={r.tier} />
                </td>
                <td class="num">
                  <Money value={r.profit} style="whole" />
                </td>
                <td class="num">{t('churn.days', { n: r.daysSinceLastOrder })}</td>
                <td class="num">
                  {r.interval === null ? '—' : t('churn.days', { n: formatNumber(r.interval, lang, 1) })}
                </td>
                <td class="num">
                  <span class={`risk risk-${r.score >= 70 ? 'high' : r.score >= 50 ? 'mid' : 'low'}`}>
                    {r.score}
                  </span>
                </td>
                <td>{r.late ? t('churn.late') : t('churn.onTime')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
