import { divRoundHalfAwayFromZero, type Money } from '../money.ts';
import type { OpportunityStage } from '../settings.ts';
import { type IsoDate, type MonthKey, monthKey, shiftMonth } from './dates.ts';

/**
 * Profit forecast from a monthly history. Two simple methods compete:
 *   seasonal naive: each future month repeats the same calendar month a year earlier (needs 12 months);
 *   simple exponential smoothing (SES): level ← α·y + (1 − α)·level from the first month on, the
 *     forecast is the last level for every future month; α from 0.1…0.9 (step 0.1) minimising the
 *     one-step-ahead squared error over the months it is fitted on (ties: the smaller α).
 * Backtest: the last `horizon` months are held out, each method is fitted on the months before and
 * forecasts them; the error is MASE = mean |actual − forecast| / mean |y_t − y_{t−m}| over the fitted
 * months (m = 12 when they span more than a year, else 1). MASE rather than MAPE because monthly
 * profit can be 0 or negative, where a percentage error is undefined. The method with the lower
 * error wins (ties: seasonal naive, the simpler), and is refitted on the whole history.
 * Arithmetic runs in 1/10,000 units as floats (a forecast is an estimate); each forecast month is
 * rounded to a whole unit. History money stays exact.
 */
export type ForecastMethod = 'seasonal-naive' | 'ses' | 'none';
export const SEASON_MONTHS = 12;
const ALPHAS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

export interface BacktestResult {
  method: Exclude<ForecastMethod, 'none'>;
  /** Mean absolute error of the held-out months, in money units (rounded). */
  mae: Money;
  /** MASE; null when the scale is 0 (a flat history) and MAE alone decides. */
  mase: number | null;
}

export interface ProfitForecast {
  method: ForecastMethod;
  /** SES smoothing factor when SES was chosen. */
  alpha: number | null;
  /** Forecast profit of the next `horizon` months after the history, exact units. */
  forecast: Money[];
  /** Each method that could be backtested, best first; empty when the history is too short. */
  backtest: BacktestResult[];
  /** Months held out in the backtest (the horizon), 0 when none. */
  heldOut: number;
}

export function seasonalNaive(train: readonly number[], horizon: number): number[] | null {
  if (train.length < SEASON_MONTHS) return null;
  const n = train.length;
  return Array.from({ length: horizon }, (_, j) => train[n - SEASON_MONTHS + (j % SEASON_MONTHS)] as number);
}

/** The SES level after the whole series and its one-step squared error sum. */
function sesRun(y: readonly number[], alpha: number): { level: number; sse: number } {
  let level = y[0] as number;
  let sse = 0;
  for (let t = 1; t < y.length; t++) {
    const v = y[t] as number;
    sse += (v - level) ** 2;
    level = alpha * v + (1 - alpha) * level;
  }
  return { level, sse };
}

export function fitSes(train: readonly number[]): { alpha: number; level: number } | null {
  if (train.length < 2) return null;
  let best: { alpha: number; level: number; sse: number } | null = null;
  for (const alpha of ALPHAS) {
    const run = sesRun(train, alpha);
    if (best === null || run.sse < best.sse) best = { alpha, ...run };
  }
  return best && { alpha: best.alpha, level: best.level };
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export function forecastProfit(history: readonly Money[], horizon: number): ProfitForecast {
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > 24)
    throw new RangeError(`horizon must be 1–24 months, got ${horizon}`);
  const y = history.map(Number);
  const toMoney = (xs: number[]) => xs.map((x) => BigInt(Math.round(x)));
  const backtest: BacktestResult[] = [];
  const train = y.slice(0, y.length - horizon);
  const test = y.slice(y.length - horizon);
  if (train.length >= 2) {
    const m = train.length > SEASON_MONTHS ? SEASON_MONTHS : 1;
    const diffs = train.slice(m).map((v, t) => Math.abs(v - (train[t] as number)));
    const scale = mean(diffs);
    const score = (method: BacktestResult['method'], f: number[] | null) => {
      if (!f) return;
      const mae = mean(test.map((v, j) => Math.abs(v - (f[j] as number))));
      backtest.push({ method, mae: BigInt(Math.round(mae)), mase: scale > 0 ? mae / scale : null });
    };
    score('seasonal-naive', seasonalNaive(train, horizon));
    const ses = fitSes(train);
    score('ses', ses && Array(horizon).fill(ses.level));
    backtest.sort((a, b) =>
      a.mae < b.mae ? -1 : a.mae > b.mae ? 1 : a.method === 'seasonal-naive' ? -1 : 1,
    );
  }
  const heldOut = backtest.length > 0 ? horizon : 0;
  // Without a backtest: seasonal naive when a year of history exists, else SES, else nothing.
  const chosen =
    backtest[0]?.method ?? (y.length >= SEASON_MONTHS ? 'seasonal-naive' : y.length >= 2 ? 'ses' : 'none');
  if (chosen === 'seasonal-naive') {
    const f = seasonalNaive(y, horizon) as number[];
    return { method: chosen, alpha: null, forecast: toMoney(f), backtest, heldOut };
  }
  const ses = chosen === 'ses' ? fitSes(y) : null;
  if (ses)
    return {
      method: 'ses',
      alpha: ses.alpha,
      forecast: toMoney(Array(horizon).fill(ses.level)),
      backtest,
      heldOut,
    };
  // One month or none: repeat it (or 0), flagged as no method.
  return {
    method: 'none',
    alpha: null,
    forecast: toMoney(Array(horizon).fill(y[0] ?? 0)),
    backtest,
    heldOut,
  };
}

