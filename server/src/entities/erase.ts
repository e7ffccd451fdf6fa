import { normaliseName } from '@rapport/shared/identity/normalize';
import type { EntityName } from '@rapport/shared/sync/entities';
import type { Hlc } from '@rapport/shared/sync/hlc';
import { eraseRow } from '@rapport/shared/sync/materialize';
import { deleteRow } from '@rapport/shared/sync/merge';
import type { Json, RowState } from '@rapport/shared/sync/row';
import { int } from '../store/driver.ts';
import type { RowRecord, Store } from '../store/store.ts';
import { rowState } from './save.ts';
import { type HlcClock, nextHlc } from './server-hlc.ts';

/** What erased text is replaced with where a field must keep a value. */
export const ERASED = '[erased]';

/**
 * Records linked to an erased person keep their business facts (amount, stage, dates, status,
 * scores: the funnel, conversion, complaint and satisfaction figures stay right) and lose every
 * text a user may have written about the person: titles often name them, notes describe them.
 */
const LINKED_TEXT: Partial<Record<EntityName, Record<string, Json>>> = {
  opportunity: { title: ERASED, notes: null },
  ticket: { title: ERASED, description: null, resolution: null },
  surveyResponse: { comment: null },
  task: { title: ERASED, note: null },
};

/** One row the erase writes: its new state and the state it replaces. */
export interface ErasureChange {
  entity: EntityName;
  state: RowState;
  before: RowState;
}

export interface EraseInput {
  teamId: string;
  contact: RowRecord;
  /** Wall time of the erase (the tombstones' deletedAt). */
  at: string;
  hlc: HlcClock;
  /** The tombstones' HLC (a synced erase carries the client's); else one later than each row. */
  t?: Hlc;
}

/**
 * A person's erasure, the one implementation behind REST `DELETE …?erase=true` and the synced
 * `contact.erase`. Inside the caller's transaction it works out the rows to write (the caller writes
 * them through its own path) and scrubs what is not a synced row:
 *
 * - the contact and every interaction with them: tombstoned, content purged (the tombstones carry
 *   the purge to every client);
 * - opportunities, tickets and survey responses of the contact, or of the customer below: kept,
 *   with their text cleared (LINKED_TEXT);
 * - the contact's customer when it is a person (kind 'person', as an order import creates one per
 *   buyer) with the contact's name or one of its emails: kept with its order-system id, orders and
 *   figures, its name replaced and its emails removed;
 * - import summaries and error reports that quote the person's name, emails, phones or handles.
 *
 * Set elements are dropped rather than marked removed: a removal marker is keyed by the value
 * itself. After the transaction commits, call reclaimErasedSpace so the bytes leave the files.
 */
export async function erasePerson(tx: Store, input: EraseInput): Promise<ErasureChange[]> {
  const { teamId, contact, at, hlc } = input;
  const stamp = (state: RowState) => input.t ?? nextHlc(hlc, state);
  const changes: ErasureChange[] = [];
  const purge = (entity: EntityName, before: RowState) =>
    changes.push({
      entity,
      before,
      state: eraseRow(entity, deleteRow(before, before.id, at, stamp(before))),
    });

  purge('contact', rowState(contact));
  for (const i of await tx.rows.list(teamId, 'interaction', {
    contactId: contact.id,
    includeDeleted: true,
    limit: 1_000_000,
  }))
    purge('interaction', rowState(i));

  const person = contact.data;
  const customer = await personCustomer(tx, teamId, person);
  const needles = personText(person, customer?.data);
  if (customer) {
    const before = rowState(customer);
    changes.push({ entity: 'customer', before, state: scrub(before, { name: ERASED }, ['emails'], hlc) });
  }

  const linked = new Map<string, { entity: EntityName; row: RowRecord }>();
  for (const entity of Object.keys(LINKED_TEXT) as EntityName[]) {
    const queries = [{ contactId: contact.id }, ...(customer ? [{ customerId: customer.id }] : [])];
    for (const q of queries)
      for (const row of await tx.rows.list(teamId, entity, { ...q, includeDeleted: true, limit: 1_000_000 }))
        linked.set(`${entity}\u0000${row.id}`, { entity, row });
  }
  for (const { entity, row } of linked.values()) {
    const before = rowState(row);
    changes.push({ entity, before, state: scrub(before, LINKED_TEXT[entity] ?? {}, [], hlc) });
  }

  await scrubImports(tx, teamId, needles);
  return changes;
}

type Data = Record<string, unknown>;

/** The contact's customer when it stands for this same person (kind 'person', same name or email). */
async function personCustomer(tx: Store, teamId: string, person: Data): Promise<RowRecord | undefined> {
  if (typeof person.customerId !== 'string') return undefined;
  const customer = await tx.rows.get(teamId, 'customer', person.customerId);
  if (customer?.data.kind !== 'person') return undefined;
  const sameName =
    typeof customer.data.name === 'string' &&
    typeof person.name === 'string' &&
    normaliseName(customer.data.name) === normaliseName(person.name);
  const emails = new Set(strings(person.emails).map((e) => e.toLowerCase()));
  const sameEmail = strings(customer.data.emails).some((e) => emails.has(e.toLowerCase()));
  return sameName || sameEmail ? customer : undefined;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);

