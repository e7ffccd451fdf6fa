import type { ComponentChildren } from 'preact';
import { ApiError } from '../api.ts';
import { useI18n } from '../context.ts';

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
  const { t } = useI18n();
  const e = props.error;
  const message =
    e instanceof ApiError && e.status === 0
      ? t('error.network')
      : e instanceof ApiError && e.status === 403
        ? t('error.forbidden', { message: e.message })
        : t('error.generic', { message: e.message });
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
