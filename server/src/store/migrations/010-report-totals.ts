import type { Dialect } from '../driver.ts';
import type { Migration } from './migration.ts';

/**
 * What a row of a summed table adds to its team's `report_totals` row: `counted` says whether it
 * counts at all (the metrics: only rows with lines; the rollups: every row, as the report's window
 * totals read them), `listed` which table's customers the report lists beside the directory's.
 */
interface Scope {
  scope: 'metrics' | 'all';
  table: 'customer_metrics' | 'customer_rollups';
  counted: (r: string) => string;
}

const SCOPES: readonly Scope[] = [
  { scope: 'metrics', table: 'customer_metrics', counted: (r) => `COALESCE(${r}.lines, 0) > 0` },
  { scope: 'all', table: 'customer_rollups', counted: () => '1 = 1' },
];

const inDirectory = (r: string) =>
  `EXISTS (SELECT 1 FROM customer_directory dd WHERE dd.team_id = ${r}.team_id AND dd.customer_id = ${r}.customer_id)`;

/** One row's contribution to each total column (0 when it does not count). */
function terms(s: Scope, r: string): Record<string, string> {
  const when = (c: string, v: string) => `(CASE WHEN ${s.counted(r)}${c} THEN ${v} ELSE 0 END)`;
  return {
    customers: when('', '1'),
    revenue: when('', `${r}.revenue`),
    profit: when('', `${r}.profit`),
    orders: when('', `${r}.orders`),
    lines: when('', `COALESCE(${r}.lines, 0)`),
    positive: when(` AND ${r}.lines > 0 AND ${r}.profit > 0`, `${r}.profit`),
    orphans: when(` AND NOT ${inDirectory(r)}`, '1'),
  };
}

const COLUMNS = ['customers', 'revenue', 'profit', 'orders', 'lines', 'positive', 'orphans'] as const;

/** Metrics rows whose lines the report cannot trust without a recompute (see metrics/freshness.ts). */
const unknownLines = (r: string) =>
  `${r}.lines IS NULL OR (${r}.lines > 0 AND NOT EXISTS (SELECT 1 FROM customer_rollups u WHERE u.team_id = ${r}.team_id AND u.customer_id = ${r}.customer_id))`;

function sqliteTriggers(): string {
  const out: string[] = [];
  // Not INSERT OR IGNORE: the firing statement's conflict policy (an upsert's is ABORT) overrides a
  // trigger's own.
  const ensure = (team: string, scope: string) =>
    `INSERT INTO report_totals (team_id, scope) SELECT ${team}, '${scope}'
     WHERE NOT EXISTS (SELECT 1 FROM report_totals WHERE team_id = ${team} AND scope = '${scope}');`;
  for (const s of SCOPES) {
    const column = (c: (typeof COLUMNS)[number], parts: { r: string; sign: '+' | '-' }[]) =>
      `${c} = ${c}${parts.map((p) => ` ${p.sign} ${terms(s, p.r)[c]}`).join('')}`;
    const update = (team: string, sets: string[]) =>
      `UPDATE report_totals SET ${sets.join(', ')} WHERE team_id = ${team} AND scope = '${s.scope}';`;
    // The row exists once a row of the table was inserted (or backfilled): updates and deletes skip
    // the check. Row triggers run per row, so each does as little as it can.
    out.push(`CREATE TRIGGER report_totals_${s.scope}_ins AFTER INSERT ON ${s.table} BEGIN
  ${ensure('new.team_id', s.scope)}
  ${update(
    'new.team_id',
    COLUMNS.map((c) => column(c, [{ r: 'new', sign: '+' }])),
  )}
END`);
    const both = [
      { r: 'new', sign: '+' as const },
      { r: 'old', sign: '-' as const },
    ];
    // An update keeps the customer: whether it counts can change only for the metrics (lines), and
    // then the directory probe runs once.
    const moved = ['revenue', 'profit', 'orders', 'lines', 'positive'] as const;
    const upd =
      s.scope === 'all'
        ? moved.map((c) => column(c, both))
        : [
            ...moved.map((c) => column(c, both)),
            column('customers', both),
            `orphans = orphans + (CASE WHEN (${s.counted('new')}) = (${s.counted('old')}) OR ${inDirectory('new')} THEN 0
               WHEN ${s.counted('new')} THEN 1 ELSE -1 END)`,
          ];
    out.push(`CREATE TRIGGER report_totals_${s.scope}_upd AFTER UPDATE ON ${s.table} BEGIN
  ${update('new.team_id', upd)}
END`);
    out.push(`CREATE TRIGGER report_totals_${s.scope}_del AFTER DELETE ON ${s.table} BEGIN
  ${update(
    'old.team_id',
    COLUMNS.map((c) => column(c, [{ r: 'old', sign: '-' }])),
  )}
END`);
  }
  // Freshness: a rollup going away, or a metrics row with lines but no rollup (or no lines count).
  out.push(`CREATE TRIGGER metrics_lines_unknown_rollup AFTER DELETE ON customer_rollups BEGIN
  UPDATE metrics_state SET lines_unknown = 1 WHERE team_id = old.team_id AND lines_unknown = 0;
END`);
  for (const ev of ['INSERT', 'UPDATE'])
    out.push(`CREATE TRIGGER metrics_lines_unknown_${ev.toLowerCase()} AFTER ${ev} ON customer_metrics WHEN ${unknownLines('new')} BEGIN
  UPDATE metrics_state SET lines_unknown = 1 WHERE team_id = new.team_id AND lines_unknown = 0;
END`);
  // The directory: its count, and the metrics or rollup rows it lists (no longer orphans).
  const dirDelta = (r: string, sign: '+' | '-', back: '+' | '-') =>
    `${ensure(`${r}.team_id`, 'directory')}
  UPDATE report_totals SET customers = customers ${sign} 1 WHERE team_id = ${r}.team_id AND scope = 'directory';
${SCOPES.map(
  (s) => `  ${ensure(`${r}.team_id`, s.scope)}
  UPDATE report_totals SET orphans = orphans ${back} (SELECT COUNT(*) FROM ${s.table} x WHERE x.team_id = ${r}.team_id AND x.customer_id = ${r}.customer_id AND ${s.counted('x')})
   WHERE team_id = ${r}.team_id AND scope = '${s.scope}';`,
).join('\n')}`;
  out.push(`CREATE TRIGGER report_totals_directory_ins AFTER INSERT ON customer_directory BEGIN
  ${dirDelta('new', '+', '-')}
END`);
  out.push(`CREATE TRIGGER report_totals_directory_del AFTER DELETE ON customer_directory BEGIN
  ${dirDelta('old', '-', '+')}
END`);
  return out.join(';\n');
}

