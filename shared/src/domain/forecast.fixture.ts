// The default stage probabilities (percent) spelled out for forecast tests.
import type { OpportunityStage } from '../settings.ts';

export const STAGE_DEFAULTS: Record<OpportunityStage, number> = {
  lead: 10,
  qualified: 25,
  proposal: 50,
  negotiation: 75,
  won: 100,
  lost: 0,
};
