import { CHANNELS, type Channel } from '@rapport/shared/schemas/base';
import { INTERACTION_KINDS, type InteractionKind } from '@rapport/shared/schemas/interaction';
import { useEffect, useRef, useState } from 'preact/hooks';
import { send } from '../../messaging/client.ts';
import { ErrorNote, Section } from '../components/chips.tsx';
import { useUi } from '../context.ts';
import { useAction } from '../hooks/use-action.ts';

/** The channel a kind usually happens on (the user can change it). */
const CHANNEL_FOR: Partial<Record<InteractionKind, Channel>> = {
  email: 'email',
  call: 'phone',
  meeting: 'in-person',
  social: 'linkedin',
  note: 'other',
};

/**
 * Log an interaction in two keystrokes: the note box has focus when the contact opens (or press
 * "n"), and Ctrl+Enter (⌘+Enter) saves with the kind, channel and direction shown.
 */
export function LogForm({ contactId }: { contactId: string }) {
  const { t } = useUi();
  const [kind, setKind] = useState<InteractionKind>('note');
  const [channel, setChannel] = useState<Channel>('other');
  const [direction, setDirection] = useState<'out' | 'in'>('out');
  const [note, setNote] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  const [save, state] = useAction(async () => {
    await send({
      type: 'interaction.log',
      contactId,
      entries: [{ kind, channel, direction, summary: note.trim() }],
    });
    setNote('');
    return t('log.saved');
  });
  useEffect(() => {
    box.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (
        e.key === 'n' &&
        !e.ctrlKey &&
        !e.metaKey &&
        !e.altKey &&
        !target?.closest('input, textarea, select')
      ) {
        e.preventDefault();
        box.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [contactId]);
  const submit = () => {
    if (note.trim() && !state.busy) void save();
  };
  return (
    <Section title={t('log.title')}>
      <form
        class="log-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div class="log-selects">
          <select
            aria-label={t('log.kind')}
            value={kind}
            onChange={(e) => {
              const k = e.currentTarget.value as InteractionKind;
              setKind(k);
              const c = CHANNEL_FOR[k];
              if (c) setChannel(c);
            }}
          >
            {INTERACTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
          <select
            aria-label={t('log.channel')}
            value={channel}
            onChange={(e) => setChannel(e.currentTarget.value as Channel)}
          >
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}`)}
              </option>
            ))}
          </select>
          <select
            aria-label={t('log.direction')}
            value={direction}
            onChange={(e) => setDirection(e.currentTarget.value as 'out' | 'in')}
          >
            <option value="out">{t('log.out')}</option>
            <option value="in">{t('log.in')}</option>
          </select>
        </div>
        <textarea
          ref={box}
          rows={3}
          aria-label={t('log.note')}
          placeholder={t('log.placeholder')}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <div class="row-actions">
          <button type="submit" class="primary" disabled={state.busy || !note.trim()}>
            {t('common.save')}
          </button>
          {state.done ? <span class="ok small">{state.done}</span> : null}
        </div>
        <ErrorNote message={state.error} />
      </form>
    </Section>
  );
}
