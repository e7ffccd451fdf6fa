import { addDays } from '@rapport/shared/core';
import type { CoefficientReport, FunnelReport, SatisfactionReport } from '../../../src/routes/wire-types.ts';
import { Card } from '../components/card.tsx';
import { countColumn, moneyColumn } from '../components/columns.tsx';
import { type Column, DataTable } from '../components/data-table.tsx';
import { Kpi } from '../components/kpi.tsx';
import { Meter } from '../components/meter.tsx';
import { PageHead } from '../components/page-head.tsx';
import { SatisfactionByMonth } from '../components/satisfaction-months.tsx';
import { Empty, ErrorNote, Loading } from '../components/states.tsx';
import { WindowNote } from '../components/window-note.tsx';
import { useI18n } from '../context.ts';
import { formatDay, formatNumber, formatPercent } from '../format.ts';
import { useApi } from '../use-api.ts';

type Factor = keyof CoefficientReport['factors'];
const FACTORS: readonly Factor[] = ['satisfaction', 'loyalty', 'conversion'];

/** CSAT, NPS, loyalty and conversion, and the CRM coefficient they multiply into. */
export function Satisfaction() {
  const { t, lang } = useI18n();
  const satisfaction = useApi<SatisfactionReport>('/reports/satisfaction');
  const coefficient = useApi<CoefficientReport>('/reports/coefficient');
  const funnel = useApi<FunnelReport>('/reports/funnel');
  const error = satisfaction.error ?? coefficient.error ?? funnel.error;
  const head = (
    <PageHead title={t('satisfaction.title')}>
      {satisfaction.data && <WindowNote window={satisfaction.data.window} />}
    </PageHead>
  );
  if (error) {
    return (
      <>
        {head}
        <ErrorNote
          error={error}
          onRetry={() => {
            satisfaction.reload();
            coefficient.reload();
            funnel.reload();
          }}
        />
      </>
    );
  }
  if (!satisfaction.data || !coefficient.data || !funnel.data) {
    return (
      <>
        {head}
        <Loading />
      </>
    );
  }
  const s = satisfaction.data;
  const c = coefficient.data;
  const f = funnel.data;
  const pct = (v: number | null) => (v === null ? t('satisfaction.noData') : formatPercent(v, lang));
  const tone = (v: number | null) => (v === null ? 'empty' : undefined);
  return (
    <>
      {head}
      <section class="kpis" aria-label={t('satisfaction.figures')}>
        <Kpi label={t('satisfaction.csat')} value={pct(s.csat)} tone={tone(s.csat)}>
          {t('satisfaction.csatNote', {
            surveys: formatNumber(s.csatResponses, lang),
            tickets: formatNumber(s.ticketFeedback, lang),
          })}
        </Kpi>
        <Kpi
          label={t('satisfaction.nps')}
          value={s.nps === null ? t('satisfaction.noData') : formatNumber(s.nps, lang)}
          tone={s.nps === null ? 'empty' : s.nps < 0 ? 'bad' : undefined}
        >
          {t.plural('satisfaction.npsNote', s.npsResponses)}
        </Kpi>
        <Kpi label={t('satisfaction.loyalty')} value={pct(c.factors.loyalty)} tone={tone(c.factors.loyalty)}>
          {t('satisfaction.loyaltyNote')}
        </Kpi>
        <Kpi
          label={t('satisfaction.conversion')}
          value={pct(f.conversion.rate)}
          tone={tone(f.conversion.rate)}
        >
          {t('satisfaction.conversionNote', {
            won: formatNumber(f.conversion.won, lang),
            lost: formatNumber(f.conversion.lost, lang),
          })}
        </Kpi>
      </section>
      <Coefficient report={c} />
      <div class="grid two">
        <Funnel report={f} />
        <SatisfactionByMonth
          report={s}
          id="h-sat-month"
          title={t('satisfaction.byMonth')}
          counts
          csv="satisfaction-by-month"
        />
      </div>
    </>
  );
}

