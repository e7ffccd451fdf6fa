// The API reference end to end: the real server (in-process, SQLite) serves /api/v1/docs, the Scalar
// bundle from the installed package and the OpenAPI document; real Chromium renders it under the page's
// CSP. The screenshot is copied to test/screenshots/api-docs.png, which the README's API section shows.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, type RapportServer, screenshot, startServer } from './harness/index.ts';

describe('API reference page', () => {
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

  it('lists the operations, loads nothing from another host, and breaks no CSP rule', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    const foreign: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) errors.push(m.text());
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

    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
  }, 90_000);
});
