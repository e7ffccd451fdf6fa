import { getOrInsert } from '@rapport/shared/domain/collections';
import type { EntityName } from '@rapport/shared/sync/entities';
import { applyPatch } from '@rapport/shared/sync/merge';
import { type Mutation, type SafeMutationResult, safeParseMutation } from '@rapport/shared/sync/mutations';
import type { MutationResult, PushBody, PushResponse } from '@rapport/shared/sync/protocol';
import type { FieldState, RowState, SetElement } from '@rapport/shared/sync/row';
import { rowIdentities } from '../entities/columns.ts';
import { rowState } from '../entities/save.ts';
import type { HlcClock } from '../entities/server-hlc.ts';
import type { Clock } from '../lib/clock.ts';
import { forbidden } from '../lib/errors.ts';
import type { Identity, MutationLogEntry, Store, User } from '../store/store.ts';
import { applyMutation, referencedIds } from './apply-mutation.ts';
import { FullParse, isUnverifiedMutation, quickUpsert } from './fast-upsert.ts';
import { pokeTeam } from './pokes.ts';
import { PushSession, type Refusal, rejectionReason } from './session.ts';
import { TeamQueue } from './team-queue.ts';

/** One queue per process: every app in it shares the database's team locks. */
const teamQueue = new TeamQueue();

export interface PushDeps {
  store: Store;
  clock: Clock;
  hlc: HlcClock;
}

export type PushOutcome =
  /** Applied (or skipped as duplicates); `version` is the new team version, null when nothing changed. */
  | { kind: 'done'; response: PushResponse; version: number | null }
  /** The first new mutation does not follow the client's last one: resend from lastMutationId + 1. */
  | { kind: 'gap'; lastMutationId: number; firstId: number };

function aliasLookups(parsed: readonly (SafeMutationResult | null)[]): Map<EntityName, Set<string>> {
  const ids = new Map<EntityName, Set<string>>();
  for (const p of parsed) {
    if (!p?.success) continue;
    for (const [entity, id] of referencedIds(p.mutation)) {
      const set = ids.get(entity) ?? new Set<string>();
      ids.set(entity, set.add(id));
    }
  }
  return ids;
}

/** The rows the mutations of a push will read: the ones they name, and the rows inserts would create. */
function rowReads(parsed: readonly (SafeMutationResult | null)[]): Map<EntityName, Set<string>> {
  const ids = aliasLookups(parsed);
  const add = (entity: EntityName, id: string) => ids.set(entity, (ids.get(entity) ?? new Set()).add(id));
  for (const p of parsed) {
    if (!p?.success) continue;
    const m = p.mutation;
    if (m.name === 'interaction.add') add('interaction', m.args.interaction.id);
    else if (m.name === 'survey.add') add('surveyResponse', m.args.survey.id);
  }
  return ids;
}

/** A state's field values and live set elements by field name, unvalidated: enough to guess identities. */
function roughData(state: RowState): Record<string, unknown> {
  // Loops over own keys rather than Object.entries/values chains: this runs once per pushed upsert.
  const out: Record<string, unknown> = {};
  const { fields, sets } = state;
  for (const name in fields) if (Object.hasOwn(fields, name)) out[name] = (fields[name] as FieldState).v;
  for (const name in sets) {
    if (!Object.hasOwn(sets, name)) continue;
    const elements = sets[name] as Record<string, SetElement>;
    const live: unknown[] = [];
    for (const key in elements) {
      const e = elements[key] as SetElement;
      if (Object.hasOwn(elements, key) && e.on) live.push(e.v);
    }
    out[name] = live;
  }
  return out;
}

/**
 * The identity values the mutations' rows will likely hold (each upsert's patch over its stored row,
 * and interactions' sourceKeys), so that who holds them is read in one query per kind. Only a guess to
 * read ahead: the handlers decide from the real state, and anything missed is read when needed.
 */
