import type { RejectionCode } from '@rapport/shared/api-errors';
import { compareCodeUnits, getOrInsert } from '@rapport/shared/domain/collections';
import { ValidationError } from '@rapport/shared/schemas/errors';
import type { EntityName, EntityTypes } from '@rapport/shared/sync/entities';
import { type Hlc, HlcError, hlcAheadMs, MAX_CLOCK_AHEAD_MS } from '@rapport/shared/sync/hlc';
import { safeMaterialize } from '@rapport/shared/sync/materialize';
import { rowsEqual } from '@rapport/shared/sync/merge';
import type { RowState } from '@rapport/shared/sync/row';
import { rowIdentities } from '../entities/columns.ts';
import { type WriteAction, writeDenial } from '../entities/permissions.ts';
import { assertReferences, type ReferenceLookup } from '../entities/references.ts';
import { rowWrites, saveRows } from '../entities/save.ts';
import { type HlcClock, nextHlc } from '../entities/server-hlc.ts';
import type { Alias, Identity, IdentityHolder, RowRecord, RowWrite, Store, User } from '../store/store.ts';

/** A mutation the server refuses: recorded as 'rejected' with this message as the reason and its code. */
export class Rejection extends Error {
  override name = 'Rejection';
  constructor(
    readonly code: RejectionCode,
    message: string,
  ) {
    super(message);
  }
}

/** Why a mutation was refused: the English reason and its code (@rapport/shared/api-errors). */
export interface Refusal {
  reason: string;
  code: RejectionCode;
}

/** The refusal to record for an error thrown while applying a mutation, or null for a server fault. */
export function rejectionReason(err: unknown): Refusal | null {
  if (err instanceof Rejection) return { reason: err.message, code: err.code };
  if (err instanceof ValidationError) return { reason: err.message, code: 'invalid' };
  if (err instanceof HlcError) return { reason: err.message, code: 'bad_clock' };
  return null;
}

/** One row to write: its new state and, for an existing row, the state it replaces. */
export interface SessionChange {
  entity: EntityName;
  state: RowState;
  before: RowState | null;
  /** The state as materialize() returns it, when the handler already materialised it (saves doing it again). */
  data?: Record<string, unknown>;
}

export interface SessionContext {
  /** The push's transaction (it holds the team lock). */
  tx: Store;
  teamId: string;
  user: User;
  /** The version every row changed by this push is stamped with (team version + 1). */
  version: number;
  hlc: HlcClock;
  /** Wall time of the push (ISO), for server-made tombstones. */
  at: string;
}

const MINUTE_MS = 60_000;

/** "3 minutes", "2 days", "50 years": how far a device's clock is ahead, for a rejection reason. */
function aheadText(ms: number): string {
  const units: [number, string][] = [
    [365 * 24 * 60 * MINUTE_MS, 'year'],
    [24 * 60 * MINUTE_MS, 'day'],
    [60 * MINUTE_MS, 'hour'],
    [MINUTE_MS, 'minute'],
  ];
  for (const [size, name] of units) {
    const n = Math.floor(ms / size);
    if (n >= 1) return `${n} ${name}${n === 1 ? '' : 's'}`;
  }
  return `${Math.ceil(ms / 1000)} seconds`;
}

const aliasKey = (entity: string, id: string) => `${entity}\u0000${id}`;
const identityKey = (entity: string, kind: string, value: string) => `${entity}\u0000${kind}\u0000${value}`;
/** Entities whose rows the push writes at the end in one batch; tickets are checked against the team's categories row by row, so they are written at once. */
const WRITTEN_AT_ONCE: ReadonlySet<EntityName> = new Set<EntityName>(['ticket']);
/** Pending rows that make a Postgres push send its writes in the background (see write()). */
const BACKGROUND_FLUSH = 250;

/**
 * What mutations of one push share: the transaction, the caller, the version being stamped, and the
 * aliases in force (cached, and updated as this push merges duplicates). Every read and write is
 * scoped to the caller's team, so an id from another team names nothing here.
 */
