// Page object for the extension's side panel (extension/ui/panel), driven by its visible labels.
import type { Locator, Page } from 'playwright-core';
import { type ExtensionBrowser, screenshot } from '../harness/index.ts';

export class SidePanel {
  private constructor(readonly page: Page) {}

  static async open(browser: ExtensionBrowser, hash = ''): Promise<SidePanel> {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 400, height: 860 });
    await page.goto(browser.extensionUrl(`/sidepanel.html${hash}`));
    await page.waitForSelector('.app-header');
    return new SidePanel(page);
  }

  tab(name: 'People' | 'Follow-ups' | 'Sync' | 'Settings'): Locator {
    return this.page.locator('nav.tabs button', { hasText: name });
  }

  /** The header's one-line sync status ("2 changes waiting", "Synced just now", …). */
  get indicator(): Locator {
    return this.page.locator('.sync-indicator');
  }

  /** Signs in through the Settings form (the click is the gesture the host permission prompt needs). */
  async signIn(serverUrl: string, email: string, password: string): Promise<void> {
    await this.tab('Settings').click();
    const form = this.page.locator('form.form');
    await form.getByRole('textbox', { name: 'Server URL' }).fill(serverUrl);
    await form.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
    await form.getByLabel('Password', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    try {
      await this.page.getByText('Signed in as').first().waitFor({ timeout: 15_000 });
    } catch (err) {
      await screenshot(this.page, 'e2e/sidepanel-sign-in-failed');
      throw err;
    }
  }

  async createContact(fields: { name: string; email?: string; title?: string }): Promise<void> {
    await this.tab('People').click();
    await this.page.getByRole('button', { name: 'New contact' }).first().click();
    const form = this.page.locator('form.card');
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill(fields.name);
    if (fields.email) await form.getByRole('textbox', { name: 'Email', exact: true }).fill(fields.email);
    if (fields.title) await form.getByRole('textbox', { name: 'Job title', exact: true }).fill(fields.title);
    await form.getByRole('button', { name: 'Save contact' }).click();
    await this.page.locator('.contact-head h2', { hasText: fields.name }).waitFor();
  }

  /** Logs a note on the open contact. */
  async logNote(text: string): Promise<void> {
    await this.page.getByLabel('Note').fill(text);
    await this.page.locator('.log-form button[type=submit]').click();
    await this.page.locator('.event-summary', { hasText: text }).waitFor();
  }

  /** Names of the mutations waiting in the outbox, oldest first (read from the extension's IndexedDB). */
  outbox(): Promise<string[]> {
    return this.page.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open('rapport');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const req = open.result.transaction('outbox').objectStore('outbox').getAll();
            req.onsuccess = () => {
              open.result.close();
              resolve((req.result as { name: string }[]).map((m) => m.name));
            };
            req.onerror = () => reject(req.error);
          };
        }),
    );
  }

  async pendingCount(): Promise<number> {
    await this.tab('Sync').click();
    const dd = this.page
      .locator('dt', { hasText: 'Waiting to upload' })
      .locator('xpath=following-sibling::dd');
    return Number(await dd.textContent());
  }

  /** Presses "Sync now" and waits until the panel says nothing is waiting and no problem is shown. */
  async syncNow(): Promise<void> {
    await this.tab('Sync').click();
    await this.page.locator('.row-actions button.primary:not([disabled])').click({ timeout: 10_000 });
    // Playwright waits (not expect.poll) so this also works in hooks.
    try {
      await this.page.locator('.sync-indicator.sync-ok', { hasText: /^Synced/ }).waitFor({ timeout: 15_000 });
    } catch (err) {
      const problem = await this.page.locator('.card.warn').allTextContents();
      throw new Error(`sync did not finish cleanly: ${problem.join(' | ') || 'no problem shown'}`, {
        cause: err,
      });
    }
  }

  /** Names of the people (contacts, not customers) the People tab lists for a search. */
  async search(query: string): Promise<string[]> {
    return (await this.lookup(query)).people;
  }

  /** Types into the People tab's quick lookup: the contacts and the customers it lists. */
  async lookup(query: string): Promise<{ people: string[]; customers: string[] }> {
    await this.tab('People').click();
    await this.page.getByLabel('Look up a customer').fill(query);
    await this.page.waitForTimeout(300);
    return {
      people: await this.page.locator('.person:not([data-customer-id]) .person-name').allTextContents(),
      customers: await this.page.locator('.person[data-customer-id] .person-name').allTextContents(),
    };
  }
}
