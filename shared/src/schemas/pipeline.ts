import { z } from 'zod';
import { isoDate } from '../domain/dates.ts';
import { uuidSchema } from '../ids.ts';
import { moneyString } from '../money.ts';
import { OPPORTUNITY_STAGES, TicketCategory } from '../settings.ts';
import { channelSchema, entityBase } from './base.ts';
import { httpUrl, isoDateTime, marginString, optionalText, requiredText } from './primitives.ts';

export { OPPORTUNITY_STAGES };

export const Opportunity = z.strictObject({
  ...entityBase,
  contactId: uuidSchema.nullable(),
  customerId: uuidSchema.nullable(),
  title: requiredText('title'),
  amount: moneyString,
  expectedMargin: marginString.nullable(),
  stage: z.enum(OPPORTUNITY_STAGES, { error: `stage must be one of ${OPPORTUNITY_STAGES.join(', ')}` }),
  closeDate: isoDate.nullable(),
  ownerId: uuidSchema.nullable(),
  notes: optionalText('notes', 10_000),
});
export type Opportunity = z.infer<typeof Opportunity>;

export const TICKET_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type TicketSeverity = (typeof TICKET_SEVERITIES)[number];
export const TICKET_STATUSES = ['open', 'in-progress', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

const ticketStatus = z.enum(TICKET_STATUSES, {
  error: `status must be one of ${TICKET_STATUSES.join(', ')}`,
});

/**
 * One status transition of a ticket. The history is a synced *set* (element key: at|status|by), so
 * two offline clients that both move a ticket keep both transitions after merge.
 */
export const TicketEvent = z.strictObject({
  status: ticketStatus,
  at: isoDateTime,
  /** The user who made the change; null when an import or the server did. */
  by: uuidSchema.nullable(),
});
export type TicketEvent = z.infer<typeof TicketEvent>;
export const ticketEventKey = (e: { status: string; at: string; by: string | null }): string =>
  `${e.at}|${e.status}|${e.by ?? ''}`;

/** A complaint / after-sales case. */
export const Ticket = z.strictObject({
  ...entityBase,
  contactId: uuidSchema.nullable(),
  customerId: uuidSchema.nullable(),
  orderId: z.string({ error: 'orderId must be text or null' }).trim().min(1).max(100).nullable(),
  channel: channelSchema,
  /** A category id from the team's settings (default 'product-quality', 'delivery', 'billing', 'service-attitude', 'other'). */
  category: TicketCategory.shape.id,
  severity: z.enum(TICKET_SEVERITIES, { error: `severity must be one of ${TICKET_SEVERITIES.join(', ')}` }),
  status: ticketStatus,
  title: requiredText('title'),
  /** The first entry: the customer's message (a Gmail message's text or a page selection). */
  description: optionalText('description', 10_000),
  /** Where the first entry came from (the Gmail thread or page). */
  sourceUrl: httpUrl.nullable(),
  /** Who works on it now (ownerId is who logged it). */
  assigneeId: uuidSchema.nullable(),
  /** Every status change with its time and author, oldest first. */
  history: z
    .array(TicketEvent, { error: 'history must be a list' })
    .max(500, { error: 'history may hold at most 500 entries' }),
  resolution: optionalText('resolution', 10_000),
  resolvedAt: isoDateTime.nullable(),
  /** Feedback 1–5 after resolution (counts as CSAT). */
  satisfaction: z
    .int({ error: 'satisfaction must be a whole number 1–5' })
    .min(1, { error: 'satisfaction must be 1–5' })
    .max(5, { error: 'satisfaction must be 1–5' })
    .nullable(),
  ownerId: uuidSchema.nullable(),
});
export type Ticket = z.infer<typeof Ticket>;
