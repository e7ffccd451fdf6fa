import { z } from '@hono/zod-openapi';
import { addDays, daysInMonth, type MonthKey, monthKey, shiftMonth } from '@rapport/shared/domain/dates';
import { forecastProfit, seasonalIndex } from '@rapport/shared/domain/forecast';
import { forecastByRepMonth } from '@rapport/shared/domain/pipeline';
import { formatMoney } from '@rapport/shared/money';
import { teamSettings } from '../accounts/settings.ts';
import type { Clock } from '../lib/clock.ts';
import { serverToday, teamTierWindow } from '../metrics/tier-window.ts';
import type { Store } from '../store/store.ts';
import { loadDeals } from './deals.ts';
import { optionalRepScope, type Viewer } from './scope.ts';

export const ForecastQuery = z.object({
  horizon: z.coerce
    .number()
    .int()
    .min(1)
    .max(6)
    .default(3)
    .openapi({ description: 'Months to forecast (1–6)' }),
  months: z.coerce.number().int().min(6).max(60).default(24).openapi({
    description: 'Months of history (6–60), ending with the last complete month before the as-of day',
  }),
  ownerId: z
    .string()
    .max(100)
    .optional()
    .openapi({ description: 'One rep only (a rep may ask only for themselves)' }),
});
export type ForecastQuery = z.infer<typeof ForecastQuery>;

const money = z.string();
const Backtest = z.object({
  method: z.enum(['seasonal-naive', 'ses']),
  mae: money,
  mase: z.number().nullable(),
});
const Series = z.object({
  ownerId: z.string().nullable(),
  name: z.string(),
  history: z.array(z.object({ month: z.string(), revenue: money, profit: money })),
  seasonality: z
    .array(z.number().nullable())
    .openapi({ description: 'Profit index per calendar month (January first)' }),
  method: z.enum(['seasonal-naive', 'ses', 'none']),
  alpha: z.number().nullable(),
  backtest: z.array(Backtest),
  heldOut: z.number().int(),
  forecast: z.array(
    z.object({
      month: z.string(),
      profit: money.openapi({ description: 'Forecast profit from history' }),
      pipelineWeighted: money.openapi({
        description: 'Σ open amount × stage probability closing that month',
      }),
      won: money.openapi({ description: 'Σ amount won that month' }),
    }),
  ),
});

export const ForecastReportSchema = z
  .object({
    asOf: z.string(),
    historyFrom: z.string(),
    historyTo: z.string(),
    team: Series,
    reps: z.array(Series),
  })
  .openapi('ForecastReport');
export type ForecastReport = z.infer<typeof ForecastReportSchema>;
type SeriesOut = z.infer<typeof Series>;

/** The last month of history: the as-of month when as-of is its last day, else the month before. */
function lastCompleteMonth(asOf: string): MonthKey {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  return d === daysInMonth(y, m) ? monthKey(asOf) : shiftMonth(monthKey(asOf), -1);
}

/**
 * Monthly revenue and profit (SQL sums per owner and month) for the team and each rep, with a
 * profit forecast for the next `horizon` months by the shared forecastProfit (seasonal naive vs
 * simple exponential smoothing, the lower backtest MASE wins) and, beside it, the weighted pipeline
 * per month (open amount × stage probability by closeDate month, no closeDate: the month after
 * today; plus won that month, a won deal without closeDate dated by the day its stage changed).
 */
export async function forecastReport(
  store: Store,
  clock: Clock,
  viewer: Viewer,
  q: ForecastQuery,
): Promise<ForecastReport> {
  const only = optionalRepScope(viewer, q.ownerId);
  const { teamId } = viewer;
  const tier = await teamTierWindow(store, clock, teamId);
  const last = lastCompleteMonth(tier.asOf);
  const first = shiftMonth(last, 1 - q.months);
  const months = Array.from({ length: q.months }, (_, i) => shiftMonth(first, i));
  const future = Array.from({ length: q.horizon }, (_, i) => shiftMonth(last, i + 1));
  const [cells, opportunities, users, team] = await Promise.all([
    store.insight.ownerMonths(teamId, { from: `${first}-01`, to: `${shiftMonth(last, 1)}-01` }),
    loadDeals(store, teamId),
    store.users.list(teamId),
    store.teams.get(teamId),
  ]);
  const probabilities = teamSettings(team).stageProbabilities;
  const pipeline = forecastByRepMonth(opportunities, serverToday(clock), probabilities);
  const names = new Map(users.map((u) => [u.id, u.name]));

  const series = (ownerId: string | null, name: string, match: (owner: string) => boolean): SeriesOut => {
    const rev = new Map<string, bigint>();
    const pro = new Map<string, bigint>();
    for (const c of cells) {
      if (!match(c.ownerId)) continue;
      rev.set(c.month, (rev.get(c.month) ?? 0n) + c.revenue);
      pro.set(c.month, (pro.get(c.month) ?? 0n) + c.profit);
    }
    const profits = months.map((m) => pro.get(m) ?? 0n);
    const f = forecastProfit(profits, q.horizon);
    const pipe = pipeline.filter((p) => match(p.ownerId ?? ''));
    return {
      ownerId,
      name,
      history: months.map((month, i) => ({
        month,
        revenue: formatMoney(rev.get(month) ?? 0n),
        profit: formatMoney(profits[i] as bigint),
      })),
      seasonality: seasonalIndex(months.map((month, i) => ({ month, value: profits[i] as bigint }))),
      method: f.method,
      alpha: f.alpha,
      backtest: f.backtest.map((b) => ({ method: b.method, mae: formatMoney(b.mae), mase: b.mase })),
      heldOut: f.heldOut,
      forecast: future.map((month, i) => {
        const inMonth = pipe.filter((p) => p.month === month);
        return {
          month,
          profit: formatMoney(f.forecast[i] as bigint),
          pipelineWeighted: formatMoney(inMonth.reduce((s, p) => s + p.weighted, 0n)),
          won: formatMoney(inMonth.reduce((s, p) => s + p.won, 0n)),
        };
      }),
    };
  };

  const owners = new Set(cells.map((c) => c.ownerId).filter((o) => o !== ''));
  for (const p of pipeline) if (p.ownerId) owners.add(p.ownerId);
  const repIds = [...owners].filter((o) => (only === undefined ? true : o === only)).sort();
  if (only !== undefined && !repIds.includes(only)) repIds.push(only);
  return {
    asOf: tier.asOf,
    historyFrom: `${first}-01`,
    historyTo: addDays(`${shiftMonth(last, 1)}-01`, -1),
    team: series(null, 'Team', () => true),
    reps: repIds.map((id) => series(id, names.get(id) ?? '(unknown member)', (o) => o === id)),
  };
}
