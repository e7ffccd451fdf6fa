import { useEffect, useState } from 'preact/hooks';
import type { ImportProgress, OrderImportSummary } from '../../../src/routes/wire-types.ts';
import { ApiError, api } from '../api.ts';
import { Link } from '../components/link.tsx';
import { Money } from '../components/money.tsx';
import { PageHead } from '../components/page-head.tsx';
import { Empty, ErrorNote } from '../components/states.tsx';
import { useApp, useI18n } from '../context.ts';
import { formatNumber } from '../format.ts';
import { ROUTES } from '../route.ts';
import { type ImportKind, ImportKindPicker, ImportSurveys } from './import-surveys.tsx';

/** The server's question when a date column fits day-first and month-first alike, or amounts read two ways. */
interface Question {
  option: 'dateFormat' | 'decimal';
  column: string | null;
  example: string;
  choices: { value: string; name: string; reads: string }[];
}

/** What the user told the import (sent with every preview and the import). */
interface Answers {
  dateFormat: string;
  decimal: string;
}

/** Each header of the file and the field it is read as (null: not read). */
type Columns = OrderImportSummary['columns'];

type Step =
  | { kind: 'pick' }
  | { kind: 'question'; question: Question; message: string }
  | { kind: 'busy'; what: 'preview' | 'import'; progressId: string }
  | { kind: 'preview'; summary: OrderImportSummary }
  | { kind: 'done'; summary: OrderImportSummary }
  | { kind: 'unmapped'; columns: Columns; message: string }
  | { kind: 'failed'; error: Error; after: 'preview' | 'import' };

const SHOWN_ERRORS = 50;

/** Date formats a user can pick; '' lets the server detect it. (Copies of the shared list: no zod in the bundle.) */
const DATE_FORMATS = ['', 'dmy', 'mdy', 'ymd', 'serial'] as const;

/**
 * The fields a person maps by hand, in the order the select list shows them (a copy of the server's
 * field names: no zod in the bundle). The first six groups are required (one of each).
 */
export const MAPPED_FIELDS = [
  'orderId',
  'orderedAt',
  'customerId',
  'customerName',
  'productId',
  'productName',
  'revenue',
  'profit',
  'cost',
  'quantity',
  'lineId',
  'category',
  'subCategory',
  'email',
  'segment',
  'owner',
  'currency',
] as const;
type MappedField = (typeof MAPPED_FIELDS)[number];

/** field -> the header read as it ('' for none). */
type Assignment = Partial<Record<MappedField, string>>;

const assignmentOf = (columns: Columns): Assignment => {
  const out: Assignment = {};
  for (const c of columns)
    if (c.field && (MAPPED_FIELDS as readonly string[]).includes(c.field) && !out[c.field as MappedField])
      out[c.field as MappedField] = c.header;
  return out;
};

/**
 * The mapping sent to the server: every header of the file, read as the field it was given or left
 * out, so nothing the server would guess differs from what the person sees.
 */
function mappingOf(columns: Columns, assign: Assignment): Record<string, string> {
  const byHeader = new Map<string, string>();
  for (const [field, header] of Object.entries(assign)) if (header) byHeader.set(header, field);
  return Object.fromEntries(columns.map((c) => [c.header, byHeader.get(c.header) ?? 'ignore']));
}

function upload(
  file: File,
  dryRun: boolean,
  answers: Answers,
  columns: Record<string, string> | null,
  progress: string,
): Promise<OrderImportSummary> {
  const body = new FormData();
  body.set('file', file);
  if (columns) body.set('options', JSON.stringify({ columns }));
  return api<OrderImportSummary>('/imports/orders', {
    method: 'POST',
    query: { dryRun, ...answers, progress },
    body,
  });
}

/** The columns a refused mapping reports (details.columns of the 400), or null. */
function unmappedColumns(error: unknown): Columns | null {
  if (!(error instanceof ApiError)) return null;
  const columns = (error.details as { columns?: unknown } | null)?.columns;
  if (!Array.isArray(columns)) return null;
  return columns.filter(
    (c): c is Columns[number] =>
      typeof c === 'object' &&
      c !== null &&
      typeof (c as { header?: unknown }).header === 'string' &&
      ((c as { field?: unknown }).field === null || typeof (c as { field?: unknown }).field === 'string'),
  );
}

