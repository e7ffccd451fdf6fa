// Exact sums of the API's decimal strings ("-1980.739"), in integers of 1/10,000 like the server.
// (@rapport/shared/money does the same but imports zod, which would triple the bundle.)

const SCALE = 10_000n;
const DECIMAL = /^(-)?(\d+)(?:\.(\d{1,4}))?$/;

function toUnits(amount: string): bigint {
  const m = DECIMAL.exec(amount);
  if (!m) throw new Error(`Not a decimal amount: ${JSON.stringify(amount)}`);
  const units = BigInt(m[2] as string) * SCALE + BigInt((m[3] ?? '').padEnd(4, '0'));
  return m[1] ? -units : units;
}

function fromUnits(units: bigint): string {
  const abs = units < 0n ? -units : units;
  const fraction = (abs % SCALE).toString().padStart(4, '0');
  return `${units < 0n ? '-' : ''}${abs / SCALE}.${fraction}`;
}

/** The exact sum of decimal strings, as a decimal string with 4 places. */
export function sumDecimals(amounts: Iterable<string>): string {
  let total = 0n;
  for (const a of amounts) total += toUnits(a);
  return fromUnits(total);
}

/** Sign of a decimal string: -1, 0 or 1. */
export function signOf(amount: string): -1 | 0 | 1 {
  const u = toUnits(amount);
  return u < 0n ? -1 : u > 0n ? 1 : 0;
}

/** a / b for display (a share or a ratio); null when b is 0. */
export function ratioOf(a: string, b: string): number | null {
  const d = toUnits(b);
  if (d === 0n) return null;
  // Scale before dividing so the float only ever sees the final, display-sized ratio.
  return Number((toUnits(a) * 1_000_000n) / d) / 1_000_000;
}

/** For chart geometry only (pixels), never for figures shown as money. */
export const toChartNumber = (amount: string): number => Number(amount);

/** Exact comparison of two decimal strings (for sorting). */
export function compareDecimals(a: string, b: string): number {
  const d = toUnits(a) - toUnits(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}
