// The seeded world the fuzz suites attack (not a test file): two teams, A and B, each with a rep, a
// lead and an admin, imported order lines (customers, products, metrics), contacts, a company,
// interactions, an opportunity, a ticket and a survey. Fuzz requests are sent as A's members.
import { issueToken } from '../accounts/sessions.ts';
import { DAY_MS } from '../lib/clock.ts';
import { fixtureCsv } from '../routes/reports/fixture.ts';
import type { Store, Team, User } from '../store/store.ts';
import { createTestApp, seedTeam, type TestApp } from '../testing/test-app.ts';

export interface Member {
  user: User;
  token: string;
}

export interface SeededTeam {
  team: Team;
  rep: Member;
  lead: Member;
  admin: Member;
  /** One live record id per REST path ('contacts' → a contact id, …). */
  ids: Record<string, string>;
}

export interface World {
  t: TestApp;
  a: SeededTeam;
  b: SeededTeam;
}

export const T0 = '2026-01-05T09:30:00.000Z';

async function created(t: TestApp, token: string, path: string, json: unknown): Promise<string> {
  const res = await t.request('POST', `/api/v1/${path}`, { token, json });
  if (res.status !== 201)
    throw new Error(`seeding ${path} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

async function seedOne(t: TestApp, name: string, tag: string): Promise<SeededTeam> {
  const team = await seedTeam(t.store, name);
  const rep = await t.member(team, 'rep', { name: `${tag} Rep` });
  const lead = await t.member(team, 'lead', { name: `${tag} Lead` });
  const admin = await t.member(team, 'admin', { name: `${tag} Admin` });
  const imported = await t.request('POST', '/api/v1/imports/orders', {
    token: lead.token,
    body: fixtureCsv(rep.user.email, lead.user.email),
    headers: { 'content-type': 'text/csv' },
  });
  if (imported.status !== 200 || imported.body.errorCount !== 0)
    throw new Error(`seeding orders failed: ${JSON.stringify(imported.body)}`);
  const customer = (await t.store.rowQueries.live<{ id: string }>(team.id, 'customer'))[0]!.id;
  const product = (await t.store.rowQueries.live<{ id: string }>(team.id, 'product'))[0]!.id;
  const lower = tag.toLowerCase();
  const contact = await created(t, rep.token, 'contacts', {
    name: `${tag} Contact`,
    emails: [`contact@${lower}.test`],
    customerId: customer,
    tags: ['vip'],
  });
  await created(t, lead.token, 'contacts', { name: `${tag} Other`, phones: ['+14155550132'] });
  const company = await created(t, rep.token, 'companies', { name: `${tag} Co`, domains: [`${lower}.test`] });
  const interaction = await created(t, rep.token, 'interactions', {
    contactId: contact,
    kind: 'call',
    channel: 'phone',
    direction: 'out',
    at: T0,
    summary: 'Agreed on volumes',
  });
  const opportunity = await created(t, rep.token, 'opportunities', {
    title: 'Deal',
    amount: '1200.50',
    stage: 'proposal',
    contactId: contact,
  });
  const ticket = await created(t, rep.token, 'tickets', {
    title: 'Broken chair',
    channel: 'email',
    category: 'delivery',
    severity: 'high',
    status: 'open',
  });
  const survey = await created(t, rep.token, 'surveys', { contactId: contact, date: '2026-01-10', nps: 9 });
  const task = await created(t, lead.token, 'tasks', {
    title: 'Call back about the quote',
    due: '2026-01-20',
    assigneeId: rep.user.id,
    contactId: contact,
  });
  return {
    team,
    rep,
    lead,
    admin,
    ids: {
      contacts: contact,
      customers: customer,
      companies: company,
      interactions: interaction,
      opportunities: opportunity,
      tickets: ticket,
      surveys: survey,
      tasks: task,
      products: product,
      users: rep.user.id,
    },
  };
}

export async function seedWorld(store: Store): Promise<World> {
  const t = createTestApp(store);
  return { t, a: await seedOne(t, 'Team A', 'A'), b: await seedOne(t, 'Team B', 'B') };
}

/** A spare token for `user` (for routes such as logout that spend the one they are called with). */
export async function spareToken(t: TestApp, user: User): Promise<string> {
  return (await issueToken(t.store, t.clock, user, 30 * DAY_MS)).token;
}

/**
 * Every stored fact a request could change, both teams: teams (settings included), users, sync rows,
 * identities, aliases, order lines and their rollups, the customer directory, metrics (with the stored purchase intervals), the report's team totals and imports. Sessions, login attempts and the sync
 * bookkeeping (clients, mutation log) are left out: signing in and pushing rejected mutations record
 * those by design.
 */
const SNAPSHOT_TABLES: Record<string, string> = {
  teams: 'id',
  users: 'id',
  rows: 'team_id, entity, id',
  identities: 'team_id, entity, kind, value',
  aliases: 'team_id, entity, from_id',
  order_lines: 'team_id, line_key',
  customer_metrics: 'team_id, customer_id',
  customer_rollups: 'team_id, customer_id',
  customer_month_rollups: 'team_id, customer_id, month',
  customer_directory: 'team_id, customer_id',
  metrics_state: 'team_id',
  report_totals: 'team_id, scope',
  customer_intervals: 'team_id, customer_id',
  imports: 'id',
};

export async function snapshot(store: Store): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(SNAPSHOT_TABLES))
    out[table] = await store.db.all(`SELECT * FROM ${table} ORDER BY ${order}`);
  return out;
}
