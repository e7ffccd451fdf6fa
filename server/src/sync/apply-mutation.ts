import type { NewEmployeePulse, NewSurveyResponse } from '@rapport/shared/schemas/feedback';
import type { NewInteraction } from '@rapport/shared/schemas/interaction';
import { stateFromEntity } from '@rapport/shared/sync/changes';
import type { EntityName } from '@rapport/shared/sync/entities';
import { type Hlc, hlcToIso } from '@rapport/shared/sync/hlc';
import { applyPatch, deleteRow, maxHlc, rowsEqual } from '@rapport/shared/sync/merge';
import {
  isUpsert,
  type Mutation,
  type MutationArgs,
  type MutationName,
  UPSERT_ENTITIES,
  UPSERT_MUTATION,
  type UpsertEntity,
  type UpsertMutationName,
  upsertTarget,
} from '@rapport/shared/sync/mutations';
import type { Patch, RowState } from '@rapport/shared/sync/row';
import { erasePerson } from '../entities/erase.ts';
import { rowState } from '../entities/save.ts';
import { createOrMerge, MERGED_ENTITIES, type MergedEntity } from './duplicates.ts';
import { FullParse, isUnverified, verifyLanded } from './fast-upsert.ts';
import { type PushSession, Rejection } from './session.ts';

type Handler<N extends MutationName> = (s: PushSession, args: MutationArgs<N>) => Promise<void>;

/** `<entity>.upsert` of every upsertable entity in the entity table. */
const upsertHandlers = Object.fromEntries(
  UPSERT_ENTITIES.map((entity): [string, Handler<UpsertMutationName>] => [
    UPSERT_MUTATION[entity],
    (s, args) => upsert(s, entity, args.id, args.patch),
  ]),
) as { [N in UpsertMutationName]: Handler<N> };

/** One handler per mutation name; each reads first and writes last, so a rejection leaves nothing behind. */
const handlers: { [N in MutationName]: Handler<N> } = {
  ...upsertHandlers,
  'interaction.add': (s, { interaction, t }) => insertOnce(s, 'interaction', interaction, t),
  'survey.add': (s, { survey, t }) => insertOnce(s, 'surveyResponse', survey, t),
  'pulse.add': (s, { pulse, t }) => addPulse(s, pulse, t),
  'entity.delete': (s, { entity, id, at, t }) => remove(s, entity, id, at, t),
  'contact.erase': (s, { id, at, t }) => erase(s, id, at, t),
};

/** Applies one validated mutation; throws Rejection (or shared's ValidationError) to refuse it. */
export function applyMutation(s: PushSession, mutation: Mutation): Promise<void> {
  const handler = handlers[mutation.name] as Handler<MutationName>;
  return handler(s, mutation.args as never);
}

/** The (entity, id) pairs a mutation names, for one batched alias lookup per push. */
export function referencedIds(mutation: Mutation): [EntityName, string][] {
  if (isUpsert(mutation))
    return [[upsertTarget(mutation)!, mutation.args.id], ...patchReferences(mutation.args.patch)];
  switch (mutation.name) {
    case 'interaction.add':
    case 'survey.add': {
      const value = mutation.name === 'interaction.add' ? mutation.args.interaction : mutation.args.survey;
      const out: [EntityName, string][] = [['contact', value.contactId]];
      if (value.customerId) out.push(['customer', value.customerId]);
      return out;
    }
    case 'entity.delete':
      return [[mutation.args.entity, mutation.args.id]];
    case 'contact.erase':
      return [['contact', mutation.args.id]];
    case 'pulse.add':
      return [];
  }
}

/** Fields that name a row of a merged entity, re-pointed through aliases. */
const REFERENCES = { contactId: 'contact', customerId: 'customer' } as const satisfies Record<
  string,
  MergedEntity
>;

function patchReferences(patch: Patch): [EntityName, string][] {
  const out: [EntityName, string][] = [];
  for (const [field, entity] of Object.entries(REFERENCES)) {
    const v = patch.fields?.[field]?.v;
    if (typeof v === 'string') out.push([entity, v]);
  }
  return out;
}

/** The patch with contactId/customerId values naming a merged duplicate re-pointed to its survivor (the same object when none does). */
async function resolvePatch(s: PushSession, patch: Patch): Promise<Patch> {
  if (!patch.fields) return patch;
  let fields: Patch['fields'] | undefined;
  for (const [field, entity] of REFERENCE_ENTRIES) {
    const f = patch.fields[field];
    if (!f || typeof f.v !== 'string') continue;
    const to = s.resolved(entity, f.v) ?? (await s.resolve(entity, f.v));
    if (to === f.v) continue;
    fields ??= { ...patch.fields };
    fields[field] = { ...f, v: to };
  }
  return fields ? { ...patch, fields } : patch;
}

const REFERENCE_ENTRIES = Object.entries(REFERENCES) as [keyof typeof REFERENCES, MergedEntity][];

const patchHlc = (id: string, patch: Patch): Hlc | null =>
  maxHlc({ id, fields: patch.fields ?? {}, sets: patch.sets ?? {}, deleted: null });