/** Text that identifies the person (at least 3 characters, so scrubbing cannot shred unrelated words). */
function personText(person: Data, customer: Data | undefined): string[] {
  const handles = Array.isArray(person.handles)
    ? person.handles.map((h) => (h as { id?: unknown }).id).filter((id) => typeof id === 'string')
    : [];
  const all = [
    person.name,
    ...strings(person.emails),
    ...strings(person.phones),
    ...handles,
    customer?.name,
    ...strings(customer?.emails),
  ];
  return [...new Set(all.filter((s): s is string => typeof s === 'string' && s.trim().length >= 3))];
}

/** The row with these fields set and these sets emptied, stamped later than anything in it. */
function scrub(before: RowState, values: Record<string, Json>, emptySets: string[], hlc: HlcClock): RowState {
  const t = nextHlc(hlc, before);
  const fields = { ...before.fields };
  for (const [name, v] of Object.entries(values)) fields[name] = { v, t };
  const sets = { ...before.sets };
  for (const name of emptySets) sets[name] = {};
  return { ...before, fields, sets };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces the person's text wherever an import summary (or file name) quotes it. */
async function scrubImports(tx: Store, teamId: string, needles: string[]): Promise<void> {
  if (needles.length === 0) return;
  const pattern = new RegExp(needles.map(escapeRegExp).join('|'), 'gi');
  const clean = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(pattern, ERASED);
    if (Array.isArray(value)) return value.map(clean);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)]));
    return value;
  };
  for (const record of await tx.imports.list(teamId, Number.MAX_SAFE_INTEGER)) {
    pattern.lastIndex = 0;
    const text = JSON.stringify([record.filename, record.summary]);
    if (!pattern.test(text)) continue;
    await tx.imports.rewrite(teamId, record.id, {
      filename: clean(record.filename) as string,
      summary: clean(record.summary) as Record<string, unknown>,
    });
  }
}

/**
 * Makes erased bytes leave the database files once the erase has committed. SQLite runs with
 * secure_delete (freed content is overwritten with zeros) but the write-ahead log still holds the
 * old pages, so it is checkpointed and truncated. Postgres keeps old row versions in its pages until
 * they are rewritten; a plain VACUUM only marks their space free (the bytes stay), so the tables an
 * erase touches are rewritten with VACUUM FULL, outside any transaction. Its cost: each of those
 * tables and its indexes is copied, and reads and writes of them wait meanwhile (an ACCESS EXCLUSIVE
 * lock), which grows with the data in them. The new files reach the disk at the next checkpoint.
 * Waits for the team's lock first, so it never runs before the erasing transaction ends.
 */
export async function reclaimErasedSpace(store: Store, teamId: string): Promise<void> {
  await store.transaction((tx) => tx.teams.lock(teamId));
  if (store.dialect === 'sqlite') {
    // The store's checkpointer thread (store/sqlite/checkpointer.ts) may be mid-checkpoint, and then
    // this one answers busy without truncating: try again until it truncates, for at most 30 s.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const result = await store.db.get<{ busy: unknown }>('PRAGMA wal_checkpoint(TRUNCATE)');
      if (int(result?.busy) === 0) return;
      if (Date.now() > deadline) throw new Error('the SQLite WAL could not be truncated after an erase');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  await untilOlderSnapshotsEnd(store);
  // customer_directory holds customer names (migration 006).
  await store.db.run('VACUUM FULL rows, identities, imports, customer_directory');
}

/**
 * VACUUM FULL keeps old row versions that a running snapshot or transaction may still read (an
 * autovacuum ANALYZE started before the erase, a long report): wait, for at most 30 s, until every
 * transaction begun before now has ended and no snapshot is older — in any database of the
 * cluster, since some (a CREATE DATABASE, a replication slot's feedback) hold back every database's
 * horizon. Running transactions come from the snapshot itself; snapshots of read-only sessions
 * from pg_stat_activity, where sessions of other roles may be invisible without pg_read_all_stats.
 */
async function untilOlderSnapshotsEnd(store: Store): Promise<void> {
  const now = await store.db.get<{ x: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x');
  const x = now?.x ?? '0';
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const r = await store.db.get<{ running: boolean; older: unknown }>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot()) < ?::xid8 AS running,
              (SELECT COUNT(*) FROM pg_stat_activity
                WHERE pid <> pg_backend_pid()
                  AND (age(backend_xmin) > age(xid(?::xid8)) OR age(backend_xid) > age(xid(?::xid8)))) AS older`,
      [x, x, x],
    );
    if (r && !r.running && Number(r.older) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
