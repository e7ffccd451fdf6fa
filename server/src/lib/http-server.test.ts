import type { Server } from 'node:http';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { startHttpServer } from './http-server.ts';

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

/** A raw request that writes its body in 64 KiB chunks while the answer may already be coming. */
function send(port: number, method: string, path: string, body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = body
      ? { 'content-type': 'application/json', 'content-length': String(body.length) }
      : {};
    const req = http.request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        text += c;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'] ?? '', body: text }),
      );
    });
    req.on('error', reject);
    if (!body) {
      req.end();
      return;
    }
    let at = 0;
    const step = () => {
      while (at < body.length) {
        const chunk = body.subarray(at, at + 65_536);
        at += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', step);
          return;
        }
      }
      req.end();
    };
    step();
  });
}

describe('the Node HTTP server', () => {
  let store: Store;
  let server: Server;
  let port: number;
  beforeAll(async () => {
    store = await openSqliteStore(':memory:');
    const app = createApp({ store, maxBodyBytes: 4 * 1024 * 1024 });
    server = await startHttpServer({
      fetch: app.fetch,
      port: 0,
      hostname: '127.0.0.1',
      maxBodyBytes: 4 * 1024 * 1024,
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
  });

  it('answers a URL over 16 KiB with a JSON 431, not a bare status line', async () => {
    const res = await send(port, 'GET', `/api/v1/contacts?search=${'a'.repeat(20_000)}`);
    expect(res.status).toBe(431);
    expect(res.contentType).toMatch(/^application\/json/);
    expect(JSON.parse(res.body)).toEqual({
      error: {
        code: 'headers_too_large',
        message:
          'The URL and headers are larger than 16 KiB; send long filters in a body or page through them',
        details: null,
      },
    });
  });

  it('lets a client finish sending a large body it was refused early, and answers with the JSON error', async () => {
    for (const size of [1024 * 1024, 3 * 1024 * 1024]) {
      const res = await send(port, 'POST', '/api/v1/contacts', Buffer.alloc(size, 'a')); // no token: 401
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body).error.code).toBe('unauthorized');
    }
    const tooLarge = await send(port, 'POST', '/api/v1/auth/login', Buffer.alloc(5 * 1024 * 1024, 'a'));
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body).error.code).toBe('payload_too_large');
  });
});
