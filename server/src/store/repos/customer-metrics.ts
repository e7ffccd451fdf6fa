import type { StoredChurn } from '@rapport/shared/domain/churn';
import { big, type Db, fromJson, insertMany, int, placeholders, type SqlValue, toJson } from '../driver.ts';

/** A customer's newest order day (to the metrics window's as-of day) and own purchase interval. */
export interface CustomerInterval {
  customerId: string;
  lastDay: string;
  /** Null with fewer than 3 order days (the team's interval applies). */
  own: number | null;
}

/** A ranked stored row (lines > 0, profit > 0) as the tier boundaries read it. */
export interface RankedRow {
  customerId: string;
  profit: bigint;
  tier: string;
}

/** The queryable projection of one 'customerMetrics' sync row. */
export interface CustomerMetricsRecord {
  customerId: string;
  revenue: bigint;
  profit: bigint;
  orders: number;
  tier: string;
  lastOrderAt: string | null;
  /** Order lines in the metrics window; null on rows written before migration 008. */
  lines: number | null;
  /** The CustomerMetrics wire object (as the sync row holds it). */
  data: Record<string, unknown>;
  version: number;
  computedAt: string;
}

export interface CustomerMetricsRepo {
  /** Every stored metrics row of the team, by customer id. */
  all(teamId: string): Promise<Map<string, CustomerMetricsRecord>>;
  /** The stored rows of these customers, by customer id. */
  getMany(teamId: string, customerIds: readonly string[]): Promise<Map<string, CustomerMetricsRecord>>;
  /** Inserts or replaces rows (stamped with `version`). */
  put(
    teamId: string,
    version: number,
    rows: readonly Omit<CustomerMetricsRecord, 'version'>[],
  ): Promise<void>;
  /** The money columns and tier of every stored row (no JSON), by customer id. */
  summaries(teamId: string): Promise<Map<string, Omit<CustomerMetricsRecord, 'data' | 'computedAt'>>>;
  /** `summaries` of these customers only. */
  summariesOf(
    teamId: string,
    customerIds: readonly string[],
  ): Promise<Map<string, Omit<CustomerMetricsRecord, 'data' | 'computedAt'>>>;
  /**
   * One page of the ranked stored rows (lines > 0, profit > 0; profit descending, ties by id in
   * code-unit order), from the `(team_id, profit)` index: 'down' ranked after `from` (from the top
   * when null), 'up' ranked before it and 'up-from' at or before it, last first.
   */
  rankPage(
    teamId: string,
    from: { customerId: string; profit: bigint } | null,
    direction: 'down' | 'up' | 'up-from',
    limit: number,
  ): Promise<RankedRow[]>;
  /**
   * The last ranked stored row whose tier is one of `tiers` (the stored tiers follow the ranking, so
   * these rows are a prefix of it) and the running sum of profit through it; null when the top row's
   * tier is not one of them. Found by bisecting profits on the index; the sum is tier_totals'.
   */
  lastOfTiers(teamId: string, tiers: ReadonlySet<string>): Promise<(RankedRow & { running: bigint }) | null>;
  /**
   * The team's customers that need a metrics row: live customers and customers with lines (read from
   * the maintained report_totals, not counted).
   */
  customerCount(teamId: string): Promise<number>;
  /**
   * Live customers without a metrics row (created since the last recompute): looked for among the
   * customer rows written at or after metrics_state's rows_checked version (every customer when unset).
   */
  liveWithoutRow(teamId: string): Promise<string[]>;
  /** metrics_state's lines_unknown flag (true without a state row): see `freshFor`. */
  linesUnknown(teamId: string): Promise<boolean>;
  /** Whether a stored row has no lines count (written before migration 008). */
  anyLinesNull(teamId: string): Promise<boolean>;
  /**
   * Customers whose metrics row counts lines or who have a stored interval, but who have no rollup
   * (every line removed since): their figures must be rebuilt without lines.
   */
  withoutRollup(teamId: string): Promise<{ customerId: string; live: boolean }[]>;
  /** report_totals' sum of the positive profits of the rows with lines (0 without a row). */
  positiveProfit(teamId: string): Promise<bigint>;
  /** The window (canonical JSON) the team's metrics were last computed for; null before the first. */
  computedWindow(teamId: string): Promise<string | null>;
  /**
   * Records the window the metrics were computed for and the write's version (`rows_checked`: every
   * live customer has a row as of this version).
   */
  setComputedWindow(teamId: string, window: string, version: number): Promise<void>;
  /** Sets only the lines column of these rows (figures unchanged: no new version, no sync row). */
  setLines(teamId: string, rows: readonly { customerId: string; lines: number }[]): Promise<void>;
  /**
   * True when the last recompute ran under `windowKey` and the rows follow the order lines: no rollup
   * is dirty (no line changed since), and lines_unknown is clear — it is set by the writes that could
   * leave a row with lines but no rollup (every line removed) or without its lines count, and cleared
   * by clearLinesWithoutRollup. One statement: a row of metrics_state and a probe of the dirty index.
   */
  freshFor(teamId: string, windowKey: string): Promise<boolean>;
  /**
   * Sets lines to 0 on the rows of customers without a rollup (no line left, e.g. merged away or
   * deleted): the recompute no longer looks at them, so their stored figures stay as they were.
   */
  clearLinesWithoutRollup(teamId: string): Promise<void>;
  /** Tier per customer id (customers without a row are absent). */
  tiers(teamId: string): Promise<Map<string, string>>;
  /**
   * Tier and the stored churn inputs (`data.churn`, null without orders or on rows written before
   * the field) of every row, read without parsing the rest of the JSON (customers report's churn column).
   */
  churnInputs(teamId: string): Promise<Map<string, { tier: string; churn: StoredChurn | null }>>;
  /** Every stored customer interval (written by the metrics recompute under metrics_state's window). */
  intervals(teamId: string): Promise<Map<string, CustomerInterval>>;
  /** The stored intervals of these customers only. */
  intervalsOf(teamId: string, customerIds: readonly string[]): Promise<Map<string, CustomerInterval>>;
  /**
   * The middle one or two of the stored own intervals (sorted): shared teamPurchaseInterval of them
   * is the median of the whole list, found by walking the maintained `interval_counts` (one row per
   * distinct interval) without reading every customer's interval.
   */
  intervalMiddle(teamId: string): Promise<number[]>;
  /** Customers with a stored interval but no own one (they take the team's), `exclude` left out. */
  teamIntervalUsers(teamId: string, exclude: readonly string[]): Promise<string[]>;
  /**
   * Replaces the intervals of these customers (every customer's when `of` is 'all') with `rows`; the
   * customers of `of` without a row in `rows` are removed.
   */
  putIntervals(
    teamId: string,
    of: readonly string[] | 'all',
    rows: readonly CustomerInterval[],
  ): Promise<void>;
  /** `churnInputs` of these customers only. */
  churnInputsOf(
    teamId: string,
    customerIds: readonly string[],
  ): Promise<Map<string, { tier: string; churn: StoredChurn | null }>>;
}

