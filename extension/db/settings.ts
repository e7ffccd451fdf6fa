import { defaultTeamSettings, TeamSettings } from '@rapport/shared/schemas/settings';
import {
  applySettingsChanges,
  DEFAULT_LOCAL_SETTINGS,
  LocalSettings,
  LocalSettingsChanges,
} from '@rapport/shared/sync/local-settings';
import type { RapportDB } from './schema.ts';

// Settings are validated on every read (a corrupted value falls back to defaults, with a warning)
// and on every write (an invalid change throws and nothing is stored).

const LOCAL = 'local';
const TEAM = 'team';

export async function readLocalSettings(db: RapportDB): Promise<LocalSettings> {
  const row = await db.settings.get(LOCAL);
  if (row === undefined) return { ...DEFAULT_LOCAL_SETTINGS, disabledSites: [] };
  const parsed = LocalSettings.safeParse(row.value);
  if (parsed.success) return parsed.data;
  console.warn('Rapport: stored settings are invalid; using defaults', parsed.error.issues);
  return { ...DEFAULT_LOCAL_SETTINGS, disabledSites: [] };
}

/** Applies a partial change (validated) and returns the stored settings. */
export async function updateLocalSettings(db: RapportDB, changes: unknown): Promise<LocalSettings> {
  const valid = LocalSettingsChanges.parse(changes);
  return db.transaction('rw', db.settings, async () => {
    const next = LocalSettings.parse(applySettingsChanges(await readLocalSettings(db), valid));
    await db.settings.put({ key: LOCAL, value: next });
    return next;
  });
}

/** The team's settings as last pulled from the server, else the defaults. */
export async function readTeamSettings(db: RapportDB): Promise<TeamSettings> {
  const row = await db.settings.get(TEAM);
  if (row === undefined) return defaultTeamSettings();
  const parsed = TeamSettings.safeParse(row.value);
  if (parsed.success) return parsed.data;
  console.warn('Rapport: stored team settings are invalid; using defaults', parsed.error.issues);
  return defaultTeamSettings();
}

export async function writeTeamSettings(db: RapportDB, settings: TeamSettings): Promise<void> {
  await db.settings.put({ key: TEAM, value: TeamSettings.parse(settings) });
}

/** The user's time zone: the setting, else the account's, else the browser's. */
export function effectiveTimeZone(
  settings: LocalSettings,
  accountTimeZone: string | null | undefined,
): string {
  return settings.timeZone ?? accountTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
}
