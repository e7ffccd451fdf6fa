import type { Dialect } from '../driver.ts';
import type { Migration } from './migration.ts';

/**
 * What an import into a large team read of the whole team, kept instead (issue #10):
 *
 * - `interval_counts`: per team, how many customers have each own purchase interval (in days),
 *   kept by triggers on `customer_intervals` in the same statement. The team's interval (the median
 *   of the own intervals) is found by walking these counts (a few hundred distinct values) instead
 *   of sorting every customer's interval. A count that drops to 0 keeps its row (read as absent).
 * - `tier_totals`: per team, the summed profit of the ranked metrics rows (lines > 0, profit > 0) of
 *   tier A and of tier B, kept by triggers on `customer_metrics`. The stored tiers are a prefix of the
 *   ranking, so the running sum through the last A (or the last A or B) is `a` (or `a + b`): the
 *   tier boundaries start from it instead of summing the head of the profit index.
 * - `customer_intervals_team_users`: the customers without an own interval (they take the team's),
 *   read when the team's interval moves, from a partial index instead of a scan of every interval.
 * - Two indexes of `customer_metrics` nothing reads any more: `(team_id, version)` (clients pull the
 *   sync rows, not this projection) and `(team_id, profit)` over every row (the ranking and the
 *   report read the partial `customer_metrics_top_profit` of the rows with lines). Each was rewritten
 *   with every changed metrics row.
 * - `metrics_state.rows_checked`: the write version of the last recompute. Every live customer then
 *   had a metrics row, and a customer row that becomes live again is written with a newer version,
 *   so the live customers without a metrics row are found among the customer rows written since
 *   (the `rows_pull` index, `version >= rows_checked`) instead of probing every customer. Null
 *   before the first recompute after this migration: every customer is looked at once.
 */
export const importTotals: Migration = {
  version: 15,
  name: 'import-totals',
  up(dialect: Dialect) {
    const real = dialect === 'postgres' ? 'DOUBLE PRECISION' : 'REAL';
    return `
CREATE TABLE interval_counts (
  team_id TEXT NOT NULL REFERENCES teams (id),
  own_interval ${real} NOT NULL,
  n BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (team_id, own_interval)
);
INSERT INTO interval_counts (team_id, own_interval, n)
SELECT team_id, own_interval, COUNT(*) FROM customer_intervals WHERE own_interval IS NOT NULL GROUP BY team_id, own_interval;
ALTER TABLE metrics_state ADD COLUMN rows_checked BIGINT;
CREATE TABLE tier_totals (
  team_id TEXT PRIMARY KEY REFERENCES teams (id),
  a BIGINT NOT NULL DEFAULT 0,
  b BIGINT NOT NULL DEFAULT 0
);
INSERT INTO tier_totals (team_id, a, b)
SELECT team_id, ${TIER_TERMS.map((t) => `COALESCE(SUM(${t('m')}), 0)`).join(', ')} FROM customer_metrics m GROUP BY team_id;
CREATE INDEX customer_intervals_team_users ON customer_intervals (team_id, customer_id) WHERE own_interval IS NULL;
DROP INDEX customer_metrics_version;
DROP INDEX customer_metrics_profit;
${dialect === 'postgres' ? postgresTriggers() : sqliteTriggers()};
`;
  },
};

/** A metrics row's share of tier_totals' a and b (0 unless it ranks with that tier). */
const TIER_TERMS = (['A', 'B'] as const).map(
  (tier) => (r: string) =>
    `(CASE WHEN ${r}.lines > 0 AND ${r}.profit > 0 AND ${r}.tier = '${tier}' THEN ${r}.profit ELSE 0 END)`,
);
const counts = (r: string) => `${r}.lines > 0 AND ${r}.profit > 0 AND ${r}.tier IN ('A', 'B')`;

