// A small hand-made team for report tests (not a test file): three customers, three products, two reps.
import { csvOf, LINE_KEY_COLUMNS } from '../../imports/test-kit.ts';
import type { Store, Team, User } from '../../store/store.ts';
import { createTestApp, seedTeam, type TestApp } from '../../testing/test-app.ts';

export interface ReportFixture {
  t: TestApp;
  team: Team;
  lead: { user: User; token: string };
  rep1: { user: User; token: string };
  rep2: { user: User; token: string };
  /** Customer record ids by external id. */
  customers: Map<string, string>;
}

const HEADER = [...LINE_KEY_COLUMNS, 'Owner', 'Product ID', 'Product Name', 'Sales', 'Profit'];

/**
 * Lines (rep1 owns C-1, rep2 owns C-2, nobody owns C-3):
 *   P-H (310.005 revenue, 139 profit: 44.8 % -> high, 8 %): L1 C-1 Jan 100/50, L2 C-2 Jan 200/90, L3 C-1 Feb 10.005/−1
 *   P-M (90.01 / 20.5: 22.8 % -> medium, 5 %):             L4 C-1 Jan 50.01/12.5, L5 C-2 Jan 40/8
 *   P-L (1006.25 / 11: 1.1 % -> low, 2 %):                 L6 C-3 Jan 1000/10, L7 + L8 C-1 Feb 3.125/0.5 each
 */
export function fixtureCsv(rep1Email: string, rep2Email: string): string {
  return csvOf(HEADER, [
    ['1', 'O-1', '1/5/2016', 'C-1', 'Carla One', rep1Email, 'P-H', 'High chair', '100', '50'],
    ['2', 'O-2', '1/10/2016', 'C-2', 'Dan Two', rep2Email, 'P-H', 'High chair', '200', '90'],
    ['3', 'O-3', '2/3/2016', 'C-1', 'Carla One', rep1Email, 'P-H', 'High chair', '10.005', '-1'],
    ['4', 'O-1', '1/5/2016', 'C-1', 'Carla One', rep1Email, 'P-M', 'Mid lamp', '50.01', '12.5'],
    ['5', 'O-5', '1/25/2016', 'C-2', 'Dan Two', rep2Email, 'P-M', 'Mid lamp', '40', '8'],
    ['6', 'O-6', '1/7/2016', 'C-3', 'Eve Three', '', 'P-L', 'Low paper', '1000', '10'],
    ['7', 'O-7', '2/8/2016', 'C-1', 'Carla One', rep1Email, 'P-L', 'Low paper', '3.125', '0.5'],
    ['8', 'O-7', '2/8/2016', 'C-1', 'Carla One', rep1Email, 'P-L', 'Low paper', '3.125', '0.5'],
  ]);
}

export async function reportFixture(store: Store): Promise<ReportFixture> {
  const t = createTestApp(store);
  const team = await seedTeam(store);
  const lead = await t.member(team, 'lead');
  const rep1 = await t.member(team, 'rep', { name: 'Rep One' });
  const rep2 = await t.member(team, 'rep', { name: 'Rep Two' });
  const res = await t.request('POST', '/api/v1/imports/orders', {
    token: lead.token,
    body: fixtureCsv(rep1.user.email, rep2.user.email),
    headers: { 'content-type': 'text/csv' },
  });
  if (res.status !== 200 || res.body.errorCount !== 0)
    throw new Error(`fixture import failed: ${JSON.stringify(res.body)}`);
  const customers = new Map(
    (await store.rowQueries.live<{ id: string; externalId: string }>(team.id, 'customer')).map((c) => [
      c.externalId,
      c.id,
    ]),
  );
  return { t, team, lead, rep1, rep2, customers };
}

/** Opens a high-severity product-quality complaint (a ticket) about `customerId` through the REST API. */
export function openComplaint(t: TestApp, token: string, customerId: string) {
  return t.request('POST', '/api/v1/tickets', {
    token,
    json: {
      customerId,
      title: 'Wobbly chair',
      channel: 'email',
      category: 'product-quality',
      severity: 'high',
      status: 'open',
    },
  });
}
