import { LoginResponse } from '@rapport/shared/schemas/api';
import { hlcString } from '@rapport/shared/schemas/hlc';
import { isoDateTime } from '@rapport/shared/schemas/primitives';
import type { Hlc } from '@rapport/shared/sync/hlc';
import { z } from 'zod';
import type { RapportDB } from './schema.ts';

/**
 * Who is signed in where: the server's login answer and its URL. token is null after sign-out or
 * a 401 (the account is kept to resume).
 */
export const Account = LoginResponse.extend({
  serverUrl: z.url({ protocol: /^https?$/ }),
  token: LoginResponse.shape.token.nullable(),
  expiresAt: LoginResponse.shape.expiresAt.nullable(),
});
export type Account = z.infer<typeof Account>;

export const SyncErrorInfo = z.strictObject({
  /** network | server | auth | forbidden | client | protocol */
  code: z.string(),
  message: z.string(),
  /** The server's own error code when it answered with one (@rapport/shared/api-errors), for the UI's language. */
  serverCode: z.string().max(64).optional(),
  at: isoDateTime,
});
export type SyncErrorInfo = z.infer<typeof SyncErrorInfo>;

export const Backoff = z.strictObject({ failures: z.int().min(0), retryAt: z.number().nullable() });
export type Backoff = z.infer<typeof Backoff>;

/** Every key of the syncState table and its value's schema (checked on read: a bad value reads as absent). */
const SCHEMAS = {
  /** This browser profile's sync client id (a UUID), made on the first write. */
  clientId: z.string().min(1),
  /** The id the next outbox mutation gets. */
  nextMutationId: z.int().positive(),
  /** The last HLC issued here, so a restarted worker stays monotonic. */
  hlc: hlcString as z.ZodType<Hlc>,
  /** The server's time minus this device's (ms), from the last sync: HLCs follow the server's clock. */
  clockOffsetMs: z.number().finite(),
  cookie: z.string().min(1),
  /** The server's acknowledged position for this client. */
  lastMutationId: z.int().min(0),
  account: Account,
  lastSyncAt: isoDateTime,
  lastError: SyncErrorInfo,
  backoff: Backoff,
  /** Set while a sync runs (ms); a stale value means the worker died mid-sync. */
  syncingSince: z.number(),
  /** Bumped by a wipe: a sync that started before it must not write. */
  epoch: z.int().min(0),
  /** The local day the morning follow-up notification was last raised. */
  morningNotifiedOn: z.string(),
  /** The local day of this user's last employee pulse score. */
  pulseLastDate: z.string(),
  /** The Monday of the week whose pulse reminder was dismissed. */
  pulseDismissedWeek: z.string(),
  /** A view the side panel should open on (set by a notification click). */
  uiRoute: z.strictObject({ route: z.string(), at: z.number() }),
  /**
   * The team's members from GET /users: the card's "ask Sam" line names them (inactive ones too, they
   * may have logged the interactions) and the ticket assignee picker offers the active ones.
   */
  members: z.strictObject({
    fetchedAt: z.number(),
    teamId: z.string(),
    list: z
      .array(
        z.strictObject({ id: z.string().min(1).max(100), name: z.string().max(200), active: z.boolean() }),
      )
      .max(10_000),
  }),
} as const;

export type SyncStateKey = keyof typeof SCHEMAS;
export type SyncStateValue<K extends SyncStateKey> = z.output<(typeof SCHEMAS)[K]>;

export async function readState<K extends SyncStateKey>(
  db: RapportDB,
  key: K,
): Promise<SyncStateValue<K> | undefined> {
  const row = await db.syncState.get(key);
  if (row === undefined) return undefined;
  const parsed = SCHEMAS[key].safeParse(row.value);
  if (!parsed.success) {
    console.warn(`Rapport: ignoring a malformed sync state "${key}"`, parsed.error.issues);
    return undefined;
  }
  return parsed.data as SyncStateValue<K>;
}

/** Writes a value (validated); undefined deletes the key. */
export async function writeState<K extends SyncStateKey>(
  db: RapportDB,
  key: K,
  value: SyncStateValue<K> | undefined,
): Promise<void> {
  if (value === undefined) {
    await db.syncState.delete(key);
    return;
  }
  await db.syncState.put({ key, value: SCHEMAS[key].parse(value) });
}

/** The client id, made once (inside the caller's transaction when there is one). */
export async function ensureClientId(db: RapportDB): Promise<string> {
  const existing = await readState(db, 'clientId');
  if (existing) return existing;
  const id = crypto.randomUUID();
  await writeState(db, 'clientId', id);
  return id;
}

export const SYNCING_STALE_MS = 120_000;
