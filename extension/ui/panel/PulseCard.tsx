// The gentle weekly reminder: an employee's 1–5 pulse with an optional private note. Shown once a week
import { TEXT_LIMITS } from '@rapport/shared/limits';
// until answered or dismissed ("Not now" hides it until next Monday).
import { useEffect, useState } from 'preact/hooks';
import { send } from '../../messaging/client.ts';
import { ErrorNote } from '../components/chips.tsx';
import { useUi } from '../context.ts';
import { useAction } from '../hooks/use-action.ts';

const SCORES = [1, 2, 3, 4, 5] as const;

export function PulseCard() {
  const { t } = useUi();
  const [due, setDue] = useState(false);
  const [score, setScore] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [shared, setShared] = useState(false);
  const [thanks, setThanks] = useState(false);
  useEffect(() => {
    send({ type: 'pulse.status' })
      .then((s) => setDue(s.due))
      .catch(() => setDue(false));
  }, []);
  const [save, state] = useAction(async () => {
    if (score === null) return null;
    await send({ type: 'pulse.record', score, shared, ...(note.trim() ? { comment: note.trim() } : {}) });
    setThanks(true);
    setDue(false);
    return null;
  });
  const [later] = useAction(async () => {
    await send({ type: 'pulse.dismiss' });
    setDue(false);
    return null;
  });
  if (thanks)
    return (
      <p class="muted small" role="status">
        {t('pulse.saved')}
      </p>
    );
  if (!due) return null;
  return (
    <section class="card pulse" aria-labelledby="pulse-title">
      <p id="pulse-title" class="strong">
        {t('pulse.title')}
      </p>
      <p class="muted small">{t('pulse.hint')}</p>
      <div class="row-actions">
        {SCORES.map((n) => (
          <button
            key={n}
            type="button"
            aria-pressed={score === n}
            aria-label={t('pulse.score', { score: n })}
            class={score === n ? 'primary' : undefined}
            onClick={() => setScore(n)}
          >
            {n}
          </button>
        ))}
      </div>
      <label>
        {t('pulse.note')}
        <textarea
          value={note}
          maxLength={TEXT_LIMITS.shortNote}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
      </label>
      <label class="check">
        <input type="checkbox" checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} />{' '}
        {t('pulse.share')}
      </label>
      <div class="row-actions">
        <button
          type="button"
          class="primary"
          disabled={score === null || state.busy}
          onClick={() => void save()}
        >
          {t('pulse.save')}
        </button>
        <button type="button" class="link" onClick={() => void later()}>
          {t('pulse.later')}
        </button>
      </div>
      <ErrorNote message={state.error} />
    </section>
  );
}
