import type { TeamSettings } from '@rapport/shared/settings';
import type { LocalSettings } from '@rapport/shared/sync/local-settings';
import type { RapportDB } from '../schema.ts';
import { effectiveTimeZone, readLocalSettings, readTeamSettings } from '../settings.ts';
import { type Account, readState } from '../sync-state.ts';

/** What the read queries need besides the rows: the moment, the user's zone and the settings. */
export interface ReadContext {
  now: Date;
  timeZone: string;
  local: LocalSettings;
  team: TeamSettings;
  account: Account | null;
}

export async function readContext(db: RapportDB, now: Date): Promise<ReadContext> {
  const [local, team, account] = await Promise.all([
    readLocalSettings(db),
    readTeamSettings(db),
    readState(db, 'account'),
  ]);
  return {
    now,
    local,
    team,
    account: account ?? null,
    timeZone: effectiveTimeZone(local, account?.user.timeZone),
  };
}