export class PushSession {
  /** True once any row was written (the team version then advances). */
  changed = false;
  /** A remark on the mutation being applied, returned with its result (e.g. linked, not merged). */
  remark: string | null = null;
  readonly #aliases = new Map<string, string>();
  /** Rows read or written by this push (null: not in the team), so each is read at most once. */
  readonly #rows = new Map<string, RowRecord | null>();
  /** Rows written by this push and not yet sent to the database (flush(), or a background part on Postgres). */
  readonly #pending = new Map<string, RowWrite>();
  /** Aliases recorded by this push and not yet sent, by aliasKey(entity, fromId): the last one wins. */
  readonly #newAliases = new Map<string, Alias>();
  /**
   * The identities table as this push has left it, for the values it has read: which row holds each
   * (entity, kind, value), null when free. `#stored` is what the database holds for the same keys, so
   * flush() writes only the difference. `#held` lists the values each known row holds.
   */
  readonly #holder = new Map<string, string | null>();
  readonly #stored = new Map<string, string | null>();
  readonly #held = new Map<string, IdentityHolder[]>();
  /** The (entity, kind, value) of each identity key (values may hold any character, so keys are not split). */
  readonly #parts = new Map<string, [string, string, string]>();
  /** Team members named by this push's rows (ownerId, authorId): true when in the team. */
  readonly #members = new Map<string, boolean>();
  /**
   * The keyed identities of a materialised entity, built once per data object: a new contact's
   * duplicate check (holderIds) and its write ask for the same ones.
   */
  readonly #keyed = new WeakMap<object, KeyedIdentity[]>();
  /** Writes sent without waiting (Postgres only), awaited by settle(). */
  #inFlight: Promise<void>[] = [];
  readonly #background: boolean;

  constructor(readonly ctx: SessionContext) {
    this.#background = ctx.tx.dialect === 'postgres';
  }

  get tx(): Store {
    return this.ctx.tx;
  }

  get teamId(): string {
    return this.ctx.teamId;
  }

