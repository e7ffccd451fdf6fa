// Benchmark 3: customer metrics and the customers report over many customers and order lines, against
// a raw SUM … GROUP BY over the same order_lines table.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { writeWithVersion } from '@rapport/server/entities/save';
import { createServerHlc } from '@rapport/server/entities/server-hlc';
import { metricsFreshFor } from '@rapport/server/metrics/freshness';
import { recomputeCustomerMetrics, refreshCustomerMetrics } from '@rapport/server/metrics/recompute';
import { teamTierWindow } from '@rapport/server/metrics/tier-window';
import { CustomersQuery, type CustomersReport, customersReport } from '@rapport/server/reports/customers';
import { insertMany } from '@rapport/server/store/driver';
import {
  ORDER_LINE_COLUMNS,
  type OrderLineRecord,
  orderLineValues,
} from '@rapport/server/store/repos/order-lines';
import type { Store } from '@rapport/server/store/store';
import { addDays } from '@rapport/shared/domain/dates';
import { newId } from '@rapport/shared/ids';
import { generateContacts } from '../../generators/contacts.ts';
import { loadCustomers, loadOrderLines, orderLineBatches } from '../data/order-lines.ts';
import {
  benchApp,
  expectStatus,
  hasRouter,
  newWorkspace,
  type Workspace,
  withStore,
} from '../lib/databases.ts';
import { DUCKDB_GROUP_BY, openDuckPeer } from '../lib/duckdb-peer.ts';
import { compared, type Measurement, type SuiteResult } from '../lib/results.ts';
import { interleaved, type Timing, time } from '../lib/timing.ts';
import { count, type SuiteContext } from './context.ts';

/** The baseline every report figure is compared with: revenue and profit per customer, straight from SQL. */
export const SUM_BY_CUSTOMER =
  'SELECT customer_id, SUM(revenue) AS revenue, SUM(profit) AS profit FROM order_lines WHERE team_id = ? GROUP BY customer_id';

/** GET /api/v1/reports/customers when the router is mounted, else the report function its handler calls. */
export function customersReportCaller(ws: Workspace): {
  via: string;
  get: (query: Record<string, string>) => Promise<CustomersReport>;
} {
  if (hasRouter('/reports')) {
    return {
      via: 'GET /api/v1/reports/customers (in-process app.request)',
      get: async (query) => {
        const res = await ws.app.request<CustomersReport>(
          'GET',
          `/api/v1/reports/customers?${new URLSearchParams(query)}`,
          { token: ws.token },
        );
        expectStatus(res, 200, 'customers report');
        return res.body;
      },
    };
  }
  return {
    via: 'customersReport() from server/src/reports/customers.ts (its route was not mounted yet)',
    get: (query) => customersReport(ws.app.store, ws.app.clock, ws.team.id, CustomersQuery.parse(query)),
  };
}

/** The baseline of an import's write: the same lines as plain multi-row INSERTs, one transaction, no rollups. */
async function bareInsert(store: Store, teamId: string, lines: readonly OrderLineRecord[]): Promise<void> {
  const rows = lines.map((l) => orderLineValues(teamId, l));
  await store.transaction((tx) => insertMany(tx.db, 'order_lines', ORDER_LINE_COLUMNS, rows));
}

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const exec = promisify(execFile);

/**
 * A trivial CLI command end to end as a user types it, `pnpm -s rapport team list` (prebuilt bundle,
 * SQLite in a temp directory), against pnpm starting a bare Node: `pnpm -s exec node -e 0`.
 */
