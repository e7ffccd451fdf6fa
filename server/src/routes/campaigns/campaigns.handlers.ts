import {
  campaignMembers,
  campaignReport,
  campaignWire,
  exportCampaign,
  getCampaign,
  logTouch,
  newCampaignRecord,
} from '../../campaigns/campaigns.ts';
import type { AppRouteHandler } from '../../lib/app-env.ts';
import { assertRole } from '../../lib/auth.ts';
import type * as r from './campaigns.routes.ts';

const MANAGERS = ['lead', 'admin'] as const;

export const listCampaigns: AppRouteHandler<typeof r.listCampaignsRoute> = async (c) =>
  c.json({ items: (await c.var.store.campaigns.list(c.var.auth.team.id)).map(campaignWire) }, 200);

export const previewCampaign: AppRouteHandler<typeof r.previewCampaignRoute> = async (c) => {
  const members = await campaignMembers(c.var.store, c.var.clock, c.var.auth.team.id, c.req.valid('json'));
  return c.json({ members: members.length }, 200);
};

export const createCampaign: AppRouteHandler<typeof r.createCampaignRoute> = async (c) => {
  assertRole(c.var.auth.user.role, MANAGERS, 'create campaigns');
  const { name, filters } = c.req.valid('json');
  const teamId = c.var.auth.team.id;
  const members = await campaignMembers(c.var.store, c.var.clock, teamId, filters);
  const record = newCampaignRecord(
    c.var.auth.user.id,
    c.var.clock.now().toISOString(),
    name,
    filters,
    members,
  );
  await c.var.store.campaigns.insert(teamId, record);
  return c.json(campaignWire(record), 201);
};

export const getCampaignHandler: AppRouteHandler<typeof r.getCampaignRoute> = async (c) => {
  const record = await getCampaign(c.var.store, c.var.auth.team.id, c.req.valid('param').id);
  return c.json({ ...campaignWire(record), memberIds: record.members }, 200);
};

export const exportCampaignHandler: AppRouteHandler<typeof r.exportCampaignRoute> = async (c) => {
  const teamId = c.var.auth.team.id;
  const record = await getCampaign(c.var.store, teamId, c.req.valid('param').id);
  const file = await exportCampaign(c.var.store, teamId, record, c.req.valid('query').format);
  return c.body(file.body, 200, {
    'Content-Type': file.contentType,
    'Content-Disposition': `attachment; filename="${file.filename}"`,
    'X-Record-Count': String(file.count),
  });
};

export const touchCampaign: AppRouteHandler<typeof r.touchCampaignRoute> = async (c) => {
  assertRole(c.var.auth.user.role, MANAGERS, 'log campaign touches');
  const record = await getCampaign(c.var.store, c.var.auth.team.id, c.req.valid('param').id);
  const ctx = { store: c.var.store, clock: c.var.clock, hlc: c.var.hlc, user: c.var.auth.user };
  const out = await logTouch(ctx, record, c.req.valid('json'));
  return c.json({ interactions: out.interactions, campaign: campaignWire(out.campaign) }, 200);
};

export const campaignReportHandler: AppRouteHandler<typeof r.campaignReportRoute> = async (c) =>
  c.json(await campaignReport(c.var.store, c.var.auth.team.id, c.req.valid('param').id), 200);
