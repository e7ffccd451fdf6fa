import { z } from '@hono/zod-openapi';
import { CHANNELS } from '@rapport/shared/channels';
import { csvSafeCell } from '@rapport/shared/csv-cell';
import {
  CAMPAIGN_ATTRIBUTION_DAYS,
  type CampaignTouch,
  campaignResults,
  type MemberResponse,
} from '@rapport/shared/domain/campaign';
import { addDays } from '@rapport/shared/domain/dates';
import { SEGMENTS } from '@rapport/shared/domain/rfm';
import { TIERS } from '@rapport/shared/domain/tiers';
import { TEXT_LIMITS } from '@rapport/shared/limits';
import { formatMoney } from '@rapport/shared/money';
import type { Contact } from '@rapport/shared/schemas/contact';
import type { Customer } from '@rapport/shared/schemas/customer';
import type { Interaction } from '@rapport/shared/schemas/interaction';
import { stateFromEntity } from '@rapport/shared/sync/changes';
import Papa from 'papaparse';
import { uuidv7 } from 'uuidv7';
import type { EntityContext } from '../entities/rest.ts';
import { saveRows, writeWithVersion } from '../entities/save.ts';
import { vcardOf } from '../exports/contacts.ts';
import { contactsToVcard } from '../exports/vcard.ts';
import type { Clock } from '../lib/clock.ts';
import { notFound } from '../lib/errors.ts';
import { churnRows } from '../reports/churn.ts';
import { asOfDay, rfmForWindow } from '../reports/rfm-window.ts';
import { resolveReportWindow } from '../reports/window.ts';
import type { CampaignRecord } from '../store/repos/campaigns.ts';
import type { Store } from '../store/store.ts';

/** The filters a campaign list is built from; every one optional, all must match. */
export const CampaignFilters = z
  .strictObject({
    tier: z.array(z.enum(TIERS)).max(5).optional(),
    segment: z.array(z.enum(SEGMENTS)).max(SEGMENTS.length).optional(),
    churn: z.enum(['late', 'at-risk', 'on-time']).optional().openapi({
      description: 'late: past 1.5 × their interval; at-risk: late or score ≥ 50; on-time: not late',
    }),
    category: z
      .string()
      .trim()
      .min(1)
      .max(TEXT_LIMITS.title)
      .optional()
      .openapi({ description: 'Bought this category in the window' }),
    ownerId: z.string().max(100).optional(),
  })
  .openapi('CampaignFilters');
export type CampaignFilters = z.infer<typeof CampaignFilters>;

export const NewCampaign = z
  .strictObject({ name: z.string().trim().min(1).max(TEXT_LIMITS.title), filters: CampaignFilters })
  .openapi('NewCampaign');

export const CampaignTouchBody = z
  .strictObject({
    channel: z.enum(CHANNELS, { error: `channel must be one of ${CHANNELS.join(', ')}` }),
    note: z.string().trim().min(1).max(TEXT_LIMITS.shortNote),
  })
  .openapi('CampaignTouch');

export const CampaignSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    filters: CampaignFilters,
    members: z.number().int(),
    touches: z.array(
      z.object({ day: z.string(), at: z.string(), channel: z.string(), interactions: z.number().int() }),
    ),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .openapi('Campaign');

export const CampaignReportSchema = z
  .object({
    campaignId: z.string(),
    windowDays: z.number().int(),
    reach: z.number().int().openapi({ description: 'Members (customers) touched' }),
    responders: z.number().int(),
    orders: z.number().int(),
    socialInteractions: z.number().int(),
    revenue: z.string(),
    profit: z.string(),
  })
  .openapi('CampaignReport');

export const campaignWire = (c: CampaignRecord) => ({
  id: c.id,
  name: c.name,
  filters: c.definition as CampaignFilters,
  members: c.members.length,
  touches: c.touches,
  createdBy: c.createdBy,
  createdAt: c.createdAt,
});

/**
 * The customers matching the filters over the team's tier window: tier and churn state from the
 * churn rows, segment from the RFM of the window, category from the window's spend. Sorted by id.
 */
