import type { OpportunityStage } from '../settings.ts';
import { getOrInsert } from './collections.ts';
import {
  addDays,
  assertIsoDate,
  assertWindow,
  type BoundedWindow,
  type DateWindow,
  daysBetween,
  type IsoDate,
  inWindow,
  shiftMonth,
} from './dates.ts';
import type { OrderLine } from './profit.ts';

function checkScore(score: number, min: number, max: number, what: string): number {
  if (!Number.isInteger(score) || score < min || score > max)
    throw new RangeError(`Invalid ${what} score ${score}: expected a whole number ${min}–${max}`);
  return score;
}

/**
 * Mean CSAT normalised to 0–1, each score as (x − 1) / 4. Ticket satisfaction feedback (1–5)
 * counts as CSAT. Null when there are no scores.
 */
export function csatNormalised(csat: Iterable<number>, ticketFeedback: Iterable<number> = []): number | null {
  let sum = 0;
  let count = 0;
  for (const source of [csat, ticketFeedback]) {
    for (const score of source) {
      sum += checkScore(score, 1, 5, 'CSAT') - 1;
      count += 1;
    }
  }
  return count === 0 ? null : sum / (4 * count);
}

/** Net promoter score in points (−100…100): % promoters (9–10) − % detractors (0–6). Null without answers. */
export function nps(scores: Iterable<number>): number | null {
  let promoters = 0;
  let detractors = 0;
  let count = 0;
  for (const score of scores) {
    checkScore(score, 0, 10, 'NPS');
    if (score >= 9) promoters += 1;
    else if (score <= 6) detractors += 1;
    count += 1;
  }
  return count === 0 ? null : ((promoters - detractors) * 100) / count;
}

/** Repeat-purchase rate: customers with ≥ 2 distinct orders in the window / customers with ≥ 1. */
export function loyalty(
  lines: Iterable<Pick<OrderLine, 'customerId' | 'orderId' | 'orderedAt'>>,
  window?: DateWindow,
): number | null {
  if (window) assertWindow(window);
  const orders = new Map<string, Set<string>>();
  for (const line of lines) {
    if (!inWindow(line.orderedAt, window)) continue;
    getOrInsert(orders, line.customerId, () => new Set<string>()).add(line.orderId);
  }
  if (orders.size === 0) return null;
  let repeat = 0;
  for (const set of orders.values()) if (set.size >= 2) repeat += 1;
  return repeat / orders.size;
}

export interface OpportunityOutcome {
  stage: OpportunityStage;
  /** The day the opportunity closed; closed opportunities without one cannot be placed in a window and are skipped. */
  closeDate: IsoDate | null;
}

/** won / (won + lost) among opportunities closed in the window; null when none closed. */
export function conversion(opportunities: Iterable<OpportunityOutcome>, window?: DateWindow): number | null {
  if (window) assertWindow(window);
  let won = 0;
  let lost = 0;
  for (const o of opportunities) {
    if ((o.stage !== 'won' && o.stage !== 'lost') || o.closeDate === null) continue;
    if (!inWindow(assertIsoDate(o.closeDate, 'opportunity close date'), window)) continue;
    if (o.stage === 'won') won += 1;
    else lost += 1;
  }
  return won + lost === 0 ? null : won / (won + lost);
}

export const FACTORS = ['satisfaction', 'loyalty', 'conversion'] as const;
export type Factor = (typeof FACTORS)[number];
export type Factors = Record<Factor, number | null>;

export type CrmCoefficient =
  | { kind: 'value'; value: number; factors: Factors; baseline: number }
  | { kind: 'insufficient'; missing: Array<Factor | 'baseline'>; factors: Factors; baseline: number | null };

/** satisfaction × loyalty × conversion, or null when a factor has no data. */
export function factorProduct(factors: Factors): number | null {
  const { satisfaction, loyalty, conversion } = factors;
  return satisfaction === null || loyalty === null || conversion === null
    ? null
    : satisfaction * loyalty * conversion;
}

