import { z } from 'zod';
import { TEXT_LIMITS } from '../limits.ts';
import { channelSchema } from '../schemas/base.ts';
import { isoDate } from '../schemas/dates.ts';
import { uuidSchema } from '../schemas/ids.ts';
import { TICKET_SEVERITIES, TICKET_STATUSES, Ticket } from '../schemas/pipeline.ts';
import { TicketCategory } from '../schemas/settings.ts';

// Service commands (tickets, surveys) from content scripts and extension pages to the background, spread
// into messageSchemas. Kept in their own file so the service and sales halves do not edit one list.

const command = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), ...shape });

const text = (what: string, max: number) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .max(max, { error: `${what} must be at most ${max} characters` });

const severity = z.enum(TICKET_SEVERITIES, {
  error: `severity must be one of ${TICKET_SEVERITIES.join(', ')}`,
});
const status = z.enum(TICKET_STATUSES, { error: `status must be one of ${TICKET_STATUSES.join(', ')}` });
const satisfaction = z
  .int({ error: 'satisfaction must be a whole number 1–5' })
  .min(1, { error: 'satisfaction must be 1–5' })
  .max(5, { error: 'satisfaction must be 1–5' });

/** An unresolved ticket as a badge and a card name it. */
export const OpenTicket = z.strictObject({ id: uuidSchema, title: z.string(), severity, status });
export type OpenTicket = z.infer<typeof OpenTicket>;

/** A teammate a ticket can be assigned to. */
export const TeamMember = z.strictObject({ id: uuidSchema, name: z.string().max(200) });
export type TeamMember = z.infer<typeof TeamMember>;

export const TicketChanges = z
  .strictObject({
    status: status.optional(),
    /** null: unassigned. */
    assigneeId: uuidSchema.nullable().optional(),
    resolution: text('resolution', TEXT_LIMITS.longText).nullable().optional(),
    satisfaction: satisfaction.nullable().optional(),
    category: TicketCategory.shape.id.optional(),
    severity: severity.optional(),
    title: text('title', TEXT_LIMITS.name).min(1, { error: 'title must not be empty' }).optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), { error: 'change at least one field' });
export type TicketChanges = z.infer<typeof TicketChanges>;

export const serviceMessageSchemas = {
  'ticket.create': {
    request: command('ticket.create', {
      contactId: uuidSchema,
      title: text('title', TEXT_LIMITS.name).min(1, { error: 'title must not be empty' }),
      category: TicketCategory.shape.id,
      severity,
      channel: channelSchema,
      /** The first entry: the customer's message or the page selection. */
      description: text('description', TEXT_LIMITS.longText).optional(),
      sourceUrl: z.string({ error: 'sourceUrl must be text' }).max(TEXT_LIMITS.url).optional(),
      /** Default: the signed-in user works on it. */
      assignToMe: z.boolean({ error: 'assignToMe must be true or false' }).default(true),
      /** A teammate (team.members) who works on it, or null for nobody; overrides assignToMe. */
      assigneeId: uuidSchema.nullable().optional(),
    }),
    response: z.strictObject({ ticket: Ticket }),
  },
  'ticket.update': {
    request: command('ticket.update', { id: uuidSchema, changes: TicketChanges }),
    response: z.strictObject({ ticket: Ticket }),
  },
  'tickets.list': {
    request: command('tickets.list', { contactId: uuidSchema }),
    /** The contact's tickets (and its customer's), newest first, with the team's categories and who is signed in. */
    response: z.strictObject({
      tickets: z.array(Ticket),
      categories: z.array(TicketCategory),
      me: uuidSchema.nullable(),
    }),
  },
  'team.members': {
    /** The team's active members (cached by the background, refreshed hourly when online), you first. */
    request: command('team.members', {}),
    response: z.strictObject({ members: z.array(TeamMember), me: uuidSchema.nullable() }),
  },
  'survey.record': {
    request: command('survey.record', {
      contactId: uuidSchema,
      csat: satisfaction.nullable().default(null),
      nps: z
        .int({ error: 'nps must be a whole number 0–10' })
        .min(0, { error: 'nps must be 0–10' })
        .max(10, { error: 'nps must be 0–10' })
        .nullable()
        .default(null),
      comment: text('comment', 5000).optional(),
    }).refine((s) => s.csat !== null || s.nps !== null, {
      error: 'a survey response needs csat, nps or both',
    }),
    response: z.strictObject({ surveyId: uuidSchema }),
  },
  'pulse.record': {
    /** The signed-in employee's weekly 1–5; the comment stays private unless shared. */
    request: command('pulse.record', {
      score: z
        .int({ error: 'score must be a whole number 1–5' })
        .min(1, { error: 'score must be 1–5' })
        .max(5, { error: 'score must be 1–5' }),
      comment: text('comment', TEXT_LIMITS.shortNote).optional(),
      shared: z.boolean({ error: 'shared must be true or false' }).default(false),
    }),
    response: z.strictObject({ pulseId: uuidSchema }),
  },
  'pulse.status': {
    request: command('pulse.status', {}),
    /** due: no score yet this week (Monday-based, your time zone) and the reminder not dismissed for it. */
    response: z.strictObject({ due: z.boolean(), lastDate: isoDate.nullable() }),
  },
  'pulse.dismiss': {
    request: command('pulse.dismiss', {}),
    response: z.strictObject({ due: z.boolean(), lastDate: isoDate.nullable() }),
  },
} as const;
