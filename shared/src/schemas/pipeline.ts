import { z } from 'zod';
import { TEXT_LIMITS } from '../limits.ts';
import { channelSchema, entityBase } from './base.ts';
import { isoDate } from './dates.ts';
import { uuidSchema } from './ids.ts';
import { moneyString } from './money.ts';
import { httpUrl, isoDateTime, marginString, optionalText, requiredText } from './primitives.ts';
import { OPPORTUNITY_STAGES, TicketCategory } from './settings.ts';

export { OPPORTUNITY_STAGES };

/** At most this many lines on one quote. */
export const MAX_QUOTE_LINES = 100;

/** One line of an opportunity's quote: quantity × unit price × (1 − discount %). */
export const QuoteLine = z.strictObject({
  /** The product quoted (its margin gives the line's cost); null for a free-text line. */
  productId: uuidSchema.nullable(),
  description: requiredText('description', 500),
  quantity: z
    .int({ error: 'quantity must be a whole number' })
    .min(1, { error: 'quantity must be at least 1' })
    .max(1_000_000, { error: 'quantity must be at most 1,000,000' }),
  unitPrice: moneyString.refine((s) => !s.startsWith('-'), { error: 'unitPrice cannot be negative' }),
  /** Discount in percent, at most 2 decimals: "0", "12.5", "100". */
  discountPct: z
    .string({ error: 'discountPct must be a percentage string such as "12.5"' })
    .regex(/^\d{1,3}(?:\.\d{1,2})?$/, {
      error: 'discountPct must be a percentage such as "12.5" (at most 2 decimals)',
    })
    .refine((s) => Number(s) <= 100, { error: 'discountPct must be at most 100' }),
});
export type QuoteLine = z.infer<typeof QuoteLine>;

export const Opportunity = z.strictObject({
  ...entityBase,
  contactId: uuidSchema.nullable(),
  customerId: uuidSchema.nullable(),
  title: requiredText('title'),
  amount: moneyString,
  expectedMargin: marginString.nullable(),
  /**
   * The quote's line items, or null when there is none. The list is one last-writer-wins field:
   * the newest edit of the quote replaces it whole (two people editing one quote offline keep the
   * later version, never a mix of lines that were priced together by neither).
   */
  quote: z
    .array(QuoteLine, { error: 'quote must be a list of lines or null' })
    .max(MAX_QUOTE_LINES, { error: `a quote has at most ${MAX_QUOTE_LINES} lines` })
    .nullable()
    // Rows written before quotes existed have none.
    .default(null),
  stage: z.enum(OPPORTUNITY_STAGES, { error: `stage must be one of ${OPPORTUNITY_STAGES.join(', ')}` }),
  closeDate: isoDate.nullable(),
  ownerId: uuidSchema.nullable(),
  notes: optionalText('notes', TEXT_LIMITS.longText),
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
  description: optionalText('description', TEXT_LIMITS.longText),
  /** Where the first entry came from (the Gmail thread or page). */
  sourceUrl: httpUrl.nullable(),
  /** Who works on it now (ownerId is who logged it). */
  assigneeId: uuidSchema.nullable(),
  /** Every status change with its time and author, oldest first. */
  history: z
    .array(TicketEvent, { error: 'history must be a list' })
    .max(500, { error: 'history may hold at most 500 entries' }),
  resolution: optionalText('resolution', TEXT_LIMITS.longText),
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
