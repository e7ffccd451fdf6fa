import { divRoundHalfAwayFromZero } from '@rapport/shared/money';

const DECIMALS = 4n;
const SCALE = 10n ** DECIMALS;
/** ratioString allows at most 6 integer digits. */
const LIMIT = 1_000_000n * SCALE;

/**
 * num / den as a decimal string with 4 places, halves away from zero ("0.1235", "-1.0000"), for
 * margins in JSON; null when den ≤ 0 or the ratio is too large to be a meaningful margin.
 */
export function ratioText(num: bigint, den: bigint): string | null {
  if (den <= 0n) return null;
  const scaled = divRoundHalfAwayFromZero(num * SCALE, den);
  const abs = scaled < 0n ? -scaled : scaled;
  if (abs >= LIMIT) return null;
  return `${scaled < 0n ? '-' : ''}${abs / SCALE}.${(abs % SCALE).toString().padStart(Number(DECIMALS), '0')}`;
}
