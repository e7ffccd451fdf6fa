import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { useI18n } from '../context.ts';
import { useSearch } from '../use-api.ts';
import { errorMessage } from './states.tsx';

interface Preview {
  from: { id: string; name: string };
  moves: Record<
    'orderLines' | 'contact' | 'opportunity' | 'ticket' | 'interaction' | 'surveyResponse',
    number
  >;
}

/** A lead merges another customer into this one: pick it, see what moves (a dry run), then merge. */
export function MergeCustomer(props: { id: string; name: string; onMerged(): void }) {
  const { t, lang } = useI18n();
  const [find, setFind] = useState('');
  const found = useSearch<{ id: string; name: string; externalId: string | null }>(
    '/customers',
    find,
    (c) => c.id !== props.id,
  );
  const [preview, setPreview] = useState<Preview | null>(null);
  const [state, setState] = useState<'idle' | 'busy' | 'merged'>('idle');
  const [error, setError] = useState('');
  const [merged, setMerged] = useState('');
  const run = async (from: string, dryRun: boolean) => {
    setError('');
    setState('busy');
    try {
      const res = await api<Preview>(`/customers/${encodeURIComponent(props.id)}/merge`, {
        method: 'POST',
        body: { from, dryRun },
      });
      if (dryRun) {
        setPreview(res);
        setState('idle');
      } else {
        setMerged(res.from.name);
        setPreview(null);
        setFind('');
        setState('merged');
        props.onMerged();
      }
    } catch (err) {
      setError(errorMessage(err, lang));
      setState('idle');
    }
  };
  return (
    <section class="card" aria-labelledby="h-merge">
      <h2 id="h-merge">{t('merge.title')}</h2>
      <p class="card-lead">{t('merge.lead', { name: props.name })}</p>
      {!preview && (
        <label class="block">
          <span>{t('merge.find')}</span>
          <input
            type="search"
            value={find}
            data-testid="merge-search"
            placeholder={t('customer.linkHint')}
            onInput={(e) => setFind(e.currentTarget.value)}
          />
        </label>
      )}
      {!preview && found.length > 0 && (
        <ul class="picks">
          {found.map((c) => (
            <li key={c.id}>
              <span>
                {c.name}
                {c.externalId && <span class="muted"> · {c.externalId}</span>}
              </span>
              <button
                type="button"
                class="button small"
                disabled={state === 'busy'}
                onClick={() => run(c.id, true)}
              >
                {t('merge.preview')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {preview && (
        <div data-testid="merge-preview">
          <p>{t('merge.moves', { name: preview.from.name })}</p>
          <ul class="details">
            <li>{t('merge.orderLines', { n: String(preview.moves.orderLines) })}</li>
            <li>{t('merge.contacts', { n: String(preview.moves.contact) })}</li>
            <li>{t('merge.opportunities', { n: String(preview.moves.opportunity) })}</li>
            <li>{t('merge.tickets', { n: String(preview.moves.ticket) })}</li>
            <li>{t('merge.interactions', { n: String(preview.moves.interaction) })}</li>
          </ul>
          <p class="small muted">{t('merge.after')}</p>
          <div class="actions">
            <button
              type="button"
              class="button danger"
              disabled={state === 'busy'}
              onClick={() => run(preview.from.id, false)}
            >
              {t('merge.confirm', { name: preview.from.name })}
            </button>
            <button type="button" class="button ghost" onClick={() => setPreview(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      {state === 'merged' && (
        <p class="saved" role="status">
          {t('merge.done', { name: merged })}
        </p>
      )}
      {error && (
        <p class="form-error" role="alert">
          {t('customer.saveFailed', { message: error })}
        </p>
      )}
    </section>
  );
}
