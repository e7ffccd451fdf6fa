// The insight screens end to end: the real server (in-process, SQLite) seeded with the project's
// generated 10k-line retail CSV, the dashboard built by Vite, real Chromium at 1280 px. Checks that
// what the screens show is what the reports answer, and saves the screenshots in test/artifacts/insight/.
import type { User } from '@rapport/server/store/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { superstoreCsv } from '../generators/superstore.ts';
import { type DashboardWorld, screenshot, startDashboardWorld } from './harness/index.ts';
import type { DashboardPage } from './pages/dashboard.ts';
import { interactionBody } from './pages/rapport-api.ts';

const SAM = 'sam@rapport.test';
const LEAD = 'lead@rapport.test';
type Row = Record<string, unknown>;

describe('insight screens on 10k imported lines', () => {
  let world: DashboardWorld;
  let sam: User;
  let contactId: string;
  const api = <T = Row>(
    path: string,
    init: { method?: string; json?: unknown; as?: string } = {},
  ): Promise<T> => world.api<T>(path, init);
  const open = (lang: 'en' | 'zh-CN' = 'en'): Promise<DashboardPage> => world.open(LEAD, { lang });

  beforeAll(async () => {
    world = await startDashboardWorld({
      members: [
        { email: LEAD, name: 'Lena Lead', role: 'lead' },
        { email: SAM, name: 'Sam Rep', role: 'rep' },
      ],
    });
    sam = world.users.get(SAM) as User;
    await world.importOrders(new Uint8Array(superstoreCsv({ rows: 10_000 })));

    // Weighted pipeline in the first forecast month: 10,000 at proposal.
    const forecast = await api<{ team: { forecast: { month: string }[] } }>('/reports/forecast');
    const first = forecast.team.forecast[0]?.month as string;
    const buyer = (await api<{ items: Row[] }>('/reports/customers?sort=profit&limit=1')).items[0] as Row;
    await api('/opportunities', {
      method: 'POST',
      json: {
        title: 'Office refit',
        amount: '10000.00',
        stage: 'proposal',
        closeDate: `${first}-15`,
        customerId: buyer.id,
        contactId: null,
        expectedMargin: null,
        ownerId: sam.id,
        notes: null,
      },
    });
    // A contact Sam emailed four times (two-way) in the last weeks.
    const contact = await api<Row>('/contacts', {
      method: 'POST',
      json: { name: 'Morgan Buyer', emails: ['morgan@buyer.example'], customerId: buyer.id },
    });
    contactId = String(contact.id);
    const now = Date.now();
    for (const [i, direction] of (['out', 'in', 'out', 'in'] as const).entries()) {
      await api('/interactions', {
        json: interactionBody({
          contactId,
          customerId: buyer.id,
          kind: 'email',
          channel: 'email',
          direction,
          at: new Date(now - (i + 1) * 5 * 86_400_000).toISOString(),
          subject: `Quote ${i + 1}`,
        }),
        as: SAM,
      });
    }
  }, 240_000);

  afterAll(() => world?.close());

  it('segments: sizes, transitions, clusters, affinity, pairs and the follow-up-first churn list', async () => {
    const report = await api<{
      segments: { segment: string; customers: number }[];
      clusters: { k: number; groups: unknown[] } | null;
    }>('/reports/segments?limit=1');
    const churn = await api<{ items: { name: string; late: boolean; score: number }[] }>(
      '/reports/churn?limit=25',
    );
    const d = await open();
    await d.nav('/segments');
    await expect.poll(() => d.heading().textContent()).toBe('Segments');
    await d.page.getByTestId('churn').waitFor();
    await d.settled();
    const sizes = await d.page.getByTestId('segment-sizes').locator('tbody tr').count();
    expect(sizes).toBe(report.segments.filter((s) => s.customers > 0).length);
    expect(await d.page.getByTestId('clusters').locator('tbody tr').count()).toBe(report.clusters?.k);
    expect(await d.page.getByTestId('segment-transitions').locator('tbody tr').count()).toBeGreaterThan(1);
    expect(await d.page.getByTestId('pairs').locator('tbody tr').count()).toBeGreaterThan(0);
    // The churn list is in the follow-up order: the report's first rows, at-risk high-value first.
    const names = await d.page.getByTestId('churn').locator('tbody tr th .name').allTextContents();
    expect(names.slice(0, 5)).toEqual(churn.items.slice(0, 5).map((r) => r.name));
    await screenshot(d.page, 'insight/segments-en', { fullPage: true });

    // Sorting by score re-orders by the risk score.
    await d.page.getByTestId('churn-sort').selectOption('score');
    await d.settled();
    await expect
      .poll(async () => {
        const scores = (await d.page.getByTestId('churn').locator('tbody .risk').allTextContents()).map(
          Number,
        );
        return scores.length > 1 && scores.every((s, i) => i === 0 || (scores[i - 1] as number) >= s);
      })
      .toBe(true);
  });

  it('trends: the forecast with its backtest error beside it and the weighted pipeline', async () => {
    const report = await api<{
      team: {
        method: string;
        backtest: { method: string; mase: number | null }[];
        forecast: { pipelineWeighted: string }[];
      };
    }>('/reports/forecast');
    const d = await open();
    await d.nav('/trends');
    await expect.poll(() => d.heading().textContent()).toBe('Trends & forecast');
    await d.page.getByTestId('forecast').waitFor();
    await d.settled();
    const best = report.team.backtest.find((b) => b.method === report.team.method);
    const line = await d.page.getByTestId('forecast-method').textContent();
    if (best?.mase != null) expect(line).toContain(`MASE ${best.mase.toFixed(2)}`);
    // The proposal's 10,000 × its stage probability in the first forecast month.
    const firstPipeline = await d.page
      .getByTestId('forecast')
      .locator('tbody tr')
      .first()
      .locator('td [data-value]')
      .nth(1)
      .getAttribute('data-value');
    expect(firstPipeline).toBe(report.team.forecast[0]?.pipelineWeighted);
    expect(Number(firstPipeline)).toBeGreaterThan(0);
    await screenshot(d.page, 'insight/trends-en', { fullPage: true });
    // Per rep sorts on a click; its CSV says the headers without the sort marks, the rows as shown.
    await d.page
      .locator('section[aria-labelledby="h-rep-forecast"]')
      .getByRole('button', { name: 'Rep' })
      .click();
    const csv = (await d.tableCsv('h-rep-forecast')).replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[0]).toBe('Rep,Method,MASE,Forecast total,Weighted pipeline');
    const reps = await d.page.getByTestId('rep-forecast').locator('tbody th').allTextContents();
    expect(reps).toEqual([...reps].sort((a, b) => a.localeCompare(b)));
    expect(csv.slice(1, -1).map((l) => l.split(',')[0])).toEqual(reps);
  });

  it('customers table: the churn risk column sorts by score and filters late customers', async () => {
    const top = await api<{ total: number; items: { name: string; churnScore: number | null }[] }>(
      '/reports/customers?sort=churn&limit=5',
    );
    const late = await api<{ total: number }>('/reports/customers?late=true&limit=1');
    const d = await open();
    await d.nav('/customers');
    await d.page.getByTestId('customers-summary').waitFor();
    await d.page.getByRole('button', { name: /Churn risk/ }).click();
    await d.settled();
    // First click sorts descending: the highest-risk customers first, as the report says.
    await expect
      .poll(async () => (await d.page.locator('tbody tr th.name').allTextContents()).slice(0, 5))
      .toEqual(top.items.map((r) => r.name));
    const scores = (await d.page.getByTestId('churn-cell').locator('.risk').allTextContents()).map(Number);
    expect(scores.slice(0, 5)).toEqual(top.items.map((r) => r.churnScore));
    await d.page.getByTestId('churn-filter').selectOption('late');
    await d.settled();
    await expect
      .poll(() => d.page.getByTestId('customers-summary').textContent())
      .toContain(late.total.toLocaleString('en'));
    await screenshot(d.page, 'insight/customers-churn-en', { fullPage: false });
    const z = await open('zh-CN');
    await z.nav('/customers');
    await z.page.getByTestId('customers-summary').waitFor();
    await z.page.getByRole('button', { name: /流失风险/ }).click();
    await z.settled();
    await screenshot(z.page, 'insight/customers-churn-zh-CN', { fullPage: false });
  });

  it('customers: a date range window and margin bounds say what is wrong, then filter as the report does', async () => {
    const ranged = await api<{ total: number }>('/reports/customers?from=2017-06-01&to=2018-01-01&limit=1');
    const margined = await api<{ total: number }>(
      '/reports/customers?from=2017-06-01&to=2018-01-01&minMargin=0.2&maxMargin=0.3&limit=1',
    );
    expect(margined.total).toBeLessThan(ranged.total);
    const d = await open();
    await d.nav('/customers');
    const summary = d.page.getByTestId('customers-summary');
    await summary.waitFor();
    await d.page.getByRole('combobox', { name: 'Window' }).selectOption('range');
    await d.page.getByLabel('From', { exact: true }).fill('2017-06-01');
    const last = d.page.getByLabel('To (included)');
    await last.fill('2017-01-01');
    await d.page.getByRole('alert').filter({ hasText: 'The start must not be after the end.' }).waitFor();
    expect(await last.getAttribute('aria-invalid')).toBe('true');
    expect(await d.page.getByLabel('From', { exact: true }).getAttribute('aria-invalid')).toBeNull();
    await last.fill('2017-12-31');
    await expect.poll(() => last.getAttribute('aria-invalid')).toBe('false');
    await d.settled();
    await expect.poll(() => summary.textContent()).toContain(ranged.total.toLocaleString('en'));
    // A bound that is not a percentage is marked and said; fixed, the bounds filter.
    const from = d.page.getByLabel('Margin from %');
    await from.fill('abc');
    await d.page.getByRole('alert').filter({ hasText: 'A margin bound is a percentage' }).waitFor();
    expect(await from.getAttribute('aria-invalid')).toBe('true');
    await from.fill('20');
    await d.page.getByLabel('Margin to %').fill('30');
    expect(await from.getAttribute('aria-invalid')).toBe('false');
    await d.settled();
    await expect.poll(() => summary.textContent()).toContain(margined.total.toLocaleString('en'));
  });

  it('in Simplified Chinese, and the contact page says who knows them best', async () => {
    const d = await open('zh-CN');
    await d.nav('/segments');
    await expect.poll(() => d.heading().textContent()).toBe('客户分群');
    await d.page.getByTestId('churn').waitFor();
    await d.settled();
    await screenshot(d.page, 'insight/segments-zh-CN', { fullPage: true });
    await d.nav('/trends');
    await expect.poll(() => d.heading().textContent()).toBe('趋势与预测');
    await d.page.getByTestId('forecast').waitFor();
    await d.settled();
    await screenshot(d.page, 'insight/trends-zh-CN', { fullPage: true });

    const e = await open();
    await e.page.goto(`${world.url}/contacts/${contactId}`);
    await e.page.getByTestId('knows-best').waitFor();
    expect(await e.page.getByTestId('knows-best').textContent()).toBe('Ask Sam Rep — 4 emails this quarter');
    await screenshot(e.page, 'insight/contact-relationships-en', { fullPage: true });
  });

  it('campaigns: a list from filters with a live count, saved, touched, with its report', async () => {
    const d = await open();
    await d.nav('/campaigns');
    await expect.poll(() => d.heading().textContent()).toBe('Campaigns');
    await d.page.getByTestId('campaign-tier').selectOption('B');
    await d.page.getByTestId('campaign-churn').selectOption('late');
    const want = await api<{ members: number }>('/campaigns/preview', {
      method: 'POST',
      json: { tier: ['B'], churn: 'late' },
    });
    await expect
      .poll(() => d.page.getByTestId('campaign-count').textContent())
      .toBe(`${want.members.toLocaleString('en')} customers match now`);
    await d.page.getByTestId('campaign-name').fill('Tier B winback');
    await d.page.getByRole('button', { name: 'Save list' }).click();
    await d.page.getByTestId('campaign').waitFor();
    await d.settled();
    await screenshot(d.page, 'insight/campaigns-en', { fullPage: true });
  });
});
