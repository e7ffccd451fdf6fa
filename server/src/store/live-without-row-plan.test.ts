import { expect, it } from 'vitest';
import { newId } from '../testing/ids.ts';
import { planSteps, recordingDb, type SentStatement } from '../testing/plans.ts';
import { forEachStore } from '../testing/test-store.ts';
import { customerMetricsRepo } from './repos/customer-metrics.ts';
import type { RowWrite } from './store.ts';

const AT = '2026-03-01T00:00:00.000Z';

function customer(id: string): RowWrite {
  return {
    entity: 'customer',
    id,
    state: { fields: {} },
    data: { id, name: id },
    deletedAt: null,
    ownerId: null,
    customerId: null,
    contactId: null,
    search: id,
    updatedAt: AT,
  };
}

/**
 * The search for live customers without a metrics row probes customer_metrics by its primary key
 * for each customer row written since the last recompute. On Postgres `rows.id` is COLLATE "C" and
 * `customer_metrics.customer_id` the default collation: compared as they were, the key could not
 * serve the probe and the planner scanned the team's metrics rows (once per new customer, 2.3 s for
 * 300 new customers at 20,000). The repository's own statement is recorded, then explained.
 */
forEachStore('customer metrics: liveWithoutRow probes the primary key', (ctx) => {
  it('finds the new customers without reading every metrics row', async () => {
    const { store } = ctx;
    const teamId = (await store.teams.create({ id: newId(), name: 't', settings: {}, at: AT })).id;
    const old = Array.from({ length: 2_000 }, (_, i) => `c-${String(i).padStart(5, '0')}`);
    await store.rows.put(teamId, 1, old.map(customer));
    await store.customerMetrics.put(
      teamId,
      1,
      old.map((customerId) => ({
        customerId,
        revenue: 0n,
        profit: 0n,
        orders: 0,
        tier: 'none',
        lastOrderAt: null,
        lines: 0,
        data: { customerId },
        computedAt: AT,
      })),
    );
    await store.customerMetrics.setComputedWindow(teamId, 'all', 2);
    if (store.dialect === 'postgres') await store.db.exec('ANALYZE rows; ANALYZE customer_metrics');
    // Written after the statistics: the planner expects few of them, as after a real import.
    const fresh = ['n-1', 'n-2', 'n-3'];
    await store.rows.put(teamId, 3, fresh.map(customer));

    const { db, sent } = recordingDb(store.db, (sql) => /NOT EXISTS/.test(sql));
    expect((await customerMetricsRepo(db).liveWithoutRow(teamId)).sort()).toEqual(fresh);
    expect(sent).toHaveLength(1);
    const plan = (await planSteps(store.db, sent[0] as SentStatement)).join('\n');
    expect(plan).not.toMatch(/Seq Scan on customer_metrics|SCAN m\b|SCAN customer_metrics/);
    expect(plan).toMatch(/customer_metrics_pkey|sqlite_autoindex_customer_metrics/);
  });
});
