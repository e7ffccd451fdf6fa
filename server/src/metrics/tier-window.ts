// The team's tier window for today, apart from the recompute so reports can resolve windows without
// importing the recompute (which reads report rows for the insight fields: an import cycle).
import { type ResolvedTierWindow, resolveTierWindow } from '@rapport/shared/domain/tiers';
import { teamSettings } from '../accounts/settings.ts';
import type { Clock } from '../lib/clock.ts';
import type { Store } from '../store/store.ts';

/** The day the server's clock is on (UTC): the "today" that trailing tier windows end at. */
export function serverToday(clock: Clock): string {
  return clock.now().toISOString().slice(0, 10);
}

/** The team's tier window, resolved for today and its newest order line. */
export async function teamTierWindow(
  store: Store,
  clock: Clock,
  teamId: string,
): Promise<ResolvedTierWindow> {
  const team = await store.teams.get(teamId);
  if (!team) throw new Error(`team ${teamId} does not exist`);
  return resolveTierWindow(
    teamSettings(team).tierWindow,
    serverToday(clock),
    await store.orderLines.newestDate(teamId),
  );
}
