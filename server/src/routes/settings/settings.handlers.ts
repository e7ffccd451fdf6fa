import { storedSettings, teamSettings, validateSettings } from '../../accounts/settings.ts';
import type { AppRouteHandler, AppVariables } from '../../lib/app-env.ts';
import { assertRole } from '../../lib/auth.ts';
import type { getSettingsRoute, patchSettingsRoute, putSettingsRoute } from './settings.routes.ts';

async function save(v: AppVariables, raw: Record<string, unknown>, sent: unknown) {
  const settings = validateSettings(raw, sent);
  await v.store.teams.setSettings(v.auth.team.id, storedSettings(raw), v.clock.now().toISOString());
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
