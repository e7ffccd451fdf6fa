import { divRoundHalfAwayFromZero } from '../money.ts';

/** An exact rational number; den > 0. */
export interface Fraction {
  num: bigint;
  den: bigint;
}

const RATIO_SCALE = 10n ** 12n;
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;

/**
 * n / d as a float for display and non-money statistics (12 exact decimals, then rounded half
 * away from zero); null when d is 0.
 */
export function ratio(n: bigint, d: bigint): number | null {
  if (d === 0n) return null;
  const sign = d < 0n ? -1n : 1n;
  return Number(divRoundHalfAwayFromZero(sign * n * RATIO_SCALE, sign * d)) / Number(RATIO_SCALE);
}

/**
 * The exact value of a decimal string or finite number. A number is read through its shortest
 * round-trip decimal ("0.57"), so 0.57 compares equal to 57/100 rather than to its binary value.
 */
export function toFraction(x: number | string): Fraction {
  if (typeof x === 'number' && !Number.isFinite(x))
    throw new RangeError(`expected a finite number, got ${x}`);
  const match = DECIMAL.exec(String(x));
  if (!match) throw new RangeError(`expected a decimal number, got ${JSON.stringify(x)}`);
  const [, sign, whole = '', fraction = '', exponent = '0'] = match;
  const shift = Number(exponent) - fraction.length;
  let num = BigInt(whole + fraction) * (sign ? -1n : 1n);
  let den = 1n;
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den = 10n ** BigInt(-shift);
  return { num, den };
}

/** Compares a/b with c/d exactly (both denominators positive): -1, 0 or 1. */
export function compareFractions(x: Fraction, y: Fraction): -1 | 0 | 1 {
  const left = x.num * y.den;
  const right = y.num * x.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Sign of a decimal string or number (a money amount, a margin "-0.125"), exactly: -1, 0 or 1. */
export function decimalSign(x: number | string): -1 | 0 | 1 {
  const { num } = toFraction(x);
  return num < 0n ? -1 : num > 0n ? 1 : 0;
}

/** Exact comparison of two decimal strings or numbers (for sorting): -1, 0 or 1. */
export function compareDecimals(a: number | string, b: number | string): -1 | 0 | 1 {
  return compareFractions(toFraction(a), toFraction(b));
}
