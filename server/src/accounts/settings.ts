import { droppedKeys, TeamSettings } from '@rapport/shared/schemas/settings';
import { ApiError, validationError } from '../lib/errors.ts';
import type { Store, Team } from '../store/store.ts';

const KNOWN = new Set(Object.keys(TeamSettings.shape));

/** Only the fields TeamSettings knows, as given (defaults stay implicit so later defaults apply). */
export function storedSettings(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([k, v]) => KNOWN.has(k) && v !== undefined));
}

/** The team's effective settings: what was stored, defaults for the rest (all defaults without a team). */
export function teamSettings(team: Pick<Team, 'settings'> | undefined): TeamSettings {
  if (team === undefined) return TeamSettings.parse({});
  const parsed = TeamSettings.safeParse(team.settings);
  // Stored settings were validated on write; if a later release tightened a rule, fall back field by field.
  if (parsed.success) return parsed.data;
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  return TeamSettings.parse(Object.fromEntries(Object.entries(team.settings).filter(([k]) => !bad.has(k))));
}

/**
 * Validates merged settings, throwing a 400 naming the fields at fault. `sent` is the request body:
 * a key in it that the settings do not know is a 400 too (a misspelling must not reset a setting).
 */
export function validateSettings(input: Record<string, unknown>, sent: unknown = input): TeamSettings {
  const parsed = TeamSettings.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error, 'json');
  const unknown = droppedKeys(sent, parsed.data);
  if (unknown.length > 0)
    throw new ApiError(
      400,
      'validation_failed',
      `Invalid request body: unknown setting ${unknown.join(', ')}`,
      {
        target: 'body',
        issues: unknown.map((path) => ({ path, message: 'not a setting' })),
      },
    );
  return parsed.data;
}

/** The effective settings of the team with this id (all defaults when there is no such team). */
export async function teamSettingsOf(store: Pick<Store, 'teams'>, teamId: string): Promise<TeamSettings> {
  return teamSettings(await store.teams.get(teamId));
}
