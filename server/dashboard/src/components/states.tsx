import { describeApiError } from '@rapport/shared/api-errors';
import type { ComponentChildren } from 'preact';
import type { Lang } from '../../i18n/index.ts';
import { ApiError } from '../api.ts';
import { useI18n } from '../context.ts';

/**
 * A failure in the UI's language: a server error by its code (@rapport/shared/api-errors; English keeps
 * the server's message, a validation error lists its fields), anything else by its message.
 */
export function errorMessage(error: unknown, lang: Lang): string {
  if (error instanceof ApiError && error.status !== 0) return describeApiError(lang, error);
  return error instanceof Error ? error.message : String(error);
}

export function Loading(props: { label?: string }) {
  const { t } = useI18n();
  return (
    <p class="state loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {props.label ?? t('common.loading')}
    </p>
  );
}

/** An error said in words, with a retry when one can help. */
export function ErrorNote(props: { error: Error; onRetry?: () => void }) {
  const { t, lang } = useI18n();
  const e = props.error;
  const message =
    e instanceof ApiError && e.status === 0
      ? t('error.network')
      : e instanceof ApiError && e.status === 403
        ? t('error.forbidden', { message: errorMessage(e, lang) })
        : t('error.generic', { message: errorMessage(e, lang) });
  return (
    <div class="state error" role="alert">
      <p>{message}</p>
      {props.onRetry && (
        <button type="button" class="button" onClick={props.onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** Nothing to show yet, and what to do about it. */
export function Empty(props: { title: string; children?: ComponentChildren }) {
  return (
    <div class="state empty">
      <p class="empty-title">{props.title}</p>
      {props.children && <div class="empty-hint">{props.children}</div>}
    </div>
  );
}

/** A loaded answer's error (with retry), a spinner while it loads, else what `children` draws of it. */
export function LoadedView<T>(props: {
  state: { data: T | undefined; error: Error | undefined; reload(): void };
  children(data: T): ComponentChildren;
}) {
  const s = props.state;
  if (s.error) return <ErrorNote error={s.error} onRetry={s.reload} />;
  if (s.data === undefined) return <Loading />;
  return <>{props.children(s.data)}</>;
}
