import { readSyncStatus } from '../../db/queries/status.ts';
import { useUi } from '../context.ts';
import { db } from '../data.ts';
import { formatRelative } from '../format.ts';
import { useLiveQuery } from '../hooks/use-live-query.ts';

/** A dot and a short line: signed out, offline, syncing, synced x ago, n changes waiting, problem. */
export function SyncIndicator({ onClick }: { onClick?: () => void }) {
  const { t, lang, now } = useUi();
  const { data: status } = useLiveQuery(() => readSyncStatus(db, Date.now()), []);
  if (!status) return null;
  let tone = 'ok';
  let text: string;
  if (!status.signedIn) {
    tone = 'off';
    text = t('status.signedOut');
  } else if (!status.online) {
    tone = 'off';
    text = t('status.offline');
  } else if (status.syncing) {
    text = t('status.syncing');
  } else if (status.lastError) {
    tone = 'warn';
    text = t('status.problem');
  } else if (status.pending > 0) {
    tone = 'busy';
    text = t.plural('status.pending', status.pending);
  } else {
    text = status.lastSyncAt
      ? t('status.synced', { when: formatRelative(status.lastSyncAt, now, lang) })
      : t('status.never');
  }
  return (
    <button type="button" class={`sync-indicator sync-${tone}`} onClick={onClick} title={text}>
      <span class="sync-dot" />
      <span>{text}</span>
    </button>
  );
}
