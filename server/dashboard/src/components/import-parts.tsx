import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ImportProgress } from '../../../src/routes/wire-types.ts';
import { api } from '../api.ts';
import { useI18n } from '../context.ts';
import { formatNumber } from '../format.ts';
import { type Column, DataTable } from './data-table.tsx';

/** The pieces the order import and the survey import share: upload, mapping, facts, row errors, progress. */

/** Each header of the file and the field the server read it as (null: not read). */
export type ImportColumns = readonly { header: string; field: string | null }[];

/** One refused row as the import summary reports it. */
export interface RowError {
  row: number;
  column: string | null;
  message: string;
}

const SHOWN_ERRORS = 50;

/** The first card: the kind picker, a file input and "Preview" (which runs a dry run). */
export function UploadCard(props: {
  id: string;
  kindPicker: ComponentChildren;
  title: string;
  lead: string;
  fileLabel: string;
  busy: boolean;
  hasFile: boolean;
  onFile(file: File | null): void;
  onPreview(): void;
}) {
  const { t } = useI18n();
  return (
    <section class="card" aria-labelledby={props.id}>
      {props.kindPicker}
      <h2 id={props.id}>{props.title}</h2>
      <p class="card-lead">{props.lead}</p>
      <form
        class="upload"
        onSubmit={(e) => {
          e.preventDefault();
          props.onPreview();
        }}
      >
        <label class="field">
          <span>{props.fileLabel}</span>
          <input
            type="file"
            accept=".csv,.txt,.tsv,.xlsx,text/csv"
            required
            onChange={(e) => props.onFile(e.currentTarget.files?.[0] ?? null)}
          />
        </label>
        <button type="submit" class="button primary" disabled={!props.hasFile || props.busy}>
          {t('import.preview')}
        </button>
      </form>
    </section>
  );
}

/** field -> the header read as it ('' for none), for the fields a person maps by hand. */
type Assignment = Record<string, string | undefined>;

function assignmentOf(columns: ImportColumns, fields: readonly string[]): Assignment {
  const out: Assignment = {};
  for (const c of columns) if (c.field && fields.includes(c.field) && !out[c.field]) out[c.field] = c.header;
  return out;
}

/**
 * The mapping sent to the server: every header of the file, read as the field it was given or left
 * out, so nothing the server would guess differs from what the person sees.
 */
export function mappingOf(columns: ImportColumns, assign: Assignment): Record<string, string> {
  const byHeader = new Map<string, string>();
  for (const [field, header] of Object.entries(assign)) if (header) byHeader.set(header, field);
  return Object.fromEntries(columns.map((c) => [c.header, byHeader.get(c.header) ?? 'ignore']));
}

/**
 * One select per field listing the file's columns: what the server read is preselected; a person
 * changes any of them and previews again with `onApply`.
 */
