// The team's members for the ticket assignee picker: the shared member cache (db/queries/members.ts),
// refreshed at most hourly here; offline, the cached list — and always the signed-in user.
import type { TeamMember } from '@rapport/shared/sync/service-messages';
import { refreshMembers } from '../db/queries/members.ts';
import { readState } from '../db/sync-state.ts';
import type { BackgroundServices } from './services.ts';

/** How long a fetched member list is used for the picker before asking the server again. */
export const ASSIGNEE_MEMBERS_MAX_AGE_MS = 60 * 60 * 1000;

/** Active members, the signed-in user first, then by name; `me` is null when signed out. */
export async function teamMembers(
  services: BackgroundServices,
): Promise<{ members: TeamMember[]; me: string | null }> {
  const { db } = services;
  const account = await readState(db, 'account');
  if (!account) return { members: [], me: null };
  const members = await refreshMembers(db, services.fetch, services.now(), ASSIGNEE_MEMBERS_MAX_AGE_MS);
  const me = account.user;
  const others = members
    .filter((m) => m.active && m.id !== me.id)
    .map((m) => ({ id: m.id, name: m.name }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { members: [{ id: me.id, name: me.name.slice(0, 200) }, ...others], me: me.id };
}
