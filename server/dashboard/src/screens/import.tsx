import { useState } from 'preact/hooks';
import type { OrderImportSummary } from '../../../src/routes/wire-types.ts';
import type { Translate } from '../../i18n/index.ts';
import { ApiError } from '../api.ts';
import { DataTable } from '../components/data-table.tsx';
import { Options } from '../components/fields.tsx';
import { ImportFlow, type ImportKindConfig, uploadImport } from '../components/import-flow.tsx';
import { Fact, ImportFacts, MappingEditor } from '../components/import-parts.tsx';
import { Link } from '../components/link.tsx';
import { Money } from '../components/money.tsx';
import { PageHead } from '../components/page-head.tsx';
import { Empty } from '../components/states.tsx';
import { useApp, useI18n } from '../context.ts';
import { formatNumber } from '../format.ts';
import { ROUTES } from '../route.ts';
import { type ImportKind, ImportKindPicker, surveyImport } from './import-surveys.tsx';

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

/** What a refused upload asks: which reading of a column is meant, or a mapping of the columns. */
type Ask = { kind: 'question'; question: Question } | { kind: 'unmapped'; columns: Columns };

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

/** The import screen (lead/admin): orders or survey responses, each one configuration of `ImportFlow`. */
export function ImportOrders() {
  const { t } = useI18n();
  const { canManage } = useApp();
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
  if (kind === 'surveys')
    return <ImportFlow key="surveys" config={surveyImport(t)} kindPicker={kindPicker} />;
  return <ImportFlow key="orders" config={orderImport(t)} kindPicker={kindPicker} />;
}

/** Upload an order CSV, read the dry-run preview, answer its questions or map its columns, then import it. */
function orderImport(t: Translate): ImportKindConfig<OrderImportSummary, Answers, Ask> {
  return {
    idPrefix: 'h',
    title: t('import.title'),
    pick: t('import.pick'),
    lead: t('import.lead'),
    fileLabel: t('import.file'),
    noAnswers: { dateFormat: '', decimal: '' },
    progress: true,
    upload: (file, dryRun, answers, columns, progress) =>
      uploadImport('/imports/orders', file, columns, { dryRun, ...answers, progress: progress ?? '' }),
    askOf(error) {
      const question = questionOf(error);
      if (question) return { kind: 'question', question };
      const columns = unmappedColumns(error);
      return columns ? { kind: 'unmapped', columns } : null;
    },
    ask: (ask, message, rerun) =>
      ask.kind === 'question' ? (
        <QuestionCard question={ask.question} onAnswer={(value) => rerun({ [ask.question.option]: value })} />
      ) : (
        <section class="card" aria-labelledby="h-unmapped">
          <h2 id="h-unmapped">{t('import.unmappedTitle')}</h2>
          <p class="card-lead">{t('import.unmappedLead')}</p>
          <p class="notice bad small">{message}</p>
          <OrderMapping columns={ask.columns} open onApply={(m) => rerun({}, m)} />
        </section>
      ),
    previewHead: (summary, answers, rerun) => (
      <>
        <HowRead
          summary={summary}
          dateFormat={answers.dateFormat}
          onDateFormat={(f) => rerun({ dateFormat: f })}
        />
        <OrderMapping columns={summary.columns} onApply={(m) => rerun({}, m)} />
      </>
    ),
    summary: (summary, done) => <Summary summary={summary} done={done} />,
    toImport: (s) => s.lines.new + s.lines.changed,
    confirmLabel: (count) => t.plural('import.confirm', count),
    nothing: (s) => ({ message: nothingMessage(s, t), bad: s.lines.unchanged === 0 }),
    doneTitle: (s) => t('import.done', { file: s.file }),
    doneNote: (s) => s.lines.new + s.lines.changed === 0 && <p class="notice">{nothingMessage(s, t)}</p>,
    next: <Link href={ROUTES.overview}>{t('import.seeOverview')}</Link>,
  };
}

/**
 * Why nothing would be (or was) written, honestly: every line already stored, every row refused,
 * or no data rows at all. A file whose rows were all refused never hears "already in Rapport".
 */