const newProgressId = () => crypto.randomUUID();

const DELIMITER_NAMES: Record<
  string,
  'import.delim.comma' | 'import.delim.semicolon' | 'import.delim.tab' | 'import.delim.pipe'
> = {
  ',': 'import.delim.comma',
  ';': 'import.delim.semicolon',
  '\t': 'import.delim.tab',
  '|': 'import.delim.pipe',
};

function questionOf(error: unknown): Question | null {
  if (!(error instanceof ApiError)) return null;
  type Raw = {
    option?: string;
    column?: string;
    choices?: { format?: string; decimal?: string; name?: string; example?: string; reads?: string }[];
  };
  const q = (error.details as { question?: Raw } | null)?.question;
  if (!q || !Array.isArray(q.choices) || (q.option !== 'dateFormat' && q.option !== 'decimal')) return null;
  return {
    option: q.option,
    column: q.column ?? null,
    example: q.choices[0]?.example ?? '',
    choices: q.choices.map((c) => ({
      value: c.format ?? c.decimal ?? '',
      name: c.name ?? `"${c.decimal}"`,
      reads: c.reads ?? '',
    })),
  };
}

/** Upload an order CSV, read the dry-run preview, then import it for real (lead/admin). */
export function ImportOrders() {
  const { t } = useI18n();
  const { canManage } = useApp();
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [answers, setAnswers] = useState<Answers>({ dateFormat: '', decimal: '' });
  /** The person's own mapping, once they changed one; null: the server's reading (or the team's saved one). */
  const [mapping, setMapping] = useState<Record<string, string> | null>(null);
  const [kind, setKind] = useState<ImportKind>('orders');

  if (!canManage) {
    return (
      <>
        <PageHead title={t('import.title')} />
        <Empty title={t('import.leadsOnly')} />
      </>
    );
  }
  const kindPicker = <ImportKindPicker kind={kind} onKind={setKind} />;
  if (kind === 'surveys') return <ImportSurveys kindPicker={kindPicker} />;
  const run = async (
    dryRun: boolean,
    given: Partial<Answers> = {},
    columns: Record<string, string> | null = mapping,
  ) => {
    if (!file) return;
    const what = dryRun ? 'preview' : 'import';
    const now = { ...answers, ...given };
    setAnswers(now);
    setMapping(columns);
    const progressId = newProgressId();
    setStep({ kind: 'busy', what, progressId });
    try {
      const summary = await upload(file, dryRun, now, columns, progressId);
      setStep(dryRun ? { kind: 'preview', summary } : { kind: 'done', summary });
    } catch (error) {
      const question = questionOf(error);
      const unmapped = unmappedColumns(error);
      if (question) setStep({ kind: 'question', question, message: (error as Error).message });
      else if (unmapped) setStep({ kind: 'unmapped', columns: unmapped, message: (error as Error).message });
      else setStep({ kind: 'failed', error: error as Error, after: what });
    }
  };
  const toImport = step.kind === 'preview' ? step.summary.lines.new + step.summary.lines.changed : 0;

  return (
    <>
      <PageHead title={t('import.title')} />
      <section class="card" aria-labelledby="h-upload">
        {kindPicker}
        <h2 id="h-upload">{t('import.pick')}</h2>
        <p class="card-lead">{t('import.lead')}</p>
        <form
          class="upload"
          onSubmit={(e) => {
            e.preventDefault();
            void run(true);
          }}
        >
          <label class="field">
            <span>{t('import.file')}</span>
            <input
              type="file"
              accept=".csv,.txt,.tsv,.xlsx,text/csv"
              required
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0] ?? null);
                setAnswers({ dateFormat: '', decimal: '' });
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

      {step.kind === 'busy' && <ImportProgressBar what={step.what} progressId={step.progressId} />}
      {step.kind === 'unmapped' && (
        <section class="card" aria-labelledby="h-unmapped">
          <h2 id="h-unmapped">{t('import.unmappedTitle')}</h2>
          <p class="card-lead">{t('import.unmappedLead')}</p>
          <p class="notice bad small">{step.message}</p>
          <MappingEditor columns={step.columns} open onApply={(m) => void run(true, {}, m)} />
        </section>
      )}
      {step.kind === 'failed' && (
        <ErrorNote error={step.error} onRetry={() => void run(step.after === 'preview')} />
      )}
      {step.kind === 'question' && (
        <QuestionCard
          question={step.question}
          onAnswer={(value) => void run(true, { [step.question.option]: value })}
        />
      )}
      {step.kind === 'preview' && (
        <section class="card" aria-labelledby="h-preview">
          <h2 id="h-preview">{t('import.previewTitle', { file: step.summary.file })}</h2>
          <p class="card-lead">{t('import.previewLead')}</p>
          <HowRead
            summary={step.summary}
            dateFormat={answers.dateFormat}
            onDateFormat={(f) => void run(true, { dateFormat: f })}
          />
          <MappingEditor columns={step.summary.columns} onApply={(m) => void run(true, {}, m)} />
          <Summary summary={step.summary} />
          <div class="actions">
            {toImport === 0 ? (
              <p class={step.summary.lines.unchanged === 0 ? 'notice bad' : 'notice'} role="status">
                {nothingMessage(step.summary, t)}
              </p>
            ) : (
              <button type="button" class="button primary" onClick={() => void run(false)}>
                {t.plural('import.confirm', toImport)}
              </button>
            )}
            <button type="button" class="button ghost" onClick={() => setStep({ kind: 'pick' })}>
              {t('common.cancel')}
            </button>
          </div>
        </section>
      )}
      {step.kind === 'done' && (
        <section class="card success" aria-labelledby="h-done">
          <div role="status">
            <h2 id="h-done">{t('import.done', { file: step.summary.file })}</h2>
            {step.summary.lines.new + step.summary.lines.changed === 0 && (
              <p class="notice">{nothingMessage(step.summary, t)}</p>
            )}
          </div>
          <Summary summary={step.summary} done />
          <p>
            <Link href={ROUTES.overview}>{t('import.seeOverview')}</Link>
          </p>
        </section>
      )}
    </>
  );
}

