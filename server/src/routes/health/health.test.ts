import { join } from 'node:path';
import { expect, it } from 'vitest';
import { SQLITE_FILE } from '../../store/open-store.ts';
import { openPostgresStore } from '../../store/postgres/postgres-store.ts';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { createTestApp, seedTeam } from '../../testing/test-app.ts';
import { restClient as api, healthApi, read } from '../../testing/test-client.ts';
import { createTestDatabase, forEachStore } from '../../testing/test-store.ts';

forEachStore('health, errors and API description', (ctx) => {
  it('GET /api/v1/health answers without a token and names the database', async () => {
    const t = createTestApp(ctx.store);
    const res = await read(healthApi(t).$get());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ok: true,
      version: '0.1.0',
      database: ctx.kind,
      time: '2026-01-15T09:00:00.000Z',
    });
  });

  it('unknown API paths and methods answer JSON errors', async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const { token } = await t.member(team, 'rep');
    // Raw: a path and a method no route declares, which the typed client cannot name.
    const missing = await t.request('GET', '/api/v1/nope', { token });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      error: { code: 'not_found', message: 'No route for GET /api/v1/nope', details: null },
    });
    const insertOnly = await t.request('PATCH', '/api/v1/interactions/0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9c0d', {
      token,
      json: {},
    });
    expect(insertOnly.status).toBe(405);
    expect(insertOnly.body.error.code).toBe('method_not_allowed');
  });

  it('refuses malformed bodies with 4xx JSON, never 5xx', async () => {
    const t = createTestApp(ctx.store, { maxBodyBytes: 1024 });
    const team = await seedTeam(ctx.store);
    const { token } = await t.member(team, 'admin');
    // Raw: malformed bodies the typed client refuses to build (the last request is well-formed JSON).
    const cases: [string, Parameters<typeof t.request>[2], number, string][] = [
      [
        'bad JSON',
        { token, body: '{"email": ', headers: { 'content-type': 'application/json' } },
        400,
        'invalid_json',
      ],
      [
        'wrong content type',
        { token, body: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        415,
        'unsupported_media_type',
      ],
      ['no body', { token }, 415, 'unsupported_media_type'],
      ['JSON null', { token, json: null }, 400, 'validation_failed'],
      ['JSON array', { token, json: [1, 2] }, 400, 'validation_failed'],
      ['wrong types', { token, json: { email: 42, name: [], role: 'boss' } }, 400, 'validation_failed'],
      [
        'unknown field',
        { token, json: { email: 'a@b.co', name: 'A', role: 'rep', admin: true } },
        400,
        'validation_failed',
      ],
      [
        'oversized',
        { token, json: { email: 'a@b.co', name: 'x'.repeat(5000), role: 'rep' } },
        413,
        'payload_too_large',
      ],
    ];
    for (const [label, options, status, code] of cases) {
      const res = await t.request('POST', '/api/v1/users', options);
      expect({ label, status: res.status, code: res.body?.error?.code }).toEqual({ label, status, code });
      expect(typeof res.body.error.message).toBe('string');
    }
    const invalid = await read(
      api(t, token).users.$post({ json: { email: 'not-an-email', name: '', role: 'rep' } }),
    );
    expect(invalid.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'email',
      'name',
    ]);
  });

  it('serves an OpenAPI document covering every route, with a security scheme and examples', async () => {
    const t = createTestApp(ctx.store);
    // Raw (the document and the reference page below): the app serves them itself, outside the typed routers.
    const doc = await t.request('GET', '/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    // Request samples need a server to name: the origin the document was fetched from.
    expect(doc.body.servers).toEqual([{ url: 'http://localhost', description: 'This server' }]);
    const paths = Object.keys(doc.body.paths);
    for (const p of [
      '/api/v1/auth/login',
      '/api/v1/users/{id}/reassign',
      '/api/v1/settings',
      '/api/v1/contacts/{id}',
      '/api/v1/surveys',
    ]) {
      expect(paths).toContain(p);
    }
    expect(doc.body.paths['/api/v1/auth/login'].post.security).toEqual([]);
    expect(doc.body.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('serves the API reference page and its same-origin assets without a token, under a strict CSP', async () => {
    const t = createTestApp(ctx.store);
    const page = await t.request('GET', '/api/v1/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/^default-src 'none'; script-src 'self'; /);
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
    const html = String(page.body);
    // No inline script, no external host anywhere in the page.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(html).not.toMatch(/(?:https?:)?\/\/[a-z0-9.-]+/i);
    const links = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
    expect(links).toContain('data:,'); // its own empty favicon, so the browser asks for no /favicon.ico
    const assets = links.filter((a) => a !== 'data:,');
    const scripts = assets.filter((a) => a.endsWith('.js'));
    expect(scripts).toHaveLength(2);
    for (const asset of assets) {
      const url = new URL(asset, 'http://rapport.test/api/v1/docs');
      expect(url.host).toBe('rapport.test');
      const res = await t.request('GET', url.pathname);
      expect(res.status, asset).toBe(200);
      if (asset.endsWith('.js')) {
        expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
        expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      } else {
        expect(res.headers.get('content-type')).toMatch(/json/);
      }
    }
    const init = await t.request('GET', scripts[1] as string);
    expect(init.body).toContain('"/api/v1/openapi.json"');
    expect(init.body).not.toMatch(/https?:/);
    expect((await t.request('GET', '/api/v1/docs/assets/nope.js')).status).toBe(404);
    // Only the docs assets are public: a neighbouring path still needs a token.
    expect((await t.request('GET', '/api/v1/docs/other')).status).toBe(401);
  });

  it('answers 503 with the JSON error shape while the database does not answer', async () => {
    const db = await createTestDatabase(ctx.kind);
    const store = db.env.DATABASE_URL
      ? await openPostgresStore(db.env.DATABASE_URL, { max: 1 })
      : await openSqliteStore(join(db.env.RAPPORT_DATA_DIR, SQLITE_FILE));
    const t = createTestApp(store);
    expect((await read(healthApi(t).$get())).status).toBe(200);
    await store.close(); // Postgres down, or the SQLite file gone: queries now fail
    try {
      const down = await read(healthApi(t).$get());
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('5');
      expect(down.body).toEqual({
        error: { code: 'unavailable', message: `The ${ctx.kind} database does not answer`, details: null },
      });
    } finally {
      await db.destroy();
    }
  }, 30_000); // creates and drops its own database
});
