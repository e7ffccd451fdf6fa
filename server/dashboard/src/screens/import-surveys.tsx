import { useState } from 'preact/hooks';
import type { SurveyImportSummary } from '../../../src/routes/wire-types.ts';
import { ApiError, api } from '../api.ts';
import { Card } from '../components/card.tsx';
import { Radios } from '../components/fields.tsx';
import {
  Fact,
  ImportDone,
  ImportFacts,
  ImportProgressBar,
  MappingEditor,
  PreviewActions,
  UploadCard,
} from '../components/import-parts.tsx';
import { Link } from '../components/link.tsx';
import { PageHead } from '../components/page-head.tsx';
import { ErrorNote } from '../components/states.tsx';
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

type Step =
  | { kind: 'pick' }
  | { kind: 'busy'; what: 'preview' | 'import'; progressId: string }
  | { kind: 'preview'; summary: SurveyImportSummary }
  | { kind: 'done'; summary: SurveyImportSummary }
  | { kind: 'question'; message: string; choices: { format: string; example: string; reads: string }[] }
  | { kind: 'failed'; error: Error };

function upload(
  file: File,
  dryRun: boolean,
  dateFormat: string,
  columns: Record<string, string> | null,
  progress: string,
): Promise<SurveyImportSummary> {
  const body = new FormData();
  body.set('file', file);
  if (columns) body.set('options', JSON.stringify({ columns }));
  return api<SurveyImportSummary>('/imports/surveys', {
    method: 'POST',
    query: { dryRun, ...(dateFormat ? { dateFormat } : {}), progress },
    body,
  });
}

function dateChoices(error: unknown): { format: string; example: string; reads: string }[] | null {
  if (!(error instanceof ApiError)) return null;
  const q = (error.details as { question?: { option?: string; choices?: unknown } } | null)?.question;
  if (q?.option !== 'dateFormat' || !Array.isArray(q.choices)) return null;
  return q.choices as { format: string; example: string; reads: string }[];
}

/** Upload a survey file (CSAT/NPS), read the dry-run preview, then import it (lead/admin). */
export function ImportSurveys(props: { kindPicker: preact.ComponentChildren }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [dateFormat, setDateFormat] = useState('');
  const [mapping, setMapping] = useState<Record<string, string> | null>(null);

  const run = async (dryRun: boolean, format = dateFormat, columns = mapping) => {
    if (!file) return;
    setDateFormat(format);
    setMapping(columns);
    // The server reports the upload's progress under an id we choose (GET /imports/progress/{id}).
    const progressId = crypto.randomUUID();
    setStep({ kind: 'busy', what: dryRun ? 'preview' : 'import', progressId });
    try {
      const summary = await upload(file, dryRun, format, columns, progressId);
      setStep(dryRun ? { kind: 'preview', summary } : { kind: 'done', summary });
    } catch (error) {
      const choices = dateChoices(error);
      if (choices) setStep({ kind: 'question', message: (error as Error).message, choices });
      else setStep({ kind: 'failed', error: error as Error });
    }
  };
  const toImport = step.kind === 'preview' ? step.summary.responses.new : 0;

  return (
    <>
      <PageHead title={t('surveyImport.title')} />
      <UploadCard
        id="h-survey-upload"
        kindPicker={props.kindPicker}
        title={t('surveyImport.pick')}
        lead={t('surveyImport.lead')}
        fileLabel={t('surveyImport.file')}
        hasFile={file !== null}
        busy={step.kind === 'busy'}
        onFile={(f) => {
          setFile(f);
          setDateFormat('');
          setMapping(null);
          setStep({ kind: 'pick' });
        }}
        onPreview={() => void run(true)}
      />

      {step.kind === 'busy' && <ImportProgressBar what={step.what} progressId={step.progressId} />}
      {step.kind === 'failed' && <ErrorNote error={step.error} onRetry={() => void run(true)} />}
      {step.kind === 'question' && (
        <section class="card" aria-labelledby="h-survey-question">
          <h2 id="h-survey-question">{t('import.dateFormat')}</h2>
          <p class="notice small">{step.message}</p>
          <div class="actions">
            {step.choices.map((c) => (
              <button key={c.format} type="button" class="button" onClick={() => void run(true, c.format)}>
                {c.example} → {c.reads}
              </button>
            ))}
          </div>
        </section>
      )}
      {step.kind === 'preview' && (
        <Card
          id="h-survey-preview"
          title={t('import.previewTitle', { file: step.summary.file })}
          lead={t('import.previewLead')}
        >
          <p class="small muted">
            {t('surveyImport.dates', {
              column: step.summary.dates.column,
              reason: step.summary.dates.reason,
            })}
          </p>
          <SurveyMapping columns={step.summary.columns} onApply={(m) => void run(true, dateFormat, m)} />
          <SurveySummary summary={step.summary} />
          <PreviewActions
            count={toImport}
            confirmLabel={t.plural('surveyImport.confirm', toImport)}
            nothing={t('surveyImport.nothingNew')}
            onImport={() => void run(false)}
            onCancel={() => setStep({ kind: 'pick' })}
          />
        </Card>
      )}
      {step.kind === 'done' && (
        <ImportDone id="h-survey-done" title={t('surveyImport.done', { file: step.summary.file })}>
          <SurveySummary summary={step.summary} done />
          <p>
            <Link href={ROUTES.satisfaction}>{t('surveyImport.seeSatisfaction')}</Link>
          </p>
        </ImportDone>
      )}
    </>
  );
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
