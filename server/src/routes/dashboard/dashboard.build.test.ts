import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.ts';
import { createTestStore, type TestStore } from '../../testing/test-store.ts';
import { ensureDashboardBuilt } from './dashboard.build.ts';

let tmp: string;
let db: TestStore;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'rapport-dashboard-build-'));
  db = await createTestStore('sqlite');
});

afterAll(async () => {
  await db?.destroy();
  rmSync(tmp, { recursive: true, force: true });
});

it('builds a missing dashboard before serving, so / answers the app and never 503', async () => {
  const dist = join(tmp, 'dist');
  const t = createTestApp(db.store, { dashboardDir: dist });
  // A fresh checkout: nothing built yet, and the server would say so.
  expect((await t.app.request('/')).status).toBe(503);

  const said: string[] = [];
  expect(await ensureDashboardBuilt(dist, (m) => said.push(m))).toBe('built');
  expect(said.join('')).toContain('building it now');
  const res = await t.app.request('/');
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('<div id="app"></div>');
  expect((await t.app.request('/customers')).status).toBe(200);

  // Already built: left alone (no second build on every start).
  const before = statSync(join(dist, 'index.html')).mtimeMs;
  expect(await ensureDashboardBuilt(dist)).toBe('present');
  expect(statSync(join(dist, 'index.html')).mtimeMs).toBe(before);
}, 120_000);
