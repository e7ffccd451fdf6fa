// The team lead's dashboard end to end: the real server (in-process, SQLite) seeded by importing the
// project's generated 10k-line retail CSV, the dashboard built by Vite exactly as `build:dashboard`
// does, and real Chromium at 1280 px. Screenshots land in test/artifacts/dashboard/.
import type { User } from '@rapport/server/store/store';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { superstoreCsv } from '../generators/superstore.ts';
import {
  type DashboardWorld,
  MEMBER_PASSWORD as PASSWORD,
  screenshot,
  startDashboardWorld,
  TEST_ADMIN,
} from './harness/index.ts';
import type { DashboardPage } from './pages/dashboard.ts';
import { interactionBody } from './pages/rapport-api.ts';

const LEAD = 'lead@rapport.test';
const RITA = 'rita@rapport.test';
const SAM = 'sam@rapport.test';

type Row = Record<string, unknown>;

describe('team-lead dashboard on 10k imported lines', () => {
  let world: DashboardWorld;
  let url: string;
  let rita: User;
  let sam: User;
  let contactId: string;

  const api = <T = Row>(path: string, init: { method?: string; json?: unknown; as?: string } = {}) =>
    world.api<T>(path, init);
  const login = async (email: string, password: string) =>
    fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });

  /** A fresh browser context at a laptop's 1280 × 800, signed in as `email`. */
  const open = (email: string): Promise<DashboardPage> => world.open(email);

  beforeAll(async () => {
    world = await startDashboardWorld({
      members: [
        { email: LEAD, name: 'Lena Lead', role: 'lead' },
        { email: RITA, name: 'Rita Rep', role: 'rep' },
        { email: SAM, name: 'Sam Rep', role: 'rep' },
      ],
    });
    url = world.url;
    rita = world.users.get(RITA) as User;
    sam = world.users.get(SAM) as User;

    // The project's generated retail file: 10,000 lines, Superstore columns.
    await world.importOrders(new Uint8Array(superstoreCsv({ rows: 10_000 })));
    // Rita owns the 12 biggest buyers (Sean Miller, the loss-making top buyer, among them).
    const top = await api<{ items: Row[] }>('/reports/customers?allTime=true&sort=revenue&limit=12');
    for (const c of top.items)
      await api(`/customers/${c.id}`, { method: 'PATCH', json: { ownerId: rita.id } });
    // A contact of the biggest buyer in the tier window, with two logged interactions.
    const buyer = (await api<{ items: Row[] }>('/reports/customers?sort=revenue&limit=1')).items[0] as Row;
    const contact = await api<Row>('/contacts', {
      json: {
        name: 'Morgan Buyer',
        emails: ['morgan@buyer.example'],
        title: 'Purchasing manager',
        customerId: buyer.id,
        ownerId: rita.id,
        tags: ['key account'],
      },
    });
    contactId = String(contact.id);
    for (const [at, subject, direction] of [
      ['2026-11-20T10:00:00.000Z', 'Discount request for Q1', 'in'],
      ['2026-11-21T15:30:00.000Z', 'Re: Discount request for Q1', 'out'],
    ] as const)
      await api('/interactions', {
        json: interactionBody({
          contactId,
          customerId: buyer.id,
          kind: 'email',
          channel: 'email',
          direction,
          at,
          subject,
        }),
      });
  }, 180_000);

  afterAll(() => world?.close());

  it("overview → the loss-making top buyer's page: tier D and the loss, orders, keyboard", async () => {
    const d = await open(LEAD);
    const { page } = d;
    await expect.poll(() => d.heading().textContent()).toBe('Overview');
    await d.settled();
    await screenshot(page, 'dashboard/overview-en', { fullPage: true });

    // The biggest buyer in the tier window costs money: the overview says so and links to the page.
    const top = (await api<{ items: Row[] }>('/reports/customers?sort=revenue&limit=1', { as: LEAD }))
      .items[0] as Row;
    expect(String(top.profit).startsWith('-')).toBe(true);
    await page.locator('.callout .alert-line a').click();
    await page.waitForURL(/\/customers\/[^/]+$/);
    await expect.poll(() => d.heading().textContent()).toBe(top.name);
    const id = decodeURIComponent(page.url().split('/').pop() as string);
    expect(id).toBe(top.id);
    const detail = await api<{ figures: Row; totals: Row; years: Row[] }>(`/reports/customers/${id}`, {
      as: LEAD,
    });
    expect(detail.figures.tier).toBe('D');
    expect(String(detail.totals.profit).startsWith('-')).toBe(true);
    await page.locator('.crumbs .tier-D').waitFor();
    const loss = await page.getByTestId('customer-loss').textContent();
    // The loss in cents, as Intl formats the API's exact amount.
    const amount = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' }).format(
      String(detail.totals.profit).slice(1) as `${number}`,
    );
    expect(loss).toContain(amount);
    await d.settled();
    await screenshot(page, 'dashboard/customer-en', { fullPage: true });

    // The by-year table downloads as CSV with the exact amounts.
    const years = Papa.parse<string[]>((await d.tableCsv('h-years')).replace(/^\uFEFF/, ''), {
      skipEmptyLines: true,
    }).data;
    expect(years[0]?.slice(0, 4)).toEqual(['Year', 'Tier', 'Revenue', 'Profit']);
    expect(years.slice(1).map((r) => r.slice(0, 4))).toEqual(
      detail.years.map((y) => [y.period, y.tier, y.revenue, y.profit]),
    );

    // Orders: only loss-making lines, and the summary follows.
    const lines = await api<{ total: number; matching: Row }>(`/reports/customers/${id}/lines?loss=true`, {
      as: LEAD,
    });
    await page.getByLabel('Loss-making lines only').check();
    await expect
      .poll(() =>
        page
          .locator('#h-orders ~ .table-summary, section[aria-labelledby="h-orders"] .table-summary')
          .textContent(),
      )
      .toContain(`${lines.total} lines`);

    // Keyboard: `/` focuses the customers search, j highlights the first row, Enter opens it.
    await d.nav('/customers');
    await d.settled();
    await page.keyboard.press('/');
    await page.keyboard.type(String(top.externalId));
    await expect.poll(() => page.locator('main table tbody tr').count()).toBe(1);
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    await expect.poll(() => page.locator('tr.cursor').count()).toBe(1);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${url}/customers/${encodeURIComponent(id)}`);
    await page.close();
  });

  it('contact page: edit what a salesperson captured, then erase', async () => {
    const d = await open(LEAD);
    const { page } = d;
    await page.goto(`${url}/contacts/${contactId}`);
    await expect.poll(() => d.heading().textContent()).toBe('Morgan Buyer');
    await page.getByText('Discount request for Q1', { exact: true }).waitFor();
    await page.getByLabel('Job title', { exact: true }).fill('Head of purchasing');
    await page.getByLabel('Phones', { exact: true }).fill('+1 415 555 0132');
    await page.getByLabel('Tags', { exact: true }).fill('key account, discount hunter');
    await page.getByLabel('Birthday', { exact: true }).fill('03-14');
    await page.getByLabel('Preferred channel', { exact: true }).selectOption('phone');
    await page.getByLabel('Emails', { exact: true }).fill('morgan@buyer.example (work)');
    await page.getByLabel('Phones', { exact: true }).fill('+1 415 555 0132 (mobile)');
    await page
      .getByLabel('Addresses', { exact: true })
      .fill('work | 500 Market St | San Francisco | CA | 94105 | US');
    await page.getByLabel('Web addresses', { exact: true }).fill('https://buyer.example/team');
    await page
      .getByLabel('Notes', { exact: true })
      .fill('Asks for a discount every quarter.\nDecides in January.');
    await page.getByRole('button', { name: 'Save contact' }).click();
    await page.locator('.saved[role="status"]').waitFor();
    const saved = await api<Row & { preferences: Row }>(`/contacts/${contactId}`, { as: LEAD });
    expect(saved).toMatchObject({
      title: 'Head of purchasing',
      phones: ['+14155550132'],
      birthday: '03-14',
      emailTypes: [{ email: 'morgan@buyer.example', type: 'work' }],
      phoneTypes: [{ phone: '+14155550132', type: 'mobile' }],
      addresses: [
        {
          type: 'work',
          street: '500 Market St',
          city: 'San Francisco',
          region: 'CA',
          postcode: '94105',
          country: 'US',
        },
      ],
      urls: ['https://buyer.example/team'],
      notes: 'Asks for a discount every quarter.\nDecides in January.',
    });
    expect((saved.tags as string[]).toSorted()).toEqual(['discount hunter', 'key account']);
    expect(saved.preferences.channel).toBe('phone');
    // A bad value is refused with the field named, and nothing is saved.
    await page.getByLabel('Emails', { exact: true }).fill('not an email');
    await page.getByRole('button', { name: 'Save contact' }).click();
    await expect.poll(() => page.locator('.form-error[role="alert"]').textContent()).toMatch(/email/i);
    await page.getByLabel('Emails', { exact: true }).fill('morgan@buyer.example');
    await screenshot(page, 'dashboard/contact-en', { fullPage: true });

    await page.getByRole('button', { name: 'Erase this contact' }).click();
    await page.getByRole('button', { name: 'Erase Morgan Buyer for good' }).click();
    await page.waitForURL(/\/customers\/[^/]+$/);
    const gone = await fetch(`${url}/api/v1/contacts/${contactId}`, {
      headers: { authorization: `Bearer ${await world.token(LEAD)}` },
    });
    expect(gone.status).toBe(404);
    await page.close();
  });

  it('customers filtered to tier D: the summary follows the filter, and the CSV export equals the API', async () => {
    const d = await open(LEAD);
    const { page } = d;
    await d.nav('/customers');
    await d.settled();
    await page.getByTestId('tier-filter').selectOption('D');
    const report = await api<{ total: number; matching: Row; totals: Row; items: Row[] }>(
      '/reports/customers?tier=D&sort=profit&order=desc&limit=100000',
      { as: LEAD },
    );
    expect(report.total).toBeGreaterThan(0);
    const money = (v: unknown) =>
      new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(
        String(v) as `${number}`,
      );
    const summary = page.getByTestId('customers-summary');
    await expect.poll(() => summary.textContent()).toContain(`${report.total} customers`);
    // The D customers' own totals, not the whole team's.
    expect(await summary.textContent()).toContain(money(report.matching.profit));
    expect(report.matching.profit).not.toBe(report.totals.profit);
    await d.settled();
    await screenshot(page, 'dashboard/customers-en');

    const csv = await d.exportCustomers();
    const rows = Papa.parse<Row>(csv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => [r.customerId, r.name, r.tier, r.revenue, r.profit, r.margin, r.orders])).toEqual(
      report.items.map((r) => [
        r.customerId,
        r.name,
        r.tier,
        r.revenue,
        r.profit,
        r.margin ?? '',
        String(r.orders),
      ]),
    );

    // Company filter: the customers of a company (here: the top D customer, through a contact who works there).
    const company = await api<Row>('/companies', {
      json: { name: 'Loss Leaders Inc', domains: [] },
      as: LEAD,
    });
    const top = report.items[0] as Row;
    await api('/contacts', {
      json: { name: 'Lee Leader', customerId: top.id, companyId: company.id },
      as: LEAD,
    });
    await page.reload();
    await d.settled();
    await page.getByTestId('tier-filter').selectOption('D');
    await page.getByTestId('company-filter').selectOption({ label: 'Loss Leaders Inc' });
    await expect.poll(() => summary.textContent()).toMatch(/\b1 customers?\b/);
    const ofCompany = await api<{ items: Row[] }>(
      `/reports/customers?tier=D&companyId=${company.id}&sort=profit&order=desc&limit=100000`,
      { as: LEAD },
    );
    const companyCsv = Papa.parse<Row>((await d.exportCustomers()).replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(companyCsv.map((r) => [r.customerId, r.profit])).toEqual(
      ofCompany.items.map((r) => [r.customerId, r.profit]),
    );
    expect(companyCsv.map((r) => r.customerId)).toEqual([top.customerId]);
    await d.settled();
    await screenshot(page, 'dashboard/customers-company-en');
    await page.close();
  });

  it("admin deactivates a rep and reassigns the rep's customers", async () => {
    const d = await open(TEST_ADMIN.email);
    const { page } = d;
    await d.nav('/team');
    await page.getByTestId(`member-${RITA}`).getByRole('button', { name: 'Deactivate' }).click();
    await expect
      .poll(() => page.locator('.saved[role="status"]').textContent())
      .toContain('Rita Rep is deactivated');
    expect((await login(RITA, PASSWORD)).status).toBeGreaterThanOrEqual(400);
    // The deactivated rep is preselected as the one to reassign from.
    expect(await page.getByTestId('reassign-from').inputValue()).toBe(rita.id);
    await page.getByTestId('reassign-to').selectOption(sam.id);
    await page.getByRole('button', { name: 'Reassign', exact: true }).click();
    await expect
      .poll(() => page.locator('.saved[role="status"]').textContent())
      .toContain('Moved 12 customers');
    const left = await api<{ total: number }>(`/reports/customers?allTime=true&ownerId=${rita.id}`);
    const moved = await api<{ total: number }>(`/reports/customers?allTime=true&ownerId=${sam.id}`);
    expect([left.total, moved.total]).toEqual([0, 12]);
    await screenshot(page, 'dashboard/team-en', { fullPage: true });
    await page.close();
  });

  it('shows the reps, satisfaction and settings screens and the sign-in page', async () => {
    const d = await open(TEST_ADMIN.email);
    const { page } = d;
    for (const [path, heading, name] of [
      ['/reps', 'Reps', 'reps-en'],
      ['/satisfaction', 'Satisfaction & coefficient', 'satisfaction-en'],
      ['/settings', 'Settings', 'settings-en'],
    ] as const) {
      await d.nav(path);
      await expect.poll(() => d.heading().textContent()).toBe(heading);
      await d.settled();
      await screenshot(page, `dashboard/${name}`, { fullPage: true });
    }
    const context = await world.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const signIn = await context.newPage();
    await signIn.goto(url);
    await signIn.locator('input[type="password"]').waitFor();
    await screenshot(signIn, 'dashboard/sign-in-en');
    await page.close();
  });

  it('reads in Simplified Chinese', async () => {
    const d = await open(LEAD);
    const { page } = d;
    await d.setLanguage('zh-CN');
    await expect.poll(() => d.heading().textContent()).toBe('概览');
    await d.settled();
    await screenshot(page, 'dashboard/overview-zh-CN', { fullPage: true });
    await page.locator('.callout .alert-line a').click();
    await expect.poll(() => d.heading().textContent()).not.toBe('概览');
    await page.getByText('该客户在此期间亏损').waitFor();
    await d.settled();
    await screenshot(page, 'dashboard/customer-zh-CN', { fullPage: true });
    await d.nav('/customers');
    await d.settled();
    await screenshot(page, 'dashboard/customers-zh-CN');
    // A server error is said by its code in Chinese (@rapport/shared/api-errors), not in its English.
    await page.goto(`${url}/customers/0190f1a2-7c3e-7000-8000-1234567890ab`);
    const error = page.locator('.state.error[role="alert"] p');
    await expect.poll(() => error.textContent()).toBe('出错了：未找到，可能已被删除。');
    await screenshot(page, 'dashboard/error-zh-CN');
    await page.close();
  });

  it('a lead merges a duplicate customer into another: preview, merge, one customer with both totals', async () => {
    const report = await api<{ items: Row[]; totals: Row }>(
      '/reports/customers?allTime=true&sort=revenue&order=asc&limit=2',
      { as: LEAD },
    );
    const [into, dup] = report.items as [Row, Row];
    const d = await open(LEAD);
    const { page } = d;
    await d.setLanguage('en');
    await page.goto(`${url}/customers/${into.id}`);
    await expect.poll(() => d.heading().textContent()).toBe(String(into.name));
    await page.getByTestId('merge-search').fill(String(dup.name));
    await page.getByRole('button', { name: 'Preview' }).first().click();
    const preview = page.getByTestId('merge-preview');
    await expect.poll(() => preview.textContent()).toContain(`${dup.lines} order lines`);
    await d.settled();
    await screenshot(page, 'dashboard/customer-merge-en', { fullPage: true });
    await page.getByRole('button', { name: `Merge ${dup.name} into this customer` }).click();
    await page.getByText(`Merged ${dup.name} into this customer.`).waitFor();
    const after = await api<{ items: Row[]; totals: Row }>(
      '/reports/customers?allTime=true&sort=revenue&order=asc&limit=100000',
      { as: LEAD },
    );
    expect(after.items.map((r) => r.id)).not.toContain(dup.id);
    const merged = after.items.find((r) => r.id === into.id) as Row;
    expect(merged.lines).toBe(Number(into.lines) + Number(dup.lines));
    expect(after.totals.revenue).toBe(report.totals.revenue);
    await page.close();
  });
});