async function identityValues(
  session: PushSession,
  parsed: readonly (SafeMutationResult | null)[],
): Promise<Map<EntityName, Identity[]>> {
  const out = new Map<EntityName, Identity[]>();
  // Appended in place: copying the list for every mutation was quadratic in the push's size.
  const add = (entity: EntityName, values: readonly Identity[]) => {
    const list = getOrInsert(out, entity, () => []);
    for (const v of values) list.push(v);
  };
  for (const p of parsed) {
    if (!p?.success) continue;
    const m = p.mutation;
    if (m.name === 'contact.upsert' || m.name === 'customer.upsert') {
      const entity = m.name === 'contact.upsert' ? 'contact' : 'customer';
      const id = await session.resolve(entity, m.args.id);
      const row = await session.load(entity, id);
      // A new row holds what its patch holds: read from the patch, not from a row built to be dropped.
      const patch = m.args.patch;
      const state = row
        ? applyPatch(rowState(row), patch, id)
        : { id, fields: patch.fields ?? {}, sets: patch.sets ?? {}, deleted: null };
      add(entity, rowIdentities(entity, roughData(state)));
    } else if (m.name === 'interaction.add' && m.args.interaction.sourceKey !== null) {
      add('interaction', [{ kind: 'sourceKey', value: m.args.interaction.sourceKey }]);
    }
  }
  return out;
}

/**
 * POST /sync/push (see the README, "How sync works"): in one transaction holding the team lock, binds the client id to its
 * first user, skips mutations already applied, applies the rest in order and records each refusal and remark.
 * A rejected mutation still advances lastMutationId, so one poison mutation never blocks the queue.
 * Every row changed is stamped with the team's next version; connected clients are poked after commit.
 */
export async function pushMutations(deps: PushDeps, user: User, body: PushBody): Promise<PushOutcome> {
  const { clientId, mutations } = body;
  const at = deps.clock.now().toISOString();
  // Validation needs no database: done before the lock, so the team waits only for the writes.
  // Well-formed upserts are checked by shape here and by value once, when materialised (fast-upsert.ts).
  const validated = mutations.map((m): SafeMutationResult => {
    const quick = quickUpsert(m);
    return quick ? { success: true, mutation: quick } : safeParseMutation(m);
  });
  const inTransaction = async (tx: Store): Promise<PushOutcome> => {
    const current = await tx.teams.lock(user.teamId);
    const client =
      (await tx.syncClients.get(clientId)) ??
      (await tx.syncClients.create({ clientId, teamId: user.teamId, userId: user.id, at }));
    if (client.userId !== user.id) {
      throw forbidden(
        `Sync client ${clientId} belongs to another user; use a new client id for this account`,
      );
    }
    const last = client.lastMutationId;
    const firstId = (mutations[0] as { id: number }).id;
    if (firstId > last + 1) return { kind: 'gap', lastMutationId: last, firstId };

    const session = new PushSession({
      tx,
      teamId: user.teamId,
      user,
      version: current + 1,
      hlc: deps.hlc,
      at,
    });
    const parsed = mutations.map((m, i) => (m.id <= last ? null : (validated[i] ?? null)));
    await session.prefetchAliases(aliasLookups(parsed));
    const reads = rowReads(parsed);
    await session.prefetchRows(reads);
    await session.prefetchIdentities(reads, await identityValues(session, parsed));

    // A re-sent mutation gets its first answer again when that was a refusal: a client whose
    // response was lost must still learn to undo it (found by the sync simulation).
    const refused = await refusedBefore(tx, clientId, mutations, last);
    const results: MutationResult[] = [];
    const log: MutationLogEntry[] = [];
    try {
      await applyAll();
    } catch (err) {
      // Writes sent in the background must finish before the rollback; their own failure comes first.
      await session.settle();
      throw err;
    }
    async function applyAll(): Promise<void> {
      for (const [i, envelope] of mutations.entries()) {
        const p = parsed[i];
        if (!p) {
          const before = refused.get(envelope.id);
          results.push(
            before === undefined
              ? { id: envelope.id, status: 'duplicate' }
              : { id: envelope.id, status: 'rejected', ...before },
          );
          continue;
        }
        // Every 25 mutations, a turn of the event loop for writes running in the background.
        if (i % 25 === 0) {
          const turn = session.breathe();
          if (turn) await turn;
        }
        session.remark = null;
        const refusal: Refusal | null = p.success
          ? await apply(session, p.mutation, envelope)
          : { reason: p.error.message, code: 'invalid' };
        const status = refusal === null ? 'applied' : 'rejected';
        // An applied mutation may carry a remark (shown to the user as the reason field).
        const reason = refusal?.reason ?? session.remark;
        const reasonCode = refusal?.code ?? null;
        results.push(
          reason === null
            ? { id: envelope.id, status }
            : reasonCode === null
              ? { id: envelope.id, status, reason }
              : { id: envelope.id, status, reason, code: reasonCode },
        );
        // Only answers a re-send must repeat, or a person may need, are logged: refusals and remarks.
        // A plain applied mutation is known by lastMutationId alone (a re-send answers `duplicate`).
        if (reason === null) continue;
        log.push({
          clientId,
          mutationId: envelope.id,
          teamId: user.teamId,
          name: envelope.name,
          status,
          reason,
          reasonCode,
          at,
        });
      }
    }
    // Every row and identity the mutations wrote, in a few multi-row statements.
    await session.flush();
    const lastId = Math.max(last, (mutations[mutations.length - 1] as { id: number }).id);
    if (log.length > 0) await tx.syncClients.log(log);
    if (lastId > last) await tx.syncClients.setLastMutationId(clientId, lastId, at);
    if (session.changed) await tx.teams.setVersion(user.teamId, current + 1);
    return {
      kind: 'done',
      response: { lastMutationId: lastId, results, serverTime: deps.clock.now().toISOString() },
      version: session.changed ? current + 1 : null,
    };
  };
  const outcome = await teamQueue.run(user.teamId, () => deps.store.transaction(inTransaction));
  if (outcome.kind === 'done' && outcome.version !== null) pokeTeam(user.teamId, outcome.version, clientId);
  return outcome;
}

