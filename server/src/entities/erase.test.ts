import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { expect, it } from 'vitest';
import { ordersCsv } from '../imports/test-kit.ts';
import { erase, hlc, SyncClient } from '../routes/sync/sync-kit.ts';
import { SQLITE_FILE } from '../store/open-store.ts';
import { createTestApp, seedTeam, type TestApp } from '../testing/test-app.ts';
import { forEachStore, type StoreContext } from '../testing/test-store.ts';

/** Every file the database keeps its data in: SQLite's file and WAL, or the database's relation files on Postgres. */
async function databaseFiles(ctx: StoreContext): Promise<string[]> {
  if (ctx.kind === 'sqlite') {
    const main = join(ctx.env.RAPPORT_DATA_DIR, SQLITE_FILE);
    return [main, `${main}-wal`].filter((f) => existsSync(f));
  }
  const client = new pg.Client({ connectionString: ctx.env.DATABASE_URL });
  await client.connect();
  try {
    // Dirty pages reach the files at a checkpoint; force one so the files show what the database holds.
    await client.query('CHECKPOINT');
    const dir = (await client.query<{ data_directory: string }>('SHOW data_directory')).rows[0]!
      .data_directory;
    const rels = await client.query<{ path: string }>(
      `SELECT pg_relation_filepath(c.oid) AS path FROM pg_class c
        WHERE c.relkind IN ('r', 'i', 't', 'm') AND pg_relation_filepath(c.oid) IS NOT NULL`,
    );
    const files: string[] = [];
    for (const { path } of rels.rows) {
      const base = join(dir, path);
      const folder = join(base, '..');
      const name = base.slice(folder.length + 1);
      // the main fork and its 1 GiB segments (name, name.1, …)
      for (const f of readdirSync(folder))
        if (f === name || f.startsWith(`${name}.`)) files.push(join(folder, f));
    }
    return files;
  } finally {
    await client.end();
  }
}

/** Which of these strings occur (as UTF-8 bytes) in any of the database's files. */
async function foundInFiles(ctx: StoreContext, needles: string[]): Promise<string[]> {
  const files = await databaseFiles(ctx);
  const contents = files.map((f) => readFileSync(f));
  return needles.filter((n) => contents.some((c) => c.includes(Buffer.from(n, 'utf8'))));
}

let run = 0;

