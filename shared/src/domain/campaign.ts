import type { Money } from '../money.ts';
import { compareCodeUnits } from './collections.ts';
import { daysBetween, type IsoDate } from './dates.ts';

/** Default attribution window: an order or social interaction up to 30 days after a touch counts. */
export const CAMPAIGN_ATTRIBUTION_DAYS = 30;

/** A campaign touch logged on one member (a contact) on one day. */
export interface CampaignTouch {
  campaignId: string;
  memberId: string;
  day: IsoDate;
}

/** Something a member did after being touched: an order line (with money) or a social interaction. */
export type MemberResponse =
  | { kind: 'line'; memberId: string; day: IsoDate; orderId: string; revenue: Money; profit: Money }
  | { kind: 'social'; memberId: string; day: IsoDate };

export interface CampaignResult {
  campaignId: string;
  /** Distinct members touched. */
  reach: number;
  /** Distinct members with at least one attributed order line or social interaction. */
  responders: number;
  orders: number;
  socialInteractions: number;
  revenue: Money;
  /** Σ attributed lines' profit, exact. */
  profit: Money;
}

/**
 * The campaign a response is attributed to: among the member's touches on or before the response's
 * day and at most `windowDays` before it, the latest; two touches on the same day go to the larger
 * campaign id (ids are time-ordered UUIDv7, so the later-created campaign). Null when none.
 */
export function attributedCampaign(
  touchesOfMember: readonly CampaignTouch[],
  day: IsoDate,
  windowDays = CAMPAIGN_ATTRIBUTION_DAYS,
): string | null {
  let best: CampaignTouch | null = null;
  for (const t of touchesOfMember) {
    const gap = daysBetween(t.day, day);
    if (gap < 0 || gap > windowDays) continue;
    if (best === null || t.day > best.day || (t.day === best.day && t.campaignId > best.campaignId)) best = t;
  }
  return best?.campaignId ?? null;
}

/**
 * Reach, response, revenue and profit per campaign: every response is attributed to at most one
 * campaign by attributedCampaign; an order counts once per campaign however many lines it has.
 * Every touched campaign is listed, in campaign id order.
 */
export function campaignResults(
  touches: readonly CampaignTouch[],
  responses: Iterable<MemberResponse>,
  windowDays = CAMPAIGN_ATTRIBUTION_DAYS,
): CampaignResult[] {
  if (!Number.isInteger(windowDays) || windowDays < 0)
    throw new RangeError(`attribution window must be a whole number of days ≥ 0, got ${windowDays}`);
  const byMember = new Map<string, CampaignTouch[]>();
  const reach = new Map<string, Set<string>>();
  for (const t of touches) {
    const list = byMember.get(t.memberId);
    if (list) list.push(t);
    else byMember.set(t.memberId, [t]);
    const members = reach.get(t.campaignId);
    if (members) members.add(t.memberId);
    else reach.set(t.campaignId, new Set([t.memberId]));
  }
  const acc = new Map(
    [...reach.keys()].map((id) => [
      id,
      { responders: new Set<string>(), orders: new Set<string>(), social: 0, revenue: 0n, profit: 0n },
    ]),
  );
  for (const r of responses) {
    const campaignId = attributedCampaign(byMember.get(r.memberId) ?? [], r.day, windowDays);
    const a = campaignId === null ? undefined : acc.get(campaignId);
    if (!a) continue;
    a.responders.add(r.memberId);
    if (r.kind === 'social') a.social += 1;
    else {
      a.orders.add(r.orderId);
      a.revenue += r.revenue;
      a.profit += r.profit;
    }
  }
  return [...acc]
    .sort(([x], [y]) => compareCodeUnits(x, y))
    .map(([campaignId, a]) => ({
      campaignId,
      reach: reach.get(campaignId)?.size ?? 0,
      responders: a.responders.size,
      orders: a.orders.size,
      socialInteractions: a.social,
      revenue: a.revenue,
      profit: a.profit,
    }));
}
