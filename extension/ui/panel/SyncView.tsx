import { describeApiError, describeRejection, isApiErrorCode } from '@rapport/shared/api-errors';
import { readSyncStatus } from '../../db/queries/status.ts';
import { readState } from '../../db/sync-state.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { send } from '../../messaging/client.ts';
import { ErrorNote, Section } from '../components/chips.tsx';
import { useUi } from '../context.ts';
import { db } from '../data.ts';
import { formatDateTime, formatNumber, formatRelative } from '../format.ts';
import { useAction } from '../hooks/use-action.ts';
import { useLiveQuery } from '../hooks/use-live-query.ts';

const ERROR_KEYS = new Set(['network', 'server', 'auth', 'forbidden', 'client', 'internal']);

export function SyncView() {
  const { t, lang, ctx, now } = useUi();
  const { data } = useLiveQuery(async () => {
    const [status, lastError, backoff] = await Promise.all([
      readSyncStatus(db, Date.now()),
      readState(db, 'lastError'),
      readState(db, 'backoff'),
    ]);
    return { status, lastError, backoff };
  }, []);
  const [syncNow, syncState] = useAction(() => send({ type: 'sync.now' }).then(() => null));
  const [dismiss, dismissState] = useAction((ids: number[]) =>
    send({ type: 'sync.dismissRejected', mutationIds: ids }).then(() => null),
  );
  if (!data) return <p class="muted view">{t('common.loading')}</p>;
  const { status, lastError, backoff } = data;
  const account = ctx.account;
  return (
    <div class="view">
      <Section title={t('nav.sync')}>
        {account ? (
          <>
            <p>{t('sync.account', { name: account.user.name, email: account.user.email })}</p>
            <p class="muted small">
              {t('sync.team', { team: account.team.name, server: account.serverUrl })}
            </p>
          </>
        ) : null}
        {!status.signedIn ? <p class="notice">{t('sync.signedOut')}</p> : null}
        <dl class="stats two">
          <div>
            <dt>{t('sync.lastSync')}</dt>
            <dd title={status.lastSyncAt ? formatDateTime(status.lastSyncAt, lang, ctx.timeZone) : undefined}>
              {status.lastSyncAt ? formatRelative(status.lastSyncAt, now, lang) : t('sync.never')}
            </dd>
          </div>
          <div>
            <dt>{t('sync.pending')}</dt>
            <dd>{formatNumber(status.pending, lang)}</dd>
          </div>
        </dl>
        {lastError ? (
          <div class="card warn">
            <strong>{t('sync.lastError')}</strong>
            <p>
              {ERROR_KEYS.has(lastError.code)
                ? t(`sync.error.${lastError.code}` as MessageKey)
                : lastError.code}
            </p>
            <p class="muted small">
              {lastError.serverCode && isApiErrorCode(lastError.serverCode)
                ? describeApiError(lang, { code: lastError.serverCode, message: lastError.message })
                : lastError.message}{' '}
              · {formatRelative(lastError.at, now, lang)}
              {backoff?.retryAt ? ` · ${formatRelative(backoff.retryAt, now, lang)}` : ''}
            </p>
          </div>
        ) : null}
        <div class="row-actions">
          <button
            type="button"
            class="primary"
            disabled={!status.signedIn || syncState.busy || status.syncing}
            onClick={() => void syncNow()}
          >
            {syncState.busy || status.syncing ? t('status.syncing') : t('sync.now')}
          </button>
        </div>
        <ErrorNote message={syncState.error} />
      </Section>
      <Section
        title={t('sync.rejected')}
        actions={
          status.rejected.length > 1 ? (
            <button type="button" class="link" disabled={dismissState.busy} onClick={() => void dismiss([])}>
              {t('sync.dismissAll')}
            </button>
          ) : null
        }
      >
        {status.rejected.length === 0 ? (
          <p class="muted">{t('sync.rejected.empty')}</p>
        ) : (
          <>
            <p class="muted small">{t('sync.rejected.help')}</p>
            <ul class="plain rejected">
              {status.rejected.map((r) => {
                const key = `mutation.${r.name}` as MessageKey;
                return (
                  <li key={r.mutationId} class="card">
                    <div class="rejected-head">
                      <strong>{Object.hasOwn(t.catalogue, key) ? t(key) : r.name}</strong>
                      <span class="muted small">{formatRelative(r.at, now, lang)}</span>
                    </div>
                    <p class="rejected-reason">{describeRejection(lang, r)}</p>
                    <button
                      type="button"
                      class="link"
                      disabled={dismissState.busy}
                      onClick={() => void dismiss([r.mutationId])}
                    >
                      {t('sync.dismiss')}
                    </button>
                  </li>
                );
              })}
            </ul>
          </>
        )}
        <ErrorNote message={dismissState.error} />
      </Section>
    </div>
  );
}