/**
 * Seasonality: for each calendar month (index 0 = January) the mean of that month's values over
 * the series divided by the mean of all months; null for a month absent from the series or when
 * the overall mean is 0. 1.2 means that month runs 20 % above an average month. Display ratios.
 */
export function seasonalIndex(series: readonly { month: MonthKey; value: Money }[]): (number | null)[] {
  if (series.length === 0) return Array(12).fill(null);
  const sums = Array<bigint>(12).fill(0n);
  const counts = Array<number>(12).fill(0);
  let total = 0n;
  for (const { month, value } of series) {
    const m = Number(month.slice(5, 7)) - 1;
    sums[m] = (sums[m] as bigint) + value;
    counts[m] = (counts[m] as number) + 1;
    total += value;
  }
  const overall = Number(total) / series.length;
  return sums.map((s, m) => {
    const n = counts[m] as number;
    return n === 0 || overall === 0 ? null : Number(s) / n / overall;
  });
}

export interface PipelineOpportunity {
  ownerId: string | null;
  amount: Money;
  stage: OpportunityStage;
  /** For won deals, the day it closed (closeDate, else when the stage became won); null skips a won deal. */
  closeDate: IsoDate | null;
}

export interface PipelineMonth {
  ownerId: string | null;
  month: MonthKey;
  /** Σ open amount × stage probability (percent), summed exactly and rounded half away from zero once. */
  weighted: Money;
  /** Σ amount of deals won in that month. */
  won: Money;
}

/**
 * The pipeline part of the forecast, per owner and month: open opportunities' amount × their
 * stage's probability, placed in the month of closeDate (no closeDate: the month after today),
 * plus the amount won in that month. Lost deals count nowhere. Sorted by month, then owner.
 */
export function pipelineByMonth(
  opportunities: Iterable<PipelineOpportunity>,
  today: IsoDate,
  probabilities: Readonly<Record<OpportunityStage, number>>,
): PipelineMonth[] {
  const cells = new Map<string, { ownerId: string | null; month: MonthKey; weighted: bigint; won: Money }>();
  const cell = (ownerId: string | null, month: MonthKey) => {
    const key = `${ownerId ?? ''}\u0000${month}`;
    let c = cells.get(key);
    if (!c) {
      c = { ownerId, month, weighted: 0n, won: 0n };
      cells.set(key, c);
    }
    return c;
  };
  const nextMonth = shiftMonth(monthKey(today), 1);
  for (const o of opportunities) {
    if (o.stage === 'lost') continue;
    if (o.stage === 'won') {
      if (o.closeDate !== null) cell(o.ownerId, monthKey(o.closeDate)).won += o.amount;
      continue;
    }
    const p = probabilities[o.stage];
    if (!Number.isInteger(p) || p < 0 || p > 100)
      throw new RangeError(`probability of ${o.stage} must be a whole percent 0–100, got ${p}`);
    cell(o.ownerId, o.closeDate === null ? nextMonth : monthKey(o.closeDate)).weighted +=
      o.amount * BigInt(p);
  }
  return [...cells.values()]
    .map((c) => ({ ...c, weighted: divRoundHalfAwayFromZero(c.weighted, 100n) }))
    .sort((a, b) =>
      a.month !== b.month ? (a.month < b.month ? -1 : 1) : (a.ownerId ?? '') < (b.ownerId ?? '') ? -1 : 1,
    );
}
