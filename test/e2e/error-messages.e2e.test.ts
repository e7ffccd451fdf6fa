// Server errors in the UI's language (@rapport/shared/api-errors): the side panel in Simplified
// Chinese, signing in with a wrong password against the real server, says so in Chinese — not the
// server's English "Wrong email or password".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExtensionBrowser,
  launchBrowserWithExtension,
  type RapportServer,
  screenshot,
  startServer,
} from './harness/index.ts';
import { builtExtension, type PreparedExtension } from './pages/extension.ts';
import { SidePanel } from './pages/side-panel.ts';

describe('server errors in Chinese', () => {
  let server: RapportServer;
  let browser: ExtensionBrowser;
  let extension: PreparedExtension;

  beforeAll(async () => {
    extension = builtExtension();
    server = await startServer();
    browser = await launchBrowserWithExtension(extension.dir);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    extension?.remove();
  });

  it('a wrong password in the zh-CN side panel is said in Chinese, and nothing is signed in', async () => {
    const panel = await SidePanel.open(browser);
    const { page } = panel;
    await panel.tab('Settings').click();
    await page.locator('select:has(option[value="zh-CN"])').selectOption('zh-CN');
    const form = page.locator('form.form');
    await form.locator('input[type="url"]').fill(server.url);
    await form.locator('input[type="email"]').fill(server.admin.email);
    await form.locator('input[type="password"]').fill('not the password');
    await form.locator('button[type="submit"]').click();
    const alert = page.locator('.error[role="alert"]');
    await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toBe('出错了：邮箱或密码错误。');
    expect(await page.locator('body').textContent()).not.toContain('Wrong email or password');
    await screenshot(page, 'e2e/sidepanel-sign-in-wrong-zh-CN');
    await page.close();
  });

  it('a refused field is said with its reason in Chinese (a schema reason code), not in English', async () => {
    const panel = await SidePanel.open(browser);
    const { page } = panel;
    // The first test left the panel in Chinese: Settings is 设置.
    await page.locator('nav.tabs button', { hasText: '设置' }).click();
    const form = page.locator('form.form');
    await form.locator('input[type="url"]').fill(server.url);
    // The browser's own check lets "rep@acme" through; the shared email schema does not.
    await form.locator('input[type="email"]').fill('rep@acme');
    await form.locator('input[type="password"]').fill('a long password');
    await form.locator('button[type="submit"]').click();
    const alert = page.locator('.error[role="alert"]');
    await expect
      .poll(() => alert.textContent(), { timeout: 15_000 })
      .toBe('出错了：部分字段无效。 email: 不是有效的邮箱地址');
    expect(await page.locator('body').textContent()).not.toContain('is not an email address');
    await screenshot(page, 'e2e/sidepanel-field-reason-zh-CN');
    await page.close();
  });

  it('refused synced changes are said in Chinese by their code; an entry from before codes keeps its reason', async () => {
    const panel = await SidePanel.open(browser);
    const { page } = panel;
    // Two refusals as the sync records them (apply-server-replies): one with the server's code, one
    // stored before codes existed. Written straight into the extension's IndexedDB, then the panel reloads.
    await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('rapport');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('rejected', 'readwrite');
        const store = tx.objectStore('rejected');
        const at = new Date().toISOString();
        store.put({
          mutationId: 1,
          name: 'contact.upsert',
          reason: 'contact 0190 was deleted',
          code: 'deleted',
          at,
          touches: [],
        });
        store.put({
          mutationId: 2,
          name: 'interaction.add',
          reason: 'no contact 0191 in your team',
          at,
          touches: [],
        });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    });
    await page.reload();
    await page.locator('nav.tabs button', { hasText: '同步' }).click();
    const reasons = page.locator('.rejected .rejected-reason');
    await expect
      .poll(() => reasons.allTextContents(), { timeout: 15_000 })
      .toEqual(['no contact 0191 in your team', '该联系人已被删除。']);
    await screenshot(page, 'e2e/sidepanel-rejected-zh-CN');
    await page.close();
  });
});
