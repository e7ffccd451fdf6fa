// Helpers for the sync tests: a scripted client that builds mutations the way the extension does.
import { randomUUID } from 'node:crypto';
import type { NewInteraction } from '@rapport/shared/schemas/interaction';
import { type EntityChanges, patchFromChanges } from '@rapport/shared/sync/changes';
import type { EntityName } from '@rapport/shared/sync/entities';
import { formatHlc, type Hlc } from '@rapport/shared/sync/hlc';
import type { MutationEnvelope, UpsertEntity } from '@rapport/shared/sync/mutations';
import type { Alias, PullResponse, PullRow } from '@rapport/shared/sync/protocol';
import { newId } from '../../testing/ids.ts';
import type { ApiResponse, TestApp } from '../../testing/test-app.ts';
import { routeClient } from '../../testing/test-client.ts';
import { syncRouter } from './sync.index.ts';

/** The test app's manual clock starts here. */
export const NOW = Date.parse('2026-01-15T09:00:00.000Z');

/** An HLC `ms` after NOW on a client node. */
export const hlc = (ms: number, node = 'client', counter = 0): Hlc =>
  formatHlc({ wall: NOW + ms, counter, node });

export const iso = (ms: number): string => new Date(NOW + ms).toISOString();

type Draft = Omit<MutationEnvelope, 'id'>;

export const upsert = <N extends UpsertEntity>(
  entity: N,
  id: string,
  before: EntityChanges<N> | null,
  after: EntityChanges<N>,
  t: Hlc,
): Draft => ({ name: `${entity}.upsert`, args: { id, patch: patchFromChanges(entity, before, after, t) } });

/** A new contact as the extension creates it (source defaults to manual). */
export const createContact = (id: string, fields: EntityChanges<'contact'>, t: Hlc): Draft =>
  upsert('contact', id, null, { source: 'manual', ...fields }, t);

export const createCustomer = (id: string, fields: EntityChanges<'customer'>, t: Hlc): Draft =>
  upsert('customer', id, null, { kind: 'company', ...fields }, t);

export function note(
  contactId: string,
  authorId: string,
  extra: Partial<NewInteraction> = {},
): NewInteraction {
  return {
    id: newId(),
    contactId,
    customerId: null,
    kind: 'note',
    channel: 'other',
    direction: 'out',
    at: iso(0),
    subject: 'Called about the renewal',
    summary: 'Wants a quote by Friday',
    body: null,
    sourceUrl: null,
    sourceKey: null,
    authorId,
    supersedes: null,
    ...extra,
  };
}

export const addInteraction = (interaction: NewInteraction, t: Hlc): Draft => ({
  name: 'interaction.add',
  args: { interaction, t },
});

export const remove = (entity: EntityName, id: string, t: Hlc, at = iso(0)): Draft => ({
  name: 'entity.delete',
  args: { entity, id, at, t },
});

export const erase = (id: string, t: Hlc, at = iso(0)): Draft => ({
  name: 'contact.erase',
  args: { id, at, t },
});

/** Everything a full pull delivered: the latest state per row, aliases, and each page. */
export interface PulledAll {
  rows: Map<string, PullRow>;
  aliases: Alias[];
  pages: PullResponse[];
  cookie: string | undefined;
}

export const rowKey = (entity: string, id: string) => `${entity}:${id}`;

/** One device: a client id with consecutive mutation ids, signed in as one member. */
export class SyncClient {
  readonly clientId: string;
  #next = 1;
  cookie: string | undefined;

  constructor(
    readonly t: TestApp,
    readonly token: string,
    clientId: string = randomUUID(),
  ) {
    this.clientId = clientId;
  }

  /** Numbers drafts as the next outbox entries (without sending them). */
  outbox(...drafts: Draft[]): MutationEnvelope[] {
    return drafts.map((d) => ({ id: this.#next++, ...d }));
  }

  /** The push and pull routes through Hono's typed testClient (the real app, signed in). */
  get #api() {
    return routeClient(this.t, '/sync', syncRouter, this.token).api.v1.sync;
  }

  async send(mutations: MutationEnvelope[]): Promise<ApiResponse> {
    const res = await this.#api.push.$post({ json: { clientId: this.clientId, mutations } });
    return { status: res.status, body: await res.json(), headers: res.headers };
  }

  /** Numbers and pushes; fails the test unless the server answers 200. */
  async push(...drafts: Draft[]): Promise<ApiResponse> {
    const res = await this.send(this.outbox(...drafts));
    if (res.status !== 200) throw new Error(`push answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res;
  }

  async pullPage(cookie: string | undefined, limit?: number): Promise<ApiResponse<PullResponse>> {
    const res = await this.#api.pull.$get({
      query: {
        clientId: this.clientId,
        ...(cookie === undefined ? {} : { cookie }),
        ...(limit === undefined ? {} : { limit: String(limit) }),
      },
    });
    return { status: res.status, body: (await res.json()) as PullResponse, headers: res.headers };
  }

  /** Pulls every page after this client's cookie and keeps the new cookie. */
  async pullAll(limit?: number): Promise<PulledAll> {
    const out: PulledAll = { rows: new Map(), aliases: [], pages: [], cookie: this.cookie };
    for (let i = 0; i < 10_000; i++) {
      const res = await this.pullPage(this.cookie, limit);
      if (res.status !== 200) throw new Error(`pull answered ${res.status}: ${JSON.stringify(res.body)}`);
      out.pages.push(res.body);
      for (const row of res.body.rows) out.rows.set(rowKey(row.entity, row.id), row);
      out.aliases.push(...res.body.aliases);
      this.cookie = res.body.cookie;
      out.cookie = this.cookie;
      if (!res.body.hasMore) return out;
    }
    throw new Error('pull did not finish');
  }
}