function Coefficient(props: { report: CoefficientReport }) {
  const { t, lang } = useI18n();
  const c = props.report;
  const day = (d: string) => formatDay(d, lang);
  // Names run inside a sentence: lower-case them (a no-op in Chinese).
  const missing = c.missing
    .map((m) => t(`factor.${m}`).toLocaleLowerCase(lang))
    .join(t('common.listSeparator'));
  return (
    <Card
      id="h-coefficient"
      class="coefficient"
      title={t('coefficient.title')}
      lead={t('coefficient.lead', { from: day(c.window.from), last: day(addDays(c.window.to, -1)) })}
    >
      <div class="coefficient-body">
        <div class="coefficient-value">
          {c.value === null ? (
            <p class="not-enough" role="note">
              {t('coefficient.notEnough', { factors: missing })}
            </p>
          ) : (
            <>
              <p class={`big ${c.value >= 1 ? 'good' : 'bad'}`}>{formatNumber(c.value, lang, 2)}</p>
              <p class="muted">{c.value >= 1 ? t('coefficient.improving') : t('coefficient.declining')}</p>
            </>
          )}
          <p class="muted small">
            {c.baselineSource === 'configured'
              ? t('coefficient.baselineConfigured', {
                  baseline: c.baseline === null ? '–' : formatNumber(c.baseline, lang, 3),
                })
              : t(c.baseline === null ? 'coefficient.baselineMissing' : 'coefficient.baselinePrevious', {
                  from: day(c.previousWindow.from),
                  last: day(addDays(c.previousWindow.to, -1)),
                  baseline: c.baseline === null ? '' : formatNumber(c.baseline, lang, 3),
                })}
          </p>
        </div>
        <DataTable
          class="factors"
          caption={t('coefficient.factors')}
          rows={FACTORS}
          rowKey={(f) => f}
          rowClass={(f) => (c.factors[f] === null ? 'missing' : undefined)}
          columns={[
            {
              id: 'factor',
              head: t('coefficient.factor'),
              rowHeader: true,
              cell: (f) => (
                <>
                  {t(`factor.${f}`)}
                  <span class="muted small block">{t(`factor.${f}.how`)}</span>
                </>
              ),
            },
            {
              id: 'now',
              head: t('coefficient.now'),
              num: true,
              cell: (f) =>
                c.factors[f] === null
                  ? t('coefficient.notEnoughShort')
                  : formatPercent(c.factors[f] as number, lang),
            },
            {
              id: 'before',
              head: t('coefficient.before'),
              num: true,
              cellClass: () => 'muted',
              cell: (f) =>
                c.previousFactors[f] === null ? '–' : formatPercent(c.previousFactors[f] as number, lang),
            },
          ]}
        />
      </div>
    </Card>
  );
}

function Funnel(props: { report: FunnelReport }) {
  const { t, lang } = useI18n();
  const stages = props.report.stages;
  const max = Math.max(1, ...stages.map((s) => s.count));
  type Stage = FunnelReport['stages'][number];
  const columns: Column<Stage>[] = [
    {
      id: 'stage',
      head: t('funnel.stage'),
      rowHeader: true,
      cell: (s) => (
        <>
          {t(`stage.${s.stage}`)}{' '}
          <span class="muted small">{formatPercent(s.probability / 100, lang, 0)}</span>
        </>
      ),
    },
    countColumn('count', t('funnel.count'), (s) => s.count, lang),
    {
      id: 'meter',
      head: t('funnel.count'),
      hideHead: true,
      class: 'meter-col',
      cell: (s) => (
        <Meter value={s.stage === 'lost' ? -s.count : s.count} max={max} label={String(s.count)} />
      ),
    },
    moneyColumn('amount', t('funnel.amount'), (s) => s.amount, 'whole'),
    moneyColumn('weighted', t('funnel.weighted'), (s) => s.weighted, 'whole'),
  ];
  return (
    <Card id="h-funnel" title={t('funnel.title')} csv="funnel">
      {stages.every((s) => s.count === 0) ? (
        <Empty title={t('funnel.empty')}>{t('funnel.emptyHint')}</Empty>
      ) : (
        <DataTable caption={t('funnel.title')} columns={columns} rows={stages} rowKey={(s) => s.stage} />
      )}
    </Card>
  );
}
