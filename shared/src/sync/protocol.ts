import { z } from 'zod';
import { anyUuidSchema, uuidSchema } from '../schemas/ids.ts';
import { isoDateTime } from '../schemas/primitives.ts';
import { ENTITY_NAMES, type EntityName, entityNameSchema } from './entities.ts';
import { MutationEnvelope, mutationId } from './mutations.ts';
import { rowStateSchema } from './row.ts';

export const MAX_PUSH_MUTATIONS = 1000;
export const MAX_PULL_LIMIT = 5000;
export const DEFAULT_PULL_LIMIT = 1000;

/** POST /api/v1/sync/push. Mutation ids must be consecutive within the body (each previous + 1). */
export const PushBody = z
  .strictObject({
    clientId: anyUuidSchema,
    mutations: z
      .array(MutationEnvelope, { error: 'mutations must be a list' })
      .min(1, { error: 'push at least one mutation' })
      .max(MAX_PUSH_MUTATIONS, { error: `push at most ${MAX_PUSH_MUTATIONS} mutations at a time` }),
  })
  .check((ctx) => {
    const ms = ctx.value.mutations;
    for (let i = 1; i < ms.length; i++) {
      const prev = (ms[i - 1] as MutationEnvelope).id;
      const id = (ms[i] as MutationEnvelope).id;
      if (id !== prev + 1)
        ctx.issues.push({
          code: 'custom',
          message: `mutation ids must be consecutive: ${id} follows ${prev}`,
          input: id,
          path: ['mutations', i, 'id'],
        });
    }
  });
export type PushBody = z.infer<typeof PushBody>;

export const MUTATION_STATUSES = ['applied', 'duplicate', 'rejected'] as const;
export type MutationStatus = (typeof MUTATION_STATUSES)[number];

export const MutationResult = z.strictObject({
  id: mutationId,
  status: z.enum(MUTATION_STATUSES),
  /** Why a mutation was rejected, or a remark on how it was applied (shown to the user). */
  reason: z.string().optional(),
  /**
   * A rejection's code (@rapport/shared/api-errors REJECTION_CODES), for the UI's language. A code the
   * client does not know yet is kept and shown as the reason.
   */
  code: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional(),
});
export type MutationResult = z.infer<typeof MutationResult>;

/** The server's wall time when it answered: clients set their clock by it (HLCs far ahead are refused). */
const serverTime = isoDateTime;

export const PushResponse = z.strictObject({
  /** The client's lastMutationId after this push: the client drops outbox entries up to it. */
  lastMutationId: z.int().min(0),
  results: z.array(MutationResult),
  serverTime,
});
export type PushResponse = z.infer<typeof PushResponse>;

/**
 * GET /api/v1/sync/pull query. clientId lets the server report that client's lastMutationId.
 * A missing cookie means "from the beginning".
 */
export const PullQuery = z.strictObject({
  clientId: anyUuidSchema,
  cookie: z.string().min(1).max(300).optional(),
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int({ error: 'limit must be a whole number' })
    .min(1, { error: 'limit must be at least 1' })
    .max(MAX_PULL_LIMIT, { error: `limit must be at most ${MAX_PULL_LIMIT}` })
    .default(DEFAULT_PULL_LIMIT),
});
export type PullQuery = z.infer<typeof PullQuery>;

/**
 * One changed row. `customerMetrics` rows are server-computed (fields only, read-only) with
 * id = the customer's id. A row's state replaces the client's copy (see row.ts).
 */
export const PullRow = z
  .strictObject({
    entity: entityNameSchema,
    id: uuidSchema,
    version: z.int().positive(),
    state: rowStateSchema,
  })
  .refine((r) => r.state.id === r.id, { error: 'state.id must equal the row id', path: ['state', 'id'] });
export type PullRow = z.infer<typeof PullRow>;

/** A duplicate merged on the server: re-point local references from fromId to toId, drop fromId. */
export const Alias = z.strictObject({ entity: entityNameSchema, fromId: uuidSchema, toId: uuidSchema });
export type Alias = z.infer<typeof Alias>;

export const PullResponse = z.strictObject({
  /** Pass back on the next pull. */
  cookie: z.string().min(1),
  /** More rows wait: pull again right away with the new cookie. */
  hasMore: z.boolean(),
  lastMutationId: z.int().min(0),
  /** The client must drop its replicated rows (not its outbox) before applying this page: its cookie was unusable or too old. */
  reset: z.boolean(),
  rows: z.array(PullRow),
  aliases: z.array(Alias),
  serverTime,
});
export type PullResponse = z.infer<typeof PullResponse>;

/** A position in the (version, entity, id) order of all rows. entity and id are '' at a version's start. */
export interface CookiePosition {
  version: number;
  entity: EntityName | '';
  id: string;
}

export const START_POSITION: CookiePosition = { version: 0, entity: '', id: '' };

const COOKIE = /^r1\.(\d{1,15})\.([A-Za-z]*)\.([0-9a-f-]*)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An opaque, URL-safe cookie for a position. Clients must not parse it. */
export function encodeCookie(pos: CookiePosition): string {
  if (!Number.isSafeInteger(pos.version) || pos.version < 0)
    throw new RangeError(`cookie version ${pos.version} must be a whole number ≥ 0`);
  return `r1.${pos.version}.${pos.entity}.${pos.id}`;
}

/**
 * The position in a cookie, or null for anything that is not a cookie this server issued.
 * The server answers a null (garbage, or from another format) with a full reset from the start —
 * not with a 400 — so a client with a corrupted cookie heals itself. It does the same for a
 * cookie older than its retained tombstones.
 */
export function decodeCookie(cookie: string | null | undefined): CookiePosition | null {
  if (!cookie) return null;
  const m = COOKIE.exec(cookie);
  if (!m) return null;
  const version = Number(m[1]);
  const entity = m[2] as string;
  const id = m[3] as string;
  if (!Number.isSafeInteger(version)) return null;
  if (entity === '' && id === '') return { version, entity: '', id: '' };
  if (!(ENTITY_NAMES as string[]).includes(entity) || !UUID.test(id)) return null;
  return { version, entity: entity as EntityName, id };
}

/** Order of rows in pull pages: version, then entity name, then id (plain code-unit comparison). */
export function comparePositions(a: CookiePosition, b: CookiePosition): -1 | 0 | 1 {
  if (a.version !== b.version) return a.version < b.version ? -1 : 1;
  if (a.entity !== b.entity) return a.entity < b.entity ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/**
 * GET /api/v1/sync/events sends `event: poke` with this data when the team's version moves (a push,
 * an import, a REST or settings change), and once on connect: the client then pulls. clientId names
 * the sync client whose push caused it (null for other writes), so that client may skip the pull.
 */
export const Poke = z.object({ version: z.int().min(0), clientId: z.string().nullable() });
export type Poke = z.infer<typeof Poke>;
