import '../insight.css';
import { parseMoney, sumMoneyStrings } from '@rapport/shared/core';
import { useState } from 'preact/hooks';
import type { ForecastReport, ForecastSeries } from '../../../src/routes/wire-types.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { BarChart, type ChartSeries } from '../components/bar-chart.tsx';
import { Card } from '../components/card.tsx';
import { moneyColumn } from '../components/columns.tsx';
import { columnsOf, DataTable } from '../components/data-table.tsx';
import { MemberOptions, Options } from '../components/fields.tsx';
import { Money } from '../components/money.tsx';
import { PageHead } from '../components/page-head.tsx';
import { Empty, ErrorNote, Loading } from '../components/states.tsx';
import { useApp, useI18n } from '../context.ts';
import { formatMoney, formatMonth, formatMonthShort, formatNumber, moneyTick, monthAxis } from '../format.ts';
import { useApi } from '../use-api.ts';

const CALENDAR = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];

/** Monthly profit and revenue, the profit forecast with its backtest error, and the weighted pipeline. */
export function Trends() {
  const { t, lang } = useI18n();
  const { members, session, canManage } = useApp();
  const [owner, setOwner] = useState(canManage ? '' : session.user.id);
  const [horizon, setHorizon] = useState(3);
  const report = useApi<ForecastReport>('/reports/forecast', { horizon, ownerId: owner || undefined });
  const data = report.data;
  const series = data && (owner ? (data.reps.find((r) => r.ownerId === owner) ?? null) : data.team);
  const memberList = [...members.values()].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      <PageHead title={t('trends.title')}>
        {data && (
          <p class="window-note">
            {formatMonth(data.historyFrom.slice(0, 7), lang)} –{' '}
            {formatMonth(data.historyTo.slice(0, 7), lang)}
          </p>
        )}
      </PageHead>
      <div class="toolbar">
        {canManage && (
          <label>
            <span>{t('trends.who')}</span>
            <select
              value={owner}
              data-testid="trends-owner"
              onChange={(e) => setOwner(e.currentTarget.value)}
            >
              <option value="">{t('trends.team')}</option>
              <MemberOptions members={memberList} />
            </select>
          </label>
        )}
        <label>
          <span>{t('trends.horizon')}</span>
          <select value={horizon} onChange={(e) => setHorizon(Number(e.currentTarget.value))}>
            <Options values={[3, 4, 5, 6]} label={(n) => t('trends.months', { n })} />
          </select>
        </label>
      </div>
      {report.error ? (
        <ErrorNote error={report.error} onRetry={report.reload} />
      ) : !data ? (
        <Loading />
      ) : !series || series.history.every((h) => h.revenue === '0.00' && h.profit === '0.00') ? (
        <Empty title={t('trends.noHistory')} />
      ) : (
        <>
          <ForecastChart series={series} />
          <div class="grid two">
            <Backtest series={series} />
            <Seasonality series={series} />
          </div>
          {!owner && canManage && data.reps.length > 0 && <Reps reps={data.reps} />}
        </>
      )}
    </>
  );
}

function methodText(t: ReturnType<typeof useI18n>['t'], lang: string, s: ForecastSeries): string {
  return t(`trends.method.${s.method}` as MessageKey, {
    alpha: s.alpha === null ? '' : formatNumber(s.alpha, lang as 'en', 1),
  });
}

function ForecastChart(props: { series: ForecastSeries }) {
  const { t, lang } = useI18n();
  const { currency } = useApp();
  const s = props.series;
  const months = [...s.history.map((h) => h.month), ...s.forecast.map((f) => f.month)];
  const n = s.history.length;
  const money = (v: string | null) => (v === null ? '—' : formatMoney(v, currency, lang, 'whole'));
  const pad = <T,>(before: number, values: T[], after: number): (T | null)[] => [
    ...Array<null>(before).fill(null),
    ...values,
    ...Array<null>(after).fill(null),
  ];
  const profit = pad(
    0,
    s.history.map((h) => h.profit),
    s.forecast.length,
  );
  // The forecast line starts at the last actual month, so it reads as a continuation.
  const last = s.history[n - 1]?.profit ?? null;
  const forecast = [...Array<null>(Math.max(0, n - 1)).fill(null), last, ...s.forecast.map((f) => f.profit)];
  const pipeline = pad(
    n,
    s.forecast.map((f) => f.pipelineWeighted),
    0,
  );
  const chart: ChartSeries[] = [
    {
      label: t('trends.profit'),
      values: profit.map((v) => (v === null ? null : Number(v))),
      texts: profit.map(money),
      kind: 'bar',
      tone: 's-profit',
    },
    {
      label: t('trends.pipeline'),
      values: pipeline.map((v) => (v === null ? null : Number(v))),
      texts: pipeline.map(money),
      kind: 'bar',
      tone: 's-pipeline',
    },
    {
      label: t('trends.forecast'),
      values: forecast.map((v) => (v === null ? null : Number(v))),
      texts: forecast.map(money),
      kind: 'line',
      tone: 's-forecast',
    },
  ];
  const best = s.backtest.find((b) => b.method === s.method);
  return (
    <Card id="h-forecast" title={t('trends.chart')} csv="forecast">
      <p class="card-lead" data-testid="forecast-method">
        {t('trends.chosen', { method: methodText(t, lang, s) })}{' '}
        {best && best.mase !== null && (
          <strong class="mase">
            {t('trends.mase')} {formatNumber(best.mase, lang, 2)}
          </strong>
        )}
      </p>
      <BarChart
        title={t('trends.chart')}
        {...monthAxis(months, lang)}
        series={chart}
        formatTick={moneyTick(currency, lang)}
        height={280}
      />
      <DataTable
        class="compact"
        testId="forecast"
        caption={t('trends.nextMonths')}
        showCaption
        rows={s.forecast}
        rowKey={(f) => f.month}
        columns={columnsOf<(typeof s.forecast)[number]>([
          {
            id: 'month',
            head: t('chart.category'),
            rowHeader: true,
            cell: (f) => formatMonth(f.month, lang),
          },
          moneyColumn('profit', t('trends.forecast'), (f) => f.profit, 'whole'),
          moneyColumn('pipeline', t('trends.pipeline'), (f) => f.pipelineWeighted, 'whole'),
          moneyColumn('won', t('trends.won'), (f) => f.won, 'whole'),
        ])}
      />
    </Card>
  );
}