forEachStore('erase', (ctx) => {
  /** A person as an order import, a contact import and a rep's work leave them, with text unique to this test. */
  async function person(t: TestApp) {
    run += 1;
    const tag = `${ctx.kind}${run}x${Date.now().toString(36)}`;
    const name = `Zebulon Quixwood${tag}`;
    const email = `zebulon.${tag}@quixmail.test`;
    const note = `Prefers calls after six about the ${tag} kidney treatment`;
    const team = await seedTeam(ctx.store, 'Erasers');
    const lead = await t.member(team, 'lead');
    const csv = (rows: string[][]) => `${rows.map((r) => r.join(',')).join('\n')}\n`;
    const chair = {
      'Product ID': 'P-1',
      Category: 'Furniture',
      'Sub-Category': 'Chairs',
      'Product Name': 'Chair',
      Quantity: '1',
      Discount: '0',
    };
    const zebulon = {
      'Customer ID': 'ZQ-10001',
      'Customer Name': name,
      Segment: 'Consumer',
      Email: email,
      ...chair,
    };
    const orders = await t.request('POST', '/api/v1/imports/orders', {
      token: lead.token,
      headers: { 'content-type': 'text/csv' },
      body: ordersCsv([
        {
          'Row ID': '1',
          'Order ID': 'CA-1',
          'Order Date': '2025-03-01',
          ...zebulon,
          Sales: '100.00',
          Profit: '-12.50',
        },
        {
          'Row ID': '2',
          'Order ID': 'CA-2',
          'Order Date': 'not a date',
          ...zebulon,
          Sales: '100.00',
          Profit: '10.00',
        },
        {
          'Row ID': '3',
          'Order ID': 'CA-3',
          'Order Date': '2025-03-02',
          'Customer ID': 'AC-10002',
          'Customer Name': 'Acme Corp',
          Segment: 'Corporate',
          Email: 'buyer@acme.test',
          ...chair,
          Sales: '50.00',
          Profit: '5.00',
        },
      ]),
    });
    expect(orders.status).toBe(200);
    const contacts = await t.request('POST', '/api/v1/imports/contacts?format=csv', {
      token: lead.token,
      headers: { 'content-type': 'text/csv' },
      body: csv([
        ['Name', 'Emails', 'Title'],
        [name, email, 'Buyer'],
        [name, 'not-an-email', 'Buyer'],
      ]),
    });
    expect(contacts.status).toBe(200);
    expect(JSON.stringify(contacts.body)).toContain(name);
    const [contact] = (await t.request('GET', `/api/v1/contacts?search=${tag}`, { token: lead.token })).body
      .items;
    expect(contact).toMatchObject({ name, emails: [email] });
    const customer = (
      await t.request('GET', `/api/v1/customers/${contact.customerId}`, { token: lead.token })
    ).body;
    expect(customer).toMatchObject({ name, kind: 'person', externalId: 'ZQ-10001' });
    const post = async (path: string, json: unknown) => {
      const res = await t.request('POST', `/api/v1/${path}`, { token: lead.token, json });
      if (res.status !== 201) throw new Error(`${path}: ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const link = { contactId: contact.id, customerId: customer.id };
    const created = {
      interaction: await post('interactions', {
        ...link,
        kind: 'call',
        channel: 'phone',
        direction: 'out',
        at: '2026-01-10T10:00:00.000Z',
        subject: `Call with ${name}`,
        summary: note,
      }),
      opportunity: await post('opportunities', {
        ...link,
        title: `Renewal for ${name}`,
        amount: '5000.00',
        stage: 'won',
        closeDate: '2026-01-05',
        notes: note,
      }),
      ticket: await post('tickets', {
        ...link,
        channel: 'email',
        category: 'delivery',
        severity: 'high',
        status: 'resolved',
        title: `${name} got a broken chair`,
        description: note,
        resolution: `Sent a new chair to ${email}`,
        satisfaction: 4,
      }),
      survey: await post('surveys', { ...link, date: '2026-01-11', csat: 5, nps: 9, comment: note }),
    };
    return { t, lead, team, tag, name, email, note, contact, customer, created };
  }

  async function expectErased(p: Awaited<ReturnType<typeof person>>) {
    const { t, lead } = p;
    const get = async (path: string) =>
      (await t.request('GET', `/api/v1/${path}`, { token: lead.token })).body;
    const contacts = (await get('contacts?includeDeleted=true')).items;
    expect(contacts.find((c: { id: string }) => c.id === p.contact.id)).toMatchObject({
      name: '[erased]',
      emails: [],
      title: null,
    });
    const interaction = (await get('interactions?includeDeleted=true')).items[0];
    expect(interaction).toMatchObject({ subject: null, summary: null, kind: 'call' });
    expect(interaction.deletedAt).not.toBeNull();
    // linked records keep their facts, lose their text
    expect(await get(`opportunities/${p.created.opportunity.id}`)).toMatchObject({
      title: '[erased]',
      notes: null,
      amount: '5000.00',
      stage: 'won',
    });
    expect(await get(`tickets/${p.created.ticket.id}`)).toMatchObject({
      title: '[erased]',
      description: null,
      resolution: null,
      satisfaction: 4,
      status: 'resolved',
    });
    expect(await get(`surveys/${p.created.survey.id}`)).toMatchObject({ comment: null, csat: 5, nps: 9 });
    // the order import's person customer keeps its id and money, not the name or email
    expect(await get(`customers/${p.customer.id}`)).toMatchObject({
      name: '[erased]',
      emails: [],
      externalId: 'ZQ-10001',
    });
    const report = await get('reports/customers?allTime=true');
    expect(report.items.find((r: { id: string }) => r.id === p.customer.id)).toMatchObject({
      name: '[erased]',
      profit: '-12.50',
    });
    // the company customer of the same import is untouched
    expect(report.items.map((r: { name: string }) => r.name)).toContain('Acme Corp');
    const imports = await ctx.store.imports.list(p.team.id, 100);
    expect(imports).toHaveLength(2);
    const summaries = JSON.stringify(imports);
    for (const s of [p.name, p.email, p.tag]) expect(summaries).not.toContain(s);
    expect(summaries).toContain('[erased]');
    // and the bytes are gone from the files
    expect(await foundInFiles(ctx, [p.name, p.email, p.note, p.tag])).toEqual([]);
  }

  it('REST erase clears the person from every record and import, and from the database files', async () => {
    const p = await person(createTestApp(ctx.store));
    // the test can fail: before the erase the files hold the person
    expect(await foundInFiles(ctx, [p.name, p.email, p.note])).toEqual([p.name, p.email, p.note]);
    const res = await p.t.request('DELETE', `/api/v1/contacts/${p.contact.id}?erase=true`, {
      token: p.lead.token,
    });
    expect(res.status).toBe(200);
    await expectErased(p);
  }, 60_000);

  it('a synced contact.erase does the same', async () => {
    const p = await person(createTestApp(ctx.store));
    expect(await foundInFiles(ctx, [p.name, p.email, p.note])).toEqual([p.name, p.email, p.note]);
    const pushed = await new SyncClient(p.t, p.lead.token).push(erase(p.contact.id, hlc(60_000)));
    expect(pushed.body.results[0].status).toBe('applied');
    await expectErased(p);
  }, 60_000);
});