async function upsert(s: PushSession, entity: UpsertEntity, rawId: string, rawPatch: Patch): Promise<void> {
  const unverified = isUnverified(rawPatch);
  // Answered from the push's reads when it has them (the common case: prefetched), without awaiting.
  const id = s.resolved(entity, rawId) ?? (await s.resolve(entity, rawId));
  const patch = await resolvePatch(s, rawPatch);
  s.checkClock(patchHlc(id, patch));
  const known = s.loaded(entity, id);
  const row = known === undefined ? await s.load(entity, id) : (known ?? undefined);
  // Tombstones win: a write to a deleted (or erased) row must not bring content back.
  if (row?.deletedAt) {
    if (unverified) throw new FullParse('tombstoned row');
    return;
  }
  const before = row ? rowState(row) : null;
  let after = applyPatch(before, patch, id);
  if (!before) after = withCreatedAt(after);
  const data = s.materialize(entity, after);
  if (unverified) verifyLanded(entity, patch, after, data);
  s.authorize(entity, before ? 'update' : 'create', row?.data ?? null, data);
  await s.checkReferences(row?.data ?? null, data);
  if (before && rowsEqual(before, after)) return;
  if (!before && MERGED_ENTITIES.has(entity)) return createOrMerge(s, entity as MergedEntity, after, data);
  await s.write([{ entity, state: after, before, data }]);
}

/** A create without createdAt gets its patch's time, as shared's patchFromChanges does. */
function withCreatedAt(state: RowState): RowState {
  if (state.fields.createdAt) return state;
  const t = maxHlc(state);
  return t ? applyPatch(state, { fields: { createdAt: { v: hlcToIso(t), t } } }) : state;
}

type InsertValue = NewInteraction | NewSurveyResponse;

/** Insert-only rows: a repeat of an id (or, for interactions, of a sourceKey on the contact) is a no-op. */
async function insertOnce(
  s: PushSession,
  entity: 'interaction' | 'surveyResponse',
  value: InsertValue,
  t: Hlc,
) {
  s.checkClock(t);
  if (await s.load(entity, value.id)) return;
  const contactId = await s.resolve('contact', value.contactId);
  const customerId = value.customerId === null ? null : await s.resolve('customer', value.customerId);
  const contact = await s.load('contact', contactId);
  if (!contact) throw new Rejection('not_in_team', `no contact ${contactId} in your team`);
  if (contact.deletedAt) throw new Rejection('deleted', `contact ${contactId} was deleted`);
  if (entity === 'interaction') {
    const { sourceKey } = value as NewInteraction;
    if (sourceKey !== null && (await loggedBefore(s, contactId, sourceKey))) return;
  }
  const state = stateFromEntity(entity, { ...value, contactId, customerId }, t);
  const data = s.materialize(entity, state);
  s.authorize(entity, 'create', null, data);
  await s.checkReferences(null, data);
  await s.write([{ entity, state, before: null, data }]);
}

/** True when the contact already has a live interaction with this sourceKey (e.g. the same Gmail message). */
async function loggedBefore(s: PushSession, contactId: string, sourceKey: string): Promise<boolean> {
  const held = await s.lookupIdentities('interaction', [{ kind: 'sourceKey', value: sourceKey }]);
  if (held.length === 0) return false;
  for (const h of held) {
    const row = await s.load('interaction', h.id);
    if (row && !row.deletedAt && row.contactId === contactId) return true;
  }
  // The identity table keeps one holder per key and team; another contact on the same email may hold it.
  await s.flush();
  const rows = await s.tx.rows.list(s.teamId, 'interaction', { contactId, limit: 1_000_000 });
  return rows.some((r) => r.data.sourceKey === sourceKey);
}

async function remove(s: PushSession, entity: EntityName, rawId: string, at: string, t: Hlc): Promise<void> {
  s.checkClock(t);
  const id = await s.resolve(entity, rawId);
  const row = await s.load(entity, id);
  if (!row) throw new Rejection('not_in_team', `no ${entity} ${id} in your team`);
  if (row.deletedAt) return;
  s.authorize(entity, 'delete', row.data, null);
  const before = rowState(row);
  await s.write([{ entity, state: deleteRow(before, id, at, t), before }]);
}

/** Erases the person (entities/erase.ts); the push handler reclaims the bytes after commit. */
async function erase(s: PushSession, rawId: string, at: string, t: Hlc): Promise<void> {
  s.checkClock(t);
  const id = await s.resolve('contact', rawId);
  const row = await s.load('contact', id);
  if (!row) throw new Rejection('not_in_team', `no contact ${id} in your team`);
  s.authorize('contact', 'delete', row.data, null);
  // erasePerson reads (and scrubs imports) in the database: it must see this push's writes.
  await s.flush();
  await s.write(await erasePerson(s.tx, { teamId: s.teamId, contact: row, at, hlc: s.ctx.hlc, t }));
}

/**
 * An employee's own pulse score, insert-only (a repeat of its id is a no-op). Stored apart from the
 * synced rows: its comment stays private unless shared (reports/pulse.ts).
 */
async function addPulse(s: PushSession, pulse: NewEmployeePulse, t: Hlc): Promise<void> {
  s.checkClock(t);
  if (pulse.userId !== s.ctx.user.id)
    throw new Rejection(
      'pulse_owner_only',
      'a pulse score can only be recorded by the employee it belongs to',
    );
  await s.tx.pulses.add(s.teamId, {
    id: pulse.id,
    userId: pulse.userId,
    date: pulse.date,
    score: pulse.score,
    comment: pulse.comment,
    shared: pulse.shared,
    createdAt: pulse.createdAt ?? hlcToIso(t),
  });
}
