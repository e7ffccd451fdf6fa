// Gmail shows dates only as localised text in title attributes, LinkedIn messaging as a day heading
// ("Nov 20, 2026", "Tuesday", "Today") and a time. English variants are parsed; other locales return null
// rather than a guess (the message id still keys the interaction).

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
const TIME = '(\\d{1,2}):(\\d{2})(?:\\s*([ap])\\.?m\\.?)?';

// "Wed, Dec 10, 2014 at 6:02 AM", "Aug 20, 2025, 1:19 PM" (US) and "20 Aug 2025, 13:19" (UK/IN).
const MONTH_FIRST = new RegExp(`${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4}),?\\s+(?:at\\s+)?${TIME}`, 'i');
const DAY_FIRST = new RegExp(`(\\d{1,2})\\s+${MONTH}\\s+(\\d{4}),?\\s+(?:at\\s+)?${TIME}`, 'i');

const pad = (n: number) => String(n).padStart(2, '0');

function build(
  year: string,
  month: string,
  day: string,
  hour: string,
  minute: string,
  ampm?: string,
): string | null {
  const m = MONTHS.indexOf(month.toLowerCase().slice(0, 3)) + 1;
  const d = Number(day);
  let h = Number(hour);
  const min = Number(minute);
  if (ampm) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (ampm.toLowerCase() === 'p' ? 12 : 0);
  }
  if (m < 1 || d < 1 || d > 31 || h > 23 || min > 59) return null;
  return `${year}-${pad(m)}-${pad(d)}T${pad(h)}:${pad(min)}:00`;
}

/** "20 Aug 2025, 13:19" -> "2025-08-20T13:19:00"; null for text it cannot read. */
export function parseShownDate(text: string | null): string | null {
  if (!text) return null;
  const mf = MONTH_FIRST.exec(text);
  if (mf) return build(mf[3]!, mf[1]!, mf[2]!, mf[4]!, mf[5]!, mf[6]);
  const df = DAY_FIRST.exec(text);
  if (df) return build(df[3]!, df[2]!, df[1]!, df[4]!, df[5]!, df[6]);
  return null;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const CLOCK = /^(\d{1,2}):(\d{2})(?:\s*([ap])\.?m\.?)?$/i;

/** The calendar day of an instant in a time zone, as UTC midnight of that day (for day arithmetic). */
function zonedDay(now: Date, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return new Date(Date.UTC(part('year'), part('month') - 1, part('day')));
}

/**
 * A day LinkedIn shows only relative to today ("Today", "Yesterday", "Tuesday") with the time of the
 * message ("4:24 PM") -> "YYYY-MM-DDTHH:mm:00" in the user's time zone. A weekday is the most recent
 * *past* day with that name (today would read "Today"), so "Tuesday" on a Tuesday is a week ago.
 * Null for anything else, and without a time (a message is not logged at a made-up hour).
 */
export function resolveShownDay(
  day: string | null,
  time: string | null,
  now: Date,
  timeZone: string,
): string | null {
  const clock = time ? CLOCK.exec(time.trim()) : null;
  if (!day || !clock) return null;
  const name = day.trim().toLowerCase();
  const today = zonedDay(now, timeZone);
  const weekday = WEEKDAYS.indexOf(name);
  let back: number;
  if (name === 'today') back = 0;
  else if (name === 'yesterday') back = 1;
  else if (weekday >= 0) back = (today.getUTCDay() - weekday + 7) % 7 || 7;
  else return null;
  const date = new Date(today.getTime() - back * 86_400_000);
  return build(
    String(date.getUTCFullYear()),
    MONTHS[date.getUTCMonth()] as string,
    String(date.getUTCDate()),
    clock[1] as string,
    clock[2] as string,
    clock[3],
  );
}

/** "2026-12-07T16:24:00" on the clocks of `timeZone` -> the instant (ISO, UTC); null when unreadable. */
export function zonedToInstant(wall: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(wall);
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  // The zone's offset at an instant: its wall clock read as UTC, minus the instant. Asked twice, so a
  // wall time just after a DST change gets the offset in force then.
  const offset = (t: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(t));
    const p = (type: string) => Number(parts.find((x) => x.type === type)?.value);
    return Date.UTC(p('year'), p('month') - 1, p('day'), p('hour'), p('minute'), p('second')) - t;
  };
  let t = asUtc - offset(asUtc);
  t = asUtc - offset(t);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
