import { divRoundHalfAwayFromZero, type Money } from '../money.ts';
import { checkMarginTiers, type MarginTiers, type OpportunityStage } from '../settings.ts';
import { type MarginTier, productMarginTier } from './commission.ts';
import { assertIsoDate, type DateWindow, type IsoDate, inWindow, type MonthKey, monthKey } from './dates.ts';
import { type PipelineMonth, pipelineByMonth } from './forecast.ts';
import { toFraction } from './ratio.ts';

/**
 * The sales pipeline rules, shared by the server's reports, the dashboard and the extension.
 *
 * - Open stages are lead, qualified, proposal and negotiation; won and lost are closed.
 * - Pipeline value = Σ amount of open deals; weighted value = Σ amount × the team's probability of
 *   the deal's stage (whole percent), summed exactly and rounded once, halves away from zero.
 * - A closed deal closed on its closeDate when one is set, else on the day its stage became won or
 *   lost (`stageChangedOn`: the server takes it from the stage field's hybrid logical clock, which
 *   every write of the stage stamps and no other field moves).
 * - Conversion = won / (won + lost) among deals closed in the window; null when none closed.
 */

export const CLOSED_STAGES = ['won', 'lost'] as const satisfies readonly OpportunityStage[];

export function isClosedStage(stage: OpportunityStage): boolean {
  return stage === 'won' || stage === 'lost';
}

export interface DealInput {
  ownerId: string | null;
  stage: OpportunityStage;
  amount: Money;
  closeDate: IsoDate | null;
  /** The day the stage last changed (UTC), when known. */
  stageChangedOn: IsoDate | null;
}

/** The day a deal closed: closeDate when set, else the day it changed to won/lost; null while open. */
export function closedOn(deal: Pick<DealInput, 'stage' | 'closeDate' | 'stageChangedOn'>): IsoDate | null {
  if (!isClosedStage(deal.stage)) return null;
  if (deal.closeDate !== null) return assertIsoDate(deal.closeDate, 'opportunity close date');
  return deal.stageChangedOn === null ? null : assertIsoDate(deal.stageChangedOn, 'stage change date');
}

function checkedProbability(
  stage: OpportunityStage,
  probabilities: Readonly<Record<OpportunityStage, number>>,
) {
  const p = probabilities[stage];
  if (!Number.isInteger(p) || p < 0 || p > 100)
    throw new RangeError(`probability of ${stage} must be a whole percent 0–100, got ${p}`);
  return BigInt(p);
}

export interface PipelineSummary {
  /** Open deals. */
  count: number;
  /** Σ amount of open deals. */
  amount: Money;
  /** Σ amount × stage probability of open deals. */
  weighted: Money;
  /** Deals closed in the window. */
  won: number;
  lost: number;
  wonAmount: Money;
  /** won / (won + lost); null when nothing closed in the window. */
  conversion: number | null;
}

/** Pipeline, weighted pipeline and conversion (closed deals counted when they closed in the window). */
export function pipelineSummary(
  deals: Iterable<DealInput>,
  probabilities: Readonly<Record<OpportunityStage, number>>,
  window?: DateWindow,
): PipelineSummary {
  let count = 0;
  let amount = 0n;
  let weighted = 0n;
  let won = 0;
  let lost = 0;
  let wonAmount = 0n;
  for (const d of deals) {
    if (!isClosedStage(d.stage)) {
      count += 1;
      amount += d.amount;
      weighted += d.amount * checkedProbability(d.stage, probabilities);
      continue;
    }
    const day = closedOn(d);
    if (day === null || !inWindow(day, window)) continue;
    if (d.stage === 'won') {
      won += 1;
      wonAmount += d.amount;
    } else lost += 1;
  }
  return {
    count,
    amount,
    weighted: divRoundHalfAwayFromZero(weighted, 100n),
    won,
    lost,
    wonAmount,
    conversion: won + lost === 0 ? null : won / (won + lost),
  };
}

export interface StageStep {
  from: OpportunityStage;
  to: OpportunityStage;
  /** Deals that reached `to` or beyond / deals that reached `from` or beyond; null when none reached `from`. */
  rate: number | null;
}

const FUNNEL_ORDER = ['lead', 'qualified', 'proposal', 'negotiation', 'won'] as const;

/**
 * Conversion between consecutive funnel stages from a snapshot: a deal at a stage has passed every
 * earlier one, so reached(s) = deals now at s or later (won counts as the end; lost deals are
 * counted as reaching the stage they are not known to have passed, i.e. only `lead`).
 */
export function stageConversion(counts: Readonly<Partial<Record<OpportunityStage, number>>>): StageStep[] {
  const reached = FUNNEL_ORDER.map((_, i) =>
    FUNNEL_ORDER.slice(i).reduce((n, s) => n + (counts[s] ?? 0), i === 0 ? (counts.lost ?? 0) : 0),
  );
  return FUNNEL_ORDER.slice(1).map((to, i) => {
    const base = reached[i] as number;
    return {
      from: FUNNEL_ORDER[i] as OpportunityStage,
      to,
      rate: base === 0 ? null : (reached[i + 1] as number) / base,
    };
  });
}

