import { canonicalJson } from '@rapport/shared/sync/canonical';
import { storedSettings, teamSettings, validateSettings } from '../../accounts/settings.ts';
import { writeWithVersion } from '../../entities/save.ts';
import type { AppRouteHandler, AppVariables } from '../../lib/app-env.ts';
import { assertRole } from '../../lib/auth.ts';
import { recomputeCustomerMetrics } from '../../metrics/recompute.ts';
import type { getSettingsRoute, patchSettingsRoute, putSettingsRoute } from './settings.routes.ts';

/**
 * Saves the settings and, in the same transaction, recomputes the customer metrics (the tier window
 * and thresholds decide tiers and figures). The team version always moves, so every client pulls
 * the new figures and re-reads the settings at once.
 */
async function save(v: AppVariables, raw: Record<string, unknown>, sent: unknown) {
  const settings = validateSettings(raw, sent);
  const teamId = v.auth.team.id;
  await writeWithVersion(v.store, teamId, async (tx, version) => {
    const before = await tx.teams.get(teamId);
    await tx.teams.setSettings(teamId, storedSettings(raw), v.clock.now().toISOString());
    const windowChanged =
      before === undefined ||
      canonicalJson(teamSettings(before).tierWindow) !== canonicalJson(settings.tierWindow);
    await recomputeCustomerMetrics(tx, v, teamId, version, { windowChanged });
    return { result: undefined, changed: true };
  });
  return settings;
}

export const get: AppRouteHandler<typeof getSettingsRoute> = async (c) => {
  const team = (await c.var.store.teams.get(c.var.auth.team.id)) ?? c.var.auth.team;
  return c.json({ settings: teamSettings(team) }, 200);
};

export const put: AppRouteHandler<typeof putSettingsRoute> = async (c) => {
  assertRole(c.var.auth.user.role, ['lead', 'admin'], 'change team settings');
  const body = (await c.req.json()) as Record<string, unknown>; // validated by the route; keep the raw input
  return c.json({ settings: await save(c.var, body, body) }, 200);
};

export const patch: AppRouteHandler<typeof patchSettingsRoute> = async (c) => {
  assertRole(c.var.auth.user.role, ['lead', 'admin'], 'change team settings');
  const team = (await c.var.store.teams.get(c.var.auth.team.id)) ?? c.var.auth.team;
  const body = c.req.valid('json');
  const merged = { ...team.settings, ...storedSettings(body) };
  return c.json({ settings: await save(c.var, merged, body) }, 200);
};
