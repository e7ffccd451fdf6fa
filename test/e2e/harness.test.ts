// Proves the end-to-end harness for real: Chromium loads an unpacked MV3 extension headless, its
// content script runs on a saved page served under https://mail.google.com/, nothing else resolves,
// and the extension reaches the in-process Rapport server.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestExtension,
  type ExtensionBrowser,
  type FixtureServer,
  launchBrowserWithExtension,
  type RapportServer,
  screenshot,
  startFixtureServer,
  startServer,
  type TestExtension,
} from './harness/index.ts';

const INBOX = `<!doctype html>
<html><head><title>Inbox - sean.miller@gmail.com - Gmail</title>
<script>document.documentElement.dataset.inlineRan = 'yes'</script>
<script src="https://ssl.gstatic.com/ui/v1/boot.js"></script>
<script type="application/json" id="boot-data">{"user":"sean.miller@gmail.com","threads":2}</script>
<style>body{font:16px sans-serif;margin:2rem} .thread{padding:.5rem;border-bottom:1px solid #ddd}</style>
</head>
<body onload="document.body.dataset.onloadRan = 'yes'">
<h1>Inbox (fixture)</h1>
<div class="thread" data-thread-id="t1"><span email="claire.gute@contoso.com">Claire Gute</span> — Re: bookcase order</div>
<div class="thread" data-thread-id="t2"><span email="darrin@fabrikam.com">Darrin Van Huff</span> — Quote for 3 tables</div>
<img src="/mail/images/missing-logo.png" alt="">
</body></html>`;

// The probe's content script marks the page and reports what it could read from the data block.
const CONTENT_SCRIPT = `
const marker = document.createElement('div');
marker.id = 'rapport-e2e-marker';
marker.textContent = 'Rapport content script ran';
marker.style.cssText = 'position:fixed;right:1rem;top:1rem;padding:.5rem 1rem;background:#0a7;color:#fff;border-radius:6px';
marker.dataset.bootUser = JSON.parse(document.getElementById('boot-data')?.textContent ?? '{}').user ?? '';
document.body.append(marker);
// A badge-like UI in a shadow root with its own <style>, as WXT's createShadowRootUi builds.
const host = document.createElement('rapport-probe-badge');
const root = host.attachShadow({ mode: 'open' });
const style = document.createElement('style');
style.textContent = '.tier { color: rgb(0, 119, 68); font-weight: 700; }';
const tier = document.createElement('span');
tier.className = 'tier';
tier.textContent = 'D';
root.append(style, tier);
document.querySelector('span[email]')?.after(host);
`;

