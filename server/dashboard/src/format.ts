import type { Lang } from '../i18n/index.ts';

// Display formatting through Intl. Money arrives as exact decimal strings and reaches
// Intl.NumberFormat as a string (formatted exactly, rounded only for display), never as a float.

type Decimal = `${number}`;

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}
const nf = (lang: Lang, o: Intl.NumberFormatOptions) =>
  cached(`n|${lang}|${JSON.stringify(o)}`, () => new Intl.NumberFormat(lang, o));
const df = (lang: Lang, o: Intl.DateTimeFormatOptions) =>
  cached(`d|${lang}|${JSON.stringify(o)}`, () => new Intl.DateTimeFormat(lang, { ...o, timeZone: 'UTC' }));

export type MoneyStyle = 'cents' | 'whole' | 'compact';

/** "$2,297,200.86" (cents), "$2,297,201" (whole) or "$2.3M" / "US$230万" (compact). */
export function formatMoney(
  amount: string | number,
  currency: string,
  lang: Lang,
  style: MoneyStyle = 'cents',
): string {
  const options: Intl.NumberFormatOptions =
    style === 'cents'
      ? { style: 'currency', currency }
      : style === 'whole'
        ? { style: 'currency', currency, maximumFractionDigits: 0 }
        : { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 };
  return nf(lang, options).format(amount as Decimal);
}

/** A ratio (0.3512 or "0.3512") as "35.1%". */
export function formatPercent(ratio: string | number, lang: Lang, digits = 1): string {
  return nf(lang, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(
    ratio as Decimal,
  );
}

/** A signed change in percent (the API's 12.5 means +12.5%). */
export function formatPctChange(pct: number, lang: Lang): string {
  return nf(lang, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(
    pct / 100,
  );
}

export function formatSignedMoney(amount: string, currency: string, lang: Lang): string {
  return nf(lang, {
    style: 'currency',
    currency,
    maximumFractionDigits: 0,
    signDisplay: 'exceptZero',
  }).format(amount as Decimal);
}

export function formatNumber(n: number, lang: Lang, maximumFractionDigits = 0): string {
  return nf(lang, { maximumFractionDigits }).format(n);
}

const utc = (day: string) => new Date(`${day.slice(0, 10)}T00:00:00Z`);

/** A calendar day 'YYYY-MM-DD' ("Dec 30, 2017" / "2017年12月30日"), the same day in every zone. */
export function formatDay(day: string, lang: Lang): string {
  return df(lang, { dateStyle: 'medium' }).format(utc(day));
}

/** 'YYYY-MM' as "Dec 2017" / "2017年12月". */
export function formatMonth(month: string, lang: Lang): string {
  return df(lang, { month: 'short', year: 'numeric' }).format(utc(`${month}-01`));
}

/** 'YYYY-MM' as "Dec" / "12月" (chart axes, where the year is shown once). */
export function formatMonthShort(month: string, lang: Lang): string {
  return df(lang, { month: 'short' }).format(utc(`${month}-01`));
}

/** A chart's months: each in full, and on the axis in full at the first and every January, else short. */
export function monthAxis(
  months: readonly string[],
  lang: Lang,
): { categories: string[]; axisLabels: string[] } {
  return {
    categories: months.map((m) => formatMonth(m, lang)),
    axisLabels: months.map((m, i) =>
      i === 0 || m.endsWith('-01') ? formatMonth(m, lang) : formatMonthShort(m, lang),
    ),
  };
}

/** A money axis's ticks: "$2.3M" / "US$230万". */
export const moneyTick = (currency: string, lang: Lang) => (v: number) =>
  formatMoney(v, currency, lang, 'compact');

/** An instant ("2026-11-23T10:00:00Z") with date and time in the browser's zone. */
export function formatInstant(instant: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
}
