// Test helpers: a fresh database per test (fake-indexeddb is process-wide, so names are unique).
import type { Contact } from '@rapport/shared/schemas/contact';
import type { User } from '@rapport/shared/schemas/team';
import { type EntityChanges, patchFromChanges, stateFromEntity } from '@rapport/shared/sync/changes';
import type { EntityName } from '@rapport/shared/sync/entities';
import type { Hlc } from '@rapport/shared/sync/hlc';
import { type WriteContext, writeLocal } from './outbox.ts';
import { storeRow } from './rows.ts';
import { RapportDB } from './schema.ts';
import { writeState } from './sync-state.ts';

let counter = 0;

/** A new empty database; pass the name of an earlier one to reopen it (a restarted worker). */
export function openTestDb(
  name = `rapport-test-${++counter}-${Math.random().toString(36).slice(2)}`,
): RapportDB {
  return new RapportDB({ name });
}

export const SERVER_URL = 'https://crm.example.com';

/** Stores a signed-in account (as auth.signIn does). */
export async function signIn(
  db: RapportDB,
  user: User,
  token: string,
  team = { id: user.teamId, name: 'Acme Sales', createdAt: user.createdAt, updatedAt: user.createdAt },
): Promise<void> {
  await writeState(db, 'account', { serverUrl: SERVER_URL, token, expiresAt: null, user, team });
}

/** A complete new contact (what capture would create) with `overrides`. */
export function contactFields(overrides: Partial<Contact> = {}): Partial<Contact> {
  return {
    name: 'Sean Miller',
    emails: [],
    phones: [],
    handles: [],
    customerId: null,
    companyId: null,
    title: null,
    ownerId: null,
    tags: [],
    preferences: { channel: null, language: null, interests: [], giftNotes: null },
    birthday: null,
    source: 'manual',
    sourceUrl: null,
    followUpOn: null,
    location: null,
    ...overrides,
  };
}

/** Upserts a contact through the outbox (create when `before` is null). */
export async function upsertContact(
  w: WriteContext,
  id: string,
  before: Partial<Contact> | null,
  after: Partial<Contact>,
): Promise<void> {
  await w.mutate('contact.upsert', { id, patch: patchFromChanges('contact', before, after, w.tick()) });
}

/** One local write that creates a contact; returns nothing (ids are the caller's). */
export function createContact(
  db: RapportDB,
  id: string,
  overrides: Partial<Contact> = {},
  now?: () => number,
): Promise<void> {
  return writeLocal(db, (w) => upsertContact(w, id, null, contactFields(overrides)), now);
}

/** Stores a row as if pulled from the server (written at `hlc`). */
export async function putServerRow<N extends EntityName>(
  db: RapportDB,
  entity: N,
  value: EntityChanges<N>,
  hlc: Hlc = '1767225600000:0000:server',
): Promise<void> {
  const state = stateFromEntity(entity, value, hlc);
  await db.transaction('rw', db.tables, async () => {
    await storeRow(db, entity, state.id, state);
  });
}