function nothingMessage(s: OrderImportSummary, t: Translate): string {
  if (s.rows === 0) return t('import.noRows');
  if (s.lines.unchanged === 0 && s.rejectedRows > 0) return t.plural('import.allRefused', s.rejectedRows);
  if (s.rejectedRows > 0) return t('import.nothingNewSomeRefused', { count: String(s.rejectedRows) });
  return t('import.nothingNew');
}

/**
 * The order fields a person maps by hand. The import then saves the mapping as the team's mapping
 * for files with this header row.
 */
function OrderMapping(props: {
  columns: Columns;
  onApply: (mapping: Record<string, string>) => void;
  open?: boolean;
}) {
  const { t } = useI18n();
  return (
    <MappingEditor
      fields={MAPPED_FIELDS}
      fieldLabel={(field) => t(`import.f.${field}` as 'import.f.orderId')}
      columns={props.columns}
      summary={t('import.mappingTitle', {
        count: String(props.columns.filter((c) => c.field && c.field !== 'ignore').length),
        total: String(props.columns.length),
      })}
      lead={t('import.mappingLead')}
      applyLabel={t('import.applyMapping')}
      open={props.open}
      onApply={props.onApply}
    />
  );
}

function Summary(props: { summary: OrderImportSummary; done?: boolean }) {
  const { t, lang } = useI18n();
  const s = props.summary;
  const n = (v: number) => formatNumber(v, lang);
  return (
    <ImportFacts
      summary={s}
      done={props.done}
      counts={
        <>
          <Fact label={t('import.linesNew')} class="good">
            {n(s.lines.new)}
          </Fact>
          <Fact label={t('import.linesChanged')}>{n(s.lines.changed)}</Fact>
          <Fact label={t('import.linesUnchanged')} class="muted">
            {n(s.lines.unchanged)}
          </Fact>
        </>
      }
      details={
        <>
          <Fact label={t('import.customers')}>
            {t('import.newMatched', { new: n(s.customers.new), matched: n(s.customers.matched) })}
          </Fact>
          <Fact label={t('import.products')}>
            {t('import.newChanged', { new: n(s.products.new), changed: n(s.products.changed) })}
          </Fact>
          <Fact label={t('import.totals', { currency: s.totals.currency })}>
            {t('col.revenue')} <Money value={s.totals.revenue} /> · {t('col.profit')}{' '}
            <Money value={s.totals.profit} />
          </Fact>
          <Fact label={t('import.ordersLines')}>
            {t('import.ordersLinesValue', { orders: n(s.totals.orders), lines: n(s.totals.lines) })}
          </Fact>
        </>
      }
    >
      {/* The preview edits the mapping above; the summary of a finished import lists it. */}
      {props.done && (
        <details class="columns">
          <summary>
            {t('import.columns', {
              count: n(s.columns.filter((c) => c.field && c.field !== 'ignore').length),
              total: n(s.columns.length),
            })}
          </summary>
          <DataTable
            class="compact"
            columns={[
              { id: 'header', head: t('import.header'), rowHeader: true, cell: (c) => c.header },
              {
                id: 'field',
                head: t('import.field'),
                cell: (c) =>
                  c.field && c.field !== 'ignore' ? (
                    c.field
                  ) : (
                    <span class="muted">{t('import.ignored')}</span>
                  ),
              },
            ]}
            rows={s.columns}
            rowKey={(c) => c.header}
          />
        </details>
      )}
    </ImportFacts>
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
          <Options
            values={DATE_FORMATS}
            label={(f) => (f === '' ? t('import.dateAuto') : t(`import.date.${f}` as 'import.date.dmy'))}
          />
        </select>
      </label>
      {props.summary.samples.length > 0 && (
        <div class="table-scroll short">
          <DataTable
            class="compact"
            columns={[
              { id: 'row', head: t('import.row'), num: true, rowHeader: true, cell: (x) => x.row },
              { id: 'column', head: t('import.column'), cell: (x) => x.header },
              { id: 'raw', head: t('import.raw'), cell: (x) => <code>{x.raw}</code> },
              {
                id: 'parsed',
                head: t('import.parsed'),
                cell: (x) => x.parsed ?? <span class="bad">{t('import.unread')}</span>,
              },
            ]}
            rows={props.summary.samples.flatMap((r) => r.cells.map((c) => ({ ...c, row: r.row })))}
            rowKey={(x) => `${x.row}-${x.field}`}
          />
        </div>
      )}
    </div>
  );
}
