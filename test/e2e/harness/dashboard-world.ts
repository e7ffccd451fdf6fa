// One setup for the dashboard's end-to-end suites: a fresh build of the dashboard, the real server
// in-process on SQLite (port 0), the bootstrap admin plus named members, signed-in API calls, an
// order import, and Chromium pages signed in as a member with page errors failing the test.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { bootstrap } from '@rapport/server/accounts/bootstrap';
import { createUser } from '@rapport/server/accounts/users';
import { createApp } from '@rapport/server/app';
import { systemClock } from '@rapport/server/lib/clock';
import { ensureDashboardBuilt } from '@rapport/server/routes/dashboard/dashboard.build';
import type { Store, Team, User } from '@rapport/server/store/store';
import { createTestStore } from '@rapport/server/testing/test-store';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { expect } from 'vitest';
import { DashboardPage } from '../pages/dashboard.ts';
import { chromiumPath } from './chromium.ts';
import { TEST_ADMIN } from './rapport-server.ts';

/** Every member's password. */
export const MEMBER_PASSWORD = 'a long test password';

export interface Member {
  email: string;
  name: string;
  role: User['role'];
}

export interface DashboardWorld {
  url: string;
  store: Store;
  team: Team;
  browser: Browser;
  /** The members by email (not the admin). */
  users: Map<string, User>;
  /** A bearer token for `email` (the admin when omitted), signed in once over the API. */
  token(email?: string): Promise<string>;
  /** A JSON call to /api/v1 as `as` (the admin when omitted); fails on a non-2xx answer. */
  api<T = Record<string, unknown>>(
    path: string,
    init?: { method?: string; json?: unknown; as?: string },
  ): Promise<T>;
  /** POSTs an order file to /imports/orders as `as` (the admin when omitted); fails unless it answers 200. */
  importOrders(csv: string | Uint8Array<ArrayBuffer>, as?: string): Promise<void>;
  /**
   * A fresh browser context signed in as `email`; an uncaught page error or a Content Security Policy
   * violation (the dashboard must cause none) fails the test when the page closes.
   */
  open(
    email: string,
    options?: { lang?: 'en' | 'zh-CN'; viewport?: { width: number; height: number } },
  ): Promise<DashboardPage>;
  close(): Promise<void>;
}

export async function startDashboardWorld(
  options: { members?: Member[]; admin?: { email: string; password: string } } = {},
): Promise<DashboardWorld> {
  const tmp = mkdtempSync(join(tmpdir(), 'rapport-dashboard-world-'));
  const dist = join(tmp, 'dist');
  // A fresh build of the current sources (an empty dir is always built).
  expect(await ensureDashboardBuilt(dist)).toBe('built');
  const db = await createTestStore('sqlite');
  const admin = options.admin ?? TEST_ADMIN;
  await bootstrap(db.store, systemClock, admin);
  const team = await db.store.teams.getDefault();
  if (!team) throw new Error('no default team');
  const users = new Map<string, User>();
  for (const m of options.members ?? [])
    users.set(
      m.email,
      await createUser(db.store, systemClock, { teamId: team.id, ...m, password: MEMBER_PASSWORD }),
    );
  const server = createAdaptorServer({ fetch: createApp({ store: db.store, dashboardDir: dist }).fetch });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
  const contexts: BrowserContext[] = [];
  const tokens = new Map<string, Promise<string>>();

  const token = (email = admin.email): Promise<string> => {
    let t = tokens.get(email);
    if (!t) {
      t = fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: email === admin.email ? admin.password : MEMBER_PASSWORD }),
      }).then(async (res) => {
        if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
        return ((await res.json()) as { token: string }).token;
      });
      tokens.set(email, t);
    }
    return t;
  };

  return {
    url,
    store: db.store,
    team,
    browser,
    users,
    token,
    async api<T>(path: string, init: { method?: string; json?: unknown; as?: string } = {}) {
      const method = init.method ?? (init.json === undefined ? 'GET' : 'POST');
      const res = await fetch(`${url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${await token(init.as)}`, 'content-type': 'application/json' },
        body: init.json === undefined ? undefined : JSON.stringify(init.json),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async importOrders(csv, as) {
      const res = await fetch(`${url}/api/v1/imports/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await token(as)}`, 'content-type': 'text/csv' },
        body: csv,
      });
      expect(res.status, await res.clone().text()).toBe(200);
    },
    async open(email, { lang = 'en', viewport = { width: 1280, height: 800 } } = {}) {
      const context = await browser.newContext({ viewport, acceptDownloads: true });
      contexts.push(context);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        // A CSP violation is reported on the console only.
        if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
      });
      page.on('close', () => expect(errors).toEqual([]));
      const d = new DashboardPage(page, url);
      await d.signIn(email, email === admin.email ? admin.password : MEMBER_PASSWORD);
      if (lang !== 'en') await d.setLanguage(lang);
      return d;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.destroy();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
