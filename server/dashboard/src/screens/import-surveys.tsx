import { useEffect, useState } from 'preact/hooks';
import type { SurveyImportSummary } from '../../../src/routes/wire-types.ts';
import { ApiError, api } from '../api.ts';
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
    <fieldset class="radios import-kind">
      <legend>{t('import.kind')}</legend>
      {(['orders', 'surveys'] as const).map((kind) => (
        <label key={kind} class="radio">
          <input
            type="radio"
            name="import-kind"
            value={kind}
            checked={props.kind === kind}
            onChange={() => props.onKind(kind)}
          />
          {t(`import.kind.${kind}`)}
        </label>
      ))}
    </fieldset>
  );
}

/** Survey fields a person maps by hand (a copy of the server's names: no zod in the bundle). */
const SURVEY_FIELDS = ['email', 'customerId', 'date', 'kind', 'score', 'csat', 'nps', 'comment'] as const;
type SurveyField = (typeof SURVEY_FIELDS)[number];
type Columns = SurveyImportSummary['columns'];

type Step =
  | { kind: 'pick' }
  | { kind: 'busy' }
  | { kind: 'preview'; summary: SurveyImportSummary }
  | { kind: 'done'; summary: SurveyImportSummary }
  | { kind: 'question'; message: string; choices: { format: string; example: string; reads: string }[] }
  | { kind: 'failed'; error: Error };

const SHOWN_ERRORS = 50;

function upload(
  file: File,
  dryRun: boolean,
  dateFormat: string,
  columns: Record<string, string> | null,
): Promise<SurveyImportSummary> {
  const body = new FormData();
  body.set('file', file);
  if (columns) body.set('options', JSON.stringify({ columns }));
  return api<SurveyImportSummary>('/imports/surveys', {
    method: 'POST',
    query: { dryRun, ...(dateFormat ? { dateFormat } : {}) },
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
    setStep({ kind: 'busy' });
    try {
      const summary = await upload(file, dryRun, format, columns);
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
      <section class="card" aria-labelledby="h-survey-upload">
        {props.kindPicker}
        <h2 id="h-survey-upload">{t('surveyImport.pick')}</h2>
        <p class="card-lead">{t('surveyImport.lead')}</p>
        <form
          class="upload"
          onSubmit={(e) => {
            e.preventDefault();
            void run(true);
          }}
        >
          <label class="field">
            <span>{t('surveyImport.file')}</span>
            <input
              type="file"
              accept=".csv,.txt,.tsv,.xlsx,text/csv"
              required
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0] ?? null);
                setDateFormat('');
                setMapping(null);
                setStep({ kind: 'pick' });
              }}
            />
          </label>
          <button type="submit" class="button primary" disabled={!file || step.kind === 'busy'}>
            {t('import.preview')}
          </button>
        </form>
      </section>

      {step.kind === 'busy' && (
        <section class="card import-progress" aria-live="polite">
          <progress aria-label={t('import.previewing')} />
        </section>
      )}
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
        <section class="card" aria-labelledby="h-survey-preview">
          <h2 id="h-survey-preview">{t('import.previewTitle', { file: step.summary.file })}</h2>
          <p class="card-lead">{t('import.previewLead')}</p>
          <p class="small muted">
            {t('surveyImport.dates', {
              column: step.summary.dates.column,
              reason: step.summary.dates.reason,
            })}
          </p>
          <SurveyMapping columns={step.summary.columns} onApply={(m) => void run(true, dateFormat, m)} />
          <SurveySummary summary={step.summary} />
          <div class="actions">
            {toImport === 0 ? (
              <p class="notice" role="status">
                {t('surveyImport.nothingNew')}
              </p>
            ) : (
              <button type="button" class="button primary" onClick={() => void run(false)}>
                {t.plural('surveyImport.confirm', toImport)}
              </button>
            )}
            <button type="button" class="button ghost" onClick={() => setStep({ kind: 'pick' })}>
              {t('common.cancel')}
            </button>
          </div>
        </section>
      )}
      {step.kind === 'done' && (
        <section class="card success" aria-labelledby="h-survey-done">
          <div role="status">
            <h2 id="h-survey-done">{t('surveyImport.done', { file: step.summary.file })}</h2>
          </div>
          <SurveySummary summary={step.summary} done />
          <p>
            <Link href={ROUTES.satisfaction}>{t('surveyImport.seeSatisfaction')}</Link>
          </p>
        </section>
      )}
    </>
  );
}