interface MetricsRow {
  customer_id: string;
  revenue: unknown;
  profit: unknown;
  orders: unknown;
  tier: string;
  last_order_at: string | null;
  lines: unknown;
  data: unknown;
  version: unknown;
  computed_at: string;
}

const COLUMNS = [
  'team_id',
  'customer_id',
  'revenue',
  'profit',
  'orders',
  'tier',
  'last_order_at',
  'lines',
  'data',
  'version',
  'computed_at',
];
const SELECT = `SELECT ${COLUMNS.slice(1).join(', ')} FROM customer_metrics`;

type MetricsSummaryRow = Omit<MetricsRow, 'data' | 'computed_at'>;

/** The money columns, tier and counts of one row (what `summaries` returns; no JSON). */
function toSummary(r: MetricsSummaryRow): Omit<CustomerMetricsRecord, 'data' | 'computedAt'> {
  return {
    customerId: r.customer_id,
    revenue: big(r.revenue),
    profit: big(r.profit),
    orders: int(r.orders),
    tier: r.tier,
    lastOrderAt: r.last_order_at,
    lines: r.lines === null ? null : int(r.lines),
    version: int(r.version),
  };
}

function toRecords(rows: readonly MetricsRow[]): Map<string, CustomerMetricsRecord> {
  return new Map(
    rows.map((r) => [r.customer_id, { ...toSummary(r), data: fromJson(r.data), computedAt: r.computed_at }]),
  );
}

