// What the page UI needs beyond ui/format.ts (shared with the side panel, so a customer's figures read
// the same everywhere): money strings are only ever handed to Intl as strings, never parsed as floats.

export const isNegative = (value: string): boolean => value.trim().startsWith('-');

/** "2026-03-01" -> "2026-02-28": the last day of a window whose `to` is exclusive. */
export function dayBefore(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}