/** Statement-level triggers over the transition tables: one aggregate per statement, not per row. */
function postgresTriggers(): string {
  const out: string[] = [];
  const upsert = (s: Scope, source: string) => {
    const t = terms(s, 'd');
    return `INSERT INTO report_totals AS t (team_id, scope, ${COLUMNS.join(', ')})
    SELECT d.team_id, '${s.scope}', ${COLUMNS.map((c) => `COALESCE(SUM(d.sign * ${t[c]}), 0)::bigint`).join(', ')}
      FROM (${source}) d GROUP BY d.team_id
    ON CONFLICT (team_id, scope) DO UPDATE SET ${COLUMNS.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ')};`;
  };
  for (const s of SCOPES) {
    const flag =
      s.scope === 'metrics'
        ? `UPDATE metrics_state SET lines_unknown = 1 WHERE lines_unknown = 0 AND team_id IN (SELECT n.team_id FROM new_rows n WHERE ${unknownLines('n')});`
        : '';
    const gone =
      s.scope === 'all'
        ? 'UPDATE metrics_state SET lines_unknown = 1 WHERE lines_unknown = 0 AND team_id IN (SELECT team_id FROM old_rows);'
        : '';
    out.push(`CREATE FUNCTION report_totals_${s.scope}() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    ${upsert(s, 'SELECT 1 AS sign, n.* FROM new_rows n')}
    ${flag}
  ELSIF TG_OP = 'UPDATE' THEN
    ${upsert(s, 'SELECT 1 AS sign, n.* FROM new_rows n UNION ALL SELECT -1 AS sign, o.* FROM old_rows o')}
    ${flag}
  ELSE
    ${upsert(s, 'SELECT -1 AS sign, o.* FROM old_rows o')}
    ${gone}
  END IF;
  RETURN NULL;
END
$fn$`);
    out.push(
      `CREATE TRIGGER report_totals_${s.scope}_ins AFTER INSERT ON ${s.table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_totals_${s.scope}()`,
    );
    out.push(
      `CREATE TRIGGER report_totals_${s.scope}_upd AFTER UPDATE ON ${s.table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_totals_${s.scope}()`,
    );
    out.push(
      `CREATE TRIGGER report_totals_${s.scope}_del AFTER DELETE ON ${s.table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_totals_${s.scope}()`,
    );
  }
  const dir = (rows: string, sign: string) => `
    INSERT INTO report_totals AS t (team_id, scope, customers)
    SELECT team_id, 'directory', ${sign} COUNT(*) FROM ${rows} GROUP BY team_id
    ON CONFLICT (team_id, scope) DO UPDATE SET customers = t.customers + excluded.customers;
${SCOPES.map(
  (s) => `    INSERT INTO report_totals AS t (team_id, scope, orphans)
    SELECT r.team_id, '${s.scope}', ${sign === '+' ? '-' : '+'} COUNT(*) FROM ${rows} r
      JOIN ${s.table} x ON x.team_id = r.team_id AND x.customer_id = r.customer_id WHERE ${s.counted('x')} GROUP BY r.team_id
    ON CONFLICT (team_id, scope) DO UPDATE SET orphans = t.orphans + excluded.orphans;`,
).join('\n')}`;
  out.push(`CREATE FUNCTION report_totals_directory() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    ${dir('new_rows', '+')}
  ELSE
    ${dir('old_rows', '-')}
  END IF;
  RETURN NULL;
END
$fn$`);
  out.push(
    'CREATE TRIGGER report_totals_directory_ins AFTER INSERT ON customer_directory REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_totals_directory()',
  );
  out.push(
    'CREATE TRIGGER report_totals_directory_del AFTER DELETE ON customer_directory REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_totals_directory()',
  );
  return out.join(';\n');
}