export async function campaignMembers(
  store: Store,
  clock: Clock,
  teamId: string,
  f: CampaignFilters,
): Promise<string[]> {
  const window = await resolveReportWindow(store, clock, teamId, {});
  const range = { from: window.from, to: window.to };
  const churn = await churnRows(store, clock, teamId, window);
  let rows = churn.rows;
  if (f.tier?.length) rows = rows.filter((r) => f.tier?.includes(r.tier));
  if (f.ownerId !== undefined) rows = rows.filter((r) => r.ownerId === f.ownerId);
  if (f.churn === 'late') rows = rows.filter((r) => r.late);
  if (f.churn === 'on-time') rows = rows.filter((r) => !r.late);
  if (f.churn === 'at-risk') rows = rows.filter((r) => r.late || r.score >= 50);
  if (f.segment?.length) {
    const rfm = await rfmForWindow(store, teamId, range, await asOfDay(store, clock, teamId, window));
    const seg = new Map(rfm.scores.map((s) => [s.id, s.segment]));
    rows = rows.filter((r) => f.segment?.includes(seg.get(r.id) as (typeof SEGMENTS)[number]));
  }
  if (f.category !== undefined) {
    const want = f.category.toLowerCase();
    const buyers = new Set(
      (await store.insight.categorySpend(teamId, range, 'category'))
        .filter((s) => s.category.toLowerCase() === want && s.revenue > 0n)
        .map((s) => s.customerId),
    );
    rows = rows.filter((r) => buyers.has(r.id));
  }
  return rows.map((r) => r.id).sort();
}

export async function getCampaign(store: Store, teamId: string, id: string): Promise<CampaignRecord> {
  const c = await store.campaigns.get(teamId, id);
  if (!c) throw notFound(`No campaign ${id} in your team`);
  return c;
}

async function memberContacts(store: Store, teamId: string, members: readonly string[]) {
  const set = new Set(members);
  const [customers, contacts] = await Promise.all([
    store.rowQueries.live<Customer>(teamId, 'customer'),
    store.rowQueries.live<Contact>(teamId, 'contact'),
  ]);
  return {
    customers: customers.filter((c) => set.has(c.id)),
    contacts: contacts.filter((c) => c.customerId !== null && set.has(c.customerId)),
  };
}

/** The members as CSV (each cell through the shared safe CSV rule) or vCard (their contacts). */
export async function exportCampaign(
  store: Store,
  teamId: string,
  c: CampaignRecord,
  format: 'csv' | 'vcard',
) {
  const { customers, contacts } = await memberContacts(store, teamId, c.members);
  if (format === 'vcard') {
    return {
      body: contactsToVcard(
        contacts.map((p) => vcardOf(p, null)),
        '4.0',
      ),
      contentType: 'text/vcard; charset=utf-8',
      filename: 'campaign.vcf',
      count: contacts.length,
    };
  }
  const byCustomer = new Map<string, Contact[]>();
  for (const p of contacts)
    byCustomer.set(p.customerId as string, [...(byCustomer.get(p.customerId as string) ?? []), p]);
  const data = customers.flatMap((cu) => {
    const people = byCustomer.get(cu.id) ?? [];
    const rows = people.length ? people : [null];
    return rows.map((p) =>
      [
        cu.externalId ?? cu.id,
        cu.name,
        p?.name ?? '',
        p?.emails.join('; ') ?? '',
        p?.phones.join('; ') ?? '',
      ].map(csvSafeCell),
    );
  });
  const body = Papa.unparse(
    { fields: ['Customer ID', 'Customer', 'Contact', 'Emails', 'Phones'], data },
    { newline: '\r\n' },
  );
  return {
    body: `${body}\r\n`,
    contentType: 'text/csv; charset=utf-8',
    filename: 'campaign.csv',
    count: data.length,
  };
}

/**
 * Logs a campaign touch: one `campaign` interaction per contact of every member, written through
 * the same row path as any interaction (so it syncs to the extensions), and the touch day recorded.
 */
