import { expect, it } from 'vitest';
import { issueToken } from '../accounts/sessions.ts';
import { API_PREFIX } from '../app.ts';
import { csvOf } from '../imports/test-kit.ts';
import { DAY_MS } from '../lib/clock.ts';
import type { Role, Store, User } from '../store/store.ts';
import { newId } from '../testing/ids.ts';
import { createTestApp, seedTeam, type TestApp } from '../testing/test-app.ts';
import { authApi, importsApi, read, restClient } from '../testing/test-client.ts';
import { forEachStore } from '../testing/test-store.ts';
import {
  addInteraction,
  createContact,
  erase,
  hlc,
  note,
  remove,
  SyncClient,
  upsert,
} from './sync/sync-kit.ts';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Every table that holds a team's data, read raw: any change to team B's rows shows here. */
const TEAM_TABLES = [
  'rows',
  'identities',
  'aliases',
  'order_lines',
  'customer_metrics',
  'imports',
  'users',
  'tokens',
  'sync_clients',
  'mutation_log',
] as const;

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));

async function snapshot(store: Store, teamId: string): Promise<string> {
  const sorted = (rows: unknown[]) => rows.map(json).sort();
  const out: Record<string, unknown> = {
    teams: sorted(await store.db.all('SELECT * FROM teams WHERE id = ?', [teamId])),
  };
  for (const table of TEAM_TABLES)
    out[table] = sorted(await store.db.all(`SELECT * FROM ${table} WHERE team_id = ?`, [teamId]));
  return json(out);
}

