import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { useI18n } from '../context.ts';
import { Card } from './card.tsx';
import { ImportDone, ImportProgressBar, PreviewActions, UploadCard } from './import-parts.tsx';
import { PageHead } from './page-head.tsx';
import { ErrorNote } from './states.tsx';

/**
 * The one import screen: pick a file, preview it (a dry run), answer what the server asks, then
 * import it for real. The order import and the survey import are two configurations of it.
 */

/** A mapping a person made: header -> field (or 'ignore'); null: the server's own reading. */
export type ColumnMapping = Record<string, string> | null;

/** Previews again with changed answers and/or mapping (unchanged ones are kept). */
export type Rerun<A> = (given?: Partial<A>, columns?: ColumnMapping) => void;

/** POSTs the file to an import route with `?dryRun` and the answers (and a progress id when the kind has one). */
export function uploadImport<S>(
  path: string,
  file: File,
  columns: ColumnMapping,
  query: Record<string, string | boolean>,
): Promise<S> {
  const body = new FormData();
  body.set('file', file);
  if (columns) body.set('options', JSON.stringify({ columns }));
  return api<S>(path, { method: 'POST', query, body });
}

/** What one kind of import says and does at each step. */
export interface ImportKindConfig<S, A, Q> {
  /** The id prefix of the cards' headings (`h-upload`, `h-preview`, `h-done`). */
  idPrefix: string;
  title: string;
  pick: string;
  lead: string;
  fileLabel: string;
  /** The answers before the person gave any. */
  noAnswers: A;
  /** Whether the server reports progress (then the bar polls it with a fresh id per upload). */
  progress: boolean;
  upload(
    file: File,
    dryRun: boolean,
    answers: A,
    columns: ColumnMapping,
    progressId: string | null,
  ): Promise<S>;
  /** What a refused upload asks of the person (a question, columns to map), or null for a plain failure. */
  askOf(error: unknown): Q | null;
  /** The card that asks it; answering previews again. */
  ask(ask: Q, message: string, rerun: Rerun<A>): ComponentChildren;
  /** The preview card's body above its summary: how the file was read, the mapping editor. */
  previewHead(summary: S, answers: A, rerun: Rerun<A>): ComponentChildren;
  summary(summary: S, done?: boolean): ComponentChildren;
  /** How many rows the import would write. */
  toImport(summary: S): number;
  confirmLabel(count: number): string;
  /** Why there is nothing to import (and whether that is bad: nothing could be read). */
  nothing(summary: S): { message: string; bad?: boolean };
  doneTitle(summary: S): string;
  /** A note under the finished import's heading. */
  doneNote?(summary: S): ComponentChildren;
  /** Where to look next (under the finished import's summary). */
  next: ComponentChildren;
}

type Step<S, Q> =
  | { kind: 'pick' }
  | { kind: 'asked'; ask: Q; message: string }
  | { kind: 'busy'; what: 'preview' | 'import'; progressId: string | null }
  | { kind: 'preview'; summary: S }
  | { kind: 'done'; summary: S }
  | { kind: 'failed'; error: Error; after: 'preview' | 'import' };

/** One import kind's screen under the kind picker. Keyed by kind, so a switch starts afresh. */
export function ImportFlow<S extends { file: string }, A, Q>(props: {
  config: ImportKindConfig<S, A, Q>;
  kindPicker: ComponentChildren;
}) {
  const { t } = useI18n();
  const c = props.config;
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState<Step<S, Q>>({ kind: 'pick' });
  const [answers, setAnswers] = useState<A>(c.noAnswers);
  const [mapping, setMapping] = useState<ColumnMapping>(null);

  const run = async (dryRun: boolean, given: Partial<A> = {}, columns: ColumnMapping = mapping) => {
    if (!file) return;
    const what = dryRun ? 'preview' : 'import';
    const now = { ...answers, ...given };
    setAnswers(now);
    setMapping(columns);
    const progressId = c.progress ? crypto.randomUUID() : null;
    setStep({ kind: 'busy', what, progressId });
    try {
      const summary = await c.upload(file, dryRun, now, columns, progressId);
      setStep(dryRun ? { kind: 'preview', summary } : { kind: 'done', summary });
    } catch (error) {
      const ask = c.askOf(error);
      if (ask !== null) setStep({ kind: 'asked', ask, message: (error as Error).message });
      else setStep({ kind: 'failed', error: error as Error, after: what });
    }
  };
  const rerun: Rerun<A> = (given, columns) => void run(true, given, columns);

  return (
    <>
      <PageHead title={c.title} />
      <UploadCard
        id={`${c.idPrefix}-upload`}
        kindPicker={props.kindPicker}
        title={c.pick}
        lead={c.lead}
        fileLabel={c.fileLabel}
        hasFile={file !== null}
        busy={step.kind === 'busy'}
        onFile={(f) => {
          setFile(f);
          setAnswers(c.noAnswers);
          setMapping(null);
          setStep({ kind: 'pick' });
        }}
        onPreview={() => void run(true)}
      />

      {step.kind === 'busy' && (
        <ImportProgressBar what={step.what} progressId={step.progressId ?? undefined} />
      )}
      {step.kind === 'asked' && c.ask(step.ask, step.message, rerun)}
      {step.kind === 'failed' && (
        <ErrorNote error={step.error} onRetry={() => void run(step.after === 'preview')} />
      )}
      {step.kind === 'preview' && (
        <Card
          id={`${c.idPrefix}-preview`}
          title={t('import.previewTitle', { file: step.summary.file })}
          lead={t('import.previewLead')}
        >
          {c.previewHead(step.summary, answers, rerun)}
          {c.summary(step.summary)}
          <PreviewActions
            count={c.toImport(step.summary)}
            confirmLabel={c.confirmLabel(c.toImport(step.summary))}
            nothing={c.nothing(step.summary).message}
            nothingBad={c.nothing(step.summary).bad}
            onImport={() => void run(false)}
            onCancel={() => setStep({ kind: 'pick' })}
          />
        </Card>
      )}
      {step.kind === 'done' && (
        <ImportDone
          id={`${c.idPrefix}-done`}
          title={c.doneTitle(step.summary)}
          note={c.doneNote?.(step.summary)}
        >
          {c.summary(step.summary, true)}
          <p>{c.next}</p>
        </ImportDone>
      )}
    </>
  );
}
