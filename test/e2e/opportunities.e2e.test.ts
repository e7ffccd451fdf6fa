// Sales end to end in real Chromium: a rep opens the sender's card on the saved Gmail thread, creates an
// opportunity from it and moves it one stage; after sync the lead sees it on the dashboard's Pipeline
// screen. The lead then assigns the rep a task about that person on the dashboard's contact page; after
// sync it shows in the rep's side-panel follow-ups, the badge turns overdue and the card names the task;
// "Done" in the side panel clears it everywhere. Writes the screenshots the README shows.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionWorld, startExtensionWorld } from './harness/extension-world.ts';
import { type RapportServer, screenshot } from './harness/index.ts';
import { clickButton, pierceDocument, setCardField, text, waitForKnownBadges } from './pages/badges.ts';
import { addContact, daysAgo, type RapportApi } from './pages/rapport-api.ts';
import type { SignedInBrowser } from './pages/signed-in-browser.ts';

const GMAIL_THREAD = 'https://mail.google.com/mail/u/1/';
const REP = { email: 'rita@rapport.test', password: 'a long rep password', name: 'Rita Rep' };
const DEAL = 'Autumn volumes: 40 task chairs';
const TASK = 'Call Rahul about the autumn order';

interface OpportunityRow {
  id: string;
  title: string;
  amount: string;
  expectedMargin: string | null;
  stage: string;
  closeDate: string | null;
  ownerId: string | null;
  contactId: string | null;
}
interface TaskRow {
  id: string;
  title: string;
  done: boolean;
  assigneeId: string;
  contactId: string | null;
}