async function cliStart(log: (m: string) => void): Promise<Measurement> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-bench-cli-'));
  const env: NodeJS.ProcessEnv = { ...process.env, RAPPORT_DATA_DIR: dataDir, RAPPORT_LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  const pnpm = (args: string[]) => exec('pnpm', ['-s', ...args], { cwd: REPO_ROOT, env });
  try {
    // The first call builds the bundle if a source changed and creates the database: not timed.
    await pnpm(['rapport', 'team', 'list']);
    log('report: CLI start, 5 interleaved rounds');
    const t = await interleaved(
      {
        cli: async () => {
          const { stdout } = await pnpm(['rapport', 'team', 'list']);
          if (!stdout.includes('"name"')) throw new Error(`team list printed ${stdout}`);
        },
        node: () => pnpm(['exec', 'node', '-e', '0']),
      },
      5,
    );
    return compared({
      suite: 'report',
      store: 'sqlite',
      name: 'CLI answering `pnpm -s rapport team list`',
      via: 'pnpm -s rapport (node on server/dist/cli, built ahead of time)',
      timing: t.cli,
      baseline: { name: '`pnpm -s exec node -e 0`', timing: t.node },
      note: 'interleaved with the baseline',
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function sumByCustomer(store: Store, teamId: string, customers: number): Promise<void> {
  const rows = await store.db.all(SUM_BY_CUSTOMER, [teamId]);
  if (rows.length !== customers)
    throw new Error(`GROUP BY returned ${rows.length} customers, expected ${customers}`);
}

export async function reportSuite({ scale, stores, log }: SuiteContext): Promise<SuiteResult> {
  const measurements: Measurement[] = [];
  const { customers: nc, orderLines: nl } = scale;
  const data = `${count(nc)} customers / ${count(nl)} lines`;
  let via = '';
  for (const kind of stores) {
    await withStore(kind, async (store) => {
      const app = benchApp(store);
      // All-time tier window: the metrics, the report and the baseline all cover every line.
      const ws = await newWorkspace(app, { tierWindow: { kind: 'all' } });
      const hlc = createServerHlc(app.clock);
      const target = { store, teamId: ws.team.id, hlc, at: app.clock.now().toISOString() };
      log(`report: loading ${data} on ${kind}`);
      let t = performance.now();
      const ids = await loadCustomers(target, nc);
      const customersMs = performance.now() - t;
      const duck = await openDuckPeer();
      let duckMs = 0;
      t = performance.now();
      await loadOrderLines(target, ids, nl, async (lines) => {
        const d = performance.now();
        await duck.append(lines);
        duckMs += performance.now() - d;
      });
      const linesMs = performance.now() - t - duckMs;
      log(
        `report: loaded customers in ${(customersMs / 1000).toFixed(1)} s, lines in ${(linesMs / 1000).toFixed(1)} s`,
      );
      const once = (ms: number): Timing => ({ median: ms, mean: ms, min: ms, max: ms, runs: 1 });
      measurements.push(
        {
          suite: 'report',
          store: kind,
          name: `load ${count(nc)} customers (rows.put)`,
          via: 'store.rows.put() in writeWithVersion, 5,000 per transaction',
          timing: once(customersMs),
          items: { count: nc, unit: 'customers' },
        },
        {
          suite: 'report',
          store: kind,
          name: `load ${count(nl)} order lines (${kind === 'sqlite' ? 'orderLines.upsert' : 'INSERT … unnest'})`,
          via: `${kind === 'sqlite' ? 'store.orderLines.upsert()' : 'INSERT … SELECT FROM unnest(column arrays)'}, 20,000 per transaction`,
          timing: once(linesMs),
          items: { count: nl, unit: 'lines' },
          note: 'includes the rollups (per batch on SQLite; one rebuild at the end on Postgres)',
        },
      );

      // Seconds-long calls need no warm-up run; the baseline, the shortest, gets one.
      const slow = { runs: scale.slowRuns };
      log(`report: baseline SUM … GROUP BY on ${kind}`);
      const baseline = {
        name: `SUM(revenue), SUM(profit) GROUP BY customer over ${count(nl)} lines`,
        timing: await time(`group by ${kind}`, () => sumByCustomer(store, ws.team.id, nc), {
          ...slow,
          warmupRuns: 1,
        }),
      };

      const deps = { clock: app.clock, hlc };
      log(`report: first metrics recompute on ${kind}`);
      let changed = 0;
      const first = await time(`recompute ${kind}`, async () => {
        changed = (await refreshCustomerMetrics(store, deps, ws.team.id)).changed;
      });
      if (changed !== nc) throw new Error(`the first recompute changed ${changed} customers, expected ${nc}`);
      log(`report: unchanged metrics recompute on ${kind}`);
      const again = await time(
        `recompute again ${kind}`,
        async () => {
          changed = (await refreshCustomerMetrics(store, deps, ws.team.id)).changed;
        },
        // One run: it takes tens of seconds at full scale (the daily timer runs it once a day).
        { runs: 1 },
      );
      if (changed !== 0) throw new Error(`a recompute without new lines changed ${changed} customers`);

      const report = customersReportCaller(ws);
      via = report.via;
      const rounds = Math.max(3, scale.slowRuns);
      const newest = (await store.orderLines.newestDate(ws.team.id)) as string;
      const trailing = { from: addDays(newest, -364), to: addDays(newest, 1) };
      log(`report: customers report vs DuckDB on ${kind}, ${rounds} interleaved rounds`);
      let trailingCustomers = -1;
      // A search a team lead types: the surname of the first loaded customer (names from the synthetic
      // people set), matched against every name and external id.
      const [firstPerson] = generateContacts(1, { seed: 11 });
      const searchText = (firstPerson?.name ?? 'a').split(' ').at(-1) ?? 'a';
      let searchMatches = -1;
      const vsDuck = await interleaved(
        {
          byName: async () => {
            const r = await report.get({ sort: 'name', order: 'asc', limit: '100' });
            if (r.total !== nc || r.items.length !== Math.min(100, nc))
              throw new Error(`report by name listed ${r.total} customers, expected ${nc}`);
          },
          search: async () => {
            const r = await report.get({ search: searchText, sort: 'profit', order: 'desc', limit: '100' });
            if (r.total < 1) throw new Error(`a search for ${searchText} found nobody`);
            searchMatches = r.total;
          },
          allTime: async () => {
            const r = await report.get({ allTime: 'true', sort: 'profit', order: 'desc', limit: '100' });
            if (r.total !== nc || r.items.length !== Math.min(100, nc))
              throw new Error(`report listed ${r.total} customers, expected ${nc}`);
          },
          duckAllTime: async () => {
            const n = await duck.groupBy(null);
            if (n !== nc) throw new Error(`DuckDB grouped ${n} customers, expected ${nc}`);
          },
          trailing: async () => {
            const r = await report.get({ ...trailing, sort: 'profit', order: 'desc', limit: '100' });
            if (r.totals.customers !== trailingCustomers && trailingCustomers >= 0)
              throw new Error(
                `report found ${r.totals.customers} buying customers, DuckDB ${trailingCustomers}`,
              );
          },
          duckTrailing: async () => {
            trailingCustomers = await duck.groupBy(trailing);
          },
        },
        rounds,
      );
      const firstPage = vsDuck.allTime;
      const fullSort = await time(
        `report full ${kind}`,
        async () => {
          const r = await report.get({ sort: 'name', order: 'asc', limit: String(nc) });
          if (r.items.length !== nc)
            throw new Error(`full report returned ${r.items.length} rows, expected ${nc}`);
        },
        slow,
      );

      // The team's own tier window, trailing 365 days at the bench clock: the report serves it from the
      // stored metrics (fresh after the recompute), DuckDB groups the same days' lines. The window is set
      // back to all time afterwards, so the import rows below measure what they always did.
      const setWindow = async (tierWindow: Record<string, unknown>) => {
        const team = await store.teams.get(ws.team.id);
        await store.teams.setSettings(
          ws.team.id,
          { ...team?.settings, tierWindow },
          app.clock.now().toISOString(),
        );
        await refreshCustomerMetrics(store, deps, ws.team.id);
      };
      await setWindow({ kind: 'trailing', days: 365 });
      const teamWindow = await teamTierWindow(store, app.clock, ws.team.id);
      const teamDays = { from: teamWindow.from ?? '', to: teamWindow.to ?? '' };
      if (!teamDays.from || !teamDays.to) throw new Error('a trailing window has both ends');
      if (!(await metricsFreshFor(store, ws.team.id, teamWindow)))
        throw new Error('the metrics are not fresh for the team window after a recompute');
      log(`report: customers report, the team's window, vs DuckDB on ${kind}, ${rounds} interleaved rounds`);
      let windowCustomers = -1;
      const vsDuckTeam = await interleaved(
        {
          teamWindow: async () => {
            const r = await report.get({ sort: 'profit', order: 'desc', limit: '100' });
            if (
              r.window.source !== 'team' ||
              (windowCustomers >= 0 && r.totals.customers !== windowCustomers)
            )
              throw new Error(
                `report found ${r.totals.customers} buying customers, DuckDB ${windowCustomers}`,
              );
          },
          duck: async () => {
            windowCustomers = await duck.groupBy(teamDays);
          },
        },
        rounds,
      );
      await setWindow({ kind: 'all' });

      // Import's write step into the loaded team: new lines for existing customers, the rollups and
      // the metrics (tiers re-ranked) in one transaction, against plain INSERTs of the same lines into
      // another team of the same table (1M rows already in its indexes), round after round.
      const more = Math.min(10_000, Math.round(nl / 10));
      const bareTeam = await newWorkspace(app, {});
      let round = 0;
      const nextLines = (prefix: string) => {
        round += 1;
        const [lines] = orderLineBatches(ids, more, app.clock.now().toISOString(), {
          seed: 100 + round,
          keyPrefix: `${prefix}${round}-`,
          batch: more,
        });
        return lines as OrderLineRecord[];
      };
      log(`report: import ${count(more)} more lines vs bare INSERT on ${kind}, ${rounds} interleaved rounds`);
      let pending = nextLines('N');
      let pendingBare = nextLines('B').map((l) => ({ ...l, id: newId() }));
      let examined = 0;
      const importTimes = await interleaved(
        {
          rapport: async () => {
            const lines = pending;
            await writeWithVersion(store, ws.team.id, async (tx, version) => {
              await tx.orderLines.upsert(ws.team.id, lines);
              examined = (await recomputeCustomerMetrics(tx, deps, ws.team.id, version)).examined;
              return { result: undefined, changed: true };
            });
            pending = nextLines('N');
          },
          bare: async () => {
            await bareInsert(store, bareTeam.team.id, pendingBare);
            pendingBare = nextLines('B');
          },
        },
        rounds,
      );
      duck.close();
      log(`report: the last import's recompute rebuilt ${examined} customers' metrics`);
      const duckAll = `DuckDB (in-process, in memory) ${DUCKDB_GROUP_BY} GROUP BY customer_id over the same ${count(nl)} lines`;
      measurements.push(
        compared({
          suite: 'report',
          store: kind,
          name: 'customers report, all time, first page (100 by profit)',
          via,
          timing: vsDuck.allTime,
          baseline: { name: duckAll, timing: vsDuck.duckAllTime },
          note: 'interleaved with the DuckDB peer',
        }),
        compared({
          suite: 'report',
          store: kind,
          name: 'customers report, all sorted by name, first page (100)',
          via: `${via} (no window given: the team's all-time window, from customer_metrics)`,
          timing: vsDuck.byName,
          baseline: { name: duckAll, timing: vsDuck.duckAllTime },
          note: 'interleaved with the DuckDB peer',
        }),
        compared({
          suite: 'report',
          store: kind,
          name: `customers report, search "${searchText}" (${count(searchMatches)} found), first page by profit`,
          via: `${via} (no window given: the team's all-time window, from customer_metrics)`,
          timing: vsDuck.search,
          baseline: { name: duckAll, timing: vsDuck.duckAllTime },
          note: 'interleaved with the DuckDB peer',
        }),
        compared({
          suite: 'report',
          store: kind,
          name: `customers report, trailing 365 days (${trailing.from} – ${newest}), first page`,
          via,
          timing: vsDuck.trailing,
          baseline: {
            name: `${duckAll}, WHERE ordered_at in the same 365 days`,
            timing: vsDuck.duckTrailing,
          },
          note: 'interleaved with the DuckDB peer',
        }),
        compared({
          suite: 'report',
          store: kind,
          name: `customers report, the team's tier window (trailing 365 days, ${teamWindow.from} – ${teamWindow.asOf}), first page`,
          via: `${via} (no window given: served from customer_metrics, fresh for the window)`,
          timing: vsDuckTeam.teamWindow,
          baseline: {
            name: `${duckAll}, WHERE ordered_at in the same 365 days`,
            timing: vsDuckTeam.duck,
          },
          note: 'interleaved with the DuckDB peer',
        }),
        compared({
          suite: 'report',
          store: kind,
          name: `import ${count(more)} more lines into ${count(nl)}: lines + rollups + metrics and tiers, one transaction`,
          via: "orderLines.upsert() + recomputeCustomerMetrics() in writeWithVersion (an import's write step, without parsing the file)",
          timing: importTimes.rapport,
          items: { count: more, unit: 'lines' },
          baseline: {
            name: `bare multi-row INSERT of ${count(more)} lines into order_lines (same table and indexes), one transaction`,
            timing: importTimes.bare,
          },
          note: 'interleaved with the bare insert',
        }),
      );
      measurements.push(
        compared({
          suite: 'report',
          store: kind,
          name: `metrics recompute, first (${data}, all changed)`,
          via: 'refreshCustomerMetrics()',
          timing: first,
          items: { count: nc, unit: 'customers' },
          baseline,
        }),
        compared({
          suite: 'report',
          store: kind,
          name: 'metrics recompute, nothing changed',
          via: 'refreshCustomerMetrics()',
          timing: again,
          items: { count: nc, unit: 'customers' },
          baseline,
        }),
        compared({
          suite: 'report',
          store: kind,
          name: 'customers report, first page (100 by profit)',
          via,
          timing: firstPage,
          baseline,
        }),
        compared({
          suite: 'report',
          store: kind,
          name: `customers report, all ${count(nc)} sorted by name`,
          via,
          timing: fullSort,
          items: { count: nc, unit: 'customers' },
          baseline,
        }),
      );
    });
  }
  measurements.push(await cliStart(log));
  return {
    measurements,
    notes: [
      `Report: ${data}, bulk-loaded (not imported): customers as materialised sync rows via rows.put() (saveRows minus the identities table), ` +
        "lines via orderLines.upsert() on SQLite and INSERT … SELECT FROM unnest(…) on Postgres, where the repository's 1,000-row upserts took 173 s for 1M lines " +
        "(the generator's products, dates and exact amounts; whole orders dealt round-robin to the customers). " +
        "The team's tier window is all time, so metrics, report and baseline cover every line, except for the row of the team's tier window: it is set to trailing 365 days and the metrics recomputed before it, and set back to all time after. " +
        'The first recompute writes a metrics row for every customer; the second finds nothing changed. ' +
        `The report was reached through ${via || 'the customers report'}; it also counts distinct orders, ranks tiers and formats exact money. ` +
        `Baseline: \`${SUM_BY_CUSTOMER}\`.`,
    ],
  };
}
