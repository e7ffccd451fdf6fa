import { todayIn } from '@rapport/shared/domain/dates';
import type { FollowUpItem } from '@rapport/shared/sync/messages';
import { browser } from 'wxt/browser';
import { readContext } from '../db/queries/context.ts';
import { listFollowUps } from '../db/queries/followups.ts';
import { listTaskFollowUps, type TaskFollowUp } from '../db/queries/tasks.ts';
import { readState, writeState } from '../db/sync-state.ts';
import { createT, resolveLanguage, type Translate } from '../i18n/index.ts';
import type { BackgroundServices } from './services.ts';

export const MORNING_NOTIFICATION = 'rapport-morning';
/** Local hour from which the day's notification may be raised. */
export const MORNING_HOUR = 8;

function localHour(now: Date, timeZone: string): number {
  return Number(
    new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(now),
  );
}

/**
 * "3 A-tier customers overdue" when A-tier customers wait, else the overdue, due, task or birthday
 * count. Tasks a lead gave the rep (overdue or due today) are counted apart from the cadence.
 */
export function morningSummary(
  items: FollowUpItem[],
  t: Translate,
  tasks: TaskFollowUp[] = [],
): { title: string; message: string } | null {
  const cadence = items.filter((i) => i.greeting === null);
  const overdue = cadence.filter((i) => i.status === 'overdue');
  const aOverdue = overdue.filter((i) => i.tier === 'A');
  const due = cadence.filter((i) => i.status === 'due');
  const birthdays = items.filter((i) => i.greeting === 'birthday');
  const title = aOverdue.length
    ? t.plural('notify.aOverdue', aOverdue.length)
    : overdue.length
      ? t.plural('notify.overdue', overdue.length)
      : due.length
        ? t.plural('notify.due', due.length)
        : tasks.length
          ? t.plural('notify.tasks', tasks.length)
          : birthdays.length
            ? t.plural('notify.birthdays', birthdays.length)
            : null;
  if (title === null) return null;
  const parts: string[] = [];
  if (overdue.length) parts.push(t.plural('notify.part.overdue', overdue.length));
  if (due.length) parts.push(t.plural('notify.part.due', due.length));
  if (tasks.length) parts.push(t.plural('notify.part.tasks', tasks.length));
  if (birthdays.length) parts.push(t.plural('notify.part.birthdays', birthdays.length));
  const all = [
    ...items.map((i) => (i.tier && i.tier !== 'none' ? `${i.name} (${i.tier})` : i.name)),
    ...tasks.map((k) => k.task.title),
  ];
  const names = all.slice(0, 3);
  if (all.length > 3) names.push(t('notify.more', { count: all.length - 3 }));
  return { title, message: `${parts.join(' · ')}\n${names.join(', ')}` };
}

/**
 * Once a day, from MORNING_HOUR in the user's time zone: ONE notification for everything overdue
 * or due today (tasks and birthdays too). Safe to call often (hourly alarm, worker start).
 */
export async function morningCheck(
  services: BackgroundServices,
  options: { force?: boolean } = {},
): Promise<boolean> {
  const { db } = services;
  const now = new Date(services.now());
  const ctx = await readContext(db, now);
  if (!ctx.local.notifications && !options.force) return false;
  const today = todayIn(ctx.timeZone, now);
  if (
    !options.force &&
    (localHour(now, ctx.timeZone) < MORNING_HOUR || (await readState(db, 'morningNotifiedOn')) === today)
  )
    return false;
  const items = await listFollowUps(db, ctx, { limit: 500, includeSoon: false });
  const tasks = await listTaskFollowUps(db, ctx, { includeSoon: false });
  await writeState(db, 'morningNotifiedOn', today);
  const t = createT(resolveLanguage(ctx.local.language, globalThis.navigator?.languages ?? []));
  const summary = morningSummary(items, t, tasks);
  if (!summary) return false;
  await browser.notifications.create(MORNING_NOTIFICATION, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: summary.title,
    message: summary.message,
  });
  return true;
}
