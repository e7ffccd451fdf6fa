// The API reference end to end: the real server (in-process, SQLite) serves /api/v1/docs, the Scalar
// bundle from the installed package and the OpenAPI document; real Chromium renders it under the page's
// CSP. The screenshots are copied to test/screenshots/api-docs*.png, which the README's API section shows.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, type RapportServer, screenshot, startServer } from './harness/index.ts';

describe('API reference page', () => {
  // Offline and same-origin: the page, the Scalar bundle, the document and try-it all hit this server.
  let server: RapportServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the operations, tries a request with a bearer token, loads nothing from another host, breaks no CSP rule', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    const foreign: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      // CSP violations, and any failed load (the page sets its own favicon, so none is expected).
      if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text())) errors.push(m.text());
    });
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.protocol !== 'data:' && u.protocol !== 'blob:' && u.host !== `127.0.0.1:${server.port}`)
        foreign.push(r.url());
    });
    const res = await page.goto(`${server.url}/api/v1/docs`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");

    // Operations are listed by path in the sidebar, grouped by tag.
    await expect
      .poll(() => page.getByText('/api/v1/sync/push').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => page.getByText('/api/v1/reports/customers').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('Bearer Token').count()).toBeGreaterThan(0);

    await page.waitForTimeout(500);
    const shot = await screenshot(page, 'api-docs/overview');
    await copyFile(shot, join(import.meta.dirname, '..', 'screenshots', 'api-docs.png'));

    // Search (Scalar's index runs in the page, no worker): finds an operation by its summary.
    await page
      .getByRole('button', { name: /Open Search/ })
      .first()
      .click();
    await page.keyboard.type('customer report');
    await expect.poll(() => page.getByRole('option').count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');

    // Try it: paste a bearer token once, then send GET /auth/me from the operation's request client.
    const token = await server.login();
    await page.goto(`${server.url}/api/v1/docs#tag/auth/GET/api/v1/auth/me`);
    await page.reload();
    await page.getByRole('button', { name: 'Test Request (get /api/v1/auth/me)' }).click();
    await page.getByPlaceholder('Token').last().fill(token);
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/v1/auth/me'));
    await page.getByRole('button', { name: /^Send/ }).first().click();
    expect((await sent).headers().authorization).toBe(`Bearer ${token}`);
    await expect.poll(() => page.getByText('"admin@rapport.test"').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('200 OK').count()).toBeGreaterThan(0);
    await page.waitForTimeout(800); // let the response panel's fade-in finish
    const tried = await screenshot(page, 'api-docs/try-it');
    await copyFile(tried, join(import.meta.dirname, '..', 'screenshots', 'api-docs-try-it.png'));

    // Request samples are commands that run: this server's URL, the query, the bearer header.
    await page.goto(`${server.url}/api/v1/docs#tag/reports/GET/api/v1/reports/customers`);
    await page.reload();
    const sample = async () =>
      (await page.locator('pre, code').allInnerTexts()).find((b) =>
        b.startsWith(`curl '${server.url}/api/v1/reports/customers?`),
      ) ?? '';
    await expect
      .poll(sample, { timeout: 30_000 })
      .toContain("--header 'Authorization: Bearer YOUR_SECRET_TOKEN'");
    expect(await sample()).toMatch(/\?from=2016-01-01&to=2017-01-01&sort=profit/);
    await page.waitForTimeout(500);
    const curl = await screenshot(page, 'api-docs/curl');
    await copyFile(curl, join(import.meta.dirname, '..', 'screenshots', 'api-docs-curl.png'));

    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
  }, 90_000);
});
