import { z } from 'zod';
import { TEXT_LIMITS } from '../limits.ts';
import { channelSchema, entityBase, newEntityBase } from './base.ts';
import { uuidSchema } from './ids.ts';
import { httpUrl, isoDateTime, optionalText } from './primitives.ts';

export const INTERACTION_KINDS = [
  'email',
  'call',
  'meeting',
  'social',
  'note',
  'greeting',
  'complaint-update',
  'campaign',
] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];
export const DIRECTIONS = ['in', 'out'] as const;
export type Direction = (typeof DIRECTIONS)[number];

const interactionFields = {
  contactId: uuidSchema,
  customerId: uuidSchema.nullable(),
  kind: z.enum(INTERACTION_KINDS, { error: `kind must be one of ${INTERACTION_KINDS.join(', ')}` }),
  channel: channelSchema,
  direction: z.enum(DIRECTIONS, { error: "direction must be 'in' or 'out'" }),
  at: isoDateTime,
  subject: optionalText('subject', TEXT_LIMITS.subject),
  summary: optionalText('summary', TEXT_LIMITS.note),
  /** Full body only when the user opted in (privacy); null otherwise. */
  body: optionalText('body', TEXT_LIMITS.body),
  sourceUrl: httpUrl.nullable(),
  /** e.g. the Gmail message id, so the same email is never logged twice. */
  sourceKey: z.string({ error: 'sourceKey must be text or null' }).min(1).max(300).nullable(),
  authorId: uuidSchema,
  /** Insert-only: an edit is a new interaction naming the one it replaces. */
  supersedes: uuidSchema.nullable(),
};

export const Interaction = z.strictObject({ ...entityBase, ...interactionFields });
export type Interaction = z.infer<typeof Interaction>;

/** An interaction as a client creates it (createdAt defaults to the write's HLC time). */
export const NewInteraction = z.strictObject({ ...newEntityBase, ...interactionFields });
export type NewInteraction = z.infer<typeof NewInteraction>;
