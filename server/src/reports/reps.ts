import { z } from '@hono/zod-openapi';
import type { Customer } from '@rapport/shared/schemas/customer';
import type { Clock } from '../lib/clock.ts';
import type { Store, User } from '../store/store.ts';
import { type MoneyFigures, moneyFigures } from './money-figures.ts';
import { perRepScope, type Viewer } from './scope.ts';
import { type ReportWindow, resolveReportWindow, WindowQuery } from './window.ts';

export const RepsQuery = WindowQuery.extend({ ownerId: z.string().max(100).optional() });
export type RepsQuery = z.infer<typeof RepsQuery>;

export interface RepFigures extends MoneyFigures {
  /** The customers' current owner; null for customers nobody owns. */
  ownerId: string | null;
  name: string | null;
  email: string | null;
  /** Customers with lines in the window. */
  customers: number;
}

/** Member names for per-rep rows. */
export async function memberIndex(store: Store, teamId: string): Promise<Map<string, User>> {
  return new Map((await store.users.list(teamId)).map((u) => [u.id, u]));
}

/**
 * Profit by rep (money follows the customer's current owner), exact sums in SQL. A rep sees only
 * their own row; leads and admins see every rep and the unowned customers.
 */
export async function profitByRepReport(
  store: Store,
  clock: Clock,
  viewer: Viewer,
  q: RepsQuery,
): Promise<{ window: ReportWindow; reps: RepFigures[] }> {
  const { teamId } = viewer;
  const ownerId = perRepScope(viewer, q.ownerId);
  const window = await resolveReportWindow(store, clock, teamId, q);
  const range = { from: window.from, to: window.to };
  const [byOwner, byCustomer, customers, members] = await Promise.all([
    store.orderLines.totalsBy(teamId, 'owner', range, ownerId),
    store.orderLines.totalsBy(teamId, 'customer', range, ownerId),
    store.rowQueries.live<Customer>(teamId, 'customer'),
    memberIndex(store, teamId),
  ]);
  const ownerOf = new Map(customers.map((c) => [c.id, c.ownerId ?? '']));
  const customerCount = new Map<string, number>();
  for (const id of byCustomer.keys()) {
    const key = ownerOf.get(id) ?? '';
    customerCount.set(key, (customerCount.get(key) ?? 0) + 1);
  }
  // Highest profit first; the unowned row last.
  const ranked = [...byOwner].sort(([ka, a], [kb, b]) => {
    if ((ka === '') !== (kb === '')) return ka === '' ? 1 : -1;
    return a.profit === b.profit ? (ka < kb ? -1 : 1) : a.profit > b.profit ? -1 : 1;
  });
  const reps = ranked.map(([key, totals]): RepFigures => {
    const member = key === '' ? undefined : members.get(key);
    return {
      ownerId: key === '' ? null : key,
      name: member?.name ?? null,
      email: member?.email ?? null,
      customers: customerCount.get(key) ?? 0,
      ...moneyFigures(totals),
    };
  });
  return { window, reps };
}
