import { getOrInsert } from '@rapport/shared/domain/collections';
import {
  type ResolvedTierWindow,
  resolveTierWindow,
  type Tier,
  tiersFromTotals,
  unrankedTier,
} from '@rapport/shared/domain/tiers';
import type { CustomerMetrics } from '@rapport/shared/schemas/metrics';
import { canonicalJson } from '@rapport/shared/sync/canonical';
import { teamSettings } from '../accounts/settings.ts';
import { type RowChange, rowWrites, writeWithVersion } from '../entities/save.ts';
import { type HlcClock, nextHlcAfter } from '../entities/server-hlc.ts';
import { editRow } from '../imports/row-edits.ts';
import type { Clock } from '../lib/clock.ts';
import { ANALYSE_AFTER } from '../store/driver.ts';
import type { CustomerMetricsRecord } from '../store/repos/customer-metrics.ts';
import type { LineTotals } from '../store/repos/order-lines.ts';
import type { Store } from '../store/store.ts';
import { metricsWindowKey } from './freshness.ts';
import { changedCustomersInsight, customerInsightFields, type InsightFields } from './insight-fields.ts';
import { metricsRowChange } from './metrics-row.ts';
import { rankedTierChanges } from './tier-boundaries.ts';
import { serverToday } from './tier-window.ts';
import { type MonthMoney, metricsWire, twelveMonthWindow } from './wire.ts';

export interface MetricsDeps {
  clock: Clock;
  hlc: HlcClock;
}

export interface RecomputeOptions {
  /**
   * The team's tier window setting changed: every row whose window differs is rewritten, so no
   * client shows old figures under the new window's label. (Otherwise a window that merely moved
   * with the calendar rewrites only rows whose figures changed.)
   */
  windowChanged?: boolean;
  /**
   * false: skip customerInsightFields and keep each row's stored churn inputs and top category (the
   * insight benchmark's baseline: the same recompute without the insight). Default true.
   */
  insight?: boolean;
}

export interface MetricsResult {
  /** Customers with metrics (every live customer plus any customer id that has lines). */
  customers: number;
  /** Metrics rows written (new or changed figures), each stamped with the write's version. */
  changed: number;
  /**
   * Customers whose metrics were rebuilt and compared: all of them on a first run or a new window,
   * else those whose lines changed, who have no row yet, or whose tier or totals moved.
   */
  examined: number;
  window: ResolvedTierWindow;
}

/** A stored row's insight fields, as they are (recompute with `insight: false`). */
function storedInsight(data: Record<string, unknown> | undefined): Partial<CustomerMetrics> {
  const out: Partial<CustomerMetrics> = {};
  if (data && 'churn' in data) out.churn = data.churn as CustomerMetrics['churn'];
  if (data && 'buysMostly' in data) out.buysMostly = data.buysMostly as CustomerMetrics['buysMostly'];
  return out;
}

/** The figures without the window, so a window that merely moved with the calendar is not a change. */
function figures(m: Record<string, unknown>): string {
  const { window: _w, ...rest } = m;
  return canonicalJson(rest);
}

/** A stored row's window totals (a customer whose lines did not change since it was written). */
function storedTotals(s: Omit<CustomerMetricsRecord, 'data' | 'computedAt'>): LineTotals {
  return {
    revenue: s.revenue,
    profit: s.profit,
    orders: s.orders,
    lines: s.lines ?? 0,
    lastOrderAt: s.lastOrderAt,
  };
}

/**
 * Recomputes customers' metrics over the team's tier window from the order-line rollups (exact
 * integer sums per customer and per month), tiers ranked over the whole team in one pass by shared
 * tiersFromTotals. Only customers whose lines changed or whose tier or totals moved are rebuilt, and
 * only those whose figures changed get a new metrics row, stamped with `version`. Call inside a transaction that holds
 * the team lock (writeWithVersion), after order lines changed; the caller bumps the team version
 * when `changed` > 0.
 */
