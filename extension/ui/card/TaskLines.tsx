// The card names the signed-in rep's open tasks about this person (a lead assigned them in the
// dashboard), so the reason the badge says "due" or "overdue" is right there.
import { followUpStatus } from '@rapport/shared/domain/followup';
import type { UiLanguage } from '@rapport/shared/sync/local-settings';
import type { BadgeData } from '@rapport/shared/sync/messages';
import type { Translate } from '../../i18n/index.ts';
import { formatDay } from '../format.ts';

export function OpenTasks({
  badge,
  today,
  t,
  lang,
}: {
  badge: BadgeData;
  /** The user's day, YYYY-MM-DD. */
  today: string;
  t: Translate;
  lang: UiLanguage;
}) {
  const tasks = badge.openTasks ?? [];
  if (tasks.length === 0) return null;
  return (
    <section class="tasks" aria-label={t('task.from')}>
      {tasks.map((k) => (
        <div class="taskline" key={k.id}>
          <span class={`dot tdot d-${followUpStatus(k.due, today)}`} aria-hidden="true" />
          <span>
            {t('task.marker')}: <span class="as-typed">{k.title}</span> ·{' '}
            {t('task.due', { date: formatDay(k.due, lang) })}
          </span>
        </div>
      ))}
    </section>
  );
}
