// The two sync calls as the extension makes them, against the real app in-process.
import { randomUUID } from 'node:crypto';
import type { MutationEnvelope } from '@rapport/shared/sync/mutations';
import type { PullResponse, PushResponse } from '@rapport/shared/sync/protocol';
import { pushBatches } from '../data/mutations.ts';
import { expectStatus, type Workspace } from '../lib/databases.ts';

export const PUSH_VIA = 'POST /api/v1/sync/push, 1,000 mutations per request (in-process app.request)';
export const PULL_VIA = 'GET /api/v1/sync/pull pages (in-process app.request)';

/** Pushes the whole outbox as consecutive requests; throws unless every mutation was applied. */
export async function pushAll(
  ws: Workspace,
  outbox: readonly MutationEnvelope[],
  clientId: string = randomUUID(),
): Promise<void> {
  for (const body of pushBatches(clientId, outbox)) {
    const res = await ws.app.request<PushResponse>('POST', '/api/v1/sync/push', {
      token: ws.token,
      json: body,
    });
    expectStatus(res, 200, 'push');
    const refused = res.body.results.find((r) => r.status !== 'applied');
    if (refused)
      throw new Error(`push: mutation ${refused.id} was ${refused.status}: ${refused.reason ?? ''}`);
  }
}

/** Pulls every page from the start; returns how many rows came. */
export async function pullAll(
  ws: Workspace,
  limit: number,
  clientId: string = randomUUID(),
): Promise<{ rows: number; pages: number }> {
  let cookie: string | undefined;
  let rows = 0;
  let pages = 0;
  for (;;) {
    const query = new URLSearchParams({ clientId, limit: String(limit), ...(cookie ? { cookie } : {}) });
    const res = await ws.app.request<PullResponse>('GET', `/api/v1/sync/pull?${query}`, { token: ws.token });
    expectStatus(res, 200, 'pull');
    rows += res.body.rows.length;
    pages += 1;
    cookie = res.body.cookie;
    if (!res.body.hasMore) return { rows, pages };
  }
}