function sqliteTriggers(): string {
  // As report_totals' triggers: the row is made first, then updated (no upsert inside a trigger, whose
  // conflict policy would be the firing statement's).
  const add = (r: string, sign: '+' | '-') => `
  INSERT INTO interval_counts (team_id, own_interval, n) SELECT ${r}.team_id, ${r}.own_interval, 0
   WHERE NOT EXISTS (SELECT 1 FROM interval_counts WHERE team_id = ${r}.team_id AND own_interval = ${r}.own_interval);
  UPDATE interval_counts SET n = n ${sign} 1 WHERE team_id = ${r}.team_id AND own_interval = ${r}.own_interval;`;
  const [ta, tb] = TIER_TERMS as [(r: string) => string, (r: string) => string];
  const tiers = (parts: { r: string; sign: '+' | '-' }[]) => `
  INSERT INTO tier_totals (team_id) SELECT ${parts[0]?.r}.team_id
   WHERE NOT EXISTS (SELECT 1 FROM tier_totals WHERE team_id = ${parts[0]?.r}.team_id);
  UPDATE tier_totals SET a = a${parts.map((p) => ` ${p.sign} ${ta(p.r)}`).join('')}, b = b${parts
    .map((p) => ` ${p.sign} ${tb(p.r)}`)
    .join('')} WHERE team_id = ${parts[0]?.r}.team_id;`;
  return [
    `CREATE TRIGGER tier_totals_ins AFTER INSERT ON customer_metrics WHEN ${counts('new')} BEGIN${tiers([{ r: 'new', sign: '+' }])}
END`,
    `CREATE TRIGGER tier_totals_upd AFTER UPDATE ON customer_metrics WHEN (${counts('new')}) OR (${counts('old')}) BEGIN${tiers(
      [
        { r: 'new', sign: '+' },
        { r: 'old', sign: '-' },
      ],
    )}
END`,
    `CREATE TRIGGER tier_totals_del AFTER DELETE ON customer_metrics WHEN ${counts('old')} BEGIN${tiers([{ r: 'old', sign: '-' }])}
END`,
    `CREATE TRIGGER interval_counts_ins AFTER INSERT ON customer_intervals WHEN new.own_interval IS NOT NULL BEGIN${add('new', '+')}
END`,
    `CREATE TRIGGER interval_counts_del AFTER DELETE ON customer_intervals WHEN old.own_interval IS NOT NULL BEGIN${add('old', '-')}
END`,
    `CREATE TRIGGER interval_counts_upd_old AFTER UPDATE ON customer_intervals WHEN old.own_interval IS NOT NULL BEGIN${add('old', '-')}
END`,
    `CREATE TRIGGER interval_counts_upd_new AFTER UPDATE ON customer_intervals WHEN new.own_interval IS NOT NULL BEGIN${add('new', '+')}
END`,
  ].join(';\n');
}

/** One statement-level trigger per event over the transition tables (one aggregate per statement). */
function postgresTriggers(): string {
  const upsert = (source: string) => `
    INSERT INTO interval_counts AS t (team_id, own_interval, n)
    SELECT d.team_id, d.own_interval, SUM(d.sign) FROM (${source}) d
     WHERE d.own_interval IS NOT NULL GROUP BY d.team_id, d.own_interval
    ON CONFLICT (team_id, own_interval) DO UPDATE SET n = t.n + excluded.n;`;
  const added = 'SELECT 1 AS sign, n.team_id, n.own_interval FROM new_rows n';
  const removed = 'SELECT -1 AS sign, o.team_id, o.own_interval FROM old_rows o';
  const [ta, tb] = TIER_TERMS as [(r: string) => string, (r: string) => string];
  const tiers = (source: string) => `
    INSERT INTO tier_totals AS t (team_id, a, b)
    SELECT d.team_id, SUM(d.sign * ${ta('d')})::bigint, SUM(d.sign * ${tb('d')})::bigint FROM (${source}) d
     WHERE ${counts('d')} GROUP BY d.team_id
    ON CONFLICT (team_id) DO UPDATE SET a = t.a + excluded.a, b = t.b + excluded.b;`;
  const put = 'SELECT 1 AS sign, n.team_id, n.lines, n.profit, n.tier FROM new_rows n';
  const out = 'SELECT -1 AS sign, o.team_id, o.lines, o.profit, o.tier FROM old_rows o';
  return [
    `CREATE FUNCTION tier_totals() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN${tiers(put)}
  ELSIF TG_OP = 'UPDATE' THEN${tiers(`${put} UNION ALL ${out}`)}
  ELSE${tiers(out)}
  END IF;
  RETURN NULL;
END
$fn$`,
    'CREATE TRIGGER tier_totals_ins AFTER INSERT ON customer_metrics REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tier_totals()',
    'CREATE TRIGGER tier_totals_upd AFTER UPDATE ON customer_metrics REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tier_totals()',
    'CREATE TRIGGER tier_totals_del AFTER DELETE ON customer_metrics REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tier_totals()',
    `CREATE FUNCTION interval_counts() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN${upsert(added)}
  ELSIF TG_OP = 'UPDATE' THEN${upsert(`${added} UNION ALL ${removed}`)}
  ELSE${upsert(removed)}
  END IF;
  RETURN NULL;
END
$fn$`,
    'CREATE TRIGGER interval_counts_ins AFTER INSERT ON customer_intervals REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION interval_counts()',
    'CREATE TRIGGER interval_counts_upd AFTER UPDATE ON customer_intervals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION interval_counts()',
    'CREATE TRIGGER interval_counts_del AFTER DELETE ON customer_intervals REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION interval_counts()',
  ].join(';\n');
}
