import { createRouter } from '../../lib/create-router.ts';
import * as h from './campaigns.handlers.ts';
import * as r from './campaigns.routes.ts';

export const campaignsRouter = createRouter()
  .openapi(r.listCampaignsRoute, h.listCampaigns)
  .openapi(r.previewCampaignRoute, h.previewCampaign)
  .openapi(r.createCampaignRoute, h.createCampaign)
  .openapi(r.getCampaignRoute, h.getCampaignHandler)
  .openapi(r.exportCampaignRoute, h.exportCampaignHandler)
  .openapi(r.touchCampaignRoute, h.touchCampaign)
  .openapi(r.campaignReportRoute, h.campaignReportHandler);
