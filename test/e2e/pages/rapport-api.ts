// The server side of a test: the real Rapport server's REST API as a client, and a second listener on
// the same store that can be stopped and restarted on the same port (the extension keeps its URL).
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { createApp } from '@rapport/server/app';
import { expect } from 'vitest';
import { contactFields } from '../../../extension/db/testing.ts';
import type { RapportServer } from '../harness/index.ts';

/** A listener for `server`'s app and store that goes down and comes back like a real server restart. */
export class RestartableListener {
  private http: ReturnType<typeof createAdaptorServer> | undefined;
  private port = 0;
  private constructor(private readonly server: RapportServer) {}

  static async start(server: RapportServer): Promise<RestartableListener> {
    const listener = new RestartableListener(server);
    await listener.listen();
    return listener;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private async listen(): Promise<void> {
    const http = createAdaptorServer({
      fetch: createApp({ store: this.server.store, clock: this.server.clock }).fetch,
    });
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.http = http;
    this.port = (http.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const http = this.http;
    this.http = undefined;
    if (!http) return;
    await new Promise<void>((resolve) => {
      http.close(() => resolve());
      if ('closeAllConnections' in http) http.closeAllConnections();
    });
  }

  async restart(): Promise<void> {
    if (!this.http) await this.listen();
  }
}

/** REST calls as one signed-in user; every non-2xx throws with the server's error body. */
export class RapportApi {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  static async as(server: RapportServer, email?: string, password?: string): Promise<RapportApi> {
    return new RapportApi(server.url, await server.login(email, password));
  }

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<T> {
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': contentType }),
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  async list<T = Record<string, unknown>>(entity: string, query: Record<string, string> = {}): Promise<T[]> {
    const qs = new URLSearchParams({ limit: '500', ...query });
    return (await this.request<{ items: T[] }>('GET', `/${entity}?${qs}`)).items;
  }

  create<T = Record<string, unknown>>(entity: string, body: Record<string, unknown>): Promise<T> {
    return this.request<T>('POST', `/${entity}`, body);
  }

  importOrders(csv: string): Promise<Record<string, unknown>> {
    return this.request('POST', '/imports/orders?filename=orders.csv', csv, 'text/csv');
  }

  /**
   * Imports an order file of `rows` lines, all accepted, that makes `customers` new customers; returns
   * the lookup from the file's customer id to Rapport's id.
   */
  async importNewCustomers(
    csv: string,
    { rows, customers }: { rows: number; customers: number },
  ): Promise<(externalId: string) => string> {
    expect(await this.importOrders(csv)).toMatchObject({
      rows,
      rejectedRows: 0,
      customers: { new: customers, matched: 0 },
    });
    return this.customerIdsByExternalId();
  }

  /** The team's customers as a lookup from the order file's customer id to Rapport's id. */
  async customerIdsByExternalId(): Promise<(externalId: string) => string> {
    const customers = await this.list<{ id: string; externalId: string | null }>('customers');
    return (externalId) => {
      const c = customers.find((x) => x.externalId === externalId);
      if (!c) throw new Error(`no customer ${externalId} after the import`);
      return c.id;
    };
  }
}

export interface ContactRow {
  id: string;
  name: string;
  emails: string[];
  handles: { network: string; id: string }[];
  customerId: string | null;
  title: string | null;
  headline?: string | null;
  location?: string | null;
  source: string;
}

export interface InteractionRow {
  id: string;
  contactId: string;
  kind: string;
  channel: string;
  direction: string;
  at: string;
  subject: string | null;
  summary: string | null;
  sourceKey: string | null;
}

/**
 * A contact with every required field defaulted as the extension's tests default it; `fields` overrides.
 * No owner is sent: the server makes the caller the owner.
 */
export function addContact(
  api: RapportApi,
  fields: Record<string, unknown> & { name: string },
): Promise<ContactRow> {
  const { ownerId: _serverDefault, ...defaults } = contactFields();
  return api.create<ContactRow>('contacts', { ...defaults, ...fields });
}

/** A note-like interaction at `at`. */
export function addInteraction(
  api: RapportApi,
  contact: Pick<ContactRow, 'id' | 'customerId'>,
  at: string,
  summary: string,
): Promise<InteractionRow> {
  return api.create<InteractionRow>(
    'interactions',
    interactionBody({
      contactId: contact.id,
      customerId: contact.customerId,
      kind: 'call',
      channel: 'phone',
      direction: 'out',
      at,
      summary,
    }),
  );
}

/** A POST /interactions body: subject, summary, body and links empty unless `fields` gives them. */
export function interactionBody(fields: {
  contactId: unknown;
  customerId: unknown;
  kind: string;
  channel: string;
  direction: 'in' | 'out';
  at: string;
  subject?: string;
  summary?: string;
}): Record<string, unknown> {
  return {
    subject: null,
    summary: null,
    body: null,
    sourceUrl: null,
    sourceKey: null,
    supersedes: null,
    ...fields,
  };
}

/** Noon UTC `days` before now: a calendar day that stays put whatever the time of the run. */
export const daysAgo = (days: number): string => {
  const d = new Date();
  d.setUTCHours(12, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString();
};