/** One select per survey field listing the file's columns, preselected with what the server read. */
function SurveyMapping(props: { columns: Columns; onApply: (mapping: Record<string, string>) => void }) {
  const { t } = useI18n();
  const read = () => {
    const out: Partial<Record<SurveyField, string>> = {};
    for (const c of props.columns)
      if (c.field && !out[c.field as SurveyField]) out[c.field as SurveyField] = c.header;
    return out;
  };
  const [assign, setAssign] = useState(read);
  useEffect(() => setAssign(read()), [props.columns]);
  const changed = JSON.stringify(assign) !== JSON.stringify(read());
  return (
    <details class="mapping" open={changed || undefined}>
      <summary class="mapping-summary">{t('surveyImport.mapping')}</summary>
      <form
        class="mapping-grid"
        onSubmit={(e) => {
          e.preventDefault();
          const byHeader = new Map(Object.entries(assign).map(([field, header]) => [header, field]));
          props.onApply(
            Object.fromEntries(props.columns.map((c) => [c.header, byHeader.get(c.header) ?? 'ignore'])),
          );
        }}
      >
        {SURVEY_FIELDS.map((field) => (
          <label key={field} class="field">
            <span>{t(`surveyImport.f.${field}`)}</span>
            <select
              name={field}
              value={assign[field] ?? ''}
              onChange={(e) => setAssign({ ...assign, [field]: e.currentTarget.value })}
            >
              <option value="">{t('import.notInFile')}</option>
              {props.columns.map((c) => (
                <option key={c.header} value={c.header}>
                  {c.header}
                </option>
              ))}
            </select>
          </label>
        ))}
        <div class="actions">
          <button type="submit" class="button" disabled={!changed}>
            {t('surveyImport.applyMapping')}
          </button>
        </div>
      </form>
    </details>
  );
}

function SurveySummary(props: { summary: SurveyImportSummary; done?: boolean }) {
  const { t, lang } = useI18n();
  const s = props.summary;
  const n = (v: number) => formatNumber(v, lang);
  return (
    <>
      <dl class="facts">
        <div>
          <dt>{t('surveyImport.new')}</dt>
          <dd class="good">{n(s.responses.new)}</dd>
        </div>
        <div>
          <dt>{t('surveyImport.unchanged')}</dt>
          <dd class="muted">{n(s.responses.unchanged)}</dd>
        </div>
        <div>
          <dt>{t('import.rejected')}</dt>
          <dd class={s.rejectedRows > 0 ? 'bad' : undefined}>
            {n(s.rejectedRows)} <span class="small muted">/ {n(s.rows)}</span>
          </dd>
        </div>
      </dl>
      <dl class="facts secondary">
        <div>
          <dt>{t('surveyImport.csat')}</dt>
          <dd>
            {s.totals.csat.average ?? '–'}{' '}
            <span class="small muted">{t.plural('surveyImport.responses', s.totals.csat.responses)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('surveyImport.nps')}</dt>
          <dd>
            {s.totals.nps.score === null ? '–' : s.totals.nps.score.toFixed(1)}{' '}
            <span class="small muted">{t.plural('surveyImport.responses', s.totals.nps.responses)}</span>
          </dd>
        </div>
      </dl>
      {s.errorCount > 0 && (
        <div class="row-errors">
          <h3>{t.plural(props.done ? 'import.errorsDone' : 'import.errors', s.errorCount)}</h3>
          <div class="table-scroll short">
            <table class="table compact">
              <thead>
                <tr>
                  <th scope="col" class="num">
                    {t('import.row')}
                  </th>
                  <th scope="col">{t('import.column')}</th>
                  <th scope="col">{t('import.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {s.errors.slice(0, SHOWN_ERRORS).map((e) => (
                  <tr key={`${e.row}-${e.column}-${e.message}`}>
                    <th scope="row" class="num">
                      {n(e.row)}
                    </th>
                    <td>{e.column ?? '–'}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </>
  );
}
