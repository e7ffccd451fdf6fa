import { addDays, todayIn } from '@rapport/shared/domain/dates';
import type { FollowUpItem } from '@rapport/shared/sync/messages';
import { listFollowUps, upcomingHolidays } from '../../db/queries/followups.ts';
import { listTaskFollowUps, mergeTaskFollowUps } from '../../db/queries/tasks.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { send } from '../../messaging/client.ts';
import { ErrorNote, Section, StatusDot, TierChip } from '../components/chips.tsx';
import { useUi } from '../context.ts';
import { db } from '../data.ts';
import { formatDay } from '../format.ts';
import { useAction } from '../hooks/use-action.ts';
import { useLiveQuery } from '../hooks/use-live-query.ts';
import { PulseCard } from './PulseCard.tsx';
import { TaskFollowUpRow } from './TaskFollowUp.tsx';

const HOLIDAY_DAYS = 14;
const GROUPS = [
  ['overdue', 'followups.overdue'],
  ['due', 'followups.due'],
  ['soon', 'followups.soon'],
] as const;

function FollowUpRow({
  item,
  onSnooze,
  busy,
}: {
  item: FollowUpItem;
  onSnooze: (id: string) => void;
  busy: boolean;
}) {
  const { t, lang, navigate } = useUi();
  return (
    <li class="followup-row">
      <button type="button" class="person" onClick={() => navigate({ view: 'contact', id: item.contactId })}>
        <TierChip tier={item.tier} />
        <span class="person-main">
          <span class="person-name">{item.name}</span>
          <span class="person-sub">
            {item.greeting === 'birthday' ? (
              <span class="chip birthday">{t('followups.birthday')}</span>
            ) : null}
            {item.customerName ?? ''}
            {item.dueOn ? ` · ${formatDay(item.dueOn, lang)}` : ''}
          </span>
        </span>
        <StatusDot status={item.status} />
      </button>
      {item.greeting === null ? (
        <button
          type="button"
          class="small-button"
          disabled={busy}
          onClick={() => onSnooze(item.contactId)}
          title={t('followups.snoozeWeek')}
        >
          +7
        </button>
      ) : null}
    </li>
  );
}

export function FollowUpsView() {
  const { t, lang, ctx, now } = useUi();
  const { data: cadence } = useLiveQuery(
    () => listFollowUps(db, ctx, { limit: 200, includeSoon: true }),
    [ctx],
  );
  // The rep's tasks from their lead, merged in by due day (db/queries/tasks.ts).
  const { data: tasks } = useLiveQuery(() => listTaskFollowUps(db, ctx, { includeSoon: true }), [ctx]);
  const items = cadence && tasks ? mergeTaskFollowUps(cadence, tasks) : undefined;
  const [snooze, state] = useAction((id: string) =>
    send({
      type: 'contact.update',
      id,
      changes: { followUpOn: addDays(todayIn(ctx.timeZone, new Date(now)), 7) },
    }).then(() => null),
  );
  const holidays = upcomingHolidays(ctx, HOLIDAY_DAYS);
  return (
    <div class="view">
      <PulseCard />
      <ErrorNote message={state.error} />
      {items === undefined ? (
        <p class="muted">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p class="empty">{t('followups.empty')}</p>
      ) : (
        GROUPS.map(([status, title]) => {
          const group = items.filter((i) => i.status === status);
          if (group.length === 0) return null;
          return (
            <Section key={status} title={`${t(title)} (${group.length})`}>
              <ul class="people">
                {group.map((item) =>
                  item.kind === 'task' ? (
                    <TaskFollowUpRow key={`task:${item.task.id}`} item={item} />
                  ) : (
                    <FollowUpRow
                      key={`${item.contactId}:${item.greeting ?? ''}`}
                      item={item}
                      busy={state.busy}
                      onSnooze={(id) => void snooze(id)}
                    />
                  ),
                )}
              </ul>
            </Section>
          );
        })
      )}
      {holidays.length > 0 ? (
        <Section title={t('followups.holidays')}>
          <ul class="plain rows">
            {holidays.map((h) => {
              const key = `holiday.${h.holidayId}` as MessageKey;
              const known = Object.hasOwn(t.catalogue, key);
              return (
                <li key={`${h.holidayId}:${h.date}`}>
                  <span class="grow">{known ? t(key) : h.name}</span>
                  <span class="muted small">{formatDay(h.date, lang)}</span>
                </li>
              );
            })}
          </ul>
        </Section>
      ) : null}
    </div>
  );
}