/** Team B, with one of everything and text that must never reach team A. */
async function seedTeamB(t: TestApp) {
  const team = await seedTeam(t.store, 'Bravo Hidden Team');
  const admin = await t.member(team, 'admin', {
    name: 'Bravo Hidden Admin',
    email: `bravo-admin-${newId()}@bravo.test`,
  });
  const rep = await t.member(team, 'rep', {
    name: 'Bravo Hidden Rep',
    email: `bravo-rep-${newId()}@bravo.test`,
  });
  // Raw (the seeding below): one helper posts to several entity paths by name, and the orders import
  // sends a text/csv body, which the typed client cannot.
  const post = async (path: string, body: unknown) => {
    const res = await t.request('POST', `${API_PREFIX}/${path}`, { token: admin.token, json: body });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${json(res.body)}`);
    return res.body.id as string;
  };
  const orders = await t.request('POST', `${API_PREFIX}/imports/orders`, {
    token: admin.token,
    headers: { 'content-type': 'text/csv' },
    body: csvOf(
      [
        'Order ID',
        'Order Date',
        'Customer ID',
        'Customer Name',
        'Email',
        'Product ID',
        'Product Name',
        'Sales',
        'Profit',
      ],
      [
        [
          'BRAVO-O-1',
          '2026-01-02',
          'BRAVO-C-77',
          'Bravo Hidden Buyer',
          'buyer@bravo-hidden.test',
          'BRAVO-P-1',
          'Bravo Hidden Widget',
          '990.00',
          '120.00',
        ],
      ],
    ),
  });
  if (orders.status !== 200) throw new Error(json(orders.body));
  const customer = (await read(restClient(t, admin.token).customers.$get({ query: {} }))).body.items[0].id;
  const contact = await post('contacts', {
    name: 'Bravo Hidden Contact',
    emails: ['hidden@bravo-hidden.test'],
    customerId: customer,
    ownerId: rep.user.id,
  });
  const ids = {
    contact,
    customer,
    company: await post('companies', { name: 'Bravo Hidden Company', domains: ['bravo-hidden.test'] }),
    interaction: await post('interactions', {
      contactId: contact,
      kind: 'note',
      channel: 'other',
      direction: 'out',
      at: '2026-01-05T10:00:00.000Z',
      subject: 'Bravo hidden subject',
    }),
    opportunity: await post('opportunities', {
      contactId: contact,
      customerId: customer,
      title: 'Bravo hidden deal',
      amount: '500.00',
      stage: 'lead',
    }),
    ticket: await post('tickets', {
      contactId: contact,
      customerId: customer,
      channel: 'email',
      category: 'delivery',
      severity: 'low',
      status: 'open',
      title: 'Bravo hidden complaint',
    }),
    survey: await post('surveys', { contactId: contact, customerId: customer, date: '2026-01-06', csat: 2 }),
    product: await post('products', { name: 'Bravo Hidden Gadget' }),
    admin: admin.user.id,
    rep: rep.user.id,
    team: team.id,
  };
  const sync = new SyncClient(t, rep.token);
  await sync.push(createContact(newId(), { name: 'Bravo Hidden Synced', ownerId: rep.user.id }, hlc(1000)));
  await sync.pullAll();
  const imports = await read(importsApi(t, admin.token).$get({ query: {} }));
  return {
    team,
    admin,
    ids: {
      ...ids,
      import: imports.body.items?.[0]?.id ?? imports.body.imports?.[0]?.id,
      client: sync.clientId,
    },
    cookie: sync.cookie!,
    emails: [admin.user.email, rep.user.email],
  };
}

/**
 * Text of team B that no answer to team A may contain. (B's customer code "BRAVO-C-77" is not here:
 * A sends it itself, and may hold a customer with the same code.)
 */
const SECRETS = ['Bravo Hidden', 'Bravo hidden', 'bravo-hidden', 'BRAVO-O-1', 'BRAVO-P-1', 'hidden@'];

type BIds = Record<'contact' | 'customer' | 'company' | 'opportunity' | 'product' | 'rep' | 'admin', string>;

/** A request body per operation, naming team B's records wherever the body takes an id. */
function bodyFor(method: string, path: string, b: BIds, bEmail: string, clientId: string) {
  const at = '2026-01-07T10:00:00.000Z';
  const entity = /^\/api\/v1\/(\w+)(\/\{id\})?$/.exec(path);
  const byEntity: Record<string, { create: unknown; patch: unknown }> = {
    contacts: {
      create: { id: b.contact, name: 'Probe', customerId: b.customer, companyId: b.company },
      patch: { name: 'Pwned' },
    },
    customers: {
      create: { id: b.customer, name: 'Probe', kind: 'company', externalId: 'BRAVO-C-77' },
      patch: { name: 'Pwned' },
    },
    companies: { create: { id: b.company, name: 'Probe' }, patch: { name: 'Pwned' } },
    interactions: {
      create: {
        contactId: b.contact,
        customerId: b.customer,
        kind: 'note',
        channel: 'other',
        direction: 'out',
        at,
        subject: 'Probe',
      },
      patch: {},
    },
    opportunities: {
      create: { contactId: b.contact, customerId: b.customer, title: 'Probe', amount: '1.00', stage: 'lead' },
      patch: { title: 'Pwned' },
    },
    tickets: {
      create: {
        contactId: b.contact,
        customerId: b.customer,
        channel: 'email',
        category: 'delivery',
        severity: 'low',
        status: 'open',
        title: 'Probe',
      },
      patch: { title: 'Pwned' },
    },
    surveys: {
      create: { contactId: b.contact, customerId: b.customer, date: '2026-01-07', csat: 5 },
      patch: { comment: 'Pwned' },
    },
    products: { create: { id: b.product, name: 'Probe' }, patch: { name: 'Pwned' } },
  };
  if (method === 'GET' || method === 'DELETE') return undefined;
  if (entity?.[1] && byEntity[entity[1]])
    return entity[2] ? byEntity[entity[1]]!.patch : byEntity[entity[1]]!.create;
  switch (`${method} ${path}`) {
    case 'POST /api/v1/auth/login':
      return { email: bEmail, password: 'not the password' };
    case 'PATCH /api/v1/auth/me':
      return { name: 'Probe' };
    case 'POST /api/v1/auth/password':
      return { currentPassword: 'not the password', newPassword: 'probe password 1' };
    case 'POST /api/v1/users':
      return { email: bEmail, name: 'Probe', role: 'rep', password: 'probe password 1' };
    case 'PATCH /api/v1/users/{id}':
      return { name: 'Pwned', role: 'rep', active: false };
    case 'POST /api/v1/users/{id}/password':
      return { password: 'probe password 1' };
    case 'POST /api/v1/users/{id}/reassign':
      return { toUserId: b.rep };
    case 'PATCH /api/v1/teams/current':
      return { name: 'Alpha' };
    case 'POST /api/v1/teams':
      return {
        name: 'Probe team',
        admin: { email: `probe-${newId()}@alpha.test`, name: 'P', password: 'probe password 1' },
      };
    case 'PUT /api/v1/settings':
    case 'PATCH /api/v1/settings':
      return { currency: 'EUR' };
    case 'POST /api/v1/sync/push':
      return {
        clientId,
        mutations: [
          upsert('contact', b.contact, { name: 'Bravo Hidden Contact' }, { name: 'Pwned' }, hlc(60_000)),
          upsert('customer', b.customer, { name: 'Bravo Hidden Buyer' }, { name: 'Pwned' }, hlc(60_000 + 1)),
          addInteraction(note(b.contact, b.admin), hlc(60_000 + 2)),
          remove('opportunity', b.opportunity, hlc(60_000 + 3)),
          erase(b.contact, hlc(60_000 + 4)),
        ].map((m, i) => ({ id: i + 1, ...m })),
      };
    default:
      return undefined;
  }
}

interface Operation {
  method: string;
  path: string;
  query: string[];
  body: 'json' | 'csv' | null;
}

function operations(t: TestApp): Operation[] {
  const doc = t.app.getOpenAPIDocument({ openapi: '3.0.3', info: { title: 'walk', version: '1' } });
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {}))
    for (const [method, op] of Object.entries(item as Record<string, Record<string, unknown>>)) {
      const params = (op.parameters ?? []) as { in: string; name: string }[];
      const content = Object.keys((op.requestBody as { content?: object } | undefined)?.content ?? {});
      ops.push({
        method: method.toUpperCase(),
        path,
        query: params.filter((p) => p.in === 'query').map((p) => p.name),
        body: content.includes('application/json') ? 'json' : content.includes('text/csv') ? 'csv' : null,
      });
    }
  return ops;
}

/** Query values: ids of team B wherever a parameter takes one. */
function queryFor(op: Operation, b: BIds, cookie: string, clientId: string): string {
  const q = new URLSearchParams();
  for (const name of op.query) {
    if (name === 'ownerId') q.set(name, b.rep);
    else if (name === 'customerId') q.set(name, b.customer);
    else if (name === 'contactId') q.set(name, b.contact);
    else if (name === 'clientId') q.set(name, clientId);
    else if (name === 'cookie') q.set(name, cookie);
    else if (name === 'search') q.set(name, 'bravo');
    else if (name === 'includeDeleted') q.set(name, 'true');
    else if (name === 'allTime') q.set(name, 'true');
    else if (name === 'erase' && op.path.includes('/contacts/')) q.set(name, 'true');
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

forEachStore('tenant isolation: every route with the other team’s ids', (ctx) => {
  it("team A's admin, lead and rep neither read nor change anything of team B through any route", async () => {
    const t = createTestApp(ctx.store);
    const B = await seedTeamB(t);
    const teamA = await seedTeam(ctx.store, 'Alpha');
    const members: Record<Role, User> = {
      admin: (await t.member(teamA, 'admin')).user,
      lead: (await t.member(teamA, 'lead')).user,
      rep: (await t.member(teamA, 'rep')).user,
    };
    const before = await snapshot(ctx.store, B.team.id);
    const bIds = Object.values(B.ids).filter((v): v is string => typeof v === 'string');
    const ops = operations(t);
    expect(ops.length).toBeGreaterThan(60);
    const seen = new Map<string, number[]>();
    const leaks: string[] = [];
    const sentByA = new Set<string>();

    for (const role of ['admin', 'lead', 'rep'] as const) {
      for (const op of ops) {
        if (op.path === `${API_PREFIX}/sync/events`) continue; // a stream: checked below
        const pathIds = op.path.includes('{id}') ? bIds : [''];
        for (const id of pathIds) {
          // A fresh token each time: the walk signs out, changes passwords and renames on the way.
          const { token } = await issueToken(ctx.store, t.clock, members[role], DAY_MS);
          const clientIds = [B.ids.client, newId()];
          for (const clientId of op.path.endsWith('/sync/push') || op.path.endsWith('/sync/pull')
            ? clientIds
            : [B.ids.client]) {
            const url = op.path.replace('{id}', id) + queryFor(op, B.ids, B.cookie, clientId);
            // What A sends becomes A's own data (the same id or code in another team is a separate
            // record), so it may come back later: only B ids A never sent count as read.
            sentByA.add(id).add(clientId);
            const body = bodyFor(op.method, op.path, B.ids, B.emails[0]!, clientId);
            for (const v of json(body ?? '').match(UUID) ?? []) sentByA.add(v);
            for (const v of new URLSearchParams(url.split('?')[1] ?? '').values()) sentByA.add(v);
            // Raw: the walk builds every documented operation from the OpenAPI document, by path.
            const res =
              op.body === 'csv'
                ? await t.request(op.method, url, {
                    token,
                    headers: { 'content-type': 'text/csv' },
                    body: op.path.endsWith('/orders')
                      ? csvOf(
                          [
                            'Order ID',
                            'Order Date',
                            'Customer ID',
                            'Customer Name',
                            'Product ID',
                            'Sales',
                            'Profit',
                          ],
                          [['A-1', '2026-01-03', 'BRAVO-C-77', 'Alpha Buyer', 'A-P-1', '10.00', '1.00']],
                        )
                      : csvOf(
                          ['Name', 'Emails', 'Customer ID'],
                          [['Alpha Person', 'alpha@alpha.test', 'BRAVO-C-77']],
                        ),
                  })
                : await t.request(op.method, url, { token, json: body });
            const key = `${role} ${op.method} ${op.path}`;
            seen.set(key, [...(seen.get(key) ?? []), res.status]);
            const text = typeof res.body === 'string' ? res.body : json(res.body);
            for (const s of SECRETS)
              if (text.includes(s)) leaks.push(`${key} ${url}: "${s}" in ${text.slice(0, 200)}`);
            for (const b of bIds)
              if (!sentByA.has(b) && text.includes(b))
                leaks.push(`${key} ${url}: B id ${b} in ${text.slice(0, 200)}`);
            for (const e of B.emails)
              if (!json(body ?? '').includes(e) && text.includes(e)) leaks.push(`${key}: B email ${e}`);
          }
        }
      }
    }

    // the SSE stream's first poke names A's version, nothing of B
    const { token } = await issueToken(ctx.store, t.clock, members.rep, DAY_MS);
    const stream = await t.app.request(`${API_PREFIX}/sync/events`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const reader = stream.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(first).toContain('event: poke');
    for (const b of bIds) expect(first).not.toContain(b);

    expect(leaks).toEqual([]);
    const statuses = [...seen.values()].flat();
    // the walk has teeth: every request was authenticated, none crashed, and many were accepted
    expect(statuses.filter((s) => s === 401)).toHaveLength(
      [...seen.entries()]
        .filter(([k]) => k.endsWith('/auth/login'))
        .flatMap(([, v]) => v)
        .filter((s) => s === 401).length,
    );
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s >= 200 && s < 300).length).toBeGreaterThan(80);
    expect(await snapshot(ctx.store, B.team.id)).toBe(before);
    // B's own members still work
    expect((await read(authApi(t, B.admin.token).me.$get())).status).toBe(200);
  }, 300_000);
});
