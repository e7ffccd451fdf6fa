import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTeam, type TestApp } from '../../testing/test-app.ts';
import { createTestStore, type TestStore } from '../../testing/test-store.ts';
import { DASHBOARD_CSP } from './dashboard.headers.ts';
import { BUILD_COMMAND } from './dashboard.missing.ts';

const CONFIG = fileURLToPath(new URL('../../../dashboard/vite.config.ts', import.meta.url));
const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

let tmp: string;
let dist: string;
let db: TestStore;
let t: TestApp;
let token: string;

/** Requests with raw Response access (TestApp.request decodes bodies as text). */
const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  t.app.request(path, { method, headers });

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'rapport-dashboard-'));
  dist = join(tmp, 'dist');
  // The real dashboard, built by Vite exactly as `pnpm build:dashboard` does (about a second).
  await build({ configFile: CONFIG, logLevel: 'silent', build: { outDir: dist, emptyOutDir: true } });
  db = await createTestStore('sqlite');
  t = createTestApp(db.store, { dashboardDir: dist });
  const team = await seedTeam(db.store);
  ({ token } = await t.member(team, 'lead'));
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  rmSync(tmp, { recursive: true, force: true });
});

/** The script and stylesheet URLs index.html loads. */
function assetsOf(html: string): { scripts: string[]; styles: string[] } {
  return {
    scripts: [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1] as string),
    styles: [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1] as string),
  };
}

describe('dashboard static route', () => {
  it('serves the built index.html at / with the strict CSP and no inline script', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    expect(DASHBOARD_CSP).toBe(EXPECTED_CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    expect(html).toBe(readFileSync(join(dist, 'index.html'), 'utf8'));
    expect(html).toContain('<div id="app"></div>');
    // 'self' scripts only: every <script> must load a file, none may carry code.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\/assets\/[^"]+\.js"/);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b|\sstyle="|\son[a-z]+="/i);
  });

  it('serves the hashed assets with their content types, a year of caching and compression', async () => {
    const html = await (await get('/')).text();
    const { scripts, styles } = assetsOf(html);
    expect(scripts).toHaveLength(1);
    expect(styles).toHaveLength(1);
    const js = await get(scripts[0] as string);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const plain = Buffer.from(await js.arrayBuffer());
    expect(plain.equals(readFileSync(join(dist, scripts[0] as string)))).toBe(true);

    const css = await get(styles[0] as string);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain('--tier-A');

    const br = await get(scripts[0] as string, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    const brBody = Buffer.from(await br.arrayBuffer());
    expect(brBody.length).toBeLessThan(plain.length / 2);
    expect(brotliDecompressSync(brBody).equals(plain)).toBe(true);

    const gz = await get(scripts[0] as string, { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(plain)).toBe(true);

    const refused = await get(scripts[0] as string, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers.get('content-encoding')).toBeNull();
  });

  it('serves other files from public/ with a day of caching', async () => {
    const res = await get('/favicon.svg');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(await res.text()).toContain('<svg');
  });

  it('answers 304 when the browser already has the file', async () => {
    const first = await get('/');
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get('/customers', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('answers index.html for client-side routes (SPA fallback), HEAD included', async () => {
    const index = readFileSync(join(dist, 'index.html'), 'utf8');
    for (const path of ['/customers', '/reps', '/settings/', '/some/deep/route', '/index.html']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy'), path).toBe(EXPECTED_CSP);
      expect(await res.text(), path).toBe(index);
    }
    const head = await get('/reps', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await head.text()).toBe('');
  });

  it('answers 404 (not index.html) for missing files, so a stale script never gets HTML', async () => {
    for (const path of ['/assets/index-missing.js', '/robots.txt', '/logo.png']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toBe('text/plain; charset=UTF-8');
    }
  });

  it('keeps API 404s as JSON errors', async () => {
    const authed = await t.request('GET', '/api/v1/no-such-route', { token });
    expect(authed.status).toBe(404);
    expect(authed.headers.get('content-type')).toContain('application/json');
    expect(authed.body.error.code).toBe('not_found');
    const anonymous = await t.request('GET', '/api/v1/no-such-route');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthorized');
    for (const path of ['/api', '/api/', '/api/v2/customers']) {
      const res = await t.request('GET', path);
      expect(res.status, path).toBe(404);
      expect(res.body.error.code, path).toBe('not_found');
    }
    const post = await t.request('POST', '/customers', { json: {} });
    expect(post.status).toBe(404);
    expect(post.body.error.code).toBe('not_found');
    // Real API routes are untouched.
    const health = await t.request('GET', '/api/v1/health');
    expect(health.status).toBe(200);
  });

  it('lets API routes mounted after createApp still answer (the dashboard passes /api paths on)', async () => {
    const app = createTestApp(db.store, { dashboardDir: dist }).app;
    app.get('/api/v1/late-route', (c) => c.json({ late: true }));
    const res = await app.request('/api/v1/late-route', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ late: true });
  });
});

describe('dashboard not built', () => {
  it('tells how to build it, then serves a build that appears later and follows rebuilds', async () => {
    const dir = join(tmp, 'later');
    const app = createTestApp(db.store, { dashboardDir: dir }).app;
    const missing = await app.request('/');
    expect(missing.status).toBe(503);
    expect(missing.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(missing.headers.get('cache-control')).toBe('no-store');
    const text = await missing.text();
    expect(text).toContain(BUILD_COMMAND);
    expect(BUILD_COMMAND).toBe('pnpm --filter @rapport/server build:dashboard');
    expect((await app.request('/api/v1/health')).status).toBe(200);

    cpSync(dist, dir, { recursive: true });
    const built = await app.request('/customers');
    expect(built.status).toBe(200);
    expect(await built.text()).toBe(readFileSync(join(dist, 'index.html'), 'utf8'));

    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>rebuilt</title>');
    utimesSync(join(dir, 'index.html'), new Date(), new Date(Date.now() + 5000));
    expect(await (await app.request('/')).text()).toBe('<!doctype html><title>rebuilt</title>');
  });
});
