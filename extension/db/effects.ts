import { stateFromEntity } from '@rapport/shared/sync/changes';
import type { EntityName } from '@rapport/shared/sync/entities';
import { eraseRow } from '@rapport/shared/sync/materialize';
import { applyPatch, deleteRow } from '@rapport/shared/sync/merge';
import { isUpsert, type Mutation, upsertTarget } from '@rapport/shared/sync/mutations';
import type { RowState } from '@rapport/shared/sync/row';

// How each mutation changes local rows: the same effect is used for the optimistic local write,
// for re-applying pending mutations on top of pulled rows, and for folding acknowledged ones
// into the server base. The server is the authority; this mirrors it for one client's view.

export interface RowRef {
  entity: EntityName;
  id: string;
}

export const touchKey = (entity: EntityName, id: string): string => `${entity}:${id}`;
/** Marks a contact.erase: it also purges every interaction of that contact, including ones pulled later. */
export const eraseKey = (contactId: string): string => `erase:${contactId}`;

/** The rows a mutation names directly (an erase's interactions are found through eraseKey). */
export function directRows(m: Mutation): RowRef[] {
  if (isUpsert(m)) return [{ entity: upsertTarget(m)!, id: m.args.id }];
  switch (m.name) {
    case 'interaction.add':
      return [{ entity: 'interaction', id: m.args.interaction.id }];
    case 'survey.add':
      return [{ entity: 'surveyResponse', id: m.args.survey.id }];
    case 'pulse.add':
      return [];
    case 'entity.delete':
      return [{ entity: m.args.entity, id: m.args.id }];
    case 'contact.erase':
      return [{ entity: 'contact', id: m.args.id }];
  }
}

export function touchesOf(m: Mutation): string[] {
  const keys = directRows(m).map((r) => touchKey(r.entity, r.id));
  if (m.name === 'contact.erase') keys.push(eraseKey(m.args.id));
  return keys;
}

function contactIdOf(state: RowState | null): string | null {
  const v = state?.fields.contactId?.v;
  return typeof v === 'string' ? v : null;
}

/** The row after `m` (null stays null when `m` does not create it). Pure. */
export function applyMutation(
  m: Mutation,
  entity: EntityName,
  id: string,
  state: RowState | null,
): RowState | null {
  if (isUpsert(m))
    return entity === upsertTarget(m) && id === m.args.id ? applyPatch(state, m.args.patch, id) : state;
  switch (m.name) {
    case 'interaction.add':
      // Insert-only, as on the server: an existing row wins.
      if (entity !== 'interaction' || id !== m.args.interaction.id) return state;
      return state ?? stateFromEntity('interaction', m.args.interaction, m.args.t);
    case 'survey.add':
      if (entity !== 'surveyResponse' || id !== m.args.survey.id) return state;
      return state ?? stateFromEntity('surveyResponse', m.args.survey, m.args.t);
    case 'pulse.add':
      return state;
    case 'entity.delete':
      return entity === m.args.entity && id === m.args.id ? deleteRow(state, id, m.args.at, m.args.t) : state;
    case 'contact.erase': {
      const { at, t } = m.args;
      if (entity === 'contact' && id === m.args.id) return eraseRow('contact', deleteRow(state, id, at, t));
      if (entity === 'interaction' && state !== null && contactIdOf(state) === m.args.id)
        return eraseRow('interaction', deleteRow(state, id, at, t));
      return state;
    }
  }
}

/** Applies mutations in order. */
export function applyAll(
  ms: readonly Mutation[],
  entity: EntityName,
  id: string,
  state: RowState | null,
): RowState | null {
  let current = state;
  for (const m of ms) current = applyMutation(m, entity, id, current);
  return current;
}