  /** Looks up, in one query per entity, which of these ids are aliases. */
  async prefetchAliases(ids: ReadonlyMap<EntityName, ReadonlySet<string>>): Promise<void> {
    for (const [entity, set] of ids) {
      const missing = [...set].filter((id) => !this.#aliases.has(aliasKey(entity, id)));
      if (missing.length === 0) continue;
      const found = await this.tx.aliases.resolve(this.teamId, entity, missing);
      for (const id of missing) {
        // The stored chain ends where this push's own merges (not yet written: addAlias) go on.
        let to = found.get(id) ?? id;
        for (let hop = 0; hop < 16; hop++) {
          const next = this.#aliases.get(aliasKey(entity, to));
          if (next === undefined || next === to) break;
          to = next;
        }
        this.#aliases.set(aliasKey(entity, id), to);
      }
    }
  }

  /** The id a row now lives under: a merged duplicate's id resolves to the row it was merged into. */
  async resolve(entity: EntityName, id: string): Promise<string> {
    const known = this.#aliases.get(aliasKey(entity, id));
    if (known !== undefined) return known;
    await this.prefetchAliases(new Map([[entity, new Set([id])]]));
    return this.#aliases.get(aliasKey(entity, id)) ?? id;
  }

  /** resolve()'s answer when this push has already looked the id up, else undefined (no await on the hot path). */
  resolved(entity: EntityName, id: string): string | undefined {
    return this.#aliases.get(aliasKey(entity, id));
  }

  /** load()'s answer when this push has already read the row (null: not in the team), else undefined. */
  loaded(entity: EntityName, id: string): RowRecord | null | undefined {
    return this.#rows.get(aliasKey(entity, id));
  }

  /** Records `fromId` as merged into `toId`, stamped with this push's version. */
  async addAlias(entity: EntityName, fromId: string, toId: string): Promise<void> {
    // Written with the rows (flush(), or a background part on Postgres), all of a send in one statement.
    this.#newAliases.set(aliasKey(entity, fromId), { entity, fromId, toId, version: this.ctx.version });
    // Even when the merge changed no row, the alias is news that pull must deliver at this version.
    this.changed = true;
    const prefix = `${entity}\u0000`;
    for (const [key, target] of this.#aliases)
      if (key.startsWith(prefix) && target === fromId) this.#aliases.set(key, toId);
    this.#aliases.set(aliasKey(entity, fromId), toId);
  }

  /**
   * Reads, in one query per entity (and 1,000 ids), the rows these ids name after aliases, so that
   * load() answers from memory instead of one query per mutation.
   */
  async prefetchRows(ids: ReadonlyMap<EntityName, ReadonlySet<string>>): Promise<void> {
    for (const [entity, set] of ids) {
      const wanted = [...new Set([...set].map((id) => this.#aliases.get(aliasKey(entity, id)) ?? id))].filter(
        (id) => !this.#rows.has(aliasKey(entity, id)),
      );
      for (let i = 0; i < wanted.length; i += 1_000) {
        const part = wanted.slice(i, i + 1_000);
        const found = new Map((await this.tx.rows.getMany(this.teamId, entity, part)).map((r) => [r.id, r]));
        for (const id of part) this.#rows.set(aliasKey(entity, id), found.get(id) ?? null);
      }
    }
  }

  /**
   * Reads, in one query per entity, the identities these rows hold and who holds these values, so that
   * duplicate checks and identity claims are decided in memory (see write()).
   */
  async prefetchIdentities(
    rows: ReadonlyMap<EntityName, ReadonlySet<string>>,
    values: ReadonlyMap<EntityName, readonly Identity[]>,
  ): Promise<void> {
    for (const [entity, ids] of rows) await this.#loadHeld(entity, [...ids]);
    // The rows already holding these values are the duplicates the mutations will merge into: read
    // them and the identities they hold now, one query per entity each, rather than two per merge.
    const holders = new Map<EntityName, Set<string>>();
    for (const [entity, wanted] of values) {
      const keyed = keyedIdentities(entity, wanted);
      await this.#loadHolders(entity, keyed);
      for (const { key } of keyed) {
        const id = this.#holder.get(key);
        if (id) getOrInsert(holders, entity, () => new Set<string>()).add(id);
      }
    }
    if (holders.size === 0) return;
    await this.prefetchRows(holders);
    for (const [entity, ids] of holders) await this.#loadHeld(entity, [...ids]);
  }

  /** Records what the database says (only for keys this push has not changed: its own view wins). */
  #know(entity: string, kind: string, value: string, holder: string | null): void {
    const key = identityKey(entity, kind, value);
    if (this.#holder.has(key)) return;
    this.#parts.set(key, [entity, kind, value]);
    this.#holder.set(key, holder);
    this.#stored.set(key, holder);
  }

  /** Reads the identities these rows hold, for the ones this push has not read; undefined when none is missing (no await). */
  #loadHeld(entity: EntityName, ids: readonly string[]): Promise<void> | undefined {
    let missing: Set<string> | undefined;
    for (const id of ids) {
      const key = aliasKey(entity, id);
      if (this.#held.has(key)) continue;
      // A row this push read as absent holds nothing (identities belong to stored rows): no query.
      if (this.#rows.get(key) === null) {
        this.#held.set(key, []);
        continue;
      }
      missing ??= new Set();
      missing.add(id);
    }
    return missing && this.#readHeld(entity, [...missing]);
  }

  async #readHeld(entity: EntityName, missing: readonly string[]): Promise<void> {
    const found = await this.tx.identities.heldByMany(this.teamId, entity, missing);
    for (const id of missing) this.#held.set(aliasKey(entity, id), []);
    for (const h of found) {
      this.#know(entity, h.kind, h.value, h.id);
      this.#held.get(aliasKey(entity, h.id))?.push({ entity, kind: h.kind, value: h.value, id: h.id });
    }
  }

  /**
   * Who holds these identities (keys built once by keyedIdentities), read for the ones this push does
   * not know; undefined when it knows them all (no await).
   */
  #loadHolders(entity: EntityName, wanted: readonly KeyedIdentity[]): Promise<void> | undefined {
    let missing: KeyedIdentity[] | undefined;
    for (const w of wanted) {
      if (this.#holder.has(w.key)) continue;
      missing ??= [];
      missing.push(w);
    }
    return missing && this.#readHolders(entity, missing);
  }

  async #readHolders(entity: EntityName, missing: readonly KeyedIdentity[]): Promise<void> {
    const found = await this.tx.identities.lookup(
      this.teamId,
      missing.map(({ kind, value }) => ({ kind, value })),
      entity,
    );
    for (const h of found) this.#know(entity, h.kind, h.value, h.id);
    for (const w of missing) this.#know(entity, w.kind, w.value, null);
  }

  /** Who holds these values among `entity`'s rows, as identities.lookup() would answer after this push's writes. */
  async lookupIdentities(entity: EntityName, wanted: readonly Identity[]): Promise<IdentityHolder[]> {
    const reading = this.#loadHolders(entity, keyedIdentities(entity, wanted));
    if (reading) await reading;
    const out = new Map<string, IdentityHolder>();
    for (const { kind, value } of wanted) {
      const id = this.#holder.get(identityKey(entity, kind, value));
      if (id) out.set(identityKey(entity, kind, value), { entity, kind, value, id });
    }
    return [...out.values()].sort(
      (a, b) =>
        compareCodeUnits(a.entity, b.entity) ||
        compareCodeUnits(a.kind, b.kind) ||
        compareCodeUnits(a.value, b.value),
    );
  }

  /** The identities `data` holds (rowIdentities, without repeats), each with its key; built once per data object. */
  #identitiesOf(entity: EntityName, data: Record<string, unknown>): KeyedIdentity[] {
    let keyed = this.#keyed.get(data);
    if (!keyed) {
      keyed = keyedIdentities(entity, rowIdentities(entity, data));
      this.#keyed.set(data, keyed);
    }
    return keyed;
  }

  /**
   * The rows of `entity` other than `exclude` that hold one of `data`'s identities of the `kinds`
   * given, as lookupIdentities would list them (by kind, then value), each once. Nothing is built
   * when no one holds any of them, the common case of a new row.
   */
  async holderIds(
    entity: EntityName,
    data: Record<string, unknown>,
    kinds: ReadonlySet<string>,
    exclude: ReadonlySet<string>,
  ): Promise<string[]> {
    const all = this.#identitiesOf(entity, data);
    const wanted: KeyedIdentity[] = [];
    for (const w of all) if (kinds.has(w.kind)) wanted.push(w);
    if (wanted.length === 0) return [];
    const reading = this.#loadHolders(entity, wanted);
    if (reading) await reading;
    let found: { kind: string; value: string; id: string }[] | undefined;
    for (const w of wanted) {
      const id = this.#holder.get(w.key);
      if (!id) continue;
      found ??= [];
      found.push({ kind: w.kind, value: w.value, id });
    }
    if (!found) return [];
    found.sort((a, b) => compareCodeUnits(a.kind, b.kind) || compareCodeUnits(a.value, b.value));
    const ids: string[] = [];
    for (const f of found) if (!exclude.has(f.id) && !ids.includes(f.id)) ids.push(f.id);
    return ids;
  }

  /** Reference checks of synced writes, answered from this push's reads. */
  readonly #references: ReferenceLookup = {
    isMember: async (userId) => {
      let known = this.#members.get(userId);
      if (known === undefined) {
        known = (await this.tx.users.get(this.teamId, userId)) !== undefined;
        this.#members.set(userId, known);
      }
      return known;
    },
    row: (entity, id) => this.load(entity, id),
  };

