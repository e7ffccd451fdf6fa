import type { SurveyImportSummary } from '../../../src/routes/wire-types.ts';
import type { Translate } from '../../i18n/index.ts';
import { ApiError } from '../api.ts';
import { Radios } from '../components/fields.tsx';
import { type ImportKindConfig, uploadImport } from '../components/import-flow.tsx';
import { Fact, ImportFacts, MappingEditor } from '../components/import-parts.tsx';
import { Link } from '../components/link.tsx';
import { useI18n } from '../context.ts';
import { formatNumber } from '../format.ts';
import { ROUTES } from '../route.ts';

export type ImportKind = 'orders' | 'surveys';

/** Orders or survey responses: the import screen's first choice. */
export function ImportKindPicker(props: { kind: ImportKind; onKind: (kind: ImportKind) => void }) {
  const { t } = useI18n();
  return (
    <Radios
      name="import-kind"
      class="import-kind"
      legend={t('import.kind')}
      options={['orders', 'surveys'] as const}
      label={(kind) => t(`import.kind.${kind}`)}
      value={props.kind}
      onChange={props.onKind}
    />
  );
}

/** Survey fields a person maps by hand (a copy of the server's names: no zod in the bundle). */
const SURVEY_FIELDS = ['email', 'customerId', 'date', 'kind', 'score', 'csat', 'nps', 'comment'] as const;
type Columns = SurveyImportSummary['columns'];

/** What the survey import asks: which reading of the date column is meant. */
type DateChoice = { format: string; example: string; reads: string };

function dateChoices(error: unknown): DateChoice[] | null {
  if (!(error instanceof ApiError)) return null;
  const q = (error.details as { question?: { option?: string; choices?: unknown } } | null)?.question;
  if (q?.option !== 'dateFormat' || !Array.isArray(q.choices)) return null;
  return q.choices as DateChoice[];
}

/** Upload a survey file (CSAT/NPS), read the dry-run preview, then import it (lead/admin). */
export function surveyImport(
  t: Translate,
): ImportKindConfig<SurveyImportSummary, { dateFormat: string }, DateChoice[]> {
  return {
    idPrefix: 'h-survey',
    title: t('surveyImport.title'),
    pick: t('surveyImport.pick'),
    lead: t('surveyImport.lead'),
    fileLabel: t('surveyImport.file'),
    noAnswers: { dateFormat: '' },
    // The server reports a survey upload's progress too (GET /imports/progress/{id}): a real bar.
    progress: true,
    upload: (file, dryRun, { dateFormat }, columns, progress) =>
      uploadImport('/imports/surveys', file, columns, {
        dryRun,
        ...(dateFormat ? { dateFormat } : {}),
        progress: progress ?? '',
      }),
    askOf: dateChoices,
    ask: (choices, message, rerun) => (
      <section class="card" aria-labelledby="h-survey-question">
        <h2 id="h-survey-question">{t('import.dateFormat')}</h2>
        <p class="notice small">{message}</p>
        <div class="actions">
          {choices.map((c) => (
            <button
              key={c.format}
              type="button"
              class="button"
              onClick={() => rerun({ dateFormat: c.format })}
            >
              {c.example} → {c.reads}
            </button>
          ))}
        </div>
      </section>
    ),
    previewHead: (summary, _answers, rerun) => (
      <>
        <p class="small muted">
          {t('surveyImport.dates', { column: summary.dates.column, reason: summary.dates.reason })}
        </p>
        <SurveyMapping columns={summary.columns} onApply={(m) => rerun({}, m)} />
      </>
    ),
    summary: (summary, done) => <SurveySummary summary={summary} done={done} />,
    toImport: (s) => s.responses.new,
    confirmLabel: (count) => t.plural('surveyImport.confirm', count),
    nothing: () => ({ message: t('surveyImport.nothingNew') }),
    doneTitle: (s) => t('surveyImport.done', { file: s.file }),
    next: <Link href={ROUTES.satisfaction}>{t('surveyImport.seeSatisfaction')}</Link>,
  };
}

/** One select per survey field listing the file's columns, preselected with what the server read. */
function SurveyMapping(props: { columns: Columns; onApply: (mapping: Record<string, string>) => void }) {
  const { t } = useI18n();
  return (
    <MappingEditor
      fields={SURVEY_FIELDS}
      fieldLabel={(field) => t(`surveyImport.f.${field}`)}
      columns={props.columns}
      summary={t('surveyImport.mapping')}
      applyLabel={t('surveyImport.applyMapping')}
      onApply={props.onApply}
    />
  );
}

function SurveySummary(props: { summary: SurveyImportSummary; done?: boolean }) {
  const { t, lang } = useI18n();
  const s = props.summary;
  const responses = (kind: 'csat' | 'nps') => (
    <span class="small muted">{t.plural('surveyImport.responses', s.totals[kind].responses)}</span>
  );
  return (
    <ImportFacts
      summary={s}
      done={props.done}
      counts={
        <>
          <Fact label={t('surveyImport.new')} class="good">
            {formatNumber(s.responses.new, lang)}
          </Fact>
          <Fact label={t('surveyImport.unchanged')} class="muted">
            {formatNumber(s.responses.unchanged, lang)}
          </Fact>
        </>
      }
      details={
        <>
          <Fact label={t('surveyImport.csat')}>
            {s.totals.csat.average ?? '–'} {responses('csat')}
          </Fact>
          <Fact label={t('surveyImport.nps')}>
            {s.totals.nps.score === null ? '–' : s.totals.nps.score.toFixed(1)} {responses('nps')}
          </Fact>
        </>
      }
    />
  );
}
