import type { FollowUpStatus } from '@rapport/shared/core';
import { useI18n } from '../context.ts';
import { formatDay } from '../format.ts';

/** A follow-up status as a coloured word, with the due day when there is one. */
export function FollowUp(props: { status: FollowUpStatus; due?: string | null }) {
  const { t, lang } = useI18n();
  return (
    <span class={`follow follow-${props.status}`}>
      <i aria-hidden="true" />
      {t(`followUp.${props.status}`)}
      {props.due && props.status !== 'none' && <span class="muted"> · {formatDay(props.due, lang)}</span>}
    </span>
  );
}