export function MappingEditor<F extends string>(props: {
  fields: readonly F[];
  fieldLabel(field: F): string;
  columns: ImportColumns;
  summary: string;
  lead?: string;
  applyLabel: string;
  onApply(mapping: Record<string, string>): void;
  /** Open from the start (the file could not be read without it). */
  open?: boolean;
}) {
  const { t } = useI18n();
  const [assign, setAssign] = useState<Assignment>(() => assignmentOf(props.columns, props.fields));
  useEffect(() => setAssign(assignmentOf(props.columns, props.fields)), [props.columns]);
  const changed = JSON.stringify(assign) !== JSON.stringify(assignmentOf(props.columns, props.fields));
  return (
    <details class="mapping" open={props.open || changed || undefined}>
      <summary class="mapping-summary">{props.summary}</summary>
      {props.lead && <p class="small muted">{props.lead}</p>}
      <form
        class="mapping-grid"
        onSubmit={(e) => {
          e.preventDefault();
          props.onApply(mappingOf(props.columns, assign));
        }}
      >
        {props.fields.map((field) => (
          <label key={field} class="field">
            <span>{props.fieldLabel(field)}</span>
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
            {props.applyLabel}
          </button>
        </div>
      </form>
    </details>
  );
}

/** One fact of a summary's `<dl class="facts">`: a label over its value. */
export function Fact(props: { label: ComponentChildren; class?: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd class={props.class}>{props.children}</dd>
    </div>
  );
}

/** The refused rows of a preview or an import: the first 50 in a table, then how many more. */
export function RowErrors(props: { errors: readonly RowError[]; errorCount: number; done?: boolean }) {
  const { t, lang } = useI18n();
  const n = (v: number) => formatNumber(v, lang);
  if (props.errorCount === 0) return null;
  const shown = props.errors.slice(0, SHOWN_ERRORS);
  const columns: Column<RowError>[] = [
    { id: 'row', head: t('import.row'), num: true, rowHeader: true, cell: (e) => n(e.row) },
    { id: 'column', head: t('import.column'), cell: (e) => e.column ?? '–' },
    { id: 'problem', head: t('import.problem'), cell: (e) => e.message },
  ];
  return (
    <div class="row-errors">
      <h3>{t.plural(props.done ? 'import.errorsDone' : 'import.errors', props.errorCount)}</h3>
      <div class="table-scroll short">
        <DataTable
          class="compact"
          columns={columns}
          rows={shown}
          rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
        />
      </div>
      {props.errorCount > shown.length && (
        <p class="muted small">{t('import.moreErrors', { count: n(props.errorCount - shown.length) })}</p>
      )}
    </div>
  );
}

/** Import now (with how many), or why there is nothing to import; and Cancel. */
export function PreviewActions(props: {
  count: number;
  confirmLabel: string;
  nothing: string;
  /** Nothing to import because nothing could be read (a red notice). */
  nothingBad?: boolean;
  onImport(): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  return (
    <div class="actions">
      {props.count === 0 ? (
        <p class={props.nothingBad ? 'notice bad' : 'notice'} role="status">
          {props.nothing}
        </p>
      ) : (
        <button type="button" class="button primary" onClick={props.onImport}>
          {props.confirmLabel}
        </button>
      )}
      <button type="button" class="button ghost" onClick={props.onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}

/** The finished import: its heading (with an optional note) said to screen readers, then its summary. */
export function ImportDone(props: {
  id: string;
  title: string;
  note?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <section class="card success" aria-labelledby={props.id}>
      <div role="status">
        <h2 id={props.id}>{props.title}</h2>
        {props.note}
      </div>
      {props.children}
    </section>
  );
}

/**
 * The running upload (orders and surveys both send a progress id): polls the server's progress
 * (GET /imports/progress/{id}) and draws a real bar, indeterminate until the first answer; a kind
 * without progress gets an indeterminate bar.
 */
export function ImportProgressBar(props: { what: 'preview' | 'import'; progressId?: string }) {
  const { t, lang } = useI18n();
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  useEffect(() => {
    if (!props.progressId) return;
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
  if (!props.progressId)
    return (
      <section class="card import-progress" aria-live="polite">
        <progress aria-label={t('import.previewing')} />
      </section>
    );
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

/** The rows refused out of all the file's rows (red when any). */
export function RejectedFact(props: { rejected: number; rows: number }) {
  const { t, lang } = useI18n();
  return (
    <Fact label={t('import.rejected')} class={props.rejected > 0 ? 'bad' : undefined}>
      {formatNumber(props.rejected, lang)} <span class="small muted">/ {formatNumber(props.rows, lang)}</span>
    </Fact>
  );
}

/**
 * A preview's or an import's summary: the row counts (then the refused rows of all), the details
 * below them, what the import adds (`children`), and the refused rows by row and column.
 */
export function ImportFacts(props: {
  summary: { rows: number; rejectedRows: number; errors: readonly RowError[]; errorCount: number };
  counts: ComponentChildren;
  details: ComponentChildren;
  done?: boolean;
  children?: ComponentChildren;
}) {
  const s = props.summary;
  return (
    <>
      <dl class="facts">
        {props.counts}
        <RejectedFact rejected={s.rejectedRows} rows={s.rows} />
      </dl>
      <dl class="facts secondary">{props.details}</dl>
      {props.children}
      <RowErrors errors={s.errors} errorCount={s.errorCount} done={props.done} />
    </>
  );
}