/**
 * CRM coefficient = (satisfaction × loyalty × conversion) / baseline; > 1 means improving.
 * A factor without data, or a missing or zero baseline (no ratio can be formed), makes it
 * 'insufficient' and names what is missing; the factors always come along for display.
 */
export function crmCoefficient(factors: Factors, baseline: number | null): CrmCoefficient {
  for (const factor of FACTORS) {
    const v = factors[factor];
    if (v !== null && !(Number.isFinite(v) && v >= 0 && v <= 1))
      throw new RangeError(`Invalid ${factor} ${v}: expected a number from 0 to 1, or null`);
  }
  if (baseline !== null && !(Number.isFinite(baseline) && baseline >= 0))
    throw new RangeError(`Invalid baseline ${baseline}: expected a number ≥ 0, or null`);
  const missing: Array<Factor | 'baseline'> = FACTORS.filter((f) => factors[f] === null);
  if (baseline === null || baseline === 0) missing.push('baseline');
  const product = factorProduct(factors);
  if (missing.length > 0 || product === null || baseline === null)
    return { kind: 'insufficient', missing, factors, baseline };
  return { kind: 'value', value: product / baseline, factors, baseline };
}

/**
 * The window of equal length just before `window`. Whole calendar months (both ends on the 1st)
 * step back by months, so March compares with February and a quarter with the previous quarter;
 * other windows step back by their length in days. Null for an unbounded window.
 */
export function previousWindow(window: DateWindow): BoundedWindow | null {
  assertWindow(window);
  const { from, to } = window;
  if (from === null || to === null) return null;
  if (from.endsWith('-01') && to.endsWith('-01')) {
    const months =
      (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
      Number(to.slice(5, 7)) -
      Number(from.slice(5, 7));
    return { from: `${shiftMonth(from.slice(0, 7), -months)}-01`, to: from };
  }
  return { from: addDays(from, -daysBetween(from, to)), to: from };
}

export interface DatedScore {
  at: IsoDate;
  score: number;
}

/** Everything the coefficient reads, already narrowed to the team or to one rep. */
export interface CrmData {
  csat: Iterable<DatedScore>;
  ticketFeedback: Iterable<DatedScore>;
  lines: Iterable<Pick<OrderLine, 'customerId' | 'orderId' | 'orderedAt'>>;
  opportunities: Iterable<OpportunityOutcome>;
}

const scoresIn = (scores: Iterable<DatedScore>, window: DateWindow) =>
  [...scores].filter((s) => inWindow(assertIsoDate(s.at, 'score date'), window)).map((s) => s.score);

export function crmFactors(data: CrmData, window: DateWindow): Factors {
  assertWindow(window);
  return {
    satisfaction: csatNormalised(scoresIn(data.csat, window), scoresIn(data.ticketFeedback, window)),
    loyalty: loyalty(data.lines, window),
    conversion: conversion(data.opportunities, window),
  };
}

export interface CrmCoefficientReport {
  coefficient: CrmCoefficient;
  window: BoundedWindow;
  previousWindow: BoundedWindow;
  previousFactors: Factors;
  /** Where the baseline came from: the team's configured value wins over the previous window. */
  baselineSource: 'configured' | 'previous-window';
}

/** The coefficient for a window, with its baseline from `configuredBaseline` or else the previous window of equal length. */
export function crmCoefficientForWindow(
  data: CrmData,
  window: BoundedWindow,
  configuredBaseline: number | null,
): CrmCoefficientReport {
  const previous = previousWindow(window) as BoundedWindow; // bounded in, bounded out
  const materialised: CrmData = {
    csat: [...data.csat],
    ticketFeedback: [...data.ticketFeedback],
    lines: [...data.lines],
    opportunities: [...data.opportunities],
  };
  const previousFactors = crmFactors(materialised, previous);
  const configured = configuredBaseline !== null;
  const baseline = configured ? configuredBaseline : factorProduct(previousFactors);
  return {
    coefficient: crmCoefficient(crmFactors(materialised, window), baseline),
    window,
    previousWindow: previous,
    previousFactors,
    baselineSource: configured ? 'configured' : 'previous-window',
  };
}
