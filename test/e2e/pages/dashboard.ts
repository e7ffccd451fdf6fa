// Page object for the team-lead dashboard served by the Rapport server at `/`.
import type { Download, Page } from 'playwright-core';

export class DashboardPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async signIn(email: string, password: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/`);
    await this.page.getByLabel(/^(Email|邮箱)$/).fill(email);
    await this.page.getByLabel(/^(Password|密码)$/).fill(password);
    await this.page.locator('form button[type="submit"]').click();
    // The shell (sidebar) appears once the session is stored.
    await this.page.locator('.shell nav').waitFor();
  }

  /** Picks the interface language in the sidebar switcher ('en' or 'zh-CN'). */
  async setLanguage(lang: 'en' | 'zh-CN'): Promise<void> {
    await this.page.locator('.lang select').selectOption(lang);
  }

  /** Clicks a sidebar entry by its path. */
  async nav(path: string): Promise<void> {
    await this.page.locator(`nav a[href="${path}"]`).click();
    await this.page.waitForURL(`${this.baseUrl}${path}`);
  }

  heading() {
    return this.page.locator('main h1');
  }

  /** Waits until no table is greyed out for a pending request. */
  async settled(): Promise<void> {
    await this.page.waitForFunction(() => !document.querySelector('[aria-busy="true"], .state.loading'));
  }

  /** Clicks Export CSV on the customers screen and returns the file's text. */
  exportCustomers(): Promise<string> {
    return this.download(this.page.getByRole('button', { name: /Export CSV|导出 CSV/ }));
  }

  /** The "Download CSV" of the card whose heading has this id, as text. */
  tableCsv(headingId: string): Promise<string> {
    return this.download(this.page.locator(`section[aria-labelledby="${headingId}"] .button.csv`));
  }

  private async download(button: ReturnType<Page['locator']>): Promise<string> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download') as Promise<Download>,
      button.click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
}
