import { apiRouters } from '@rapport/server/app';
import type { Store, Team, User } from '@rapport/server/store/store';
import { createTestApp, type TestApp } from '@rapport/server/testing/test-app';
import {
  createTestDatabase,
  createTestStore,
  PG_URL_HELP,
  type StoreKind,
} from '@rapport/server/testing/test-store';
import { newId } from '@rapport/shared/ids';

/** The local cluster every machine set up by `npm test` has. */
export const DEFAULT_PG_URL = 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

/** Makes sure Postgres benchmarks have an admin URL (RAPPORT_TEST_PG_URL, else the local default) that answers. */
export async function preparePostgres(): Promise<string> {
  const url = process.env.RAPPORT_TEST_PG_URL ?? DEFAULT_PG_URL;
  process.env.RAPPORT_TEST_PG_URL = url;
  try {
    // Creating (and dropping) a throwaway database proves both the connection and the right to create.
    await (await createTestDatabase('postgres')).destroy();
  } catch (err) {
    const shown = url.replace(/:[^:@/]*@/, ':***@');
    throw new Error(
      `Postgres at ${shown} is not usable (${String(err)}). ${PG_URL_HELP} Or run with --stores sqlite.`,
    );
  }
  return url;
}

/** Runs fn on a fresh, migrated database of this kind, deleted afterwards. */
export async function withStore<T>(kind: StoreKind, fn: (store: Store) => Promise<T>): Promise<T> {
  const test = await createTestStore(kind);
  try {
    return await fn(test.store);
  } finally {
    await test.destroy();
  }
}

/** A team with one admin who holds a bearer token, and the real app in-process over the store. */
export interface Workspace {
  app: TestApp;
  team: Team;
  user: User;
  token: string;
}

/** A new team (with these settings) and its admin, on the app over `store` (one app per store is enough). */
export async function newWorkspace(app: TestApp, settings: Record<string, unknown> = {}): Promise<Workspace> {
  const team = await app.store.teams.create({
    id: newId(),
    name: `Bench ${newId().slice(-8)}`,
    settings,
    at: '2026-01-01T00:00:00.000Z',
  });
  const { user, token } = await app.member(team, 'admin');
  return { app, team, user, token };
}

export function benchApp(store: Store): TestApp {
  return createTestApp(store);
}

/** True when the app mounts a router at /api/v1<path> (other engineers add routers as they finish them). */
export function hasRouter(path: string): boolean {
  return apiRouters.some((r) => r.path === path);
}

/** Throws with the response body when a request did not answer as expected. */
export function expectStatus(res: { status: number; body: unknown }, status: number, what: string): void {
  if (res.status !== status)
    throw new Error(
      `${what}: expected HTTP ${status}, got ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`,
    );
}