export async function recomputeCustomerMetrics(
  tx: Store,
  deps: MetricsDeps,
  teamId: string,
  version: number,
  options: RecomputeOptions = {},
): Promise<MetricsResult> {
  const same = options.windowChanged
    ? (a: Record<string, unknown>, b: Record<string, unknown>) => canonicalJson(a) === canonicalJson(b)
    : (a: Record<string, unknown>, b: Record<string, unknown>) => figures(a) === figures(b);
  const team = await tx.teams.get(teamId);
  if (!team) throw new Error(`team ${teamId} does not exist`);
  const settings = teamSettings(team);
  const window = resolveTierWindow(
    settings.tierWindow,
    serverToday(deps.clock),
    await tx.orderLines.newestDate(teamId),
  );

  // Under the window the stored rows were computed for, a customer's row can only change when its
  // lines changed (its rollup is dirty), it has no row yet, it lost every line (no rollup left), or
  // its tier moved (others' lines re-rank it). Otherwise (first run, new or moved window) every
  // customer is looked at. A recompute without the insight fields keeps no intervals: its key
  // differs, so the next recompute with them looks at every customer.
  const insight = options.insight !== false;
  const windowKey = metricsWindowKey(window, insight);
  const dirty = await tx.orderLines.dirtyCustomers(teamId);
  const linesUnknown = await tx.customerMetrics.linesUnknown(teamId);
  const incremental =
    !options.windowChanged &&
    (await tx.customerMetrics.computedWindow(teamId)) === windowKey &&
    !(linesUnknown && (await tx.customerMetrics.anyLinesNull(teamId)));
  const range = { from: window.from, to: window.to };
  let totals: Map<string, LineTotals>;
  let tiers: Map<string, Tier>;
  let ids: string[];
  let customerCount: number;
  // Customers who lost every line (their rollup and its dirty mark went with them).
  let gone: { customerId: string; live: boolean }[] = [];
  // Customers whose stored summary (tier and totals, all part of the figures) differs: their row
  // changes for certain, so it is rewritten without reading and comparing the stored figures.
  const moved = new Set<string>();
  if (incremental) {
    // Only the customers whose own totals may have changed are read; the ranking runs in SQL over the
    // stored rows with their new totals in place, and returns the others whose tier moved.
    gone = linesUnknown ? await tx.customerMetrics.withoutRollup(teamId) : [];
    const own = [
      ...new Set([
        ...dirty,
        ...gone.filter((g) => g.live).map((g) => g.customerId),
        ...(await tx.customerMetrics.liveWithoutRow(teamId)),
      ]),
    ];
    totals = await tx.orderLines.customerTotalsOf(teamId, range, own);
    const summaries = await tx.customerMetrics.summariesOf(teamId, own);
    // A deleted customer who lost its lines keeps its row as it was (as in a full recompute), but
    // leaves the ranking: it takes part with no lines.
    const leaving = gone.filter((g) => !g.live).map((g) => g.customerId);
    const ranked = await rankedTierChanges(
      tx,
      teamId,
      [...own, ...leaving].map((id) => ({
        customerId: id,
        profit: totals.get(id)?.profit ?? 0n,
        lines: totals.get(id)?.lines ?? 0,
      })),
      new Map([...summaries, ...(await tx.customerMetrics.summariesOf(teamId, leaving))]),
      settings.tierThresholds,
    );
    tiers = new Map();
    for (const id of own) {
      const t = totals.get(id);
      tiers.set(id, unrankedTier((t?.lines ?? 0) > 0, t?.profit ?? 0n) ?? ranked.get(id) ?? 'C');
      const s = summaries.get(id);
      const differs =
        !s ||
        s.tier !== tiers.get(id) ||
        s.revenue !== (t?.revenue ?? 0n) ||
        s.profit !== (t?.profit ?? 0n) ||
        s.orders !== (t?.orders ?? 0) ||
        s.lastOrderAt !== (t?.lastOrderAt ?? null);
      if (differs && s) moved.add(id);
    }
    const ownSet = new Set(own);
    const others = [...ranked.keys()].filter((id) => !ownSet.has(id));
    for (const [id, s] of await tx.customerMetrics.summariesOf(teamId, others)) {
      // Re-ranked by others' lines: its own totals are the stored ones.
      totals.set(id, storedTotals(s));
      tiers.set(id, ranked.get(id) as Tier);
      moved.add(id);
    }
    ids = [...own, ...others];
    customerCount = await tx.customerMetrics.customerCount(teamId);
  } else {
    // Every customer's window totals come from the rollups (one row per customer or customer-month).
    totals = await tx.orderLines.totalsBy(teamId, 'customer', range);
    const withLines = await tx.orderLines.customerIds(teamId);
    const customerIds = new Set([...(await tx.rowQueries.liveIds(teamId, 'customer')), ...withLines]);
    tiers = tiersFromTotals(totals, settings.tierThresholds, customerIds);
    ids = [...customerIds];
    customerCount = customerIds.size;
  }
  // Churn inputs and the top category of the customers rebuilt below. Incrementally, only the order
  // days of customers whose lines changed (or who lost them all) are read again; the others' newest
  // day and own interval are stored. When the team's interval (the median of the own intervals)
  // moves, every customer who takes it is rebuilt too.
  let insightOf: ((customerId: string) => InsightFields) | null = null;
  let saveIntervals: (() => Promise<void>) | null = null;
  if (insight && incremental && ids.length > 0) {
    const changed = [...new Set([...dirty, ...gone.map((g) => g.customerId)])];
    const inc = await changedCustomersInsight(tx, teamId, window, changed);
    if (inc.teamIntervalMoved) {
      const rebuilt = new Set(ids);
      const added = (await inc.teamIntervalUsers()).filter((id) => !rebuilt.has(id));
      // Their lines and rank did not move: their totals and tier are the stored ones.
      for (const [id, s] of await tx.customerMetrics.summariesOf(teamId, added)) {
        totals.set(id, storedTotals(s));
        tiers.set(id, s.tier as Tier);
      }
      ids.push(...added);
    }
    insightOf = await inc.fields(ids);
  } else if (insight && ids.length > 0) {
    const all = await customerInsightFields(tx, deps.clock, teamId, window);
    insightOf = all.of;
    saveIntervals = () => tx.customerMetrics.putIntervals(teamId, 'all', all.intervals);
  }
  const months = new Map<string, MonthMoney>();
  const monthRows = await tx.orderLines.customerMonths(
    teamId,
    twelveMonthWindow(window.asOf),
    incremental ? ids : undefined,
  );
  for (const m of monthRows) {
    getOrInsert(months, m.customerId, () => new Map()).set(m.month, m.profit);
  }

  // In chunks, so 100k customers never hold 100k stored and new wire objects at once.
  const at = deps.clock.now().toISOString();
  let changedCount = 0;
  for (let i = 0; i < ids.length; i += 1000) {
    const part = ids.slice(i, i + 1000);
    const unsure = part.filter((id) => !moved.has(id));
    const stored = unsure.length > 0 ? await tx.customerMetrics.getMany(teamId, unsure) : new Map();
    const changed: CustomerMetrics[] = [];
    // Same figures, but the window's line count moved (a line without money in an existing order) or
    // predates the column: only the projection's lines column is set.
    const linesOnly: { customerId: string; lines: number }[] = [];
    for (const id of part) {
      const wire: CustomerMetrics = {
        ...metricsWire({
          customerId: id,
          totals: totals.get(id),
          tier: tiers.get(id) ?? 'none',
          months: months.get(id),
          window,
        }),
        ...(insightOf ? insightOf(id) : storedInsight(stored.get(id)?.data)),
      };
      if (moved.has(id)) {
        changed.push(wire);
        continue;
      }
      const before = stored.get(id);
      if (!before || !same(before.data, wire as unknown as Record<string, unknown>)) changed.push(wire);
      else if (before.lines !== (totals.get(id)?.lines ?? 0))
        linesOnly.push({ customerId: id, lines: totals.get(id)?.lines ?? 0 });
    }
    if (linesOnly.length > 0) await tx.customerMetrics.setLines(teamId, linesOnly);
    if (changed.length === 0) continue;
    changedCount += changed.length;
    // Each stored row's newest field clock, read in SQL without parsing its state; a deleted row
    // (rare: its tombstone and the fields' clocks) is read whole and edited.
    const latest = await tx.rowQueries.latestFieldClocks(
      teamId,
      'customerMetrics',
      changed.map((m) => m.customerId),
    );
    const deletedIds = changed.map((m) => m.customerId).filter((id) => latest.get(id)?.deleted);
    const deleted = new Map(
      deletedIds.length > 0
        ? (await tx.rows.getMany(teamId, 'customerMetrics', deletedIds)).map((r) => [r.id, r])
        : [],
    );
    const changes: RowChange[] = [];
    for (const wire of changed) {
      const stored = latest.get(wire.customerId);
      const dead = deleted.get(wire.customerId);
      // A live metrics row is replaced whole, every field stamped after its old clock: the server is
      // its only writer, and comparing field by field (editRow) cost more than the write itself.
      // The state is built straight from the wire object (metricsRowChange), not through the schema.
      const change = !stored
        ? metricsRowChange(wire, deps.hlc.tick())
        : dead
          ? editRow('customerMetrics', dead, wire, deps.hlc)
          : metricsRowChange(wire, nextHlcAfter(deps.hlc, stored.t));
      if (change) changes.push(change);
    }
    // Straight to the rows, not through saveRows: a metrics row holds no identities (no duplicate
    // keys) and moves no churn input (not a ticket or survey), so those steps would only read.
    // Rows that exist keep their owner, customer and contact: a narrower update (putExisting).
    const writes = rowWrites(changes, at);
    const fresh = writes.filter((w) => !latest.has(w.id));
    if (fresh.length > 0) await tx.rows.put(teamId, version, fresh);
    if (fresh.length < writes.length)
      await tx.rows.putExisting(
        teamId,
        version,
        writes.filter((w) => latest.has(w.id)),
      );
    await tx.customerMetrics.put(
      teamId,
      version,
      changed.map((m) => ({
        customerId: m.customerId,
        revenue: totals.get(m.customerId)?.revenue ?? 0n,
        profit: totals.get(m.customerId)?.profit ?? 0n,
        orders: m.orders,
        tier: m.tier,
        lastOrderAt: m.lastOrderAt,
        lines: totals.get(m.customerId)?.lines ?? 0,
        data: m as unknown as Record<string, unknown>,
        computedAt: at,
      })),
    );
  }
  if (saveIntervals) await saveIntervals();
  // A full recompute writes a row per customer. Until Postgres analyses the tables again (autovacuum,
  // a minute or more later) it plans by the old statistics, which had few or no metrics rows: the
  // next import's lookups by id (the stored clocks, summaries, month rollups) then scanned every
  // row of the team per chunk of ids (≈1.9 s of an import at 100,000 customers for the clocks). ANALYZE samples, so
  // this costs a fraction of the recompute it follows.
  if (!incremental && changedCount >= ANALYSE_AFTER && tx.db.dialect === 'postgres')
    await tx.db.exec(
      'ANALYZE rows; ANALYZE customer_metrics; ANALYZE customer_intervals; ANALYZE customer_rollups; ANALYZE customer_month_rollups',
    );
  if (!incremental || (await tx.customerMetrics.linesUnknown(teamId)))
    await tx.customerMetrics.clearLinesWithoutRollup(teamId);
  await tx.orderLines.markClean(teamId, dirty);
  await tx.customerMetrics.setComputedWindow(teamId, windowKey, version);
  return { customers: customerCount, changed: changedCount, examined: ids.length, window };
}

/** Recomputes a team's metrics in its own transaction (daily timer, CLI); bumps the version only on change. */
export async function refreshCustomerMetrics(
  store: Store,
  deps: MetricsDeps,
  teamId: string,
): Promise<MetricsResult> {
  return writeWithVersion(store, teamId, async (tx, version) => {
    const result = await recomputeCustomerMetrics(tx, deps, teamId, version);
    return { result, changed: result.changed > 0 };
  });
}