function Backtest(props: { series: ForecastSeries }) {
  const { t, lang } = useI18n();
  const s = props.series;
  return (
    <Card
      id="h-backtest"
      title={t('trends.backtest', { n: s.heldOut })}
      csv="backtest"
      lead={t('trends.maseHint')}
    >
      <DataTable
        class="compact"
        testId="backtest"
        caption={t('trends.backtest', { n: s.heldOut })}
        rows={s.backtest}
        rowKey={(b) => b.method}
        rowClass={(b) => (b.method === s.method ? 'chosen' : undefined)}
        columns={columnsOf<(typeof s.backtest)[number]>([
          {
            id: 'method',
            head: t('trends.method'),
            rowHeader: true,
            cell: (b) => (
              <>
                {b.method === s.method ? '✓ ' : ''}
                {b.method === 'ses' && (s.method !== 'ses' || s.alpha === null)
                  ? t('trends.method.ses-any')
                  : t(`trends.method.${b.method}` as MessageKey, {
                      alpha: s.alpha === null ? '' : formatNumber(s.alpha, lang, 1),
                    })}
              </>
            ),
          },
          {
            id: 'mase',
            head: t('trends.mase'),
            num: true,
            cell: (b) => (b.mase === null ? '—' : formatNumber(b.mase, lang, 2)),
          },
          moneyColumn('mae', t('trends.mae'), (b) => b.mae, 'whole'),
        ])}
      />
    </Card>
  );
}

function Seasonality(props: { series: ForecastSeries }) {
  const { t, lang } = useI18n();
  const idx = props.series.seasonality;
  return (
    <Card id="h-season" title={t('trends.seasonality')}>
      <BarChart
        title={t('trends.seasonality')}
        categories={CALENDAR.map((m) => formatMonthShort(`2001-${m}`, lang))}
        axisLabels={CALENDAR.map((m) => formatMonthShort(`2001-${m}`, lang))}
        series={[
          {
            label: t('trends.seasonality'),
            values: idx.map((v) => v),
            texts: idx.map((v) => (v === null ? '—' : formatNumber(v, lang, 2))),
            kind: 'bar',
            tone: 's-revenue',
          },
        ]}
        formatTick={(v) => formatNumber(v, lang, 1)}
        height={180}
      />
    </Card>
  );
}

const best = (r: ForecastSeries) => r.backtest.find((b) => b.method === r.method);
const total = (r: ForecastSeries, field: 'profit' | 'pipelineWeighted') =>
  sumMoneyStrings(r.forecast.map((f) => f[field]));

function Reps(props: { reps: ForecastSeries[] }) {
  const { t, lang } = useI18n();
  return (
    <Card id="h-rep-forecast" title={t('trends.reps')} csv="forecast-by-rep">
      <DataTable
        class="compact"
        testId="rep-forecast"
        caption={t('trends.reps')}
        rows={props.reps}
        rowKey={(r) => r.ownerId ?? 'none'}
        columns={[
          { id: 'rep', head: t('col.rep'), rowHeader: true, cell: (r) => r.name, sortValue: (r) => r.name },
          { id: 'method', head: t('trends.method'), cell: (r) => methodText(t, lang, r) },
          {
            id: 'mase',
            head: t('trends.mase'),
            num: true,
            cell: (r) => {
              const mase = best(r)?.mase;
              return mase == null ? '—' : formatNumber(mase, lang, 2);
            },
            sortValue: (r) => best(r)?.mase,
          },
          {
            id: 'forecast',
            head: t('trends.forecastTotal'),
            num: true,
            cell: (r) => <Money value={total(r, 'profit')} style="whole" />,
            sortValue: (r) => parseMoney(total(r, 'profit')),
          },
          {
            id: 'pipeline',
            head: t('trends.pipeline'),
            num: true,
            cell: (r) => <Money value={total(r, 'pipelineWeighted')} style="whole" />,
            sortValue: (r) => parseMoney(total(r, 'pipelineWeighted')),
          },
        ]}
      />
    </Card>
  );
}
