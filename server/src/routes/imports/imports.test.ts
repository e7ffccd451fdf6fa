import { expect, it } from 'vitest';
import { csvOf } from '../../imports/test-kit.ts';
import { createTestApp, seedTeam } from '../../testing/test-app.ts';
import { importsApi, read, reportRoute } from '../../testing/test-client.ts';
import { forEachStore } from '../../testing/test-store.ts';

const CSV = csvOf(
  ['Ref', 'Date', 'Client', 'Client Name', 'SKU', 'Total', 'Margin'],
  [
    ['R-1', '2016-01-02', 'C-1', 'Ann', 'P-1', '10.10', '2.02'],
    ['R-2', '2016-01-03', 'C-2', 'Bob', 'P-1', '5', '-1'],
  ],
);
const COLUMNS = {
  Ref: 'orderId',
  Date: 'orderedAt',
  Client: 'customerId',
  'Client Name': 'customerName',
  Total: 'revenue',
  Margin: 'profit',
};

forEachStore('imports API', (ctx) => {
  async function setup() {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const lead = await t.member(team, 'lead');
    return { t, team, lead };
  }

  it('takes a multipart upload with JSON options; dryRun previews and writes nothing', async () => {
    const { t, team, lead } = await setup();
    const send = (query: { dryRun?: 'true' }) =>
      read(
        importsApi(t, lead.token).orders.$post({
          query,
          form: {
            file: new File([CSV], 'march.csv', { type: 'text/csv' }),
            options: JSON.stringify({ columns: COLUMNS }),
          },
        }),
      );
    const preview = await send({ dryRun: 'true' });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      dryRun: true,
      file: 'march.csv',
      lines: { new: 2 },
      totals: { revenue: '15.10', profit: '1.02' },
    });
    expect(await ctx.store.orderLines.count(team.id)).toBe(0);
    const { body } = await send({});
    expect(body).toMatchObject({
      dryRun: false,
      lines: { new: 2 },
      customers: { new: 2 },
      metrics: { customers: 2, changed: 2 },
    });
    const list = await read(importsApi(t, lead.token).$get({ query: {} }));
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: body.importId,
        kind: 'orders',
        filename: 'march.csv',
        createdBy: lead.user.id,
      }),
    ]);
  });

  // Raw (in this file): a text/csv body, which the typed client cannot send (JSON and forms only), and
  // malformed requests (no body, a JSON body, a malformed progress id) the typed client refuses to build.
  it('takes a raw text/csv body with map= and rate= query overrides', async () => {
    const { t, lead } = await setup();
    const map = Object.entries(COLUMNS)
      .map(([h, f]) => `map=${encodeURIComponent(`${h}=${f}`)}`)
      .join('&');
    const res = await t.request(
      'POST',
      `/api/v1/imports/orders?${map}&currency=EUR&rate=EUR%3D2&filename=feb.csv`,
      {
        token: lead.token,
        body: CSV,
        headers: { 'content-type': 'text/csv' },
      },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      file: 'feb.csv',
      totals: { revenue: '30.20', profit: '2.04', currency: 'USD' },
    });
    expect(res.body.columns).toContainEqual({ header: 'SKU', field: 'productId' });
  });

  it('answers client faults with JSON errors: roles, mapping, empty body, media type, bad options', async () => {
    const { t, team, lead } = await setup();
    const rep = await t.member(team, 'rep');
    const csv = { body: CSV, headers: { 'content-type': 'text/csv' } };
    const forbidden = await t.request('POST', '/api/v1/imports/orders', { token: rep.token, ...csv });
    expect(forbidden.status).toBe(403);
    expect((await read(importsApi(t, rep.token).$get({ query: {} }))).status).toBe(403);

    const unmapped = await t.request('POST', '/api/v1/imports/orders', { token: lead.token, ...csv });
    expect(unmapped.status).toBe(400);
    expect(unmapped.body.error.code).toBe('bad_request');
    expect(unmapped.body.error.details.problems).toContain('no column maps to orderId (order id)');
    // The file's columns and what each was read as, for a client to offer them per field.
    expect(unmapped.body.error.details.columns).toEqual([
      { header: 'Ref', field: null },
      { header: 'Date', field: 'orderedAt' },
      { header: 'Client', field: 'customerName' },
      { header: 'Client Name', field: 'customerName' },
      { header: 'SKU', field: 'productId' },
      { header: 'Total', field: null },
      { header: 'Margin', field: 'profit' },
    ]);

    const empty = await t.request('POST', '/api/v1/imports/orders', {
      token: lead.token,
      body: '',
      headers: { 'content-type': 'text/csv' },
    });
    expect(empty.status).toBe(400);
    const json = await t.request('POST', '/api/v1/imports/orders', { token: lead.token, json: { csv: CSV } });
    expect(json.status).toBe(415);
    expect(json.body.error.code).toBe('unsupported_media_type');
    const badField = await t.request('POST', '/api/v1/imports/orders?map=Total%3Dmoney', {
      token: lead.token,
      ...csv,
    });
    expect(badField.status).toBe(400);
    expect(badField.body.error.message).toContain('a column maps to one of');
    const badMap = await t.request('POST', '/api/v1/imports/orders?map=Total', { token: lead.token, ...csv });
    expect(badMap.body.error.message).toContain('is not header=field');
    const badRate = await t.request('POST', '/api/v1/imports/orders?rate=EUR%3D-1', {
      token: lead.token,
      ...csv,
    });
    expect(badRate.status).toBe(400);
    expect((await read(reportRoute(t, 'customers', lead.token).$get({ query: { limit: '0' } }))).status).toBe(
      400,
    );
  });

  it('reports an import sent with progress= to its team only, finished with the rows it wrote', async () => {
    const { t, team, lead } = await setup();
    const map = Object.entries(COLUMNS)
      .map(([h, f]) => `map=${encodeURIComponent(`${h}=${f}`)}`)
      .join('&');
    const id = 'a1b2c3d4-progress';
    const progressOf = (token: string, of = id) =>
      read(importsApi(t, token).progress[':id'].$get({ param: { id: of } }));
    expect((await progressOf(lead.token)).status).toBe(404);
    const res = await t.request('POST', `/api/v1/imports/orders?${map}&progress=${id}`, {
      token: lead.token,
      body: CSV,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(200);
    const progress = await progressOf(lead.token);
    expect(progress.status).toBe(200);
    expect(progress.body).toMatchObject({ phase: 'metrics', finished: true });
    // Another team's lead does not see it; a rep may not ask; a malformed id is refused.
    const other = await t.member(await seedTeam(ctx.store), 'lead');
    expect((await progressOf(other.token)).status).toBe(404);
    const rep = await t.member(team, 'rep');
    expect((await progressOf(rep.token)).status).toBe(403);
    expect((await progressOf(lead.token, 'x')).status).toBe(400);
    const bad = await t.request('POST', `/api/v1/imports/orders?${map}&progress=no%20spaces`, {
      token: lead.token,
      body: CSV,
      headers: { 'content-type': 'text/csv' },
    });
    expect(bad.status).toBe(400);
  });

  it('documents imports, reports and exports in the OpenAPI description', async () => {
    const { t } = await setup();
    // Raw: the OpenAPI document is served by the app itself, outside the typed routers.
    const doc = await t.request('GET', '/api/v1/openapi.json');
    for (const path of [
      '/api/v1/imports/orders',
      '/api/v1/imports/contacts',
      '/api/v1/reports/customers',
      '/api/v1/reports/commission',
      '/api/v1/exports/contacts',
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
    expect(Object.keys(doc.body.paths['/api/v1/imports/orders'].post.requestBody.content)).toEqual(
      expect.arrayContaining(['multipart/form-data', 'text/csv']),
    );
  });
});
