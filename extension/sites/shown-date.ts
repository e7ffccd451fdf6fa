// Gmail shows dates only as localised text in title attributes. English variants are parsed; other
// locales return null rather than a guess (the message id still keys the interaction).

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
