import { useState } from 'preact/hooks';
import type { OrderImportSummary } from '../../../src/routes/wire-types.ts';
import { ApiError, api } from '../api.ts';
import { Link } from '../components/link.tsx';
import { Money } from '../components/money.tsx';
import { PageHead } from '../components/page-head.tsx';
import { Empty, ErrorNote, Loading } from '../components/states.tsx';
import { useApp, useI18n } from '../context.ts';
import { formatNumber } from '../format.ts';
import { ROUTES } from '../route.ts';

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

type Step =
  | { kind: 'pick' }
  | { kind: 'question'; question: Question; message: string }
  | { kind: 'busy'; what: 'preview' | 'import' }
  | { kind: 'preview'; summary: OrderImportSummary }
  | { kind: 'done'; summary: OrderImportSummary }
  | { kind: 'failed'; error: Error; after: 'preview' | 'import' };

const SHOWN_ERRORS = 50;

/** Date formats a user can pick; '' lets the server detect it. (Copies of the shared list: no zod in the bundle.) */
const DATE_FORMATS = ['', 'dmy', 'mdy', 'ymd', 'serial'] as const;

function upload(file: File, dryRun: boolean, answers: Answers): Promise<OrderImportSummary> {
  const body = new FormData();
  body.set('file', file);
  return api<OrderImportSummary>('/imports/orders', { method: 'POST', query: { dryRun, ...answers }, body });
}

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

  if (!canManage) {
    return (
      <>
        <PageHead title={t('import.title')} />
        <Empty title={t('import.leadsOnly')} />
      </>
    );
  }
  const run = async (dryRun: boolean, given: Partial<Answers> = {}) => {
    if (!file) return;
    const what = dryRun ? 'preview' : 'import';
    const now = { ...answers, ...given };
    setAnswers(now);
    setStep({ kind: 'busy', what });
    try {
      const summary = await upload(file, dryRun, now);
      setStep(dryRun ? { kind: 'preview', summary } : { kind: 'done', summary });
    } catch (error) {
      const question = questionOf(error);
      if (question) setStep({ kind: 'question', question, message: (error as Error).message });
      else setStep({ kind: 'failed', error: error as Error, after: what });
    }
  };
  const toImport = step.kind === 'preview' ? step.summary.lines.new + step.summary.lines.changed : 0;

  return (
    <>
      <PageHead title={t('import.title')} />
      <section class="card" aria-labelledby="h-upload">
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
        <Loading label={step.what === 'preview' ? t('import.previewing') : t('import.importing')} />
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
          <Summary summary={step.summary} />
          <div class="actions">
            {toImport === 0 ? (
              <p class="notice">{t('import.nothingNew')}</p>
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
      <details class="columns">
        <summary>
          {t('import.columns', {
            count: n(s.columns.filter((c) => c.field).length),
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
                <td>{c.field ?? <span class="muted">{t('import.ignored')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
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
