import Papa from 'papaparse';
import { expect, it } from 'vitest';
import { forEachStore } from '../../testing/test-store.ts';
import { reportFixture } from './fixture.ts';

// The report fixture (fixture.ts): order days C-1 2016-01-05, 02-03, 02-08; C-2 01-10, 01-25; C-3 01-07.
// The team's tier window is the trailing 365 days, historical: it ends with the newest order day,
// so the churn column is scored as of 2016-02-08 with the metrics' tiers (C-2 A, C-1 C, C-3 C):
//   team interval = median of own intervals = C-1's median of gaps 29, 5 = 17.
//   C-1: 0 days -> lateness 0; tier C 10; no CSAT 10; no complaints 0       -> 20, on time
//   C-2: 14 days ≤ 17 -> 0; tier A 0; 10; 0                                -> 10, on time
//   C-3: 32 days, 2·32 = 64 > 3·17 = 51: late; 40 × (32/17 − 1)/2 = 17.65; C 10; 10 -> 37.65 -> 38
// A customer without orders (C-9) has no score: null, sorted as the lowest risk, never "late".
interface Row {
  customerId: string;
  churnScore: number | null;
  late: boolean | null;
  atRisk: boolean;
}

forEachStore('customers report: churn column', (ctx) => {
  it('shows, sorts and filters by the churn score as hand-computed, and the CSV follows', async () => {
    const { t, lead } = await reportFixture(ctx.store);
    const created = await t.request('POST', '/api/v1/customers', {
      token: lead.token,
      json: { name: 'Nora None', kind: 'person', externalId: 'C-9' },
    });
    expect(created.status).toBe(201);
    const q = (s: string) => t.request('GET', `/api/v1/reports/customers?${s}`, { token: lead.token });

    const byChurn = await q('sort=churn');
    expect(byChurn.status).toBe(200);
    expect(byChurn.body.items.map((r: Row) => [r.customerId, r.churnScore, r.late, r.atRisk])).toEqual([
      ['C-3', 38, true, true],
      ['C-1', 20, false, false],
      ['C-2', 10, false, false],
      ['C-9', null, null, false],
    ]);
    const asc = await q('sort=churn&order=asc');
    expect(asc.body.items.map((r: Row) => r.customerId)).toEqual(['C-9', 'C-2', 'C-1', 'C-3']);

    const late = await q('late=true');
    expect(late.body.items.map((r: Row) => r.customerId)).toEqual(['C-3']);
    expect(late.body.total).toBe(1);
    // Matching totals follow the filter: C-3 alone, 1000 revenue and 10 profit.
    expect(late.body.matching).toMatchObject({ revenue: '1000.00', profit: '10.00', orders: 1 });
    const onTime = await q('late=false&sort=name&order=asc');
    expect(onTime.body.items.map((r: Row) => r.customerId)).toEqual(['C-1', 'C-2']);
    const atLeast20 = await q('minChurn=20&sort=churn');
    expect(atLeast20.body.items.map((r: Row) => r.customerId)).toEqual(['C-3', 'C-1']);
    expect((await q('minChurn=39')).body.items).toEqual([]);
    // Filters combine with the others (tier C: C-1 and C-3; late among them: C-3).
    expect((await q('tier=C&late=true')).body.items.map((r: Row) => r.customerId)).toEqual(['C-3']);

    // Bad values answer 400 and change nothing.
    for (const bad of [
      'minChurn=101',
      'minChurn=-1',
      'minChurn=2.5',
      'minChurn=abc',
      'late=maybe',
      'sort=risk',
    ]) {
      const res = await q(bad);
      expect(res.status, bad).toBe(400);
    }

    // The CSV export repeats the query: same rows, same order, the churn columns beside them.
    const raw = await t.app.request('/api/v1/reports/customers/export?sort=churn&minChurn=10', {
      headers: { authorization: `Bearer ${lead.token}` },
    });
    expect(raw.status).toBe(200);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await raw.arrayBuffer());
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(parsed.map((r) => [r.customerId, r.churnScore, r.late])).toEqual([
      ['C-3', '38', 'true'],
      ['C-1', '20', 'false'],
      ['C-2', '10', 'false'],
    ]);
  });
});
