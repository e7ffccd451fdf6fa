import { createRoute, z } from '@hono/zod-openapi';
import {
  CampaignFilters,
  CampaignReportSchema,
  CampaignSchema,
  CampaignTouchBody,
  NewCampaign,
} from '../../campaigns/campaigns.ts';
import { errorResponses, jsonBody, jsonResponse, notFoundResponse } from '../../lib/openapi.ts';

const IdParam = z.object({ id: z.string().min(1).max(100) });
const tags = ['campaigns'];

export const listCampaignsRoute = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: "The team's campaigns, newest first",
  responses: {
    200: jsonResponse(z.object({ items: z.array(CampaignSchema) }), 'Campaigns'),
    ...errorResponses,
  },
});

export const previewCampaignRoute = createRoute({
  method: 'post',
  path: '/preview',
  tags,
  summary: 'How many customers the filters match now (the live count while building a list)',
  request: { body: jsonBody(CampaignFilters) },
  responses: { 200: jsonResponse(z.object({ members: z.number().int() }), 'Count'), ...errorResponses },
});

export const createCampaignRoute = createRoute({
  method: 'post',
  path: '/',
  tags,
  summary: 'Save a campaign: its filters and the snapshot of the customers they match now (leads and admins)',
  request: { body: jsonBody(NewCampaign) },
  responses: { 201: jsonResponse(CampaignSchema, 'The saved campaign'), ...errorResponses },
});

export const getCampaignRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'One campaign with its member customer ids',
  request: { params: IdParam },
  responses: {
    200: jsonResponse(CampaignSchema.extend({ memberIds: z.array(z.string()) }), 'Campaign'),
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const exportCampaignRoute = createRoute({
  method: 'get',
  path: '/{id}/export',
  tags,
  summary: "The members as CSV (one row per contact, formula-safe cells) or their contacts' vCards",
  request: {
    params: IdParam,
    query: z.object({
      format: z.enum(['csv', 'vcard'], { error: "format must be 'csv' or 'vcard'" }).default('csv'),
    }),
  },
  responses: {
    200: {
      description: 'The file (Content-Disposition: attachment)',
      content: { 'text/csv': { schema: z.string() }, 'text/vcard': { schema: z.string() } },
    },
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const touchCampaignRoute = createRoute({
  method: 'post',
  path: '/{id}/touch',
  tags,
  summary: "Log a campaign touch: a 'campaign' interaction on every member's contacts (leads and admins)",
  request: { params: IdParam, body: jsonBody(CampaignTouchBody) },
  responses: {
    200: jsonResponse(z.object({ interactions: z.number().int(), campaign: CampaignSchema }), 'Logged'),
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const campaignReportRoute = createRoute({
  method: 'get',
  path: '/{id}/report',
  tags,
  summary: 'Reach, responses, revenue and profit attributed to the campaign (30-day window, shared rule)',
  request: { params: IdParam },
  responses: { 200: jsonResponse(CampaignReportSchema, 'Report'), ...errorResponses, ...notFoundResponse },
});