describe('opportunities and tasks from Gmail to the dashboard and back', () => {
  let world: ExtensionWorld;
  let server: RapportServer;
  let api: RapportApi;
  let session: SignedInBrowser;
  let page: Page;
  let rahulId: string;
  let rep: Awaited<ReturnType<RapportServer['addUser']>>;
  let repId: string;

  const rahul = async () => (await waitForKnownBadges(page, ['Rahul Mehta'])).get('Rahul Mehta');
  const cardText = async () => text(await pierceDocument(page)).replace(/\s+/g, ' ');

  beforeAll(async () => {
    world = await startExtensionWorld({
      pages: { [GMAIL_THREAD]: 'gmail/2025-thread.html' },
    });
    ({ server, api } = world);
    rep = await server.addUser({ ...REP, role: 'rep' });
    repId = rep.user.id;
    rahulId = (await addContact(api, { name: 'Rahul Mehta', emails: ['rahul.mehta@supplier.example'] })).id;
    // The rep's browser: signed in as Rita, not as the admin.
    session = await world.signIn(rep);
    page = await world.newPage(
      { width: 1280, height: 900 },
      `${GMAIL_THREAD}#inbox/FMfcgzQbgRnJxwXbKqsVmWbRLpHvDkJz`,
    );
  });

  afterAll(() => world?.close());

  it('creates a deal from the thread card, moves it a stage, and the lead sees it on the Pipeline screen', async () => {
    expect((await rahul())?.dot).toBe('none');
    await page.locator('rapport-badge').first().click();
    await clickButton(page, 'New opportunity');
    await setCardField(page, 'opp-title', DEAL);
    await setCardField(page, 'opp-amount', '12,500');
    // A bad margin first: the form says what is wrong and sends nothing.
    await setCardField(page, 'opp-margin', '135');
    await clickButton(page, 'Save opportunity');
    await expect.poll(cardText).toContain('The margin is a percentage from 0 to 100');
    await setCardField(page, 'opp-margin', '32.5');
    await setCardField(page, 'opp-close', daysAgo(-20).slice(0, 10));
    await setCardField(page, 'opp-stage', 'proposal');
    await expect.poll(cardText).toContain('Weighted by the stage’s probability: $6,250.00');
    await screenshot(page, 'e2e/opportunity-card-form');
    await clickButton(page, 'Save opportunity');
    await expect.poll(cardText).toContain('Opportunity saved.');
    await clickButton(page, '→ Negotiation');
    await expect.poll(cardText).toContain('Moved to Negotiation.');
    await expect.poll(cardText).toContain('$12,500.00 · Negotiation 75 %');
    await screenshot(page, 'e2e/opportunity-card-list');

    await session.panel.syncNow();
    const [deal] = await api.list<OpportunityRow>('opportunities');
    expect(deal).toMatchObject({
      title: DEAL,
      amount: '12500.00',
      expectedMargin: '0.325',
      stage: 'negotiation',
      ownerId: repId,
      contactId: rahulId,
    });

    const dash = await world.openDashboard({ width: 1280, height: 1100 });
    await dash.nav('/pipeline');
    await dash.settled();
    const open = dash.page.locator('section[aria-labelledby="h-open"]');
    await expect.poll(() => open.textContent()).toContain(DEAL);
    // 12,500 at negotiation (75 %): weighted 9,375.
    expect(await dash.page.locator('main').textContent()).toContain('9,375');
    await screenshot(dash.page, 'e2e/opportunity-dashboard-pipeline', { fullPage: true });

    // The rep's side panel lists the deal with its one-click moves; Won in one more click there: no
    // open deal, so no cadence and no follow-up for Rahul.
    await page.bringToFront();
    await page.keyboard.press('Escape');
    expect(await session.panel.search('Rahul')).toEqual(['Rahul Mehta']);
    await session.panel.page.locator('.person-name', { hasText: 'Rahul Mehta' }).click();
    const deals = session.panel.page.locator('ul.opps');
    await deals.waitFor();
    expect(await deals.textContent()).toContain('Negotiation · 75 %');
    expect(await deals.textContent()).toContain('weighted $9.4K');
    await deals.evaluate((el) => el.closest('section')?.scrollIntoView({ block: 'start' }));
    await screenshot(session.panel.page, 'e2e/sidepanel-opportunities');
    await deals.getByRole('button', { name: '→ Won' }).click();
    await expect.poll(() => deals.textContent()).toContain('Won · 100 %');
    await session.panel.syncNow();
    expect((await api.list<OpportunityRow>('opportunities'))[0]?.stage).toBe('won');
    await page.bringToFront();
    await expect.poll(async () => (await rahul())?.dot, { timeout: 10_000 }).toBe('none');

    // The lead gives Rita a task about Rahul, due yesterday, on his contact page.
    await dash.page.bringToFront();
    await dash.page.goto(`${server.url}/contacts/${rahulId}`);
    const form = dash.page.locator('form.task-form');
    await form.waitFor();
    await form.getByLabel('To').selectOption({ label: REP.name });
    await form.getByLabel('Task').fill(TASK);
    await form.getByLabel('Due').fill(daysAgo(1).slice(0, 10));
    await form.getByLabel('Note').fill('He wants the price for 40 chairs');
    await form.getByRole('button', { name: 'Assign' }).click();
    await form.getByText('Task assigned.').waitFor();
    await dash.page.close();
    const [task] = await api.list<TaskRow>('tasks');
    expect(task).toMatchObject({ title: TASK, assigneeId: repId, contactId: rahulId, done: false });

    // After sync: the rep's follow-ups list it, the badge is overdue and the card names the task.
    await session.panel.syncNow();
    await session.panel.tab('Follow-ups').click();
    const row = session.panel.page.locator('li.task-row', { hasText: TASK });
    await row.waitFor();
    expect(await row.textContent()).toContain('Rahul Mehta');
    await screenshot(session.panel.page, 'e2e/sidepanel-tasks');
    // The same in Simplified Chinese (the language select in Settings), then back to English.
    const panel = session.panel.page;
    const language = panel.locator('select:has(option[value="zh-CN"])');
    await session.panel.tab('Settings').click();
    await language.selectOption('zh-CN');
    await panel.locator('nav.tabs button').nth(1).click();
    await expect.poll(() => panel.locator('li.task-row').textContent()).toContain('任务');
    expect(await panel.locator('li.task-row').textContent()).toContain('完成');
    await screenshot(panel, 'e2e/sidepanel-tasks-zh-CN');
    await panel.locator('nav.tabs button').nth(3).click();
    await language.selectOption('en');
    await session.panel.tab('Follow-ups').click();
    await row.waitFor();

    await page.bringToFront();
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await rahul())?.dot, { timeout: 10_000 }).toBe('overdue');
    await page.locator('rapport-badge').first().click();
    await expect.poll(cardText).toContain(`Task: ${TASK}`);
    await screenshot(page, 'e2e/opportunity-card-task');
    await page.keyboard.press('Escape');

    // The task row opens Rahul's contact, where the deal now reads Won.
    await row.locator('button.person').click();
    await expect.poll(() => session.panel.page.locator('ul.opps').textContent()).toContain('Won · 100 %');

    // Done: synced, and the badge is no longer overdue.
    await session.panel.tab('Follow-ups').click();
    await session.panel.page
      .locator('li.task-row', { hasText: TASK })
      .getByRole('button', { name: 'Done' })
      .click();
    await session.panel.page.locator('li.task-row').waitFor({ state: 'detached' });
    await session.panel.syncNow();
    const [ticked] = await api.list<TaskRow>('tasks');
    expect(ticked?.done).toBe(true);
    await page.bringToFront();
    await expect.poll(async () => (await rahul())?.dot, { timeout: 10_000 }).toBe('none');
  });
});
