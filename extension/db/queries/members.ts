// The team's member names, cached in syncState for the card's "ask Sam — 12 emails this quarter".
// GET /api/v1/users (every member may list the team) is read at most every MEMBERS_MAX_AGE_MS; offline
// or on an error the cached list (or none) is used, so the card never waits on the network for long.
import { z } from 'zod';
import { API, type Fetch, requestJson, serverOrigin } from '../../sync/http.ts';
import type { RapportDB } from '../schema.ts';
import { readState, writeState } from '../sync-state.ts';

/** A cached list older than this is fetched again on the next card open. */
export const MEMBERS_MAX_AGE_MS = 6 * 60 * 60 * 1000;
/** The card waits at most this long for the list; a slower answer still fills the cache for next time. */
const WAIT_MS = 3000;

const UsersAnswer = z.object({
  users: z.array(z.object({ id: z.string().min(1).max(100), name: z.string().max(200) })).max(10_000),
});

/** The cached member names by id, for the signed-in team only (another team's cache is ignored). */
export async function memberNames(db: RapportDB): Promise<Map<string, string>> {
  const [cached, account] = await Promise.all([readState(db, 'members'), readState(db, 'account')]);
  if (!cached || !account || cached.teamId !== account.team.id) return new Map();
  return new Map(cached.list.map((m) => [m.id, m.name]));
}

/**
 * Fetches the member list when the cache is missing, for another team, or older than
 * MEMBERS_MAX_AGE_MS, and caches it. Never throws: signed out, offline or a failed answer keep the
 * old cache. Returns the names to use now.
 */
export async function refreshMemberNames(
  db: RapportDB,
  fetch: Fetch,
  now: number,
): Promise<Map<string, string>> {
  const [cached, account] = await Promise.all([readState(db, 'members'), readState(db, 'account')]);
  if (!account?.token) return memberNames(db);
  const fresh = cached && cached.teamId === account.team.id && now - cached.fetchedAt < MEMBERS_MAX_AGE_MS;
  if (fresh) return memberNames(db);
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
        list: answer.users.map((u) => ({ id: u.id, name: u.name })),
      }),
    )
    // Offline or refused: keep what is cached.
    .catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([fetched, new Promise((resolve) => (timer = setTimeout(resolve, WAIT_MS)))]);
  clearTimeout(timer);
  return memberNames(db);
}
