import { ValidationError } from '@rapport/shared/schemas/errors';
import { uuidSchema } from '@rapport/shared/schemas/ids';
import { type EntityChanges, patchFromChanges, stateFromEntity } from '@rapport/shared/sync/changes';
import type { EntityName } from '@rapport/shared/sync/entities';
import { eraseRow } from '@rapport/shared/sync/materialize';
import { applyPatch, deleteRow, rowsEqual } from '@rapport/shared/sync/merge';
import { uuidv7 } from 'uuidv7';
import type { Clock } from '../lib/clock.ts';
import { conflict, forbidden, notFound } from '../lib/errors.ts';
import type { RowListQuery, Store, User } from '../store/store.ts';
import { erasePerson, reclaimErasedSpace } from './erase.ts';
import { type WriteAction, writeDenial } from './permissions.ts';
import { assertReferences } from './references.ts';
import type { RestEntity } from './registry.ts';
import { rowState, type SavedRow, saveRows, writeWithVersion } from './save.ts';
import { type HlcClock, nextHlc } from './server-hlc.ts';
import { ticketCreateDefaults, ticketPatchDefaults } from './tickets.ts';

/** Who is writing, and with which clocks. */
export interface EntityContext {
  store: Store;
  clock: Clock;
  hlc: HlcClock;
  user: User;
}

type Data = Record<string, unknown>;

function assertAllowed(
  ctx: EntityContext,
  entity: EntityName,
  action: WriteAction,
  before: Data | null,
  after: Data | null,
): void {
  const denial = writeDenial(ctx.user, entity, action, before, after);
  if (denial) throw forbidden(denial);
}

function refuseDuplicates(entity: EntityName, saved: SavedRow[]): void {
  const dup = saved.flatMap((s) => s.duplicates)[0];
  if (dup) {
    throw conflict(`Another ${entity} already has ${dup.kind} ${JSON.stringify(dup.value)}`, {
      existingId: dup.heldBy,
      kind: dup.kind,
      value: dup.value,
    });
  }
}

/** Derived and server-managed keys a client cannot set through REST. */
function writable(body: Data): Data {
  const { updatedAt: _u, deletedAt: _d, ...rest } = body;
  return rest;
}

export async function listEntities(store: Store, teamId: string, entity: EntityName, query: RowListQuery) {
  const rows = await store.rows.list(teamId, entity, query);
  return {
    items: rows.map((r) => r.data),
    nextCursor: rows.length === query.limit ? (rows[rows.length - 1]?.id ?? null) : null,
  };
}

export async function getEntity(store: Store, teamId: string, rest: RestEntity, id: string): Promise<Data> {
  const row = await store.rows.get(teamId, rest.entity, id);
  if (!row || row.deletedAt) throw notFound(`No ${rest.entity} ${id} in your team`);
  return row.data;
}

export async function createEntity(ctx: EntityContext, rest: RestEntity, body: Data): Promise<Data> {
  const { entity } = rest;
  const teamId = ctx.user.teamId;
  let input: Data = { ...writable(body) };
  input.id ??= uuidv7();
  if (entity === 'ticket') input = ticketCreateDefaults(input, ctx.user.id, ctx.clock.now().toISOString());
  if (rest.selfField) input[rest.selfField] ??= ctx.user.id;
  if (entity === 'contact') input.source ??= 'manual';
  if (entity === 'task') {
    input.createdBy ??= ctx.user.id;
    input.done ??= false;
  }
  const id = uuidSchema.safeParse(input.id);
  if (!id.success)
    throw new ValidationError(`id: ${id.error.issues[0]?.message}`, [
      { path: 'id', message: 'expected a lower-case UUIDv7' },
    ]);
  return writeWithVersion(ctx.store, teamId, async (tx, version) => {
    if (await tx.rows.get(teamId, entity, id.data))
      throw conflict(`A ${entity} with id ${id.data} already exists`, { existingId: id.data });
    const state = stateFromEntity(entity, input as EntityChanges<typeof entity>, ctx.hlc.tick());
    const saved = await saveRows(tx, teamId, version, [{ entity, state }], ctx.clock.now().toISOString());
    const data = saved[0]!.record.data;
    assertAllowed(ctx, entity, 'create', null, data);
    await assertReferences(tx, teamId, null, data);
    refuseDuplicates(entity, saved);
    return { result: data, changed: true };
  });
}

export async function patchEntity(
  ctx: EntityContext,
  rest: RestEntity,
  id: string,
  body: Data,
): Promise<Data> {
  const { entity } = rest;
  const teamId = ctx.user.teamId;
  const { id: bodyId, ...rawChanges } = writable(body);
  if (bodyId !== undefined && bodyId !== id)
    throw new ValidationError('id cannot change', [{ path: 'id', message: 'must equal the id in the URL' }]);
  return writeWithVersion(ctx.store, teamId, async (tx, version) => {
    const row = await tx.rows.get(teamId, entity, id);
    if (!row || row.deletedAt) throw notFound(`No ${entity} ${id} in your team`);
    const before = rowState(row);
    const changes =
      entity === 'ticket'
        ? ticketPatchDefaults(row.data, rawChanges, ctx.user.id, ctx.clock.now().toISOString())
        : rawChanges;
    const patch = patchFromChanges(
      entity,
      row.data as EntityChanges<typeof entity>,
      changes as EntityChanges<typeof entity>,
      nextHlc(ctx.hlc, before),
    );
    const after = applyPatch(before, patch);
    if (rowsEqual(before, after)) {
      assertAllowed(ctx, entity, 'update', row.data, row.data);
      return { result: row.data, changed: false };
    }
    const saved = await saveRows(
      tx,
      teamId,
      version,
      [{ entity, state: after }],
      ctx.clock.now().toISOString(),
    );
    const data = saved[0]!.record.data;
    assertAllowed(ctx, entity, 'update', row.data, data);
    await assertReferences(tx, teamId, row.data, data);
    refuseDuplicates(entity, saved);
    return { result: data, changed: true };
  });
}

/**
 * Tombstones a record. With `erase` (contacts) the person is erased everywhere (erasePerson): the
 * tombstones carry the purge to every client, and the erased bytes are then reclaimed from the files.
 */
export async function deleteEntity(
  ctx: EntityContext,
  rest: RestEntity,
  id: string,
  erase: boolean,
): Promise<void> {
  const { entity } = rest;
  const teamId = ctx.user.teamId;
  const erasing = erase && entity === 'contact';
  await writeWithVersion(ctx.store, teamId, async (tx, version) => {
    const row = await tx.rows.get(teamId, entity, id);
    if (!row) throw notFound(`No ${entity} ${id} in your team`);
    if (row.deletedAt && !erase) return { result: undefined, changed: false };
    assertAllowed(ctx, entity, 'delete', row.data, null);
    const at = ctx.clock.now().toISOString();
    if (erasing) {
      const changes = await erasePerson(tx, { teamId, contact: row, at, hlc: ctx.hlc });
      await saveRows(tx, teamId, version, changes, at);
      return { result: undefined, changed: true };
    }
    const before = rowState(row);
    const deleted = deleteRow(before, id, at, nextHlc(ctx.hlc, before));
    await saveRows(tx, teamId, version, [{ entity, state: erase ? eraseRow(entity, deleted) : deleted }], at);
    return { result: undefined, changed: true };
  });
  if (erasing) await reclaimErasedSpace(ctx.store, teamId);
}
