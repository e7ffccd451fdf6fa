import { addDays, daysBetween } from '@rapport/shared/domain/dates';
import { type RfmScore, scoreRfm } from '@rapport/shared/domain/rfm';
import { assignTiers, type Tier } from '@rapport/shared/domain/tiers';
import type { Customer } from '@rapport/shared/schemas/customer';
import { teamSettings } from '../accounts/settings.ts';
import type { Clock } from '../lib/clock.ts';
import { serverToday } from '../metrics/tier-window.ts';
import { DELETED_CUSTOMER_NAME } from '../store/repos/customer-directory.ts';
import type { LineTotals, LineWindow } from '../store/repos/order-lines.ts';
import type { Store } from '../store/store.ts';
import type { ReportWindow } from './window.ts';

/** The day "days since the last order" is counted to: the team window's as-of, the query window's last day, or the newest line. */
export async function asOfDay(
  store: Store,
  clock: Clock,
  teamId: string,
  window: ReportWindow,
): Promise<string> {
  if (window.asOf) return window.asOf;
  if (window.to) return addDays(window.to, -1);
  const today = serverToday(clock);
  const newest = await store.orderLines.newestDate(teamId);
  return newest !== null && newest > today ? newest : today;
}

/** The window of equal length just before a bounded one (for segment movement); null when unbounded. */
export function previousWindow(window: LineWindow): LineWindow | null {
  if (window.from === null || window.to === null) return null;
  const days = daysBetween(window.from, window.to);
  return { from: addDays(window.from, -days), to: window.from };
}

export interface RfmWindow {
  scores: RfmScore[];
  totals: Map<string, LineTotals>;
  tiers: Map<string, Tier>;
}

/**
 * RFM by profit of every customer with an order in the window (SQL: per customer the newest order
 * day, distinct orders, exact profit), scored within the team as of `asOf`, with the profit tier
 * over the same window (a loss-making customer is D beside its segment).
 */
export async function rfmForWindow(
  store: Store,
  teamId: string,
  window: LineWindow,
  asOf: string,
): Promise<RfmWindow> {
  const team = await store.teams.get(teamId);
  const totals = await store.orderLines.totalsBy(teamId, 'customer', window);
  const inputs = [...totals]
    .filter(([, t]) => t.lines > 0 && t.lastOrderAt !== null && t.orders > 0)
    .map(([id, t]) => ({ id, lastOrderAt: t.lastOrderAt as string, orders: t.orders, profit: t.profit }));
  const tiers = assignTiers(
    inputs.map((c) => ({ id: c.id, profit: c.profit, hasLines: true })),
    teamSettings(team).tierThresholds,
  );
  return { scores: scoreRfm(inputs, asOf), totals, tiers };
}

export interface CustomerInfo {
  customerId: string;
  name: string;
  ownerId: string | null;
}

/** Names, external ids and owners of the team's customers, by record id. */
export async function customerInfo(store: Store, teamId: string): Promise<Map<string, CustomerInfo>> {
  const rows = await store.rowQueries.live<Customer>(teamId, 'customer');
  return new Map(
    rows.map((c) => [c.id, { customerId: c.externalId ?? c.id, name: c.name, ownerId: c.ownerId ?? null }]),
  );
}

export const DELETED_CUSTOMER: CustomerInfo = { customerId: '', name: DELETED_CUSTOMER_NAME, ownerId: null };
