// Exact decimal sums for test expectations, written apart from shared/money on purpose: an import
// test that compares the product's totals with these compares two independent implementations.

/** value = units / 10^scale. */
export interface Decimal {
  units: bigint;
  scale: number;
}

export const ZERO: Decimal = { units: 0n, scale: 0 };

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** "957.5775" -> { units: 9575775n, scale: 4 }; anything but plain decimal notation throws. */
export function parseDecimal(text: string): Decimal {
  const m = DECIMAL.exec(text.trim());
  if (!m) throw new Error(`Not a plain decimal amount: "${text}"`);
  const [, sign, whole = '', fraction = ''] = m;
  const units = BigInt(whole + fraction);
  return { units: sign === '-' ? -units : units, scale: fraction.length };
}

function rescale(d: Decimal, scale: number): bigint {
  return d.units * 10n ** BigInt(scale - d.scale);
}

export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

export function subtractDecimal(a: Decimal, b: Decimal): Decimal {
  return addDecimal(a, { units: -b.units, scale: b.scale });
}

/** The shortest exact text: { 9575775n, 4 } -> "957.5775", { 4800n, 2 } -> "48", zero -> "0". */
export function formatDecimal(d: Decimal): string {
  const negative = d.units < 0n;
  const digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, '0');
  const whole = digits.slice(0, digits.length - d.scale);
  const fraction = digits.slice(digits.length - d.scale).replace(/0+$/, '');
  const text = fraction ? `${whole}.${fraction}` : whole;
  return negative && text !== '0' ? `-${text}` : text;
}

/** Rounded to cents, half away from zero, always two decimals: "957.5775" -> "957.58", "-0.005" -> "-0.01". */
export function toCents(amount: string | Decimal): string {
  const d = typeof amount === 'string' ? parseDecimal(amount) : amount;
  const negative = d.units < 0n;
  const abs = negative ? -d.units : d.units;
  let cents: bigint;
  if (d.scale <= 2) cents = abs * 10n ** BigInt(2 - d.scale);
  else {
    const divisor = 10n ** BigInt(d.scale - 2);
    cents = abs / divisor + ((abs % divisor) * 2n >= divisor ? 1n : 0n);
  }
  const digits = cents.toString().padStart(3, '0');
  const text = `${digits.slice(0, -2)}.${digits.slice(-2)}`;
  return negative && cents !== 0n ? `-${text}` : text;
}
