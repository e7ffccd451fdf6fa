import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureServer, startFixtureServer } from './fixture-server.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request to the fixture server as the browser sends it after host mapping: same Host header. */
function get(server: FixtureServer, url: string, method = 'GET'): Promise<Reply> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: u.pathname + u.search,
        method,
        headers: { host: u.host },
        rejectUnauthorized: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('startFixtureServer', () => {
  let server: FixtureServer;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rapport-fixtures-'));
    file = join(dir, 'profile.html');
    writeFileSync(file, '<h1>Sean Miller</h1><script>x()</script>');
    server = await startFixtureServer({
      routes: [
        {
          url: 'https://mail.google.com/mail/u/0/',
          body: '<p>inbox</p><script>boom()</script><script type="application/json">{}</script>',
        },
        { url: 'https://www.linkedin.com/in/sean-miller/', file },
        {
          url: 'https://x.com/seanmiller',
          body: '<script>kept()</script>',
          keepScripts: true,
          headers: { 'x-fixture': 'yes' },
        },
        { url: 'https://x.com/data.json', body: '{"a":1}', contentType: 'application/json' },
      ],
      hosts: ['www.example-later.com'],
    });
  });

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves pages by Host header and path, ignoring the query, scripts stripped and blocked', async () => {
    const r = await get(server, 'https://mail.google.com/mail/u/0/?ui=2&view=cv');
    expect(r.status).toBe(200);
    expect(r.body).toBe('<p>inbox</p><script type="application/json">{}</script>');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe("script-src 'none'; object-src 'none'");
    // Same path, another host: not this fixture.
    expect((await get(server, 'https://x.com/mail/u/0/')).status).toBe(404);
  });

  it('reads file routes on every request', async () => {
    expect((await get(server, 'https://www.linkedin.com/in/sean-miller/')).body).toBe('<h1>Sean Miller</h1>');
    writeFileSync(file, '<h1>Sean Miller, CFO</h1>');
    expect((await get(server, 'https://www.linkedin.com/in/sean-miller/')).body).toBe(
      '<h1>Sean Miller, CFO</h1>',
    );
  });

  it('can keep scripts, set headers and serve other content types untouched', async () => {
    const page = await get(server, 'https://x.com/seanmiller');
    expect(page.body).toBe('<script>kept()</script>');
    expect(page.headers['content-security-policy']).toBeUndefined();
    expect(page.headers['x-fixture']).toBe('yes');
    const data = await get(server, 'https://x.com/data.json');
    expect([data.headers['content-type'], data.body]).toEqual(['application/json', '{"a":1}']);
    expect((await get(server, 'https://x.com/data.json', 'HEAD')).body).toBe('');
  });

  it('answers unknown paths with 404 and logs every request', async () => {
    const r = await get(server, 'https://mail.google.com/_/scs/mail-static/_/js/k=gmail.main.en.js');
    expect(r.status).toBe(404);
    expect(server.requests.at(-1)).toEqual({
      host: 'mail.google.com',
      path: '/_/scs/mail-static/_/js/k=gmail.main.en.js',
      status: 404,
    });
  });

  it('maps every route host and extra host to itself, and takes routes while running', async () => {
    const target = `127.0.0.1:${server.port}`;
    expect(server.hostMap).toEqual({
      'www.example-later.com': target,
      'mail.google.com': target,
      'www.linkedin.com': target,
      'x.com': target,
    });
    server.route({ url: 'https://www.example-later.com/', body: '<p>later</p>' });
    expect((await get(server, 'https://www.example-later.com/')).body).toBe('<p>later</p>');
  });

  it('rejects malformed routes with a clear message', () => {
    expect(() => server.route({ url: 'http://mail.google.com/', body: '' })).toThrow(/https:\/\//);
    expect(() => server.route({ url: 'https://mail.google.com/' })).toThrow(/exactly one of file or body/);
  });
});