/** Reasons of the already-processed mutations of this push that were refused the first time. */
async function refusedBefore(
  tx: Store,
  clientId: string,
  mutations: PushBody['mutations'],
  last: number,
): Promise<Map<number, { reason: string; code?: string }>> {
  const repeated = mutations.filter((m) => m.id <= last).map((m) => m.id);
  if (repeated.length === 0) return new Map();
  const from = Math.min(...repeated);
  const logged = await tx.syncClients.logAfter(clientId, from - 1, Math.max(...repeated) - from + 1);
  return new Map(
    logged
      .filter((l) => l.status === 'rejected')
      .map((l) => [
        l.mutationId,
        { reason: l.reason ?? 'rejected', ...(l.reasonCode ? { code: l.reasonCode } : {}) },
      ]),
  );
}

/**
 * null when applied; the reason when refused. Server faults propagate and fail the whole push (retry-safe).
 * An upsert accepted by its shape alone that does not verify (FullParse) is validated in full and applied
 * again, as every mutation was before: same answer, same rejection message.
 */
async function apply(session: PushSession, mutation: Mutation, envelope: unknown): Promise<Refusal | null> {
  try {
    await applyMutation(session, mutation);
    return null;
  } catch (err) {
    // A refusal of an unverified upsert too: the full parse's message comes first, as it always did.
    if (err instanceof FullParse || (isUnverifiedMutation(mutation) && rejectionReason(err) !== null)) {
      session.remark = null;
      const full = safeParseMutation(envelope);
      return full.success
        ? apply(session, full.mutation, envelope)
        : { reason: full.error.message, code: 'invalid' };
    }
    const refusal = rejectionReason(err);
    if (refusal === null) throw err;
    return refusal;
  }
}