  /** The team's row (live or tombstoned), as this push last left it. */
  async load(entity: EntityName, id: string): Promise<RowRecord | undefined> {
    const key = aliasKey(entity, id);
    const known = this.#rows.get(key);
    if (known !== undefined) return known ?? undefined;
    const row = await this.tx.rows.get(this.teamId, entity, id);
    this.#rows.set(key, row ?? null);
    return row;
  }

  /**
   * Refuses a mutation stamped by a clock running ahead of the server's by more than
   * MAX_CLOCK_AHEAD_MS: it would win every later edit by anyone and date rows in the future.
   * The server clock itself never takes a client's time (see entities/server-hlc.ts).
   */
  checkClock(hlc: Hlc | null): void {
    if (hlc === null) return;
    const ahead = hlcAheadMs(hlc, Date.parse(this.ctx.at));
    if (ahead > MAX_CLOCK_AHEAD_MS)
      throw new Rejection(
        'clock_ahead',
        `this device's clock is ${aheadText(ahead)} ahead of the server's (at most ${MAX_CLOCK_AHEAD_MS / MINUTE_MS} minutes are accepted); this change was not saved: set the device's clock right`,
      );
  }

  /** A server HLC later than everything in `state` (for server-made writes such as merges). */
  nextHlc(state: RowState | null): Hlc {
    return nextHlc(this.ctx.hlc, state);
  }

