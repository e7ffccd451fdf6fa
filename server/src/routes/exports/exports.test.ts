import type { InferRequestType } from 'hono/client';
import Papa from 'papaparse';
import { expect, it } from 'vitest';
import { createTestApp, seedTeam } from '../../testing/test-app.ts';
import { restClient as api, exportsApi, read } from '../../testing/test-client.ts';
import { forEachStore } from '../../testing/test-store.ts';

type NewContact = InferRequestType<ReturnType<typeof api>['contacts']['$post']>['json'];

const CONTACTS: NewContact[] = [
  {
    name: 'Jane Doe',
    emails: ['jane@acme.com'],
    phones: ['+14155550132'],
    title: 'Buyer',
    handles: [
      { network: 'linkedin', id: 'jane-doe-12a' },
      { network: 'x', id: 'janedoe' },
    ],
    tags: ['vip', 'golf'],
    birthday: '02-29',
    location: 'Lyon',
  },
  { name: 'Wang Fang 王芳', emails: ['fang@example.cn', 'wf@gmail.com'], phones: [], birthday: '1990-05-04' },
  { name: 'Sean Miller', emails: [], phones: ['+442079460018'], title: null },
];

/** What a round trip must keep, in a comparable order. */
function essence(contacts: Record<string, unknown>[], companies: Map<string, string>) {
  return contacts
    .map((c) => ({
      name: c.name,
      emails: c.emails,
      phones: c.phones,
      title: c.title,
      company: c.companyId ? companies.get(c.companyId as string) : null,
      handles: c.handles,
      tags: c.tags,
      birthday: c.birthday,
      location: c.location,
    }))
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

forEachStore('contact export and import', (ctx) => {
  async function teamWith(contacts: NewContact[]) {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const lead = await t.member(team, 'lead');
    for (const c of contacts) {
      const res = await read(api(t, lead.token).contacts.$post({ json: c }));
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    }
    return { t, team, lead };
  }

  async function snapshot(t: ReturnType<typeof createTestApp>, teamId: string) {
    const contacts = await ctx.store.rowQueries.live<Record<string, unknown>>(teamId, 'contact');
    const companies = new Map(
      (await ctx.store.rowQueries.live<{ id: string; name: string }>(teamId, 'company')).map((c) => [
        c.id,
        c.name,
      ]),
    );
    void t;
    return essence(contacts, companies);
  }

  for (const [format, query, type] of [
    ['vCard 3.0', { format: 'vcard', version: '3.0' }, 'text/vcard'],
    ['vCard 4.0', { format: 'vcard', version: '4.0' }, 'text/vcard'],
    ['CSV', { format: 'csv' }, 'text/csv'],
  ] as const) {
    it(`round-trips contacts through ${format}, and a second import only finds duplicates`, async () => {
      const source = await teamWith(CONTACTS);
      const exported = await read(exportsApi(source.t, source.lead.token).contacts.$get({ query }));
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-type')).toContain(type);
      expect(exported.headers.get('content-disposition')).toMatch(
        /attachment; filename="contacts\.(vcf|csv)"/,
      );

      const target = await teamWith([]);
      // Raw: the import takes the file itself as the body, which the typed client cannot send (JSON and forms only).
      const imported = await target.t.request('POST', '/api/v1/imports/contacts', {
        token: target.lead.token,
        body: exported.body,
        headers: { 'content-type': type },
      });
      expect(imported.status).toBe(200);
      expect(imported.body).toMatchObject({
        rows: 3,
        created: 3,
        duplicateCount: 0,
        errorCount: 0,
        companiesCreated: 2,
      });
      // Work-email domains make companies on import (the source team had none).
      const domains: Record<string, string> = { 'Jane Doe': 'acme.com', 'Wang Fang 王芳': 'example.cn' };
      const want = (await snapshot(source.t, source.team.id)).map((c) => ({
        ...c,
        company: domains[String(c.name)] ?? null,
      }));
      expect(await snapshot(target.t, target.team.id)).toEqual(want);

      const again = await target.t.request('POST', '/api/v1/imports/contacts', {
        token: target.lead.token,
        body: exported.body,
        headers: { 'content-type': type },
      });
      expect(again.body).toMatchObject({ created: 0, duplicateCount: 3, errorCount: 0 });
      // Sean has no email, LinkedIn or X: his phone together with his name identifies him.
      expect(
        again.body.duplicates.map((d: { kind: string; value: string }) => [d.kind, d.value]).sort(),
      ).toEqual([
        ['email', 'fang@example.cn'],
        ['email', 'jane@acme.com'],
        ['phone', '+442079460018'],
      ]);
    });
  }

  it('links imported contacts to company customers by email domain and to customers by id; reps cannot import', async () => {
    const { t, team, lead } = await teamWith([]);
    const customers = api(t, lead.token).customers;
    const acme = await read(
      customers.$post({
        json: {
          name: 'Acme',
          kind: 'company',
          externalId: 'AC-1',
          domains: ['acme.com'],
          emails: [],
          currency: null,
        },
      }),
    );
    const sm = await read(
      customers.$post({
        json: {
          name: 'Sean Miller',
          kind: 'person',
          externalId: 'SM-20320',
          domains: [],
          emails: [],
          currency: null,
        },
      }),
    );
    const csv = Papa.unparse([
      ['First Name', 'Last Name', 'E-mail Address', 'Customer ID', 'Job Title'],
      ['Jane', 'Doe', 'JANE@Acme.com', '', 'Buyer'],
      ['Sean', 'Miller', 'sean@gmail.com', 'SM-20320', ''],
      ['No', 'Body', 'not-an-email', '', ''],
      ['Jane', 'Again', 'jane@acme.com', '', ''],
    ]);
    // Raw (here and below): the CSV file itself is the body, which the typed client cannot send.
    const res = await t.request('POST', '/api/v1/imports/contacts?format=csv', {
      token: lead.token,
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.body).toMatchObject({
      rows: 4,
      created: 2,
      linkedByDomain: 1,
      linkedToCustomers: 1,
      duplicateCount: 1,
      errorCount: 1,
    });
    expect(res.body.errors).toEqual([
      { row: 4, column: 'email', message: '"not-an-email" is not an email address' },
    ]);
    expect(res.body.duplicates).toEqual([
      { row: 5, name: 'Jane Again', kind: 'email', value: 'jane@acme.com', existingId: null, merged: [] },
    ]);
    const contacts = await ctx.store.rowQueries.live<{ name: string; customerId: string; ownerId: string }>(
      team.id,
      'contact',
    );
    expect(contacts.map((c) => [c.name, c.customerId, c.ownerId])).toEqual([
      ['Jane Doe', acme.body.id, lead.user.id],
      ['Sean Miller', sm.body.id, lead.user.id],
    ]);
    const rep = await t.member(team, 'rep');
    const refused = await t.request('POST', '/api/v1/imports/contacts', {
      token: rep.token,
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(refused.status).toBe(403);
    expect((await read(exportsApi(t, rep.token).contacts.$get({ query: {} }))).status).toBe(200);
  });

  it('neutralises spreadsheet formulas in CSV cells but keeps phone numbers', async () => {
    const { t, lead } = await teamWith([
      { name: '=HYPERLINK("http://evil")', phones: ['+14155550132'], tags: ['@home'] },
      { name: '+1+HYPERLINK("http://x","y")', title: "-2+3+cmd|' /C calc'!A0", tags: ['=1+1'] },
      { name: '@SUM(A1)', location: '-5+5' },
    ]);
    const res = await read(exportsApi(t, lead.token).contacts.$get({ query: { format: 'csv' } }));
    const [header, ...rows] = Papa.parse<string[]>(res.body.trim()).data;
    const byName = (name: string) => rows.find((r) => r[header!.indexOf('Name')] === name)!;
    const cell = (row: string[], name: string) => row[header!.indexOf(name)];
    const evil = byName('\'=HYPERLINK("http://evil")');
    expect(cell(evil, 'Phones')).toBe('+14155550132');
    expect(cell(evil, 'Tags')).toBe("'@home");
    const link = byName('\'+1+HYPERLINK("http://x","y")');
    expect(cell(link, 'Title')).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(cell(link, 'Tags')).toBe("'=1+1");
    expect(cell(byName("'@SUM(A1)"), 'Location')).toBe("'-5+5");
  });
});
