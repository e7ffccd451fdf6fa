import '../insight.css';
import { useState } from 'preact/hooks';
import type { AffinityReport, ChurnReport, Segment, SegmentsReport } from '../../../src/routes/wire-types.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { BarChart } from '../components/bar-chart.tsx';
import { Card } from '../components/card.tsx';
import { countColumn, meterColumn, moneyColumn, percentColumn, tierColumn } from '../components/columns.tsx';
import { CustomerName } from '../components/customer-name.tsx';
import { columnsOf, DataTable } from '../components/data-table.tsx';
import { Check, Options } from '../components/fields.tsx';
import { PageHead } from '../components/page-head.tsx';
import { RiskScore } from '../components/row-cells.tsx';
import { Empty, ErrorNote, LoadedView, Loading } from '../components/states.tsx';
import { WindowNote } from '../components/window-note.tsx';
import { type WindowChoice, WindowPicker, windowQuery } from '../components/window-picker.tsx';
import { useApp, useI18n } from '../context.ts';
import { formatMoney, formatNumber, formatPercent, moneyTick } from '../format.ts';
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
    <Card id="h-seg-sizes" title={t('segments.sizes')} csv="segments" lead={t('segments.sizesLead')}>
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
        formatTick={moneyTick(currency, lang)}
        height={240}
      />
      <DataTable
        class="compact"
        testId="segment-sizes"
        caption={t('segments.sizes')}
        columns={columnsOf<SegmentsReport['segments'][number]>([
          {
            id: 'segment',
            head: t('segments.title'),
            rowHeader: true,
            cell: (r) => t(segmentKey(r.segment)),
          },
          countColumn('customers', t('col.customers'), (r) => r.customers, lang),
          moneyColumn('profit', t('col.profit'), (r) => r.profit, 'whole'),
          percentColumn('share', t('segments.share'), (r) => r.profitShare, lang, { dash: '—' }),
          meterColumn(
            'shareBar',
            t('segments.share'),
            (r) => Number(r.profit),
            max,
            (r) => t(segmentKey(r.segment)),
          ),
        ])}
        rows={rows}
        rowKey={(r) => r.segment}
      />
    </Card>
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
    <Card
      id="h-seg-moves"
      title={t('segments.transitions')}
      csv={report.previous ? 'segment-transitions' : undefined}
      lead={report.previous ? t('segments.transitionsLead') : t('segments.noPrevious')}
    >
      {report.previous && (
        <>
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
    </Card>
  );
}

function Clusters(props: { report: SegmentsReport }) {
  const { t, lang } = useI18n();
  const { currency } = useApp();
  const c = props.report.clusters;
  if (!c) return null;
  return (
    <Card
      id="h-clusters"
      title={t('segments.clusters')}
      csv="clusters"
      lead={t('segments.clustersLead', {
        k: c.k,
        silhouette: formatNumber(c.silhouette, lang, 2),
        seed: c.seed,
      })}
    >
      <DataTable
        class="compact"
        testId="clusters"
        caption={t('segments.clusters')}
        columns={columnsOf<NonNullable<SegmentsReport['clusters']>['groups'][number]>([
          {
            id: 'cluster',
            head: '#',
            rowHeader: true,
            cell: (g) => t('segments.cluster', { n: g.cluster + 1 }),
          },
          countColumn('customers', t('col.customers'), (g) => g.customers, lang),
          moneyColumn('profit', t('col.profit'), (g) => g.profit, 'whole'),
          countColumn('recency', t('segments.recencyDays'), (g) => g.centroid[0] ?? 0, lang),
          {
            id: 'orders',
            head: t('col.orders'),
            num: true,
            cell: (g) => formatNumber(g.centroid[1] ?? 0, lang, 1),
          },
          {
            id: 'avgProfit',
            head: `${t('col.profit')} ⌀`,
            num: true,
            cell: (g) => formatMoney(g.centroid[2] ?? 0, currency, lang, 'whole'),
          },
          percentColumn('avgMargin', `${t('col.margin')} ⌀`, (g) => g.centroid[3] ?? 0, lang),
        ])}
        rows={c.groups}
        rowKey={(g) => String(g.cluster)}
      />
    </Card>
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
      <Card id="h-affinity" title={t('affinity.title')} csv="affinity" lead={t('affinity.lead')}>
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
      </Card>
      <Card
        id="h-basket"
        title={t('basket.title')}
        csv="bought-together"
        lead={data && t('basket.lead', { orders: data.orders })}
      >
        {data && (
          <DataTable
            class="compact"
            testId="pairs"
            caption={t('basket.title')}
            columns={columnsOf<AffinityReport['pairs'][number]>([
              { id: 'pair', head: t('basket.pair'), rowHeader: true, cell: (p) => `${p.a} + ${p.b}` },
              countColumn('orders', t('basket.orders'), (p) => p.orders, lang),
              percentColumn('support', t('basket.support'), (p) => p.support, lang),
              {
                id: 'confidence',
                head: t('basket.confidence'),
                num: true,
                cell: (p) =>
                  `${formatPercent(p.confidenceAB, lang)} / ${formatPercent(p.confidenceBA, lang)}`,
              },
              { id: 'lift', head: t('basket.lift'), num: true, cell: (p) => formatNumber(p.lift, lang, 2) },
            ])}
            rows={data.pairs}
            rowKey={(p) => `${p.a}+${p.b}`}
            empty={<Empty title={t('basket.none')} />}
          />
        )}
      </Card>
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
    <Card id="h-churn" title={t('churn.title')} csv="churn" lead={t('churn.lead')}>
      <div class="toolbar inline">
        <label>
          <span>{t('churn.sort')}</span>
          <select
            value={sort}
            data-testid="churn-sort"
            onChange={(e) => setSort(e.currentTarget.value as (typeof CHURN_SORTS)[number])}
          >
            <Options values={CHURN_SORTS} label={(s) => t(CHURN_SORT_KEY[s])} />
          </select>
        </label>
        <Check label={t('churn.onlyLate')} checked={onlyLate} onChange={setOnlyLate} />
        {data && <span class="muted">{t('churn.lateCount', { late: data.late, total: data.total })}</span>}
      </div>
      <LoadedView state={churn}>
        {(data) => (
          <DataTable
            class="compact"
            testId="churn"
            caption={t('churn.title')}
            columns={columnsOf<ChurnReport['items'][number]>([
              {
                id: 'customer',
                head: t('col.customer'),
                rowHeader: true,
                cell: (r) => (
                  <CustomerName
                    row={{ id: r.id, name: r.name, externalId: r.customerId === r.id ? null : r.customerId }}
                  />
                ),
              },
              tierColumn(t('col.tier'), (r) => r.tier),
              moneyColumn('profit', t('col.profit'), (r) => r.profit, 'whole'),
              {
                id: 'since',
                head: t('churn.sinceLast'),
                num: true,
                cell: (r) => t('churn.days', { n: r.daysSinceLastOrder }),
              },
              {
                id: 'interval',
                head: t('churn.interval'),
                num: true,
                cell: (r) =>
                  r.interval === null ? '—' : t('churn.days', { n: formatNumber(r.interval, lang, 1) }),
              },
              { id: 'score', head: t('churn.score'), num: true, cell: (r) => <RiskScore score={r.score} /> },
              {
                id: 'late',
                head: t('churn.late'),
                cell: (r) => (r.late ? t('churn.late') : t('churn.onTime')),
              },
            ])}
            rows={data.items}
            rowKey={(r) => r.id}
            rowClass={(r) => (r.late ? 'late' : undefined)}
          />
        )}
      </LoadedView>
    </Card>
  );
}