  /** The entity a state materialises to; a state that is not a valid entity rejects the mutation. */
  materialize<N extends EntityName>(entity: N, state: RowState): EntityTypes[N] & Record<string, unknown> {
    const result = safeMaterialize(entity, state);
    if (!result.success) throw new Rejection('invalid', result.error.message);
    return result.data as EntityTypes[N] & Record<string, unknown>;
  }

  /**
   * The ids a synced write names (customerId, ownerId, …) must be rows or members of the caller's
   * team; a row deleted since the client saw it still counts (see entities/references.ts).
   */
  async checkReferences(
    before: Record<string, unknown> | null,
    after: Record<string, unknown>,
  ): Promise<void> {
    await assertReferences(this.tx, this.teamId, before, after, {
      allowDeleted: true,
      lookup: this.#references,
    });
  }

  /** Applies the role rules (entities/permissions.ts) to the caller. */
  authorize(
    entity: EntityName,
    action: WriteAction,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ): void {
    const denial = this.denial(entity, action, before, after);
    if (denial) throw new Rejection('forbidden', denial);
  }

  /** Why the caller may not make this write, or null when they may (the role rules, without throwing). */
  denial(
    entity: EntityName,
    action: WriteAction,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ): string | null {
    return writeDenial(this.ctx.user, entity, action, before, after);
  }

