import { divRoundHalfAwayFromZero, type Money } from '../money.ts';

/** A plain decimal text ("3", "1.5", "-0.25") as an exact fraction; null when it is none. */
export function decimalFraction(text: string): { num: bigint; den: bigint } | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return null;
  const decimals = m[3] ?? '';
  const num = BigInt(`${m[2]}${decimals}`) * (m[1] ? -1n : 1n);
  return { num, den: 10n ** BigInt(decimals.length) };
}

/** A discount on a line: a rate (0.15 for 15 %) or an amount off the line's total. */
export type LineDiscount = { rate: { num: bigint; den: bigint } } | { amount: Money } | null;

/**
 * The revenue of a line that files give as a list price per unit, a quantity and a discount:
 * price × quantity × (1 − rate), or price × quantity − amount, computed exactly and rounded once,
 * halves away from zero, to the money unit (1/10,000). 12.50 × 3 × (1 − 15 %) = 31.875.
 * Throws RangeError for a rate outside 0–100 %.
 */
export function lineRevenue(
  unitPrice: Money,
  quantity: { num: bigint; den: bigint },
  discount: LineDiscount,
): Money {
  if (discount && 'rate' in discount) {
    const { num, den } = discount.rate;
    if (num < 0n || num > den) throw new RangeError('a discount rate is between 0 and 100 %');
    return divRoundHalfAwayFromZero(unitPrice * quantity.num * (den - num), quantity.den * den);
  }
  const gross = divRoundHalfAwayFromZero(unitPrice * quantity.num, quantity.den);
  return discount ? gross - discount.amount : gross;
}
