import { z } from 'zod';
import { DELETABLE_ENTITIES, UPSERT_ENTITIES, type UpsertEntity } from '../entities.ts';
import { acceptor, UNSURE } from '../schemas/accept.ts';
import { formatZodError, issueDetails, issuePath, ValidationError } from '../schemas/errors.ts';
import { NewEmployeePulse, NewSurveyResponse } from '../schemas/feedback.ts';
import { hlcString } from '../schemas/hlc.ts';
import { uuidSchema } from '../schemas/ids.ts';
import { NewInteraction } from '../schemas/interaction.ts';
import { isoDateTime } from '../schemas/primitives.ts';
import { findBadText } from '../text.ts';
import { entityDefs } from './entities.ts';

export { DELETABLE_ENTITIES, type DeletableEntity, UPSERT_ENTITIES, type UpsertEntity } from '../entities.ts';

const upsertArgs = (entity: UpsertEntity) =>
  z.strictObject({ id: uuidSchema, patch: entityDefs[entity].patch });

/** `<entity>.upsert` of every upsertable entity in the table (`../entities.ts`). */
const upsertMutations = Object.fromEntries(
  UPSERT_ENTITIES.map((entity) => [`${entity}.upsert`, upsertArgs(entity)]),
) as { [N in UpsertEntity as `${N}.upsert`]: ReturnType<typeof upsertArgs> };

/** The args schema of every mutation name. A new mutation is one entry here (or in the entity table). */
export const mutationArgs = {
  ...upsertMutations,
  /** Insert-only (a repeat with the same id changes nothing); t stamps every field of the new row. */
  'interaction.add': z.strictObject({ interaction: NewInteraction, t: hlcString }),
  'survey.add': z.strictObject({ survey: NewSurveyResponse, t: hlcString }),
  'pulse.add': z.strictObject({ pulse: NewEmployeePulse, t: hlcString }),
  'entity.delete': z.strictObject({
    entity: z.enum(DELETABLE_ENTITIES, { error: `entity must be one of ${DELETABLE_ENTITIES.join(', ')}` }),
    id: uuidSchema,
    at: isoDateTime,
    t: hlcString,
  }),
  /** Tombstones the contact and all its interactions; the server then purges their content. */
  'contact.erase': z.strictObject({ id: uuidSchema, at: isoDateTime, t: hlcString }),
} as const;

export type MutationName = keyof typeof mutationArgs;
export const MUTATION_NAMES = Object.keys(mutationArgs) as MutationName[];
export type MutationArgs<N extends MutationName> = z.output<(typeof mutationArgs)[N]>;

/** The mutation for patching each upsertable entity. */
export const UPSERT_MUTATION = Object.fromEntries(UPSERT_ENTITIES.map((e) => [e, `${e}.upsert`])) as {
  readonly [N in UpsertEntity]: `${N}.upsert`;
};

export type UpsertMutationName = `${UpsertEntity}.upsert`;
/** The entity an upsert mutation patches. */
const UPSERT_TARGET: ReadonlyMap<string, UpsertEntity> = new Map(
  UPSERT_ENTITIES.map((e) => [`${e}.upsert`, e]),
);

/** A validated `<entity>.upsert`: which entity it patches, or null for any other mutation. */
export function upsertTarget(m: Mutation): UpsertEntity | null {
  return UPSERT_TARGET.get(m.name) ?? null;
}

/** Narrows a mutation to the upserts. */
export const isUpsert = (m: Mutation): m is Extract<Mutation, { name: UpsertMutationName }> =>
  UPSERT_TARGET.has(m.name);

/** Mutation ids are per client, consecutive from 1. */
export const mutationId = z
  .int({ error: 'mutation id must be a whole number' })
  .positive({ error: 'mutation id must be 1 or more' });

/**
 * The outer shape only: a push body is accepted when envelopes are well-formed, and each mutation's
 * args are checked one by one (parseMutation) so one bad mutation is rejected, not the whole push.
 */
export const MutationEnvelope = z.strictObject({
  id: mutationId,
  name: z.string({ error: 'mutation name must be text' }).min(1).max(100),
  args: z.unknown(),
});
export type MutationEnvelope = z.infer<typeof MutationEnvelope>;

type MutationOf<N extends MutationName> = { id: number; name: N; args: MutationArgs<N> };
/** A validated mutation: a union discriminated by name. */
export type Mutation = { [N in MutationName]: MutationOf<N> }[MutationName];

export class MutationError extends ValidationError {
  override name = 'MutationError';
  constructor(
    message: string,
    /** The offending mutation's id, or null when even the envelope was unreadable. */
    readonly mutationId: number | null,
    details: ValidationError['details'] = [],
  ) {
    super(message, details);
  }
}

export type SafeMutationResult =
  | { success: true; mutation: Mutation }
  | { success: false; error: MutationError };

/** Validates one mutation; errors read "mutation 7 (contact.upsert): args.patch.fields.name.v: name must not be empty". */
export function safeParseMutation(raw: unknown): SafeMutationResult {
  const envelope = MutationEnvelope.safeParse(raw);
  if (!envelope.success) {
    const id = typeof (raw as { id?: unknown } | null)?.id === 'number' ? (raw as { id: number }).id : null;
    return {
      success: false,
      error: new MutationError(
        `mutation ${id ?? '(no id)'}: ${formatZodError(envelope.error)}`,
        id,
        issueDetails(envelope.error),
      ),
    };
  }
  const { id, name, args } = envelope.data;
  if (!Object.hasOwn(mutationArgs, name)) {
    return {
      success: false,
      error: new MutationError(
        `mutation ${id}: unknown mutation name ${JSON.stringify(name)}; expected one of ${MUTATION_NAMES.join(', ')}`,
        id,
        [{ path: 'name', message: 'unknown mutation name' }],
      ),
    };
  }
  // Postgres cannot store a NUL, and a lone surrogate is no character: refuse this mutation alone,
  // before any schema folds the text, so the rest of the batch still applies.
  const bad = findBadText(args);
  if (bad) {
    const path = issuePath(['args', ...bad.path]);
    return {
      success: false,
      error: new MutationError(`mutation ${id} (${name}): ${path}: ${bad.message}`, id, [
        { path, message: bad.message },
      ]),
    };
  }
  const schema = mutationArgs[name as MutationName];
  // zod's value without zod's machinery when the accept-only validator is sure; else zod decides.
  const fast = acceptor(schema)(args);
  if (fast !== UNSURE) return { success: true, mutation: { id, name, args: fast } as Mutation };
  const parsed = schema.safeParse(args);
  if (!parsed.success) {
    return {
      success: false,
      error: new MutationError(
        `mutation ${id} (${name}): ${formatZodError(parsed.error, ['args'])}`,
        id,
        issueDetails(parsed.error, ['args']),
      ),
    };
  }
  return { success: true, mutation: { id, name, args: parsed.data } as Mutation };
}

/** Like safeParseMutation but throws MutationError. */
export function parseMutation(raw: unknown): Mutation {
  const result = safeParseMutation(raw);
  if (!result.success) throw result.error;
  return result.mutation;
}
