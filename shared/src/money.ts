/**
 * An exact amount in 1/10,000 of the currency unit: imported retail lines carry four decimals
 * ("957.5775"), and report totals must equal the file's exact sum. Never convert to a float
 * except for display ratios.
 */
export type Money = bigint;

/** Units per currency unit (4 decimal places). */
export const MONEY_SCALE = 10_000n;
export const MONEY_DECIMALS = 4;
/** At most 14 integer digits, so any single amount fits a signed 64-bit integer of 1/10,000 units. */
export const MONEY_MAX_INTEGER_DIGITS = 14;

const CENT = MONEY_SCALE / 100n;
/** A plain decimal string as parseMoney reads it: optional minus, digits, optional dot and digits. */
export const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

export class MoneyError extends Error {
  override name = 'MoneyError';
}

export function describeInput(input: unknown): string {
  return typeof input === 'string' ? JSON.stringify(input) : String(input);
}

/** Why `input` is not a money amount, or null when it is one. */
export function moneyProblem(input: unknown): string | null {
  if (typeof input !== 'string') return `expected a decimal string, got ${typeof input}`;
  if (input === '') return 'is empty';
  if (/^[-+]?(?:\d+\.?\d*|\.\d+)e[-+]?\d+$/i.test(input))
    return 'exponent notation is not accepted; write the plain decimal';
  const match = DECIMAL.exec(input);
  if (!match)
    return 'expected a plain decimal such as "-12.3456" (digits, optional "-", optional "." and up to 4 decimals)';
  const [, , whole = '', fraction = ''] = match;
  // Trailing zeros past the 4th decimal lose nothing ("22.36800"), so they are accepted.
  if (fraction.replace(/0+$/, '').length > MONEY_DECIMALS)
    return `has more than ${MONEY_DECIMALS} decimal places`;
  if (whole.replace(/^0+(?=\d)/, '').length > MONEY_MAX_INTEGER_DIGITS) {
    return `is too large (more than ${MONEY_MAX_INTEGER_DIGITS} integer digits)`;
  }
  return null;
}

/** Parses a plain decimal string ("-12.3456", "22.368", "0") exactly; throws MoneyError otherwise. */
export function parseMoney(input: string): Money {
  const read = readMoney(input);
  if (typeof read === 'string') throw new MoneyError(`Invalid money amount ${describeInput(input)}: ${read}`);
  return read;
}

/**
 * A plain decimal string's exact units, or why it is none (moneyProblem's words) — read with one
 * match in the common case, for readers of many cells (imports); parseMoney throws instead.
 */
export function readMoney(input: string): Money | string {
  // A non-string slipped past the types is moneyProblem's to name (exec would coerce it).
  const match = typeof input === 'string' ? DECIMAL.exec(input) : null;
  if (match) {
    const whole = match[2] as string;
    const fraction = match[3] ?? '';
    // Up to 4 decimals and 14 digits: the units are the digits with the fraction padded to 4.
    if (fraction.length <= MONEY_DECIMALS && whole.length <= MONEY_MAX_INTEGER_DIGITS)
      return BigInt(`${match[1] ?? ''}${whole}${fraction.padEnd(MONEY_DECIMALS, '0')}`);
  }
  const problem = moneyProblem(input);
  if (problem) return problem;
  // Trailing zeros past the 4th decimal, or leading zeros before 14 digits.
  const [, sign, whole = '', fraction = ''] = DECIMAL.exec(input) ?? [];
  const units =
    BigInt(whole) * MONEY_SCALE + BigInt(fraction.slice(0, MONEY_DECIMALS).padEnd(MONEY_DECIMALS, '0'));
  return sign ? -units : units;
}

/**
 * Canonical decimal string keeping the full precision: at least 2 decimals, trailing zeros past
 * the 2nd trimmed (9575775n -> "957.5775", 2619600n -> "261.96", 0n -> "0.00").
 */
export function formatMoney(m: Money): string {
  const abs = m < 0n ? -m : m;
  const fraction = (abs % MONEY_SCALE)
    .toString()
    .padStart(MONEY_DECIMALS, '0')
    .replace(/0+$/, '')
    .padEnd(2, '0');
  return `${m < 0n ? '-' : ''}${abs / MONEY_SCALE}.${fraction}`;
}

export function sumMoney(values: Iterable<Money>): Money {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

/** n / d rounded to the nearest integer, halves away from zero (d > 0). */
export function divRoundHalfAwayFromZero(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError('divisor must be positive');
  const abs = n < 0n ? -n : n;
  const q = (abs * 2n + d) / (2n * d);
  return n < 0n ? -q : q;
}

/** Rounds to whole cents, halves away from zero (1.0050 -> 1.01, -1.0050 -> -1.01). Still Money. */
export function roundHalfUpToCents(m: Money): Money {
  return divRoundHalfAwayFromZero(m, CENT) * CENT;
}

function checkBps(bps: number | bigint): bigint {
  if (typeof bps === 'bigint') return bps;
  if (!Number.isSafeInteger(bps))
    throw new MoneyError(`Invalid rate ${bps}: basis points must be a whole number`);
  return BigInt(bps);
}

/**
 * m × bps / 10,000 exactly, in 1/100,000,000 of the unit (Money × basis points). Sum these and
 * round once with `rateProductToMoney` so per-line rounding never accumulates.
 */
export function mulRateBpsExact(m: Money, bps: number | bigint): bigint {
  return m * checkBps(bps);
}

/** Converts an exact rate product (see mulRateBpsExact) back to Money, halves away from zero. */
export function rateProductToMoney(product: bigint): Money {
  return divRoundHalfAwayFromZero(product, 10_000n);
}

/** Rounds an exact rate product straight to whole cents (no double rounding), halves away from zero. Money. */
export function rateProductToCents(product: bigint): Money {
  return divRoundHalfAwayFromZero(product, 10_000n * CENT) * CENT;
}

/**
 * m × bps / 10,000 (8% = 800 bps), rounded to the nearest 1/10,000 of the unit, halves away from
 * zero. Exact whenever the product has ≤ 4 decimals; for sums use mulRateBpsExact.
 */
export function mulRateBps(m: Money, bps: number | bigint): Money {
  return rateProductToMoney(mulRateBpsExact(m, bps));
}

/** The exact sum of money decimal strings ("12.5", "-0.0001"), as a canonical decimal string. */
export function sumMoneyStrings(amounts: Iterable<string>): string {
  let total = 0n;
  for (const a of amounts) total += parseMoney(a);
  return formatMoney(total);
}
