import type { EntityName } from '@rapport/shared/sync/entities';
import {
  type Alias,
  type CookiePosition,
  decodeCookie,
  encodeCookie,
  type PullResponse,
  START_POSITION,
} from '@rapport/shared/sync/protocol';
import { badRequest, forbidden, notFound } from '../lib/errors.ts';
import type { RowStateText, Store, Team, User } from '../store/store.ts';

export interface PullInput {
  clientId: string;
  /** Absent: from the beginning. */
  cookie?: string | undefined;
  limit: number;
}

/*
 * Cookie positions (shared/sync/protocol.ts): (v, entity, id) after a row of version v means "every row
 * up to this one in (version, entity, id) order"; (v, '', '') means "everything before version v", so a
 * finished pull hands out (team version + 1, '', ''). Aliases carry only a version: those of version v
 * travel with the page that first reaches v, so each is delivered once.
 */

/** Why a cookie cannot be continued: its client may lack tombstones purged since, or it is from another database. */
export function mustReset(pos: CookiePosition, team: Pick<Team, 'version' | 'purgedVersion'>): boolean {
  const atVersionStart = pos.entity === '';
  // (v, '', '') has seen versions < v; a mid-version position has not finished v either.
  if (team.purgedVersion > 0 && pos.version <= team.purgedVersion) return true;
  return atVersionStart ? pos.version > team.version + 1 : pos.version > team.version;
}

async function aliasesBetween(
  store: Store,
  teamId: string,
  lowest: number,
  highest: number,
): Promise<Alias[]> {
  if (highest < lowest) return [];
  for (let limit = 1000; ; limit *= 4) {
    const found = await store.aliases.after(teamId, lowest - 1, limit);
    const inRange = found.filter((a) => a.version <= highest);
    const truncated = found.length === limit && inRange.length === found.length;
    if (!truncated)
      return inRange.map((a) => ({ entity: a.entity as EntityName, fromId: a.fromId, toId: a.toId }));
  }
}

/** A pull page whose row states are still the stored JSON text (see pullResponseJson). */
export type PulledPage = Omit<PullResponse, 'rows' | 'serverTime'> & { rows: RowStateText[] };

/**
 * GET /sync/pull (see the README, "How sync works"): one page of the team's rows after the cookie, in (version, entity, id)
 * order, with the aliases of the versions it covers and the client's lastMutationId. A cookie from
 * before the last tombstone purge (or from the future) restarts from the beginning with reset: true.
 */
export async function pullPage(store: Store, user: User, input: PullInput): Promise<PulledPage> {
  // Read before the rows: every mutation counted here already has its rows committed.
  const client = await store.syncClients.get(input.clientId);
  if (client && client.userId !== user.id) {
    throw forbidden(
      `Sync client ${input.clientId} belongs to another user; use a new client id for this account`,
    );
  }
  const lastMutationId = client?.lastMutationId ?? 0;
  const team = await store.teams.get(user.teamId);
  if (!team) throw notFound('Your team no longer exists');

  let from = START_POSITION;
  let reset = false;
  if (input.cookie !== undefined) {
    const pos = decodeCookie(input.cookie);
    if (!pos) throw badRequest('cookie is not one this server issued; pull without a cookie to start over');
    reset = mustReset(pos, team);
    if (!reset) from = pos;
  }

  const found = await store.rows.statesAfter(team.id, from, input.limit + 1);
  const hasMore = found.length > input.limit;
  const page = found.slice(0, input.limit);
  const last = page[page.length - 1];
  const lowest = from.entity === '' ? from.version : from.version + 1;
  const highest = hasMore && last ? last.version : Math.max(team.version, last?.version ?? 0);
  const cookie =
    hasMore && last
      ? encodeCookie({ version: last.version, entity: last.entity as EntityName, id: last.id })
      : encodeCookie({ version: highest + 1, entity: '', id: '' });
  return {
    cookie,
    hasMore,
    lastMutationId,
    reset,
    rows: page,
    aliases: await aliasesBetween(store, team.id, lowest, highest),
  };
}

/**
 * The PullResponse JSON of a page, with each row's stored state spliced in as it is: a page of a
 * thousand rows would otherwise be parsed and re-serialised for nothing, on the event loop.
 */
export function pullResponseJson(page: PulledPage, serverTime: string): string {
  const rows = page.rows
    .map(
      (r) =>
        `{"entity":${JSON.stringify(r.entity)},"id":${JSON.stringify(r.id)},"version":${r.version},"state":${r.state}}`,
    )
    .join(',');
  const { cookie, hasMore, lastMutationId, reset, aliases } = page;
  return `{"cookie":${JSON.stringify(cookie)},"hasMore":${hasMore},"lastMutationId":${lastMutationId},"reset":${reset},"rows":[${rows}],"aliases":${JSON.stringify(aliases)},"serverTime":${JSON.stringify(serverTime)}}`;
}
