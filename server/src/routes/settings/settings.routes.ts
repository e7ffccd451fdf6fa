import { createRoute, z } from '@hono/zod-openapi';
import { TeamSettings } from '@rapport/shared/schemas/settings';
import { errorResponses, jsonBody, jsonResponse } from '../../lib/openapi.ts';

const SettingsResponse = z.object({ settings: TeamSettings });

/** Any subset of the settings' top-level fields; each is validated after merging with the stored ones. */
export const PatchSettingsBody = z
  .strictObject(Object.fromEntries(Object.keys(TeamSettings.shape).map((k) => [k, z.unknown().optional()])))
  .openapi({ description: 'Top-level TeamSettings fields to replace; the rest keep their values' });

export const getSettingsRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['settings'],
  summary: "Your team's settings (every field, defaults filled in)",
  responses: { 200: jsonResponse(SettingsResponse, 'Settings'), 401: errorResponses[401] },
});

export const putSettingsRoute = createRoute({
  method: 'put',
  path: '/',
  tags: ['settings'],
  summary: 'Replace the settings (lead, admin); omitted fields return to their defaults',
  request: { body: jsonBody(TeamSettings) },
  responses: { 200: jsonResponse(SettingsResponse, 'Saved'), ...errorResponses },
});

export const patchSettingsRoute = createRoute({
  method: 'patch',
  path: '/',
  tags: ['settings'],
  summary: 'Change some settings (lead, admin)',
  request: { body: jsonBody(PatchSettingsBody) },
  responses: { 200: jsonResponse(SettingsResponse, 'Saved'), ...errorResponses },
});