/**
 * Weighted forecast per rep and month: open deals' amount × probability in the month of their
 * closeDate (none: the month after today), plus deals won that month (dated by closedOn).
 */
export function forecastByRepMonth(
  deals: Iterable<DealInput>,
  today: IsoDate,
  probabilities: Readonly<Record<OpportunityStage, number>>,
): PipelineMonth[] {
  return pipelineByMonth(
    [...deals].map((d) => ({
      ownerId: d.ownerId,
      amount: d.amount,
      stage: d.stage,
      closeDate: d.stage === 'won' ? closedOn(d) : d.closeDate,
    })),
    today,
    probabilities,
  );
}

/** Deals expected to close in the month of `today`: open ones with closeDate that month, or closed in it. */
export function closingInMonth<T extends DealInput>(deals: Iterable<T>, month: MonthKey): T[] {
  const out: T[] = [];
  for (const d of deals) {
    const day = isClosedStage(d.stage) ? closedOn(d) : d.closeDate;
    if (day !== null && monthKey(day) === month) out.push(d);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Quotes

export interface QuoteLineInput {
  productId: string | null;
  /** Whole units, ≥ 1. */
  quantity: number;
  unitPrice: Money;
  /** Discount in whole basis points of a percent: 12.5 % = 1250; 0–10,000. */
  discountBps: number;
}

export interface QuoteLineTotals {
  /** quantity × unit price before the discount. */
  gross: Money;
  /** gross × (1 − discount), rounded to 1/10,000, halves away from zero. */
  revenue: Money;
  /** revenue × the product's margin, rounded the same way; null when the product's margin is unknown. */
  profit: Money | null;
}

export interface QuoteTotals {
  lines: QuoteLineTotals[];
  gross: Money;
  discount: Money;
  revenue: Money;
  /** null when a line's margin is unknown (see `unknownMarginLines`). */
  profit: Money | null;
  /** profit / revenue; null when profit is unknown or revenue is not positive. */
  margin: number | null;
  marginTier: MarginTier | null;
  /** Indexes of lines whose product has no margin (no product, or neither a standard nor a window margin). */
  unknownMarginLines: number[];
}

/** "12.5" (percent, ≤ 2 decimals) -> 1250 basis points of a percent. */
export function discountBps(percent: string): number {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(percent);
  if (!m)
    throw new RangeError(`discount must be a percentage such as "12.5", got ${JSON.stringify(percent)}`);
  const bps = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (bps > 10_000) throw new RangeError(`discount must be at most 100 %, got ${percent}`);
  return bps;
}

/**
 * Quote totals from line items: revenue = Σ quantity × unit price × (1 − discount), each line's cost
 * from its product's margin (the standard margin when set, else its margin over the tier window:
 * `margins` maps productId -> margin as a decimal string), margin = profit / revenue and its tier by
 * the team's margin-tier bounds, compared exactly.
 */
export function quoteTotals(
  lines: readonly QuoteLineInput[],
  margins: ReadonlyMap<string, string | null>,
  marginTiers: MarginTiers,
): QuoteTotals {
  const out: QuoteLineTotals[] = [];
  const unknownMarginLines: number[] = [];
  let gross = 0n;
  let revenue = 0n;
  let profit = 0n;
  lines.forEach((line, i) => {
    if (!Number.isInteger(line.quantity) || line.quantity < 1)
      throw new RangeError(`line ${i + 1}: quantity must be a whole number ≥ 1`);
    if (!Number.isInteger(line.discountBps) || line.discountBps < 0 || line.discountBps > 10_000)
      throw new RangeError(`line ${i + 1}: discount must be 0–100 %`);
    const lineGross = line.unitPrice * BigInt(line.quantity);
    const lineRevenue = divRoundHalfAwayFromZero(lineGross * BigInt(10_000 - line.discountBps), 10_000n);
    const margin = line.productId === null ? null : (margins.get(line.productId) ?? null);
    let lineProfit: Money | null = null;
    if (margin === null) unknownMarginLines.push(i);
    else {
      const f = toFraction(margin);
      lineProfit = divRoundHalfAwayFromZero(lineRevenue * f.num, f.den);
      profit += lineProfit;
    }
    gross += lineGross;
    revenue += lineRevenue;
    out.push({ gross: lineGross, revenue: lineRevenue, profit: lineProfit });
  });
  const known = unknownMarginLines.length === 0 && lines.length > 0;
  const margin = known && revenue > 0n ? Number((profit * 1_000_000n) / revenue) / 1_000_000 : null;
  return {
    lines: out,
    gross,
    discount: gross - revenue,
    revenue,
    profit: known ? profit : null,
    margin,
    marginTier:
      known && revenue > 0n ? productMarginTier({ revenue, profit }, checkMarginTiers(marginTiers)) : null,
    unknownMarginLines,
  };
}
