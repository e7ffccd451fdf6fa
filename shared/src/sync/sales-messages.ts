import { z } from 'zod';
import { isoDate } from '../schemas/dates.ts';
import { uuidSchema } from '../schemas/ids.ts';
import { moneyString } from '../schemas/money.ts';
import { OPPORTUNITY_STAGES, Opportunity } from '../schemas/pipeline.ts';
import { marginString } from '../schemas/primitives.ts';
import { StageProbabilities } from '../schemas/settings.ts';
import { Task } from '../schemas/task.ts';

// Sales commands (opportunities, tasks) from the card and the side panel to the background, spread into
// messageSchemas. Kept in their own file, like the service commands, so the halves do not edit one list.

const command = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), ...shape });

const title = z
  .string({ error: 'title must be text' })
  .trim()
  .min(1, { error: 'title must not be empty' })
  .max(300, { error: 'title must be at most 300 characters' });
const amount = moneyString.refine((s) => !s.trim().startsWith('-'), { error: 'amount cannot be negative' });
const stage = z.enum(OPPORTUNITY_STAGES, { error: `stage must be one of ${OPPORTUNITY_STAGES.join(', ')}` });

/** The fields a person edits on an opportunity (its quote is edited in the dashboard). */
export const OpportunityChanges = z
  .strictObject({
    title: title.optional(),
    amount: amount.optional(),
    /** A ratio ("0.35"); null clears it. */
    expectedMargin: marginString.nullable().optional(),
    closeDate: isoDate.nullable().optional(),
    stage: stage.optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), { error: 'change at least one field' });
export type OpportunityChanges = z.infer<typeof OpportunityChanges>;

/** A rep's open task as the card names it. */
export const OpenTask = z.strictObject({ id: uuidSchema, title: z.string(), due: isoDate });
export type OpenTask = z.infer<typeof OpenTask>;

export const salesMessageSchemas = {
  'opportunity.create': {
    /** A new deal on the contact (and its customer), owned by the signed-in user. */
    request: command('opportunity.create', {
      contactId: uuidSchema,
      title,
      amount,
      expectedMargin: marginString.nullable().default(null),
      closeDate: isoDate.nullable().default(null),
      stage: stage.default('lead'),
    }),
    response: z.strictObject({ opportunity: Opportunity }),
  },
  'opportunity.update': {
    request: command('opportunity.update', { id: uuidSchema, changes: OpportunityChanges }),
    response: z.strictObject({ opportunity: Opportunity }),
  },
  'opportunities.list': {
    request: command('opportunities.list', { contactId: uuidSchema }),
    /** The contact's and its customer's deals (open first, then by close date), the team's stage probabilities. */
    response: z.strictObject({
      opportunities: z.array(Opportunity),
      probabilities: StageProbabilities,
      currency: z.string(),
      me: uuidSchema.nullable(),
      /** A lead or admin changes every deal; a rep only their own. */
      editsAll: z.boolean(),
    }),
  },
  'task.done': {
    /** Ticks the signed-in rep's task done (or open again). */
    request: command('task.done', {
      id: uuidSchema,
      done: z.boolean({ error: 'done must be true or false' }).default(true),
    }),
    response: z.strictObject({ task: Task }),
  },
} as const;
