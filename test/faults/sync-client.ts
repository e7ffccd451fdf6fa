// A sync client over real HTTP, as the extension's outbox behaves: consecutive mutation ids, one push
// in flight at a time, a push whose answer never came is re-sent unchanged. Each batch creates
// contacts (each with a unique email, so duplicate merging never folds two together) and logs an
// interaction on the newest one.
import { newId } from '@rapport/shared/ids';
import { patchFromChanges } from '@rapport/shared/sync/changes';
import { formatHlc } from '@rapport/shared/sync/hlc';
import type { MutationEnvelope } from '@rapport/shared/sync/mutations';
import type { PullResponse, PushResponse } from '@rapport/shared/sync/protocol';
import { contactFrom } from '../bench/data/mutations.ts';
import type { SyntheticContact } from '../generators/contacts.ts';
import type { Rep } from './accounts.ts';

export interface Created {
  entity: 'contact' | 'interaction';
  id: string;
}

export interface Batch {
  mutations: MutationEnvelope[];
  created: Created[];
}

/** What a load client needs from a pull page; the rows are not parsed (see LoadSyncClient.pullHead). */
export interface PullHead {
  cookie: string;
  hasMore: boolean;
  bytes: number;
}

export type HttpResult<T> =
  | { ok: true; status: number; body: T; ms: number }
  | { ok: false; status: number | null; error: string; ms: number };

/** One HTTP call; never throws: a refused connection, a reset or a timeout comes back as ok: false. */
export async function call<T>(
  url: string,
  init: RequestInit & { token: string; timeoutMs: number; read?: (text: string) => T },
): Promise<HttpResult<T>> {
  const started = performance.now();
  try {
    const res = await fetch(url, {
      ...init,
      headers: { authorization: `Bearer ${init.token}`, 'content-type': 'application/json' },
      signal: AbortSignal.timeout(init.timeoutMs),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200) return { ok: false, status: res.status, error: text.slice(0, 300), ms };
    return { ok: true, status: 200, body: init.read ? init.read(text) : (JSON.parse(text) as T), ms };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    const error = (err as Error).name === 'TimeoutError' ? 'timeout' : (cause ?? String(err));
    return { ok: false, status: null, error, ms: performance.now() - started };
  }
}

export class LoadSyncClient {
  readonly clientId = newId();
  /** The last mutation id handed out. */
  lastId = 0;
  /** Entities whose creating push answered 200. */
  readonly acknowledged: Created[] = [];
  #contacts: string[] = [];
  #counter = 0;
  readonly #node: string;

  constructor(
    readonly rep: Rep,
    label: string,
  ) {
    this.#node = label;
  }

  /** The next `size` mutations: a new contact, then an interaction on it, alternating. */
  nextBatch(size: number): Batch {
    const mutations: MutationEnvelope[] = [];
    const created: Created[] = [];
    const userId = this.rep.user.id;
    for (let k = 0; k < size; k++) {
      const wall = Date.now();
      const t = formatHlc({ wall, counter: this.#counter++ % 1000, node: this.#node });
      const last = this.#contacts[this.#contacts.length - 1];
      if (k % 2 === 0 || last === undefined) {
        const id = newId();
        const n = this.#contacts.push(id);
        const person: SyntheticContact = {
          name: `Person ${this.#node} ${n}`,
          firstName: 'Person',
          lastName: `${this.#node} ${n}`,
          emails: [`p${n}.${this.clientId.slice(-12)}@example.com`],
          phones: [],
          linkedin: null,
          linkedinUrl: null,
          x: null,
          companyDomain: null,
          title: null,
          customerId: null,
        };
        const patch = patchFromChanges('contact', null, contactFrom(person, userId), t);
        mutations.push({ id: ++this.lastId, name: 'contact.upsert', args: { id, patch } });
        created.push({ entity: 'contact', id });
      } else {
        const id = newId();
        const interaction = {
          id,
          contactId: last,
          customerId: null,
          kind: 'note' as const,
          channel: 'email' as const,
          direction: 'out' as const,
          at: new Date(wall).toISOString(),
          subject: null,
          summary: `Called about the quote (${this.#node})`,
          body: null,
          sourceUrl: null,
          sourceKey: null,
          authorId: userId,
          supersedes: null,
        };
        mutations.push({ id: ++this.lastId, name: 'interaction.add', args: { interaction, t } });
        created.push({ entity: 'interaction', id });
      }
    }
    return { mutations, created };
  }

  push(baseUrl: string, batch: Batch, timeoutMs: number): Promise<HttpResult<PushResponse>> {
    return call<PushResponse>(`${baseUrl}/api/v1/sync/push`, {
      method: 'POST',
      body: JSON.stringify({ clientId: this.clientId, mutations: batch.mutations }),
      token: this.rep.token,
      timeoutMs,
    });
  }

  pull(baseUrl: string, cookie: string | undefined, limit: number, timeoutMs: number) {
    const q = new URLSearchParams({ clientId: this.clientId, limit: String(limit) });
    if (cookie) q.set('cookie', cookie);
    return call<PullResponse>(`${baseUrl}/api/v1/sync/pull?${q}`, {
      method: 'GET',
      token: this.rep.token,
      timeoutMs,
    });
  }

  /**
   * A pull page read only as far as its cookie and hasMore, which lead the response: 200 clients
   * simulated in one process would otherwise spend the shared CPU parsing rows the server is timed on.
   */
  pullHead(baseUrl: string, cookie: string | undefined, limit: number, timeoutMs: number) {
    const q = new URLSearchParams({ clientId: this.clientId, limit: String(limit) });
    if (cookie) q.set('cookie', cookie);
    return call<PullHead>(`${baseUrl}/api/v1/sync/pull?${q}`, {
      method: 'GET',
      token: this.rep.token,
      timeoutMs,
      read: (text) => {
        const m = /^\{"cookie":("(?:[^"\\]|\\.)*"),"hasMore":(true|false),/.exec(text);
        if (!m) throw new Error(`unexpected pull response: ${text.slice(0, 200)}`);
        return { cookie: JSON.parse(m[1] as string) as string, hasMore: m[2] === 'true', bytes: text.length };
      },
    });
  }

  /** Every row of the team from the start, plus this client's lastMutationId on the server. */
  async pullEverything(
    baseUrl: string,
  ): Promise<{ rows: Map<string, { entity: string; version: number }>; lastMutationId: number }> {
    const rows = new Map<string, { entity: string; version: number }>();
    let cookie: string | undefined;
    for (let page = 0; page < 10_000; page++) {
      const res = await this.pull(baseUrl, cookie, 1000, 30_000);
      if (!res.ok) throw new Error(`pull failed: ${res.status ?? ''} ${res.error}`);
      for (const r of res.body.rows)
        rows.set(`${r.entity}:${r.id}`, { entity: r.entity, version: r.version });
      cookie = res.body.cookie;
      if (!res.body.hasMore) return { rows, lastMutationId: res.body.lastMutationId };
    }
    throw new Error('pull did not finish within 10,000 pages');
  }
}
