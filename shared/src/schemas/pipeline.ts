import { z } from 'zod';
import { TEXT_LIMITS } from '../limits.ts';
import { channelSchema, entityBase } from './base.ts';
import { isoDate } from './dates.ts';
import { uuidSchema } from './ids.ts';
import { moneyString } from './money.ts';
import { isoDateTime, marginString, optionalText, requiredText } from './primitives.ts';
import { OPPORTUNITY_STAGES, TicketCategory } from './settings.ts';

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
  notes: optionalText('notes', TEXT_LIMITS.longText),
});
export type Opportunity = z.infer<typeof Opportunity>;

export const TICKET_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type TicketSeverity = (typeof TICKET_SEVERITIES)[number];
export const TICKET_STATUSES = ['open', 'in-progress', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

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
  status: z.enum(TICKET_STATUSES, { error: `status must be one of ${TICKET_STATUSES.join(', ')}` }),
  title: requiredText('title'),
  description: optionalText('description', TEXT_LIMITS.longText),
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