type T = ReturnType<typeof useI18n>['t'];

/**
 * Why nothing would be (or was) written, honestly: every line already stored, every row refused,
 * or no data rows at all. A file whose rows were all refused never hears "already in Rapport".
 */
function nothingMessage(s: OrderImportSummary, t: T): string {
  if (s.rows === 0) return t('import.noRows');
  if (s.lines.unchanged === 0 && s.rejectedRows > 0) return t.plural('import.allRefused', s.rejectedRows);
  if (s.rejectedRows > 0) return t('import.nothingNewSomeRefused', { count: String(s.rejectedRows) });
  return t('import.nothingNew');
}

/** Polls the server's progress of the running upload (GET /imports/progress/{id}) and draws a real bar. */
function ImportProgressBar(props: { what: 'preview' | 'import'; progressId: string }) {
  const { t, lang } = useI18n();
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const p = await api<ImportProgress>(`/imports/progress/${props.progressId}`);
        if (!stopped) setProgress(p);
      } catch {
        // 404 until the upload has arrived: keep showing "uploading".
      }
      if (!stopped) timer = setTimeout(() => void poll(), 300);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [props.progressId]);
  const n = (v: number) => formatNumber(v, lang);
  let label = t('import.uploading');
  let value: number | undefined;
  if (progress?.phase === 'reading') {
    label = props.what === 'preview' ? t('import.previewing') : t('import.reading');
    value = progress.total > 0 ? progress.done / progress.total : undefined;
  } else if (progress?.phase === 'writing') {
    label = t(props.what === 'preview' ? 'import.checkingRows' : 'import.writingRows', {
      done: n(progress.done),
      total: n(progress.total),
    });
    value = progress.total > 0 ? progress.done / progress.total : 1;
  } else if (progress?.phase === 'metrics') {
    label = t('import.metrics');
    value = 1;
  }
  return (
    <section class="card import-progress" aria-live="polite">
      <div class="field">
        <span id="import-progress-label">{label}</span>
        {value === undefined ? (
          <progress aria-labelledby="import-progress-label" />
        ) : (
          <progress aria-labelledby="import-progress-label" max={1} value={value} />
        )}
      </div>
      {value !== undefined && <p class="small muted">{Math.round(value * 100)} %</p>}
    </section>
  );
}