describe('e2e harness', () => {
  let fixtures: FixtureServer;
  let server: RapportServer;
  let extension: TestExtension;
  let browser: ExtensionBrowser;
  let page: Page;

  beforeAll(async () => {
    [fixtures, server] = await Promise.all([
      startFixtureServer({
        routes: [{ url: 'https://mail.google.com/mail/u/0/', body: INBOX }],
        hosts: ['www.linkedin.com'],
      }),
      startServer(),
    ]);
    extension = buildTestExtension({
      contentScripts: [{ matches: ['https://mail.google.com/*'], js: CONTENT_SCRIPT }],
      hostPermissions: ['http://127.0.0.1/*', 'http://localhost/*', 'https://*/*'],
    });
    browser = await launchBrowserWithExtension(extension.dir, { hostMap: fixtures.hostMap });
    page = await browser.context.newPage();
    await page.goto('https://mail.google.com/mail/u/0/#inbox');
  });

  afterAll(async () => {
    await browser?.close();
    extension?.remove();
    await Promise.all([fixtures?.close(), server?.close()]);
  });

  it('loads the extension and reports its id from the service worker', () => {
    expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
    expect(browser.serviceWorker.url()).toBe(`chrome-extension://${browser.extensionId}/background.js`);
  });

  it('runs the content script on the fixture page under its real hostname', async () => {
    expect(page.url()).toBe('https://mail.google.com/mail/u/0/#inbox');
    await expect.poll(() => page.locator('#rapport-e2e-marker').count()).toBe(1);
    expect(await page.locator('#rapport-e2e-marker').textContent()).toBe('Rapport content script ran');
    // The data block survived stripping and is readable from the content script's world.
    expect(await page.locator('#rapport-e2e-marker').getAttribute('data-boot-user')).toBe(
      'sean.miller@gmail.com',
    );
    expect(await page.locator('span[email]').allTextContents()).toEqual(['Claire Gute', 'Darrin Van Huff']);
  });

  it("lets content scripts style shadow-root UI under the fixture's no-scripts CSP", async () => {
    const tier = page.locator('rapport-probe-badge .tier');
    expect(await tier.textContent()).toBe('D');
    expect(await tier.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(0, 119, 68)');
  });

  it("serves the page without running the page's own scripts", async () => {
    expect(await page.evaluate(() => Array.from(document.scripts, (s) => s.type))).toEqual([
      'application/json',
    ]);
    expect(await page.evaluate(() => document.documentElement.dataset.inlineRan ?? null)).toBeNull();
    // The inline onload handler is blocked by the fixture's CSP.
    expect(await page.evaluate(() => document.body.dataset.onloadRan ?? null)).toBeNull();
  });

  it('answers other paths on a mapped host with a fast 404', async () => {
    await expect
      .poll(() => fixtures.requests.find((r) => r.path === '/mail/images/missing-logo.png'))
      .toEqual({ host: 'mail.google.com', path: '/mail/images/missing-logo.png', status: 404 });
    const other = await browser.context.newPage();
    const started = Date.now();
    const res = await other.goto('https://www.linkedin.com/in/sean-miller/');
    expect(res?.status()).toBe(404);
    expect(Date.now() - started).toBeLessThan(2000);
    await other.close();
  });

  it('fails requests to unmapped hosts at once, from pages and from the extension', async () => {
    const other = await browser.context.newPage();
    const started = Date.now();
    await expect(other.goto('https://www.example.org/')).rejects.toThrow(/ERR_NAME_NOT_RESOLVED/);
    expect(Date.now() - started).toBeLessThan(2000);
    await other.close();

    const fromWorker = await browser.serviceWorker.evaluate(async () => {
      const t = Date.now();
      try {
        await fetch('https://ssl.gstatic.com/ui/v1/boot.js');
        return { ok: true, ms: Date.now() - t };
      } catch (err) {
        return { ok: false, error: String(err), ms: Date.now() - t };
      }
    });
    expect(fromWorker).toMatchObject({ ok: false, error: expect.stringMatching(/Failed to fetch/) });
    expect(fromWorker.ms).toBeLessThan(2000);
    // The page's external script was never even requested from the fixture server.
    expect(fixtures.requests.map((r) => r.host)).not.toContain('ssl.gstatic.com');
  });

  it('reaches the in-process Rapport server from the extension, by 127.0.0.1 and by localhost', async () => {
    const health = (url: string) =>
      browser.serviceWorker.evaluate(async (u) => {
        const res = await fetch(`${u}/api/v1/health`);
        return { status: res.status, body: (await res.json()) as { ok: boolean; database: string } };
      }, url);
    expect(await health(server.url)).toMatchObject({ status: 200, body: { ok: true, database: 'sqlite' } });
    expect(await health(`http://localhost:${server.port}`)).toMatchObject({
      status: 200,
      body: { ok: true },
    });
    // And the seeded admin can sign in.
    expect(await server.login()).toMatch(/\S{20,}/);
  });

  it('writes screenshots to test/artifacts/', async () => {
    const path = await screenshot(page, 'harness/gmail-fixture');
    expect(path).toMatch(/test\/artifacts\/harness\/gmail-fixture\.png$/);
    expect([...readFileSync(path).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
});
