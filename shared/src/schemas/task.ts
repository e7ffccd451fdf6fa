import { z } from 'zod';
import { TEXT_LIMITS } from '../limits.ts';
import { entityBase } from './base.ts';
import { isoDate } from './dates.ts';
import { uuidSchema } from './ids.ts';
import { isoDateTime, optionalText, requiredText } from './primitives.ts';

/**
 * A follow-up task a lead (or the rep themselves) gives a rep: due on a day, optionally about a
 * contact or customer. An open task's due day acts as a scheduled follow-up for its contact.
 * Fields merge last-writer-wins one by one, so a lead moving the due day and the rep ticking it
 * done offline both survive.
 */
export const Task = z.strictObject({
  ...entityBase,
  /** The rep who does it. */
  assigneeId: uuidSchema,
  contactId: uuidSchema.nullable(),
  customerId: uuidSchema.nullable(),
  title: requiredText('title'),
  due: isoDate,
  note: optionalText('note', TEXT_LIMITS.note),
  done: z.boolean({ error: 'done must be true or false' }),
  /** When it was ticked done (null while open). */
  doneAt: isoDateTime.nullable(),
  /** Who gave it. */
  createdBy: uuidSchema,
});
export type Task = z.infer<typeof Task>;