/**
 * One select per field listing the file's columns: what the server read is preselected; a person
 * changes any of them and previews again. The import then saves it as the team's mapping for files
 * with this header row.
 */
function MappingEditor(props: {
  columns: Columns;
  onApply: (mapping: Record<string, string>) => void;
  /** Open from the start (the file could not be read without it). */
  open?: boolean;
}) {
  const { t } = useI18n();
  const [assign, setAssign] = useState<Assignment>(() => assignmentOf(props.columns));
  useEffect(() => setAssign(assignmentOf(props.columns)), [props.columns]);
  const changed = JSON.stringify(assign) !== JSON.stringify(assignmentOf(props.columns));
  return (
    <details class="mapping" open={props.open || changed || undefined}>
      <summary class="mapping-summary">
        {t('import.mappingTitle', {
          count: String(props.columns.filter((c) => c.field && c.field !== 'ignore').length),
          total: String(props.columns.length),
        })}
      </summary>
      <p class="small muted">{t('import.mappingLead')}</p>
      <form
        class="mapping-grid"
        onSubmit={(e) => {
          e.preventDefault();
          props.onApply(mappingOf(props.columns, assign));
        }}
      >
        {MAPPED_FIELDS.map((field) => (
          <label key={field} class="field">
            <span>{t(`import.f.${field}` as 'import.f.orderId')}</span>
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
          <button type="submit" class="button" disabled={!changed && !props.open}>
            {t('import.applyMapping')}
          </button>
        </div>
      </form>
    </details>
  );
}

function Summary(props: { summary: OrderImportSummary; done?: boolean }) {
  const { t, lang } = useI18n();
  const s = props.summary;
  const n = (v: number) => formatNumber(v, lang);
  return (
    <>
      <dl class="facts">
        <div>
          <dt>{t('import.linesNew')}</dt>
          <dd class="good">{n(s.lines.new)}</dd>
        </div>
        <div>
          <dt>{t('import.linesChanged')}</dt>
          <dd>{n(s.lines.changed)}</dd>
        </div>
        <div>
          <dt>{t('import.linesUnchanged')}</dt>
          <dd class="muted">{n(s.lines.unchanged)}</dd>
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
          <dt>{t('import.customers')}</dt>
          <dd>{t('import.newMatched', { new: n(s.customers.new), matched: n(s.customers.matched) })}</dd>
        </div>
        <div>
          <dt>{t('import.products')}</dt>
          <dd>{t('import.newChanged', { new: n(s.products.new), changed: n(s.products.changed) })}</dd>
        </div>
        <div>
          <dt>{t('import.totals', { currency: s.totals.currency })}</dt>
          <dd>
            {t('col.revenue')} <Money value={s.totals.revenue} /> · {t('col.profit')}{' '}
            <Money value={s.totals.profit} />
          </dd>
        </div>
        <div>
          <dt>{t('import.ordersLines')}</dt>
          <dd>{t('import.ordersLinesValue', { orders: n(s.totals.orders), lines: n(s.totals.lines) })}</dd>
        </div>
      </dl>
      {/* The preview edits the mapping above; the summary of a finished import lists it. */}
      {props.done && (
        <details class="columns">
          <summary>
            {t('import.columns', {
              count: n(s.columns.filter((c) => c.field && c.field !== 'ignore').length),
              total: n(s.columns.length),
            })}
          </summary>
          <table class="table compact">
            <thead>
              <tr>
                <th scope="col">{t('import.header')}</th>
                <th scope="col">{t('import.field')}</th>
              </tr>
            </thead>
            <tbody>
              {s.columns.map((c) => (
                <tr key={c.header}>
                  <th scope="row">{c.header}</th>
                  <td>
                    {c.field && c.field !== 'ignore' ? (
                      c.field
                    ) : (
                      <span class="muted">{t('import.ignored')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
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
          {s.errorCount > Math.min(SHOWN_ERRORS, s.errors.length) && (
            <p class="muted small">
              {t('import.moreErrors', { count: n(s.errorCount - Math.min(SHOWN_ERRORS, s.errors.length)) })}
            </p>
          )}
        </div>
      )}
    </>
  );
}

/** The server could not tell day-first from month-first: the user picks, seeing what each reading gives. */
function QuestionCard(props: { question: Question; onAnswer: (value: string) => void }) {
  const { t } = useI18n();
  const q = props.question;
  const [choice, setChoice] = useState(q.choices[0]?.value ?? '');
  return (
    <section class="card" aria-labelledby="h-question">
      <h2 id="h-question">
        {q.option === 'dateFormat'
          ? t('import.questionTitle', { column: q.column ?? '' })
          : t('import.decimalTitle', { example: q.example })}
      </h2>
      <p class="card-lead">{t(q.option === 'dateFormat' ? 'import.questionLead' : 'import.decimalLead')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onAnswer(choice);
        }}
      >
        <fieldset class="radios">
          <legend class="visually-hidden">{t('import.dateFormat')}</legend>
          {q.choices.map((c) => (
            <label key={c.value} class="radio">
              <input
                type="radio"
                name={q.option}
                value={c.value}
                checked={choice === c.value}
                onChange={() => setChoice(c.value)}
              />
              {t(q.option === 'dateFormat' ? 'import.choiceReads' : 'import.decimalReads', {
                name: c.name,
                example: q.example,
                reads: c.reads,
              })}
            </label>
          ))}
        </fieldset>
        <div class="actions">
          <button type="submit" class="button primary">
            {t('import.answer')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** What the server detected (dates, decimal mark, file) and the first rows as written beside as read. */
function HowRead(props: {
  summary: OrderImportSummary;
  dateFormat: string;
  onDateFormat: (format: string) => void;
}) {
  const { t } = useI18n();
  const d = props.summary.detected;
  return (
    <div class="how-read">
      <h3>{t('import.howRead')}</h3>
      <ul class="small how-read-list">
        <li>
          {d.kind === 'xlsx'
            ? t('import.readSheet', { sheet: d.sheet ?? '' })
            : t('import.readText', {
                encoding: d.encoding ?? '',
                delimiter: t(DELIMITER_NAMES[d.delimiter ?? ','] ?? 'import.delim.comma'),
              })}{' '}
          {t('import.headerRow', { row: String(d.headerRow) })}
        </li>
        <li>
          {t('import.datesIn', { column: d.dates.column })} {d.dates.reason}
        </li>
        <li>{d.decimal.reason}</li>
      </ul>
      <label class="field inline">
        <span>{t('import.dateFormat')}</span>
        <select value={props.dateFormat} onChange={(e) => props.onDateFormat(e.currentTarget.value)}>
          {DATE_FORMATS.map((f) => (
            <option key={f} value={f}>
              {f === '' ? t('import.dateAuto') : t(`import.date.${f}` as 'import.date.dmy')}
            </option>
          ))}
        </select>
      </label>
      {props.summary.samples.length > 0 && (
        <div class="table-scroll short">
          <table class="table compact">
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t('import.row')}
                </th>
                <th scope="col">{t('import.column')}</th>
                <th scope="col">{t('import.raw')}</th>
                <th scope="col">{t('import.parsed')}</th>
              </tr>
            </thead>
            <tbody>
              {props.summary.samples.flatMap((r) =>
                r.cells.map((c) => (
                  <tr key={`${r.row}-${c.field}`}>
                    <th scope="row" class="num">
                      {r.row}
                    </th>
                    <td>{c.header}</td>
                    <td>
                      <code>{c.raw}</code>
                    </td>
                    <td>{c.parsed ?? <span class="bad">{t('import.unread')}</span>}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
