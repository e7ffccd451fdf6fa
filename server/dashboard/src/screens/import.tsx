import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { Link } from '../components/link.tsx';
import { Money } from '../components/money.tsx';
import { PageHead } from '../components/page-head.tsx';
import { Empty, ErrorNote, Loading } from '../components/states.tsx';
import { useApp, useI18n } from '../context.ts';
import { formatNumber } from '../format.ts';
import { ROUTES } from '../route.ts';
import type { OrderImportSummary } from '../types.ts';

type Step =
  | { kind: 'pick' }
  | { kind: 'busy'; what: 'preview' | 'import' }
  | { kind: 'preview'; summary: OrderImportSummary }
  | { kind: 'done'; summary: OrderImportSummary }
  | { kind: 'failed'; error: Error; after: 'preview' | 'import' };

const SHOWN_ERRORS = 50;

function upload(file: File, dryRun: boolean): Promise<OrderImportSummary> {
  const body = new FormData();
  body.set('file', file);
  return api<OrderImportSummary>('/imports/orders', { method: 'POST', query: { dryRun }, body });
}

/** Upload an order CSV, read the dry-run preview, then import it for real (lead/admin). */
export function ImportOrders() {
  const { t } = useI18n();
  const { canManage } = useApp();
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'pick' });

  if (!canManage) {
    return (
      <>
        <PageHead title={t('import.title')} />
        <Empty title={t('import.leadsOnly')} />
      </>
    );
  }
  const run = async (dryRun: boolean) => {
    if (!file) return;
    const what = dryRun ? 'preview' : 'import';
    setStep({ kind: 'busy', what });
    try {
      const summary = await upload(file, dryRun);
      setStep(dryRun ? { kind: 'preview', summary } : { kind: 'done', summary });
    } catch (error) {
      setStep({ kind: 'failed', error: error as Error, after: what });
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
              accept=".csv,text/csv"
              required
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0] ?? null);
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
      {step.kind === 'preview' && (
        <section class="card" aria-labelledby="h-preview">
          <h2 id="h-preview">{t('import.previewTitle', { file: step.summary.file })}</h2>
          <p class="card-lead">{t('import.previewLead')}</p>
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