  /**
   * Writes the changed rows (same columns, identities and version stamp as the REST write path,
   * entities/save.ts), but into this push's memory: flush() stores them at the end (on Postgres, every
   * BACKGROUND_FLUSH rows are sent while the push goes on). Identity
   * claims follow identities.replaceMany exactly: a row releases the values it no longer has, then
   * claims the new ones nobody holds; a value another row holds stays with it.
   */
  async write(changes: readonly SessionChange[]): Promise<void> {
    const real = changes.filter((c) => c.before === null || !rowsEqual(c.before, c.state));
    if (real.length === 0) return;
    if (real.some((c) => WRITTEN_AT_ONCE.has(c.entity))) return this.#writeNow(real);
    // Materialising may refuse the mutation: done for every row before anything is recorded.
    const writes = rowWrites(real, this.ctx.at);
    const byEntity = new Map<EntityName, RowWrite[]>();
    for (const w of writes) {
      getOrInsert(byEntity, w.entity as EntityName, () => []).push(w);
    }
    for (const [entity, rows] of byEntity) {
      const held = this.#loadHeld(
        entity,
        rows.map((r) => r.id),
      );
      if (held) await held;
      // Each wanted identity's key is built once here and used for the lookup, the release and the claim.
      const wanted = rows.map((r) => (r.deletedAt ? [] : this.#identitiesOf(entity, r.data)));
      const holders = this.#loadHolders(
        entity,
        wanted.length === 1 ? (wanted[0] as KeyedIdentity[]) : wanted.flat(),
      );
      if (holders) await holders;
      const fresh: { key: string; holder: IdentityHolder }[] = [];
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i] as RowWrite;
        const want = wanted[i] as KeyedIdentity[];
        const mine = this.#held.get(aliasKey(entity, row.id)) ?? [];
        const kept: IdentityHolder[] = [];
        // A row holding nothing yet (a new one) releases nothing and claims everything it wants.
        const keep = mine.length > 0 ? new Set(want.map((w) => w.key)) : null;
        const mineKeys = keep ? new Set<string>() : null;
        for (const h of mine) {
          const key = identityKey(entity, h.kind, h.value);
          if (keep?.has(key)) {
            kept.push(h);
            mineKeys?.add(key);
          } else this.#holder.set(key, null);
        }
        this.#held.set(aliasKey(entity, row.id), kept);
        for (const w of want)
          if (!mineKeys?.has(w.key))
            fresh.push({ key: w.key, holder: { entity, kind: w.kind, value: w.value, id: row.id } });
      }
      // Claims after every release, first claimant first (replaceMany's INSERT … ON CONFLICT DO NOTHING).
      for (const { key, holder } of fresh) {
        if (this.#holder.get(key)) continue;
        this.#holder.set(key, holder.id);
        this.#held.get(aliasKey(entity, holder.id))?.push(holder);
      }
    }
    for (const w of writes) {
      const key = aliasKey(w.entity, w.id);
      this.#pending.set(key, w);
      this.#rows.set(key, { ...w, teamId: this.teamId, version: this.ctx.version });
    }
    this.changed = true;
    // On Postgres the database works in another process: every BACKGROUND_FLUSH rows are sent
    // without waiting, so it inserts them while this process decides the next mutations.
    if (this.#background && this.#pending.size >= BACKGROUND_FLUSH) {
      const flight = this.#send();
      flight.catch(() => undefined); // observed by settle()
      this.#inFlight.push(flight);
    }
  }

  /**
   * Stores everything written so far: rows in multi-row upserts, identity changes as one delete and
   * one insert set, after the writes already sent in the background (whose failure it throws).
   */
  async flush(): Promise<void> {
    await this.settle();
    await this.#send();
  }

  /**
   * Lets the event loop run once while writes are in flight, else undefined (nothing to await).
   * Deciding mutations runs in microtasks only; without a turn of the loop, pg would not read the
   * answer to a part's first statement, so its next statement (and the next part) would wait for
   * the end of the push instead of running beside it.
   */
  breathe(): Promise<void> | undefined {
    if (this.#inFlight.length === 0) return undefined;
    return new Promise((resolve) => setImmediate(resolve));
  }

  /**
   * Waits for the writes sent in the background (see write()); throws the first one's error. A push
   * calls it before giving up on an error too, so that nothing of its transaction is still running
   * when it rolls back, and a failed write is reported as itself rather than as the statements that
   * Postgres then refused in the aborted transaction.
   */
  async settle(): Promise<void> {
    if (this.#inFlight.length === 0) return;
    const flights = this.#inFlight;
    this.#inFlight = [];
    for (const result of await Promise.allSettled(flights))
      if (result.status === 'rejected') throw result.reason;
  }

  /**
   * Sends what is pending. What to write is taken synchronously (pending rows, identity differences),
   * so writes made while the statements run belong to the next send; the transaction's connection
   * runs statements in call order, so later reads of this push see these writes.
   */
  #send(): Promise<void> {
    const rows = this.#pending.size > 0 ? [...this.#pending.values()] : null;
    this.#pending.clear();
    const aliases = [...this.#newAliases.values()];
    this.#newAliases.clear();
    const remove: IdentityHolder[] = [];
    const add: IdentityHolder[] = [];
    for (const [key, holder] of this.#holder) {
      const stored = this.#stored.get(key) ?? null;
      if (stored === holder) continue;
      const [entity, kind, value] = this.#parts.get(key) as [string, string, string];
      if (stored !== null) remove.push({ entity, kind, value, id: stored });
      if (holder !== null) add.push({ entity, kind, value, id: holder });
      this.#stored.set(key, holder);
    }
    const { tx, teamId } = this;
    const version = this.ctx.version;
    return (async () => {
      if (rows) await tx.rows.put(teamId, version, rows);
      if (remove.length > 0 || add.length > 0) await tx.identities.applyChanges(teamId, { remove, add });
      if (aliases.length > 0) await tx.aliases.addMany(teamId, aliases);
    })();
  }

  /** The REST write path itself (saveRows), after storing what is pending; the identity view is then read afresh. */
  async #writeNow(real: readonly SessionChange[]): Promise<void> {
    await this.flush();
    const saved = await saveRows(
      this.tx,
      this.teamId,
      this.ctx.version,
      real.map(({ entity, state }) => ({ entity, state })),
      this.ctx.at,
    );
    for (const { record } of saved) this.#rows.set(aliasKey(record.entity as EntityName, record.id), record);
    this.#holder.clear();
    this.#stored.clear();
    this.#held.clear();
    this.#parts.clear();
    this.changed = true;
  }
}

interface KeyedIdentity extends Identity {
  /** identityKey(entity, kind, value). */
  key: string;
}

/** The identities without repeats (first one kept), each with its key. */
function keyedIdentities(entity: string, identities: readonly Identity[]): KeyedIdentity[] {
  const out: KeyedIdentity[] = [];
  const seen = new Set<string>();
  for (const { kind, value } of identities) {
    const key = identityKey(entity, kind, value);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ kind, value, key });
  }
  return out;
}