export async function logTouch(
  ctx: EntityContext,
  c: CampaignRecord,
  body: z.infer<typeof CampaignTouchBody>,
): Promise<{ interactions: number; campaign: CampaignRecord }> {
  const teamId = ctx.user.teamId;
  const at = ctx.clock.now().toISOString();
  const { contacts } = await memberContacts(ctx.store, teamId, c.members);
  return writeWithVersion(ctx.store, teamId, async (tx, version) => {
    const writes = contacts.map((p) => ({
      entity: 'interaction' as const,
      state: stateFromEntity(
        'interaction',
        {
          id: uuidv7(),
          contactId: p.id,
          customerId: p.customerId,
          kind: 'campaign',
          channel: body.channel,
          direction: 'out',
          at,
          subject: c.name.slice(0, 500),
          summary: body.note,
          body: null,
          sourceUrl: null,
          sourceKey: `campaign:${c.id}:${at}:${p.id}`,
          authorId: ctx.user.id,
          supersedes: null,
        },
        ctx.hlc.tick(),
      ),
    }));
    if (writes.length) await saveRows(tx, teamId, version, writes, at);
    const touches = [
      ...c.touches,
      { day: at.slice(0, 10), at, channel: body.channel, interactions: writes.length },
    ];
    await tx.campaigns.setTouches(teamId, c.id, touches);
    return {
      result: { interactions: writes.length, campaign: { ...c, touches } },
      changed: writes.length > 0,
    };
  });
}

/**
 * Reach, responses, revenue and profit of one campaign by the shared attribution rule, over every
 * campaign of the team (a later campaign's touch takes the responses after it): responses are the
 * members' order lines and inbound or social interactions up to 30 days after a touch.
 */
export async function campaignReport(store: Store, teamId: string, id: string) {
  const all = await store.campaigns.list(teamId);
  const mine = all.find((c) => c.id === id);
  if (!mine) throw notFound(`No campaign ${id} in your team`);
  const touches: CampaignTouch[] = all.flatMap((c) =>
    c.touches.flatMap((t) => c.members.map((m) => ({ campaignId: c.id, memberId: m, day: t.day }))),
  );
  const days = touches.map((t) => t.day).sort();
  const responses: MemberResponse[] = [];
  const members = new Set(touches.map((t) => t.memberId));
  if (days.length) {
    const window = {
      from: days[0] as string,
      to: addDays(days[days.length - 1] as string, CAMPAIGN_ATTRIBUTION_DAYS + 1),
    };
    for (const m of members)
      for (const l of await store.orderLines.forCustomer(teamId, m, window))
        responses.push({
          kind: 'line',
          memberId: m,
          day: l.orderedAt.slice(0, 10),
          orderId: l.orderId,
          revenue: l.revenue,
          profit: l.profit,
        });
    const interactions = await store.rowQueries.live<Interaction>(teamId, 'interaction');
    for (const i of interactions)
      if (
        i.customerId !== null &&
        members.has(i.customerId) &&
        i.kind !== 'campaign' &&
        (i.kind === 'social' || i.direction === 'in')
      )
        responses.push({ kind: 'social', memberId: i.customerId, day: i.at.slice(0, 10) });
  }
  const r = campaignResults(touches, responses).find((x) => x.campaignId === id);
  return {
    campaignId: id,
    windowDays: CAMPAIGN_ATTRIBUTION_DAYS,
    reach: r?.reach ?? 0,
    responders: r?.responders ?? 0,
    orders: r?.orders ?? 0,
    socialInteractions: r?.socialInteractions ?? 0,
    revenue: formatMoney(r?.revenue ?? 0n),
    profit: formatMoney(r?.profit ?? 0n),
  };
}

export function newCampaignRecord(
  userId: string,
  now: string,
  name: string,
  filters: CampaignFilters,
  members: string[],
): CampaignRecord {
  return { id: uuidv7(), name, definition: filters, members, touches: [], createdBy: userId, createdAt: now };
}
