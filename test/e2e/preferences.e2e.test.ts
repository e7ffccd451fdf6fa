// Greetings and preferences end to end: a rep sets a contact's birthday and preferred channel on the Gmail
// thread card (the card shows "Birthday in 3 days"), it syncs, and the dashboard's contact page shows both.
// The side panel's contact view shows the same section (screenshot).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionWorld, startExtensionWorld } from './harness/extension-world.ts';
import { type RapportServer, screenshot } from './harness/index.ts';
import { clickButton, focusField, pierceDocument, text, waitForKnownBadges } from './pages/badges.ts';
import { addContact, type RapportApi } from './pages/rapport-api.ts';
import type { SignedInBrowser } from './pages/signed-in-browser.ts';

const GMAIL_THREAD = 'https://mail.google.com/mail/u/1/';

describe('greetings and preferences from the Gmail card to the dashboard', () => {
  let world: ExtensionWorld;
  let server: RapportServer;
  let api: RapportApi;
  let session: SignedInBrowser;
  let page: Page;
  let contactId: string;

  beforeAll(async () => {
    world = await startExtensionWorld({
      pages: { [GMAIL_THREAD]: 'gmail/2025-thread.html' },
    });
    ({ server, api } = world);
    contactId = (await addContact(api, { name: 'Rahul Mehta', emails: ['rahul.mehta@supplier.example'] })).id;
    session = await world.signIn();
    page = await world.newPage(
      { width: 1280, height: 900 },
      `${GMAIL_THREAD}#inbox/FMfcgzQbgRnJxwXbKqsVmWbRLpHvDkJz`,
    );
  });

  afterAll(() => world?.close());

  it('edits the birthday and preferred channel on the card and sees them on the dashboard contact page', async () => {
    await waitForKnownBadges(page, ['Rahul Mehta']);
    await page.locator('rapport-badge').first().click();
    await clickButton(page, 'Add');
    // Three days from today (the browser and this process share the machine's zone).
    const soon = new Date(Date.now() + 3 * 86_400_000);
    const mmdd = `${String(soon.getMonth() + 1).padStart(2, '0')}-${String(soon.getDate()).padStart(2, '0')}`;
    await focusField(page, 'prefs-birthday');
    await page.keyboard.type(mmdd);
    await focusField(page, 'prefs-channel');
    await page.keyboard.type('WeChat');
    await focusField(page, 'prefs-interests');
    await page.keyboard.type('tea, golf');
    await focusField(page, 'prefs-gift');
    await page.keyboard.type('Pu-erh tea, no alcohol');
    await screenshot(page, 'e2e/card-preferences-form');
    await clickButton(page, 'Save');
    // "Preferences saved." shows as soon as the write is done; the form closes only after the card has
    // reloaded the contact. Wait for the closed form's text, not the notice (reading right after the
    // notice was the flaky race: the form could still be open).
    await expect
      .poll(async () => text(await pierceDocument(page)), { timeout: 10_000 })
      .toContain('Birthday in 3 days');
    const card = text(await pierceDocument(page));
    expect(card).toContain('Preferences saved.');
    expect(card).toContain('Preferred channelWeChat');
    expect(card).toContain('Interestsgolf, tea');
    await screenshot(page, 'e2e/card-preferences');

    await session.panel.syncNow();
    const stored = await api.request<{ birthday: string; preferences: Record<string, unknown> }>(
      'GET',
      `/contacts/${contactId}`,
    );
    expect(stored.birthday).toBe(mmdd);
    expect(stored.preferences).toMatchObject({
      channel: 'wechat',
      interests: ['golf', 'tea'],
      giftNotes: 'Pu-erh tea, no alcohol',
    });

    const dash = await world.openDashboard({ width: 1280, height: 1000 });
    await dash.page.goto(`${server.url}/contacts/${contactId}`);
    await dash.settled();
    await expect.poll(() => dash.page.locator('#contact-birthday').inputValue()).toBe(mmdd);
    expect(await dash.page.locator('#contact-channel').inputValue()).toBe('wechat');
    expect(await dash.page.locator('#contact-interests').inputValue()).toBe('golf, tea');
    await dash.page.close();

    // The side panel's contact view shows the same section.
    await session.panel.search('Rahul');
    await session.panel.page.locator('.person-name', { hasText: 'Rahul Mehta' }).click();
    const prefs = session.panel.page.locator('.prefs-card');
    await prefs.waitFor();
    expect(await prefs.textContent()).toContain('Birthday in 3 days');
    await screenshot(session.panel.page, 'e2e/sidepanel-preferences');
  });

  it("the side panel's Settings switches save each preference, in English and Simplified Chinese", async () => {
    const panel = session.panel.page;
    await session.panel.tab('Settings').click();
    const pause = panel.getByRole('switch', { name: /Pause capture/ });
    const autoLog = panel.getByRole('switch', { name: /Auto-log Gmail threads/ });
    expect(await panel.getByRole('switch').count()).toBe(4);
    expect(await pause.isChecked()).toBe(false);
    const autoLogWas = await autoLog.isChecked();
    await pause.click();
    await autoLog.click();
    await panel.getByText('Saved.').first().waitFor();
    // Saved in the extension: a fresh panel reads them back.
    await panel.reload();
    await panel.waitForSelector('.app-header');
    await session.panel.tab('Settings').click();
    await expect.poll(() => pause.isChecked()).toBe(true);
    expect(await autoLog.isChecked()).toBe(!autoLogWas);
    await screenshot(panel, 'e2e/sidepanel-settings', { fullPage: true });
    // The same switches in Simplified Chinese (chosen in the form's own language select).
    await panel.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await panel.getByRole('switch', { name: /暂停采集/ }).waitFor();
    expect(await panel.getByRole('switch', { name: /暂停采集/ }).isChecked()).toBe(true);
    // The note of the language change is said in the new language.
    await panel.getByText('已保存。').waitFor();
    await screenshot(panel, 'e2e/sidepanel-settings-zh-CN', { fullPage: true });
    // Back as it was.
    await panel.getByRole('switch', { name: /暂停采集/ }).click();
    await panel.getByRole('switch', { name: /自动记录 Gmail 邮件/ }).click();
    await panel.getByRole('combobox', { name: '语言' }).selectOption('');
    await expect.poll(() => pause.isChecked()).toBe(false);
  });
});
