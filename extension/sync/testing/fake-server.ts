import { newId } from '@rapport/shared/ids';
import { errorBody, LoginBody } from '@rapport/shared/schemas/api';
import type { Team, User } from '@rapport/shared/schemas/team';
import { defaultTeamSettings, type TeamSettings } from '@rapport/shared/settings';
import type { EntityName } from '@rapport/shared/sync/entities';
import { type Mutation, safeParseMutation } from '@rapport/shared/sync/mutations';
import {
  type Alias,
  type CookiePosition,
  comparePositions,
  decodeCookie,
  encodeCookie,
  type MutationResult,
  PullQuery,
  type PullRow,
  PushBody,
  START_POSITION,
} from '@rapport/shared/sync/protocol';
import type { RowState } from '@rapport/shared/sync/row';
import { applyMutation, directRows } from '../../db/effects.ts';
import type { Fetch } from '../http.ts';

// An in-memory server speaking the shared sync protocol, for the client's tests. It applies
// mutations with the same row effects the client uses; the real Hono server replaces it in the
// cross-package suites.

export type Fault =
  /** The request never reaches the server. */
  | { type: 'network' }
  /** The server answers this status without doing anything. */
  | { type: 'status'; status: number; retryAfter?: string }
  /** The server commits, then the answer is lost. */
  | { type: 'drop-response' };

interface StoredRow {
  entity: EntityName;
  id: string;
  version: number;
  state: RowState;
}

const TIME = '2026-01-01T00:00:00.000Z';

export class FakeServer {
  readonly team: Team = { id: newId(), name: 'Acme Sales', createdAt: TIME, updatedAt: TIME };
  readonly users = new Map<string, { user: User; password: string }>();
  readonly tokens = new Map<string, string>();
  readonly clients = new Map<string, { userId: string; lastMutationId: number }>();
  readonly rows = new Map<string, StoredRow>();
  readonly aliases: Array<Alias & { version: number }> = [];
  settings: TeamSettings = defaultTeamSettings();
  version = 0;
  /** Cookies at or below this version force a reset (tombstones no longer retained). */
  resetBelowVersion = 0;
  /** Faults consumed in order by the next requests whose path includes `path` (any path when absent). */
  readonly faults: Array<Fault & { path?: string }> = [];
  /** Every request path + method, in order. */
  readonly log: string[] = [];
  /** Rejects a mutation with a reason (null accepts it). */
  rejectIf: (m: Mutation) => string | null = () => null;
  /** The code answered with rejectIf's refusals (the server's REJECTION_CODES), none when absent. */
  rejectCode: string | undefined = undefined;
  /** The server's clock (ms), reported as serverTime in sync answers. */
  now: () => number = Date.now;

  addUser(email: string, password: string, name = 'Rep'): User {
    const user: User = {
      id: newId(),
      teamId: this.team.id,
      email,
      name,
      role: 'rep',
      active: true,
      timeZone: null,
      createdAt: TIME,
      updatedAt: TIME,
    };
    this.users.set(email, { user, password });
    return user;
  }

  /** A session token for a user (as if they had signed in). */
  tokenFor(user: User): string {
    const token = `tok-${newId()}`;
    this.tokens.set(token, user.id);
    return token;
  }

  /** Stores a row as another client or the server itself would, stamped with a new version. */
  putRow(entity: EntityName, state: RowState): void {
    this.version += 1;
    this.rows.set(`${entity}:${state.id}`, { entity, id: state.id, version: this.version, state });
  }

  row(entity: EntityName, id: string): RowState | undefined {
    return this.rows.get(`${entity}:${id}`)?.state;
  }

  /** Merges fromId into toId (as the server does for duplicates) and publishes an alias. */
  alias(entity: EntityName, fromId: string, toId: string): void {
    this.rows.delete(`${entity}:${fromId}`);
    this.version += 1;
    this.aliases.push({ entity, fromId, toId, version: this.version });
  }

