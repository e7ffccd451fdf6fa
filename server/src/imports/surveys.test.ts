import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { createTestApp, seedTeam } from '../testing/test-app.ts';
import { forEachStore } from '../testing/test-store.ts';
import type { ImportProgress } from './orders.ts';
import { bufferSource } from './source.ts';
import { csatAverage, importSurveys, SurveyImportOptions, surveyResponseId } from './surveys.ts';
import { csvOf, importDeps } from './test-kit.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/surveys/${name}`, import.meta.url), 'utf8');
const ORDERS = fixture('customers-orders.csv');
const RESPONSES = fixture('responses.csv');

forEachStore('survey import', (ctx) => {
  /** A team whose customers and contacts come from the fixture order file (see fixtures/surveys/README.md). */
  async function setup() {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const lead = await t.member(team, 'lead');
    const orders = await t.request('POST', '/api/v1/imports/orders', {
      token: lead.token,
      body: ORDERS,
      headers: { 'content-type': 'text/csv' },
    });
    expect(orders.status).toBe(200);
    expect(orders.body).toMatchObject({ customers: { new: 4 }, contacts: { new: 3 } });
    const send = (csv: string, query = '') =>
      t.request('POST', `/api/v1/imports/surveys${query}`, {
        token: lead.token,
        body: csv,
        headers: { 'content-type': 'text/csv' },
      });
    const surveys = async () =>
      (await t.request('GET', '/api/v1/surveys?limit=100', { token: lead.token })).body.items as {
        contactId: string;
        customerId: string | null;
        date: string;
        csat: number | null;
        nps: number | null;
        comment: string | null;
      }[];
    return { t, team, lead, send, surveys };
  }

  it('imports the fixture: accepted rows as survey responses, refused ones by row and column', async () => {
    const { t, team, lead, send, surveys } = await setup();
    const before = (await ctx.store.teams.get(team.id))?.version ?? 0;

    const preview = await send(RESPONSES, '?dryRun=true');
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      dryRun: true,
      importId: null,
      responses: { new: 6, unchanged: 0 },
      metrics: null,
    });
    // A dry run writes nothing and does not advance the team's version.
    expect(await surveys()).toEqual([]);
    expect((await ctx.store.teams.get(team.id))?.version).toBe(before);

    const res = await send(RESPONSES);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dryRun: false,
      importId: expect.any(String),
      rows: 12,
      rejectedRows: 6,
      responses: { new: 6, unchanged: 0 },
      // CSAT 5, 2, 4 → 11/3; NPS 10, 6, 9 → (2 promoters − 1 detractor) / 3.
      totals: { csat: { responses: 3, average: '3.67' }, nps: { responses: 3 } },
      errorCount: 6,
      // Ann (C-1), Carol (C-2) and Bob (C-4) now have satisfaction in their churn inputs; Dan (C-3) has none.
      metrics: { customers: 3 },
    });
    expect(res.body.totals.nps.score).toBeCloseTo(100 / 3, 10);
    const churn = (await ctx.store.rows.list(team.id, 'customerMetrics', { limit: 100 })).map(
      (r) => (r.data as { churn?: { satisfaction: unknown } }).churn?.satisfaction ?? null,
    );
    expect(churn.filter((v) => v !== null)).toHaveLength(3);
    expect(res.body.errors).toEqual([
      { row: 8, column: 'Score', message: '"7" is not a CSAT score: a whole number 1–5' },
      { row: 9, column: 'Email', message: 'no contact has the email nobody@example.com' },
      { row: 10, column: 'Customer ID', message: 'customer "C-3" has no contact to record the response for' },
      { row: 11, column: 'Kind', message: '"promoter" is not csat or nps' },
      { row: 12, column: 'Email', message: 'needs an email or a customer id' },
      { row: 13, column: 'Date', message: expect.stringContaining('"2025-03-32" is not') },
    ]);
    expect((await ctx.store.teams.get(team.id))?.version).toBe(before + 1);

    // Rows are the survey entity: linked to the contact and its customer, readable over REST.
    const contacts = (await t.request('GET', '/api/v1/contacts?limit=100', { token: lead.token })).body
      .items as {
      id: string;
      emails: { value?: string; address?: string }[] | string[];
      customerId: string;
    }[];
    const byEmail = new Map(
      contacts.map((c) => [JSON.stringify(c.emails).match(/[a-z]+@example\.com/)?.[0], c]),
    );
    const ann = byEmail.get('ann@example.com');
    const carol = byEmail.get('carol@example.com');
    const rows = (await surveys()).sort((a, b) => a.date.localeCompare(b.date));
    expect(rows.map((r) => [r.date, r.csat, r.nps, r.comment])).toEqual([
      ['2025-03-01', 5, null, 'Great service'],
      ['2025-03-02', 2, null, null],
      ['2025-03-03', null, 10, 'Would recommend'],
      ['2025-03-04', null, 6, null],
      ['2025-03-05', null, 9, null],
      ['2025-03-06', 4, null, null],
    ]);
    expect(rows[0]).toMatchObject({ contactId: ann?.id, customerId: ann?.customerId });
    expect(rows[2]).toMatchObject({ contactId: carol?.id, customerId: carol?.customerId });

    // The Satisfaction report picks them up: CSAT normalised ((4 + 1 + 3) / 4) / 3, NPS 100/3.
    const report = await t.request('GET', '/api/v1/reports/satisfaction?allTime=true', { token: lead.token });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ csatResponses: 3, npsResponses: 3 });
    expect(report.body.csat).toBeCloseTo(8 / 12, 10);
    expect(report.body.nps).toBeCloseTo(100 / 3, 10);

    // Re-importing the same file changes nothing.
    const again = await send(RESPONSES);
    expect(again.body).toMatchObject({ responses: { new: 0, unchanged: 6 }, rejectedRows: 6, metrics: null });
    expect(await surveys()).toHaveLength(6);
    expect((await ctx.store.teams.get(team.id))?.version).toBe(before + 1);
    const listed = await t.request('GET', '/api/v1/imports', { token: lead.token });
    expect(listed.body.items.filter((i: { kind: string }) => i.kind === 'surveys')).toHaveLength(2);
  });

  it('reads a CSAT and an NPS column per row, and a date format it must be told', async () => {
    const { send, surveys } = await setup();
    const csv = csvOf(
      ['Customer ID', 'Submitted', 'CSAT', 'NPS', 'Feedback'],
      [
        ['C-1', '03/04/2025', '4', '10', 'ok'],
        ['C-4', '05/04/2025', '', '3', ''],
        ['C-2', '06/04/2025', '6', '8', ''],
      ],
    );
    const ambiguous = await send(csv);
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.error.details.question).toMatchObject({
      option: 'dateFormat',
      column: 'Submitted',
    });

    const res = await send(csv, '?dateFormat=dmy');
    expect(res.status).toBe(200);
    // Row 2: CSAT 4 and NPS 10; row 3: NPS 3 only; row 4 refused whole (CSAT 6), its NPS too.
    expect(res.body).toMatchObject({
      rows: 3,
      rejectedRows: 1,
      responses: { new: 3 },
      totals: { csat: { responses: 1, average: '4.00' }, nps: { responses: 2, score: 0 } },
      errors: [{ row: 4, column: 'CSAT', message: '"6" is not a CSAT score: a whole number 1–5' }],
    });
    const rows = (await surveys()).sort((a, b) => `${a.date}${a.csat}`.localeCompare(`${b.date}${b.csat}`));
    expect(rows.map((r) => [r.date, r.csat, r.nps])).toEqual([
      ['2025-04-03', 4, null],
      ['2025-04-03', null, 10],
      ['2025-04-05', null, 3],
    ]);
  });

  it('refuses a file whose every row is refused, and one without the needed columns; nothing is written', async () => {
    const { send, surveys } = await setup();
    const allBad = await send(
      csvOf(['Email', 'Kind', 'Score', 'Date'], [['x@example.com', 'nps', '11', '2025-01-02']]),
    );
    expect(allBad.status).toBe(400);
    expect(allBad.body.error.message).toMatch(/Every row of the file was refused \(1\)/);
    const noScore = await send(csvOf(['Email', 'Date'], [['ann@example.com', '2025-01-02']]));
    expect(noScore.status).toBe(400);
    expect(noScore.body.error.details.problems).toEqual(['no score column (or CSAT / NPS columns)']);
    expect(await surveys()).toEqual([]);
  });

  it('reports its progress: bytes read, rows checked every 2,000, then all rows once written', async () => {
    const { team, lead, t } = await setup();
    // 4,500 CSAT answers from Ann (fixture contact), one a day from 2020-01-01, scores 1–5 in turn.
    const day = (i: number) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);
    const rows = Array.from({ length: 4500 }, (_, i) => [
      'ann@example.com',
      'csat',
      String((i % 5) + 1),
      day(i),
    ]);
    const bytes = Buffer.from(csvOf(['Email', 'Kind', 'Score', 'Date'], rows), 'utf8');
    const seen: ImportProgress[] = [];
    const summary = await importSurveys(
      importDeps(ctx.store),
      team.id,
      bufferSource('big-surveys.csv', bytes),
      SurveyImportOptions.parse({}),
      null,
      (p) => seen.push(p),
    );
    expect(summary).toMatchObject({ rows: 4500, rejectedRows: 0, responses: { new: 4500, unchanged: 0 } });
    const reading = seen.filter((p) => p.phase === 'reading');
    expect(reading[0]).toEqual({ phase: 'reading', done: 0, total: bytes.byteLength });
    expect(reading.at(-1)).toEqual({ phase: 'reading', done: bytes.byteLength, total: bytes.byteLength });
    expect(seen.filter((p) => p.phase === 'writing').map((p) => [p.done, p.total])).toEqual([
      [0, 4500],
      [2000, 4500],
      [4000, 4500],
      [4500, 4500],
    ]);
    expect(seen.at(-1)).toEqual({ phase: 'writing', done: 4500, total: 4500 });

    // Over HTTP: progress={id} is followed like an order import's, for its own team only.
    const id = 'surveys-progress-1';
    const res = await t.request('POST', `/api/v1/imports/surveys?progress=${id}&dryRun=true`, {
      token: lead.token,
      body: RESPONSES,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(200);
    const progress = await t.request('GET', `/api/v1/imports/progress/${id}`, { token: lead.token });
    expect(progress.status).toBe(200);
    // The fixture's 12 data rows, all checked (some of them refused).
    expect(res.body).toMatchObject({ dryRun: true, rows: 12 });
    expect(progress.body).toMatchObject({ phase: 'writing', done: 12, total: 12, finished: true });
    const other = await t.member(await seedTeam(ctx.store), 'lead');
    expect((await t.request('GET', `/api/v1/imports/progress/${id}`, { token: other.token })).status).toBe(
      404,
    );
    const bad = await t.request('POST', '/api/v1/imports/surveys?progress=no%20spaces', {
      token: lead.token,
      body: RESPONSES,
      headers: { 'content-type': 'text/csv' },
    });
    expect(bad.status).toBe(400);
  });

  it('is a lead or admin import', async () => {
    const { t, team } = await setup();
    const rep = await t.member(team, 'rep');
    const res = await t.request('POST', '/api/v1/imports/surveys', {
      token: rep.token,
      body: RESPONSES,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(403);
  });
});

it('keeps ids stable and averages exactly', () => {
  const r = {
    contactId: '0190f1a2-7c3e-7000-8000-1234567890ab',
    kind: 'csat',
    date: '2025-03-01',
    score: 5,
    comment: null,
  } as const;
  const id = surveyResponseId('t1', r);
  expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(surveyResponseId('t1', r)).toBe(id);
  // The time part is the response day: 2025-03-01T00:00Z = 1740787200000 ms = 0x01954f00b000.
  expect(id.slice(0, 13)).toBe('01954f00-b000');
  expect(surveyResponseId('t2', r)).not.toBe(id);
  expect(surveyResponseId('t1', { ...r, comment: 'x' })).not.toBe(id);
  expect([csatAverage([5, 2, 4]), csatAverage([1, 2]), csatAverage([]), csatAverage([5])]).toEqual([
    '3.67',
    '1.50',
    null,
    '5.00',
  ]);
});
