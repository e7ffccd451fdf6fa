import { ValidationError } from '@rapport/shared/schemas/errors';
import type { EntityName, EntityTypes } from '@rapport/shared/sync/entities';
import { type Hlc, HlcError, hlcAheadMs, MAX_CLOCK_AHEAD_MS } from '@rapport/shared/sync/hlc';
import { safeMaterialize } from '@rapport/shared/sync/materialize';
import { rowsEqual } from '@rapport/shared/sync/merge';
import type { RowState } from '@rapport/shared/sync/row';
import { type WriteAction, writeDenial } from '../entities/permissions.ts';
import { assertReferences } from '../entities/references.ts';
import { saveRows } from '../entities/save.ts';
import { type HlcClock, nextHlc } from '../entities/server-hlc.ts';
import type { RowRecord, Store, User } from '../store/store.ts';

/** A mutation the server refuses: recorded as 'rejected' with this message as the reason. */
export class Rejection extends Error {
  override name = 'Rejection';
}

/** The reason to record for an error thrown while applying a mutation, or null for a server fault. */
export function rejectionReason(err: unknown): string | null {
  if (err instanceof Rejection || err instanceof ValidationError || err instanceof HlcError)
    return err.message;
  return null;
}

/** One row to write: its new state and, for an existing row, the state it replaces. */
export interface SessionChange {
  entity: EntityName;
  state: RowState;
  before: RowState | null;
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

  constructor(readonly ctx: SessionContext) {}

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
      for (const id of missing) this.#aliases.set(aliasKey(entity, id), found.get(id) ?? id);
    }
  }

  /** The id a row now lives under: a merged duplicate's id resolves to the row it was merged into. */
  async resolve(entity: EntityName, id: string): Promise<string> {
    const known = this.#aliases.get(aliasKey(entity, id));
    if (known !== undefined) return known;
    await this.prefetchAliases(new Map([[entity, new Set([id])]]));
    return this.#aliases.get(aliasKey(entity, id)) ?? id;
  }

  /** Records `fromId` as merged into `toId`, stamped with this push's version. */
  async addAlias(entity: EntityName, fromId: string, toId: string): Promise<void> {
    await this.tx.aliases.add(this.teamId, { entity, fromId, toId, version: this.ctx.version });
    // Even when the merge changed no row, the alias is news that pull must deliver at this version.
    this.changed = true;
    const prefix = `${entity}\u0000`;
    for (const [key, target] of this.#aliases)
      if (key.startsWith(prefix) && target === fromId) this.#aliases.set(key, toId);
    this.#aliases.set(aliasKey(entity, fromId), toId);
  }

  /**
   * Reads, in one query per entity (and 500 ids), the rows these ids name after aliases, so that
   * load() answers from memory instead of one query per mutation.
   */
  async prefetchRows(ids: ReadonlyMap<EntityName, ReadonlySet<string>>): Promise<void> {
    for (const [entity, set] of ids) {
      const wanted = [...new Set([...set].map((id) => this.#aliases.get(aliasKey(entity, id)) ?? id))].filter(
        (id) => !this.#rows.has(aliasKey(entity, id)),
      );
      for (let i = 0; i < wanted.length; i += 500) {
        const part = wanted.slice(i, i + 500);
        const found = new Map((await this.tx.rows.getMany(this.teamId, entity, part)).map((r) => [r.id, r]));
        for (const id of part) this.#rows.set(aliasKey(entity, id), found.get(id) ?? null);
      }
    }
  }

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
    if (!result.success) throw new Rejection(result.error.message);
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
    await assertReferences(this.tx, this.teamId, before, after, { allowDeleted: true });
  }

  /** Applies the role rules (entities/permissions.ts) to the caller. */
  authorize(
    entity: EntityName,
    action: WriteAction,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ): void {
    const denial = this.denial(entity, action, before, after);
    if (denial) throw new Rejection(denial);
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

  /** Writes the changed rows through the REST write path (same columns, identities, version stamp). */
  async write(changes: readonly SessionChange[]): Promise<void> {
    const real = changes.filter((c) => c.before === null || !rowsEqual(c.before, c.state));
    if (real.length === 0) return;
    const saved = await saveRows(
      this.tx,
      this.teamId,
      this.ctx.version,
      real.map(({ entity, state }) => ({ entity, state })),
      this.ctx.at,
    );
    for (const { record } of saved) this.#rows.set(aliasKey(record.entity as EntityName, record.id), record);
    this.changed = true;
  }
}