export function customerMetricsRepo(db: Db): CustomerMetricsRepo {
  const churnField = db.dialect === 'postgres' ? "(data -> 'churn')" : "json_extract(data, '$.churn')";
  // Ties in the ranking go by id in code-unit order on both engines (Postgres would use the locale).
  const byId = db.dialect === 'postgres' ? 'customer_id COLLATE "C"' : 'customer_id';
  return {
    async intervals(teamId) {
      const rows = await db.all<{ customer_id: string; last_day: string; own_interval: unknown }>(
        'SELECT customer_id, last_day, own_interval FROM customer_intervals WHERE team_id = ?',
        [teamId],
      );
      return new Map(
        rows.map((r) => [
          r.customer_id,
          {
            customerId: r.customer_id,
            lastDay: r.last_day,
            own: r.own_interval === null ? null : Number(r.own_interval),
          },
        ]),
      );
    },
    async intervalsOf(teamId, customerIds) {
      const out = new Map<string, CustomerInterval>();
      for (let i = 0; i < customerIds.length; i += 1000) {
        const part = customerIds.slice(i, i + 1000);
        const rows = await db.all<{ customer_id: string; last_day: string; own_interval: unknown }>(
          `SELECT customer_id, last_day, own_interval FROM customer_intervals WHERE team_id = ? AND customer_id IN (${placeholders(part.length)})`,
          [teamId, ...part],
        );
        for (const r of rows)
          out.set(r.customer_id, {
            customerId: r.customer_id,
            lastDay: r.last_day,
            own: r.own_interval === null ? null : Number(r.own_interval),
          });
      }
      return out;
    },
    async intervalMiddle(teamId) {
      const counts = new Map<number, number>();
      for (const r of await db.all<{ own_interval: unknown; n: unknown }>(
        'SELECT own_interval, n FROM interval_counts WHERE team_id = ? AND n <> 0',
        [teamId],
      ))
        counts.set(Number(r.own_interval), int(r.n));
      const sorted = [...counts].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
      const total = sorted.reduce((t, [, n]) => t + n, 0);
      if (total === 0) return [];
      // The values at sorted positions (total - 1) / 2 and total / 2 (the same one when total is odd).
      const at = [Math.floor((total - 1) / 2), Math.floor(total / 2)];
      const out: number[] = [];
      let seen = 0;
      for (const [own, n] of sorted) {
        for (const p of at) if (p >= seen && p < seen + n) out.push(own);
        seen += n;
        if (seen > (at[1] as number)) break;
      }
      return total % 2 === 1 ? out.slice(0, 1) : out;
    },
    async teamIntervalUsers(teamId, exclude) {
      const ids =
        db.dialect === 'postgres'
          ? 'SELECT value AS id FROM jsonb_array_elements_text(CAST(? AS jsonb))'
          : 'SELECT value AS id FROM json_each(?)';
      const rows = await db.all<{ customer_id: string }>(
        `SELECT customer_id FROM customer_intervals WHERE team_id = ? AND own_interval IS NULL
           AND customer_id NOT IN (${ids})`,
        [teamId, JSON.stringify(exclude)],
      );
      return rows.map((r) => r.customer_id);
    },
    async putIntervals(teamId, of, rows) {
      const values = rows.map((r) => [teamId, r.customerId, r.lastDay, r.own]);
      const columns = ['team_id', 'customer_id', 'last_day', 'own_interval'];
      if (of === 'all') {
        await db.run('DELETE FROM customer_intervals WHERE team_id = ?', [teamId]);
        await insertMany(db, 'customer_intervals', columns, values);
        return;
      }
      // Listed customers: the ones that keep an interval are updated in place (one write, and one
      // update of interval_counts per row by the triggers) rather than deleted and inserted again;
      // only those left without one are deleted.
      const kept = new Set(rows.map((r) => r.customerId));
      const gone = of.filter((id) => !kept.has(id));
      for (let i = 0; i < gone.length; i += 1000) {
        const part = gone.slice(i, i + 1000);
        await db.run(
          `DELETE FROM customer_intervals WHERE team_id = ? AND customer_id IN (${placeholders(part.length)})`,
          [teamId, ...part],
        );
      }
      await insertMany(
        db,
        'customer_intervals',
        columns,
        values,
        'ON CONFLICT (team_id, customer_id) DO UPDATE SET last_day = excluded.last_day, own_interval = excluded.own_interval',
      );
    },
    async all(teamId) {
      return toRecords(await db.all<MetricsRow>(`${SELECT} WHERE team_id = ?`, [teamId]));
    },
    async getMany(teamId, customerIds) {
      const rows: MetricsRow[] = [];
      for (let i = 0; i < customerIds.length; i += 1000) {
        const part = customerIds.slice(i, i + 1000);
        rows.push(
          ...(await db.all<MetricsRow>(
            `${SELECT} WHERE team_id = ? AND customer_id IN (${placeholders(part.length)})`,
            [teamId, ...part],
          )),
        );
      }
      return toRecords(rows);
    },
    async put(teamId, version, rows) {
      const values: SqlValue[][] = rows.map((r) => [
        teamId,
        r.customerId,
        r.revenue,
        r.profit,
        r.orders,
        r.tier,
        r.lastOrderAt,
        r.lines,
        toJson(r.data),
        version,
        r.computedAt,
      ]);
      const set = COLUMNS.slice(2)
        .map((c) => `${c} = excluded.${c}`)
        .join(', ');
      await insertMany(
        db,
        'customer_metrics',
        COLUMNS,
        values,
        `ON CONFLICT (team_id, customer_id) DO UPDATE SET ${set}`,
      );
    },
    async summaries(teamId) {
      const rows = await db.all<MetricsSummaryRow>(
        'SELECT customer_id, revenue, profit, orders, tier, last_order_at, lines, version FROM customer_metrics WHERE team_id = ?',
        [teamId],
      );
      return new Map(rows.map((r) => [r.customer_id, toSummary(r)]));
    },
    async summariesOf(teamId, customerIds) {
      const out = new Map<string, Omit<CustomerMetricsRecord, 'data' | 'computedAt'>>();
      for (let i = 0; i < customerIds.length; i += 1000) {
        const part = customerIds.slice(i, i + 1000);
        const rows = await db.all<MetricsSummaryRow>(
          `SELECT customer_id, revenue, profit, orders, tier, last_order_at, lines, version FROM customer_metrics
            WHERE team_id = ? AND customer_id IN (${placeholders(part.length)})`,
          [teamId, ...part],
        );
        for (const r of rows) out.set(r.customer_id, toSummary(r));
      }
      return out;
    },
    async rankPage(teamId, from, direction, limit) {
      const params: SqlValue[] = [teamId];
      let where = '';
      if (from) {
        where =
          direction === 'down'
            ? `AND profit <= ? AND (profit < ? OR ${byId} > ?)`
            : `AND profit >= ? AND (profit > ? OR ${byId} ${direction === 'up' ? '<' : '<='} ?)`;
        params.push(from.profit, from.profit, from.customerId);
      }
      const order = direction === 'down' ? `profit DESC, ${byId}` : `profit, ${byId} DESC`;
      // SQLite would walk up through the covering report index: every row with lines, then a sort.
      const byProfit = db.dialect === 'postgres' ? '' : 'INDEXED BY customer_metrics_top_profit';
      const rows = await db.all<{ customer_id: string; profit: unknown; tier: string }>(
        `SELECT customer_id, profit, tier FROM customer_metrics ${byProfit}
          WHERE team_id = ? AND lines > 0 AND profit > 0 ${where} ORDER BY ${order} LIMIT ${limit}`,
        params,
      );
      return rows.map((r) => ({ customerId: r.customer_id, profit: big(r.profit), tier: r.tier }));
    },
    async lastOfTiers(teamId, tiers) {
      const ranked = 'team_id = ? AND lines > 0 AND profit > 0';
      const list = [...tiers];
      // SQLite would probe a profit, or read the top row or the last of a profit, through the
      // covering report index: every row with lines, then a sort (≈20 ms each at 100,000 customers).
      const byProfit = db.dialect === 'postgres' ? '' : 'INDEXED BY customer_metrics_top_profit';
      // The highest profit ≤ atMost and whether a row there has one of the tiers: by the prefix
      // property, none there means none at any lower profit (two index look-ups, no sort).
      const probe = (atMost: bigint) =>
        db.get<{ profit: unknown; hit: unknown }>(
          `SELECT q.profit, CASE WHEN EXISTS (SELECT 1 FROM customer_metrics ${byProfit} WHERE ${ranked} AND profit = q.profit
                  AND tier IN (${placeholders(list.length)})) THEN 1 ELSE 0 END AS hit
             FROM (SELECT profit FROM customer_metrics WHERE ${ranked} AND profit <= ? ORDER BY profit DESC LIMIT 1) q`,
          [teamId, ...list, teamId, atMost],
        );
      const top = await db.get<{ profit: unknown; tier: string }>(
        `SELECT profit, tier FROM customer_metrics ${byProfit} WHERE ${ranked} ORDER BY profit DESC, ${byId} LIMIT 1`,
        [teamId],
      );
      if (!top || !tiers.has(top.tier)) return null;
      // The lowest profit with a row of one of the tiers (they are a prefix of the ranking), bisected.
      let lo = 1n;
      let hi = big(top.profit);
      while (lo < hi) {
        const mid = (lo + hi) / 2n;
        const r = await probe(mid);
        if (r && int(r.hit) === 1) hi = big(r.profit);
        else lo = mid + 1n;
      }
      const last = await db.get<{ customer_id: string; tier: string }>(
        `SELECT customer_id, tier FROM customer_metrics ${byProfit} WHERE ${ranked} AND profit = ?
            AND tier IN (${placeholders(list.length)}) ORDER BY ${byId} DESC LIMIT 1`,
        [teamId, hi, ...list],
      );
      if (!last) throw new Error('customer_metrics changed while it was ranked');
      // The running sum through it: the stored tiers are a prefix of the ranking, so it is the
      // summed profit of the ranked rows of these tiers, kept in tier_totals by triggers.
      const sums = await db.get<{ a: unknown; b: unknown }>(
        'SELECT a, b FROM tier_totals WHERE team_id = ?',
        [teamId],
      );
      return {
        customerId: last.customer_id,
        profit: hi,
        tier: last.tier,
        running: (tiers.has('A') ? big(sums?.a ?? 0) : 0n) + (tiers.has('B') ? big(sums?.b ?? 0) : 0n),
      };
    },
    async customerCount(teamId) {
      // The directory holds the live customers (kept by rows.put), and the rollups' orphans are the
      // customers with lines outside it: both maintained in report_totals by triggers.
      const r = await db.get<{ n: unknown }>(
        `SELECT COALESCE(SUM(CASE WHEN scope = 'directory' THEN customers ELSE orphans END), 0) AS n
           FROM report_totals WHERE team_id = ? AND scope IN ('directory', 'all')`,
        [teamId],
      );
      return int(r?.n ?? 0);
    },
    async liveWithoutRow(teamId) {
      const state = await db.get<{ rows_checked: unknown }>(
        'SELECT rows_checked FROM metrics_state WHERE team_id = ?',
        [teamId],
      );
      // From the pull index: only the rows written since the last recompute. On Postgres `rows.id` is
      // COLLATE "C" and `customer_metrics.customer_id` the database default: compared as they are, the
      // primary key of customer_metrics (default collation) cannot serve the probe, and once the
      // planner expects more than a row or two it hashes every metrics row of the team (a sequential
      // scan, ≈150 ms at 100,000 customers). In the key's collation it probes the primary key.
      const id = db.dialect === 'postgres' ? 'r.id COLLATE "default"' : 'r.id';
      const rows = await db.all<{ id: string }>(
        `SELECT r.id FROM rows r WHERE r.team_id = ? AND r.version >= ? AND r.entity = 'customer' AND r.deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM customer_metrics m WHERE m.team_id = r.team_id AND m.customer_id = ${id})`,
        [teamId, state?.rows_checked == null ? 0 : int(state.rows_checked)],
      );
      return rows.map((r) => r.id);
    },
    async linesUnknown(teamId) {
      const r = await db.get<{ lines_unknown: unknown }>(
        'SELECT lines_unknown FROM metrics_state WHERE team_id = ?',
        [teamId],
      );
      return r === undefined || int(r.lines_unknown) === 1;
    },
    async anyLinesNull(teamId) {
      const r = await db.get<{ x: unknown }>(
        'SELECT 1 AS x FROM customer_metrics WHERE team_id = ? AND lines IS NULL LIMIT 1',
        [teamId],
      );
      return r !== undefined;
    },
    async withoutRollup(teamId) {
      const noRollup = (t: string) =>
        `NOT EXISTS (SELECT 1 FROM customer_rollups u WHERE u.team_id = ${t}.team_id AND u.customer_id = ${t}.customer_id)`;
      const rows = await db.all<{ customer_id: string; live: unknown }>(
        `SELECT g.customer_id, CASE WHEN EXISTS (SELECT 1 FROM rows c WHERE c.team_id = ? AND c.entity = 'customer'
                  AND c.id = g.customer_id AND c.deleted_at IS NULL) THEN 1 ELSE 0 END AS live
           FROM (SELECT m.customer_id FROM customer_metrics m WHERE m.team_id = ? AND m.lines > 0 AND ${noRollup('m')}
                 UNION SELECT i.customer_id FROM customer_intervals i WHERE i.team_id = ? AND ${noRollup('i')}) g`,
        [teamId, teamId, teamId],
      );
      return rows.map((r) => ({ customerId: r.customer_id, live: int(r.live) === 1 }));
    },
    async positiveProfit(teamId) {
      const r = await db.get<{ positive: unknown }>(
        "SELECT positive FROM report_totals WHERE team_id = ? AND scope = 'metrics'",
        [teamId],
      );
      return r ? big(r.positive) : 0n;
    },
    async computedWindow(teamId) {
      const r = await db.get<{ metrics_window: string }>(
        'SELECT metrics_window FROM metrics_state WHERE team_id = ?',
        [teamId],
      );
      return r?.metrics_window ?? null;
    },
    async setComputedWindow(teamId, window, version) {
      await db.run(
        `INSERT INTO metrics_state (team_id, metrics_window, rows_checked) VALUES (?, ?, ?)
         ON CONFLICT (team_id) DO UPDATE SET metrics_window = excluded.metrics_window, rows_checked = excluded.rows_checked`,
        [teamId, window, version],
      );
    },
    async setLines(teamId, rows) {
      for (const r of rows)
        await db.run('UPDATE customer_metrics SET lines = ? WHERE team_id = ? AND customer_id = ?', [
          r.lines,
          teamId,
          r.customerId,
        ]);
    },
    async freshFor(teamId, windowKey) {
      const r = await db.get<{ fresh: unknown }>(
        `SELECT CASE WHEN EXISTS (SELECT 1 FROM metrics_state WHERE team_id = ? AND metrics_window = ? AND lines_unknown = 0)
          AND NOT EXISTS (SELECT 1 FROM customer_rollups WHERE team_id = ? AND dirty = 1)
          THEN 1 ELSE 0 END AS fresh`,
        [teamId, windowKey, teamId],
      );
      return int(r?.fresh ?? 0) === 1;
    },
    async clearLinesWithoutRollup(teamId) {
      await db.run(
        // NOT IN over the team's rollup ids (a hashed set on Postgres, an ephemeral index on SQLite)
        // rather than a correlated NOT EXISTS: right after a new team's first import, Postgres's
        // statistics still count its rollups as none and it probed them by nested loop (≈0.7 s of a
        // 100,000-line import).
        `UPDATE customer_metrics SET lines = 0 WHERE team_id = ? AND (lines IS NULL OR lines > 0)
           AND customer_id NOT IN (SELECT customer_id FROM customer_rollups WHERE team_id = ?)`,
        [teamId, teamId],
      );
      // Every metrics row with lines now has a rollup; a row without a lines count (written before
      // migration 008) keeps the flag. This is the proof freshFor() reads.
      await db.run(
        `INSERT INTO metrics_state (team_id, metrics_window, lines_unknown)
         VALUES (?, '', CASE WHEN EXISTS (SELECT 1 FROM customer_metrics WHERE team_id = ? AND lines IS NULL) THEN 1 ELSE 0 END)
         ON CONFLICT (team_id) DO UPDATE SET lines_unknown = excluded.lines_unknown`,
        [teamId, teamId],
      );
    },
    async tiers(teamId) {
      const rows = await db.all<{ customer_id: string; tier: string }>(
        'SELECT customer_id, tier FROM customer_metrics WHERE team_id = ?',
        [teamId],
      );
      return new Map(rows.map((r) => [r.customer_id, r.tier]));
    },
    async churnInputs(teamId) {
      return churnMap(
        await db.all<ChurnRow>(
          `SELECT customer_id, tier, ${churnField} AS churn FROM customer_metrics WHERE team_id = ?`,
          [teamId],
        ),
      );
    },
    async churnInputsOf(teamId, customerIds) {
      const rows: ChurnRow[] = [];
      for (let i = 0; i < customerIds.length; i += 500) {
        const part = customerIds.slice(i, i + 500);
        rows.push(
          ...(await db.all<ChurnRow>(
            `SELECT customer_id, tier, ${churnField} AS churn FROM customer_metrics WHERE team_id = ? AND customer_id IN (${placeholders(part.length)})`,
            [teamId, ...part],
          )),
        );
      }
      return churnMap(rows);
    },
  };
}

interface ChurnRow {
  customer_id: string;
  tier: string;
  churn: unknown;
}

function churnMap(rows: readonly ChurnRow[]): Map<string, { tier: string; churn: StoredChurn | null }> {
  return new Map(
    rows.map((r) => [
      r.customer_id,
      {
        tier: r.tier,
        // SQLite gives SQL NULL for a JSON null, Postgres the jsonb text 'null'.
        churn: r.churn === null || r.churn === undefined ? null : fromJson<StoredChurn | null>(r.churn),
      },
    ]),
  );
}
