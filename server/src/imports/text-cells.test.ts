import { expect, it } from 'vitest';
import { createTestApp, seedTeam } from '../testing/test-app.ts';
import { forEachStore } from '../testing/test-store.ts';
import { csvOf } from './test-kit.ts';

const HEADER = [
  'Order ID',
  'Order Date',
  'Customer ID',
  'Customer Name',
  'Product ID',
  'Product Name',
  'Sales',
  'Profit',
];

forEachStore('imported cells follow the text rule', (ctx) => {
  it('a NUL in a cell is a per-row error while the other rows import; in the header row, one clear 400', async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const { token } = await t.member(team, 'lead');
    const csv = csvOf(HEADER, [
      ['O-1', '2016-01-05', 'C-1', 'Ann', 'P-1', 'Chair', '10', '2'],
      ['O-2', '2016-01-06', 'C-2', 'Bob', 'P-2', 'Ta\0ble', '20', '4'],
    ]);
    const res = await t.request('POST', '/api/v1/imports/orders', {
      token,
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([
      { row: 3, column: 'Product Name', message: 'contains a NUL character (U+0000) at position 2' },
    ]);
    expect(await ctx.store.orderLines.count(team.id)).toBe(1);

    const refused = await t.request('POST', '/api/v1/imports/contacts?format=csv', {
      token,
      body: 'Na\0me,Email\nAnn,ann@a.test\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe(
      'The header row, column 1, contains a NUL character (U+0000) at position 2: is it a text CSV file? Save it as UTF-8 CSV',
    );

    const contacts = csvOf(
      ['Name', 'Email'],
      [
        ['Zoë', 'zoe@a.test'],
        ['Li\0', 'li@a.test'],
      ],
    );
    const people = await t.request('POST', '/api/v1/imports/contacts?format=csv', {
      token,
      body: contacts,
      headers: { 'content-type': 'text/csv' },
    });
    expect(people.status).toBe(200);
    expect(people.body).toMatchObject({
      created: 1,
      errors: [{ row: 3, column: 'name', message: 'contains a NUL character (U+0000) at position 2' }],
    });
  });

  it('a multipart file name or options field with a NUL is a 400 naming it (the name is stored)', async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const { token } = await t.member(team, 'lead');
    const csv = csvOf(HEADER, [['O-1', '2016-01-05', 'C-1', 'Ann', 'P-1', 'Chair', '10', '2']]);
    for (const [name, options, path] of [
      ['march\0.csv', '{}', 'file.name'],
      ['march.csv', JSON.stringify({ columns: { 'Order ID\0': 'orderId' } }), 'options.columns.Order ID\0'],
    ]) {
      const form = new FormData();
      form.set('file', new File([csv], name as string, { type: 'text/csv' }));
      form.set('options', options as string);
      const res = await t.app.request('/api/v1/imports/orders', {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { details: { issues: { path: string }[] } } };
      expect(body.error.details.issues[0]?.path).toBe(path);
    }
    expect(await ctx.store.orderLines.count(team.id)).toBe(0);
  });
});
