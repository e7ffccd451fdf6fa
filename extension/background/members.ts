// The team's members for the ticket assignee picker: GET /users (any role may list its team), cached
// in syncState and refreshed at most hourly; offline, the cached list — and always the signed-in user.
import type { TeamMember } from '@rapport/shared/sync/service-messages';
import { z } from 'zod';
import { readState, writeState } from '../db/sync-state.ts';
import { API, requestJson, serverOrigin } from '../sync/http.ts';
import type { BackgroundServices } from './services.ts';

/** How long a fetched member list is used before asking the server again. */
export const MEMBERS_MAX_AGE_MS = 60 * 60 * 1000;

const UsersResponse = z.object({
  users: z.array(z.object({ id: z.string().min(1), name: z.string(), active: z.boolean() })),
});

/** Active members, the signed-in user first, then by name; `me` is null when signed out. */
export async function teamMembers(
  services: BackgroundServices,
): Promise<{ members: TeamMember[]; me: string | null }> {
  const { db } = services;
  const account = await readState(db, 'account');
  if (!account) return { members: [], me: null };
  const cached = await readState(db, 'teamMembers');
  const ours = cached?.teamId === account.team.id ? cached : undefined;
  let members = ours?.members ?? [];
  const stale =
    !ours || services.now() - ours.fetchedAt >= MEMBERS_MAX_AGE_MS || ours.fetchedAt > services.now();
  if (stale && account.token) {
    try {
      const { users } = await requestJson(
        services.fetch,
        { method: 'GET', url: `${serverOrigin(account.serverUrl)}${API}/users`, token: account.token },
        UsersResponse,
        services.now(),
      );
      members = users.filter((u) => u.active).map((u) => ({ id: u.id, name: u.name.slice(0, 200) }));
      await writeState(db, 'teamMembers', { teamId: account.team.id, fetchedAt: services.now(), members });
    } catch {
      // Offline or refused: the cached list (or only you) until the next try.
    }
  }
  const me = account.user;
  const others = members
    .filter((m) => m.id !== me.id)
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { members: [{ id: me.id, name: me.name.slice(0, 200) }, ...others], me: me.id };
}