/** Every team's totals from the tables as they are (the migration's backfill; tests compare with it). */
export function backfillReportTotalsSql(): string {
  const parts = SCOPES.map((s) => {
    const t = terms(s, 'x');
    return `INSERT INTO report_totals (team_id, scope, ${COLUMNS.join(', ')})
SELECT x.team_id, '${s.scope}', ${COLUMNS.map((c) => `COALESCE(SUM(${t[c]}), 0)`).join(', ')} FROM ${s.table} x GROUP BY x.team_id`;
  });
  parts.push(`INSERT INTO report_totals (team_id, scope, customers)
SELECT team_id, 'directory', COUNT(*) FROM customer_directory GROUP BY team_id`);
  return parts.join(';\n');
}

/**
 * The customers report's team totals, kept by triggers in the same statement as the rows they sum
 * (`report_totals`: per team, scope 'metrics' over customer_metrics rows with lines, 'all' over
 * customer_rollups, 'directory' the directory's count; `orphans` = counted rows whose customer is not
 * in the directory, so the report lists directory + orphans customers), so an unfiltered page reads one
 * row instead of summing every customer. `metrics_state.lines_unknown` is set by the writes that can
 * leave a metrics row with lines but no rollup (a rollup deleted, a metrics row written so), and cleared
 * by the recompute's `clearLinesWithoutRollup`: the freshness proof reads it instead of scanning.
 * Partial indexes read the top of the metrics in profit, revenue and orders order, and the rollups in
 * profit order, with LIMIT.
 */
export const reportTotals: Migration = {
  version: 10,
  name: 'report-totals',
  up(dialect: Dialect) {
    return `
CREATE TABLE report_totals (
  team_id TEXT NOT NULL REFERENCES teams (id),
  scope TEXT NOT NULL,
  customers BIGINT NOT NULL DEFAULT 0,
  revenue BIGINT NOT NULL DEFAULT 0,
  profit BIGINT NOT NULL DEFAULT 0,
  orders BIGINT NOT NULL DEFAULT 0,
  lines BIGINT NOT NULL DEFAULT 0,
  positive BIGINT NOT NULL DEFAULT 0,
  orphans BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (team_id, scope)
);
${backfillReportTotalsSql()};
ALTER TABLE metrics_state ADD COLUMN lines_unknown INTEGER NOT NULL DEFAULT 1;
UPDATE metrics_state SET lines_unknown = CASE WHEN EXISTS (SELECT 1 FROM customer_metrics c
  WHERE c.team_id = metrics_state.team_id AND (${unknownLines('c')})) THEN 1 ELSE 0 END;
CREATE INDEX customer_metrics_top_profit ON customer_metrics (team_id, profit) WHERE lines > 0;
CREATE INDEX customer_metrics_top_revenue ON customer_metrics (team_id, revenue) WHERE lines > 0;
CREATE INDEX customer_metrics_top_orders ON customer_metrics (team_id, orders) WHERE lines > 0;
CREATE INDEX customer_rollups_top_profit ON customer_rollups (team_id, profit);
${dialect === 'postgres' ? postgresTriggers() : sqliteTriggers()};
`;
  },
};