  readonly fetch: Fetch = async (url, init) => {
    const { pathname, searchParams } = new URL(url);
    const method = init.method ?? 'GET';
    this.log.push(`${method} ${pathname}`);
    const index = this.faults.findIndex((f) => f.path === undefined || pathname.includes(f.path));
    const fault = index >= 0 ? this.faults.splice(index, 1)[0] : undefined;
    if (fault?.type === 'network') throw new TypeError('Failed to fetch');
    if (fault?.type === 'status') {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.retryAfter) headers['retry-after'] = fault.retryAfter;
      return new Response(JSON.stringify(errorBody('unavailable', `injected ${fault.status}`)), {
        status: fault.status,
        headers,
      });
    }
    const response = this.handle(method, pathname, searchParams, init);
    if (fault?.type === 'drop-response') throw new TypeError('Failed to fetch (connection reset)');
    return response;
  };

  private json(body: unknown, status = 200): Response {
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }

  private userOf(init: RequestInit): string | null {
    const auth = new Headers(init.headers).get('authorization') ?? '';
    return this.tokens.get(auth.replace(/^Bearer /, '')) ?? null;
  }

  private handle(method: string, path: string, query: URLSearchParams, init: RequestInit): Response {
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    if (method === 'POST' && path === '/api/v1/auth/login') {
      const login = LoginBody.safeParse(body);
      const entry = login.success ? this.users.get(login.data.email) : undefined;
      if (!entry || !login.success || entry.password !== login.data.password)
        return this.json(errorBody('invalid_credentials', 'Wrong email or password'), 401);
      return this.json({
        token: this.tokenFor(entry.user),
        expiresAt: '2030-01-01T00:00:00.000Z',
        user: entry.user,
        team: this.team,
      });
    }
    const userId = this.userOf(init);
    if (userId === null) return this.json(errorBody('unauthorized', 'Sign in again'), 401);
    if (method === 'POST' && path === '/api/v1/auth/logout') return this.json({ ok: true });
    if (method === 'GET' && path === '/api/v1/settings') return this.json({ settings: this.settings });
    if (method === 'GET' && path === '/api/v1/users')
      return this.json({ users: [...this.users.values()].map((u) => u.user) });
    if (method === 'POST' && path === '/api/v1/sync/push') return this.push(userId, body);
    if (method === 'GET' && path === '/api/v1/sync/pull') return this.pull(userId, query);
    return this.json(errorBody('not_found', `no route ${method} ${path}`), 404);
  }

  private push(userId: string, raw: unknown): Response {
    const parsed = PushBody.safeParse(raw);
    if (!parsed.success) return this.json(errorBody('validation_failed', parsed.error.message), 400);
    const { clientId, mutations } = parsed.data;
    const client = this.clients.get(clientId) ?? { userId, lastMutationId: 0 };
    if (client.userId !== userId)
      return this.json(errorBody('forbidden', 'client id belongs to another user'), 403);
    const firstNew = mutations.find((m) => m.id > client.lastMutationId);
    if (firstNew && firstNew.id !== client.lastMutationId + 1) {
      return this.json(
        errorBody('mutation_gap', `expected mutation ${client.lastMutationId + 1}`, {
          lastMutationId: client.lastMutationId,
        }),
        409,
      );
    }
    const version = this.version + 1;
    const results: MutationResult[] = [];
    let changed = false;
    for (const envelope of mutations) {
      if (envelope.id <= client.lastMutationId) {
        results.push({ id: envelope.id, status: 'duplicate' });
        continue;
      }
      client.lastMutationId = envelope.id;
      const parsedMutation = safeParseMutation(envelope);
      const reason = parsedMutation.success
        ? this.rejectIf(parsedMutation.mutation)
        : parsedMutation.error.message;
      if (!parsedMutation.success || reason !== null) {
        const code = parsedMutation.success ? this.rejectCode : 'invalid';
        results.push({
          id: envelope.id,
          status: 'rejected',
          reason: reason ?? 'invalid',
          ...(code ? { code } : {}),
        });
        continue;
      }
      const m = parsedMutation.mutation;
      const refs = directRows(m);
      if (m.name === 'contact.erase') {
        for (const row of this.rows.values())
          if (row.entity === 'interaction' && row.state.fields.contactId?.v === m.args.id)
            refs.push({ entity: 'interaction', id: row.id });
      }
      for (const ref of refs) {
        const key = `${ref.entity}:${ref.id}`;
        const next = applyMutation(m, ref.entity, ref.id, this.rows.get(key)?.state ?? null);
        if (next === null || next === this.rows.get(key)?.state) continue;
        this.rows.set(key, { entity: ref.entity, id: ref.id, version, state: next });
        changed = true;
      }
      results.push({ id: envelope.id, status: 'applied' });
    }
    if (changed) this.version = version;
    this.clients.set(clientId, client);
    return this.json({
      lastMutationId: client.lastMutationId,
      results,
      serverTime: new Date(this.now()).toISOString(),
    });
  }

  private pull(userId: string, raw: URLSearchParams): Response {
    const query = PullQuery.safeParse(Object.fromEntries(raw));
    if (!query.success) return this.json(errorBody('validation_failed', query.error.message), 400);
    const { clientId, cookie, limit } = query.data;
    const client = this.clients.get(clientId);
    if (client && client.userId !== userId)
      return this.json(errorBody('forbidden', 'client id belongs to another user'), 403);
    let position = cookie === undefined ? START_POSITION : decodeCookie(cookie);
    const reset = cookie !== undefined && (position === null || position.version < this.resetBelowVersion);
    if (reset || position === null) position = START_POSITION;
    const from: CookiePosition = position;
    const all = [...this.rows.values()]
      .map((r) => ({ pos: { version: r.version, entity: r.entity, id: r.id } as CookiePosition, row: r }))
      .filter((r) => comparePositions(r.pos, from) > 0)
      .sort((a, b) => comparePositions(a.pos, b.pos));
    const page = all.slice(0, limit);
    const last =
      page[page.length - 1]?.pos ??
      (all.length === 0 ? { version: this.version, entity: '' as const, id: '' } : from);
    const rows: PullRow[] = page.map(({ row }) => ({
      entity: row.entity,
      id: row.id,
      version: row.version,
      state: row.state,
    }));
    const aliases = this.aliases
      .filter((a) => a.version > from.version && a.version <= last.version)
      .map(({ version: _, ...a }) => a);
    return this.json({
      cookie: encodeCookie(comparePositions(last, from) >= 0 ? last : from),
      hasMore: all.length > page.length,
      lastMutationId: client?.lastMutationId ?? 0,
      reset,
      rows,
      aliases,
      serverTime: new Date(this.now()).toISOString(),
    });
  }
}
