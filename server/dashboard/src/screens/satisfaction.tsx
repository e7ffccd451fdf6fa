import { addDays } from '@rapport/shared/core';
import type { CoefficientReport, FunnelReport, SatisfactionReport } from '../../../src/routes/wire-types.ts';
import { Kpi } from '../components/kpi.tsx';
import { Meter } from '../components/meter.tsx';
import { Money } from '../components/money.tsx';
import { PageHead } from '../components/page-head.tsx';
import { Empty, ErrorNote, Loading } from '../components/states.tsx';
import { TableCsv } from '../components/table-csv.tsx';
import { WindowNote } from '../components/window-note.tsx';
import { useI18n } from '../context.ts';
import { formatDay, formatMonth, formatNumber, formatPercent } from '../format.ts';
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
        <ByMonth report={s} />
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
    <section class="card coefficient" aria-labelledby="h-coefficient">
      <h2 id="h-coefficient">{t('coefficient.title')}</h2>
      <p class="card-lead">
        {t('coefficient.lead', {
          from: day(c.window.from),
          last: day(addDays(c.window.to, -1)),
        })}
      </p>
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
        <table class="table factors">
          <caption class="visually-hidden">{t('coefficient.factors')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('coefficient.factor')}</th>
              <th scope="col" class="num">
                {t('coefficient.now')}
              </th>
              <th scope="col" class="num">
                {t('coefficient.before')}
              </th>
            </tr>
          </thead>
          <tbody>
            {FACTORS.map((f) => (
              <tr key={f} class={c.factors[f] === null ? 'missing' : undefined}>
                <th scope="row">
                  {t(`factor.${f}`)}
                  <span class="muted small block">{t(`factor.${f}.how`)}</span>
                </th>
                <td class="num">
                  {c.factors[f] === null
                    ? t('coefficient.notEnoughShort')
                    : formatPercent(c.factors[f] as number, lang)}
                </td>
                <td class="num muted">
                  {c.previousFactors[f] === null ? '–' : formatPercent(c.previousFactors[f] as number, lang)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Funnel(props: { report: FunnelReport }) {
  const { t, lang } = useI18n();
  const stages = props.report.stages;
  const max = Math.max(1, ...stages.map((s) => s.count));
  return (
    <section class="card" aria-labelledby="h-funnel">
      <TableCsv name="funnel" />
      <h2 id="h-funnel">{t('funnel.title')}</h2>
      {stages.every((s) => s.count === 0) ? (
        <Empty title={t('funnel.empty')}>{t('funnel.emptyHint')}</Empty>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{t('funnel.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('funnel.stage')}</th>
              <th scope="col" class="num">
                {t('funnel.count')}
              </th>
              <th scope="col" class="meter-col">
                <span class="visually-hidden">{t('funnel.count')}</span>
              </th>
              <th scope="col" class="num">
                {t('funnel.amount')}
              </th>
              <th scope="col" class="num">
                {t('funnel.weighted')}
              </th>
            </tr>
          </thead>
          <tbody>
            {stages.map((s) => (
              <tr key={s.stage}>
                <th scope="row">
                  {t(`stage.${s.stage}`)}{' '}
                  <span class="muted small">{formatPercent(s.probability / 100, lang, 0)}</span>
                </th>
                <td class="num">{formatNumber(s.count, lang)}</td>
                <td class="meter-col">
                  <Meter value={s.stage === 'lost' ? -s.count : s.count} max={max} label={String(s.count)} />
                </td>
                <td class="num">
                  <Money value={s.amount} style="whole" />
                </td>
                <td class="num">
                  <Money value={s.weighted} style="whole" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ByMonth(props: { report: SatisfactionReport }) {
  const { t, lang } = useI18n();
  const months = props.report.byMonth;
  return (
    <section class="card" aria-labelledby="h-sat-month">
      <TableCsv name="satisfaction-by-month" />
      <h2 id="h-sat-month">{t('satisfaction.byMonth')}</h2>
      {months.length === 0 ? (
        <Empty title={t('satisfaction.empty')}>{t('satisfaction.emptyHint')}</Empty>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{t('satisfaction.byMonth')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('col.month')}</th>
              <th scope="col" class="num">
                {t('satisfaction.csat')}
              </th>
              <th scope="col" class="num">
                {t('satisfaction.answers')}
              </th>
              <th scope="col" class="num">
                {t('satisfaction.nps')}
              </th>
              <th scope="col" class="num">
                {t('satisfaction.answers')}
              </th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{formatMonth(m.month, lang)}</th>
                <td class="num">{m.csat === null ? '–' : formatPercent(m.csat, lang)}</td>
                <td class="num muted">{formatNumber(m.csatResponses + m.ticketFeedback, lang)}</td>
                <td class="num">{m.nps === null ? '–' : formatNumber(m.nps, lang)}</td>
                <td class="num muted">{formatNumber(m.npsResponses, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
