// The team's members, cached in syncState for the card's "ask Sam — 12 emails this quarter" and the
// ticket assignee picker. GET /api/v1/users (every member may list the team) is read when the cache is
// older than the caller allows; offline or on an error the cached list (or none) is used, and a caller
// never waits on the network for more than WAIT_MS.
import { z } from 'zod';
import { API, type Fetch, requestJson, serverOrigin } from '../../sync/http.ts';
import type { RapportDB } from '../schema.ts';
import { readState, type SyncStateValue, writeState } from '../sync-state.ts';

/** A cached list older than this is fetched again on the next card open. */
export const MEMBERS_MAX_AGE_MS = 6 * 60 * 60 * 1000;
/** A caller waits at most this long for the list; a slower answer still fills the cache for next time. */
const WAIT_MS = 3000;

export type Member = SyncStateValue<'members'>['list'][number];

const UsersAnswer = z.object({
  users: z
    .array(z.object({ id: z.string().min(1).max(100), name: z.string(), active: z.boolean() }))
    .max(10_000),
});

/** The cached members of the signed-in team (another team's cache is ignored); [] when none. */
export async function cachedMembers(db: RapportDB): Promise<Member[]> {
  const [cached, account] = await Promise.all([readState(db, 'members'), readState(db, 'account')]);
  if (!cached || !account || cached.teamId !== account.team.id) return [];
  return cached.list;
}

/** The cached member names by id. */
export async function memberNames(db: RapportDB): Promise<Map<string, string>> {
  return new Map((await cachedMembers(db)).map((m) => [m.id, m.name]));
}

/**
 * Fetches the member list when the cache is missing, for another team, from the future, or older than
 * `maxAgeMs`, and caches it. Never throws: signed out, offline or a failed answer keep the old cache.
 * Returns the members to use now.
 */
export async function refreshMembers(
  db: RapportDB,
  fetch: Fetch,
  now: number,
  maxAgeMs = MEMBERS_MAX_AGE_MS,
): Promise<Member[]> {
  const [cached, account] = await Promise.all([readState(db, 'members'), readState(db, 'account')]);
  if (!account?.token) return cachedMembers(db);
  const fresh =
    cached &&
    cached.teamId === account.team.id &&
    cached.fetchedAt <= now &&
    now - cached.fetchedAt < maxAgeMs;
  if (fresh) return cachedMembers(db);
  const fetched = requestJson(
    fetch,
    { method: 'GET', url: `${serverOrigin(account.serverUrl)}${API}/users`, token: account.token },
    UsersAnswer,
    now,
  )
    .then((answer) =>
      writeState(db, 'members', {
        fetchedAt: now,
        teamId: account.team.id,
        list: answer.users.map((u) => ({ id: u.id, name: u.name.slice(0, 200), active: u.active })),
      }),
    )
    // Offline or refused: keep what is cached.
    .catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([fetched, new Promise((resolve) => (timer = setTimeout(resolve, WAIT_MS)))]);
  clearTimeout(timer);
  return cachedMembers(db);
}

/** refreshMembers as names by id, for the card. */
export async function refreshMemberNames(
  db: RapportDB,
  fetch: Fetch,
  now: number,
): Promise<Map<string, string>> {
  return new Map((await refreshMembers(db, fetch, now)).map((m) => [m.id, m.name]));
}
