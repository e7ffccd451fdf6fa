import type { UiLanguage } from '@rapport/shared/sync/local-settings';

// Display formatting through Intl. Money arrives as exact decimal strings and is handed to
// Intl.NumberFormat as a string (exact decimal formatting), never through a float.

type Decimal = `${number}`;

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang, options);
    cache.set(key, f);
  }
  return f;
}

/** "$2,297,200.86", or compact "$2.3M" / "230万美元"-style for badges. */
export function formatMoney(amount: string, currency: string, lang: UiLanguage, compact = false): string {
  return numberFormat(
    lang,
    compact
      ? {
          style: 'currency',
          currency,
          notation: 'compact',
          minimumFractionDigits: 0,
          maximumFractionDigits: 1,
        }
      : { style: 'currency', currency },
  ).format(amount as Decimal);
}

/** A ratio string ("0.3512") as a percentage ("35.1%"). */
export function formatPercent(ratio: string, lang: UiLanguage): string {
  return numberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(ratio as Decimal);
}

export function formatNumber(n: number, lang: UiLanguage): string {
  return numberFormat(lang, {}).format(n);
}

/** A calendar day 'YYYY-MM-DD' (no zone: shown as that day everywhere). */
export function formatDay(day: string, lang: UiLanguage): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** A month 'YYYY-MM' as its short name ("Mar" / "3月"). */
export function formatMonth(month: string, lang: UiLanguage): string {
  return new Intl.DateTimeFormat(lang, { month: 'short', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

/** An instant in the user's time zone. */
export function formatDateTime(instant: string, lang: UiLanguage, timeZone: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(instant),
  );
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 minutes ago", "in 2 days", "刚刚"-style relative time. */
export function formatRelative(instant: string | number, now: number, lang: UiLanguage): string {
  const diff = (typeof instant === 'number' ? instant : Date.parse(instant)) - now;
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  for (const [unit, ms] of UNITS) if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
  return rtf.format(0, 'second');
}
