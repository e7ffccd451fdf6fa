import { isDeepStrictEqual } from 'node:util';
import type { Store } from '@rapport/server/store/store';
import { START_POSITION } from '@rapport/server/store/store';
import { ENTITY_NAMES } from '@rapport/shared/sync/entities';
import { compareHlc } from '@rapport/shared/sync/hlc';
import type { FieldState, RowState, SetElement } from '@rapport/shared/sync/row';
import { readState } from '../../extension/db/sync-state.ts';
import type { Oracle } from './oracle.ts';
import type { SimClient } from './sim-client.ts';

interface CheckInput {
  store: Store;
  teamId: string;
  clients: SimClient[];
  oracle: Oracle;
}

export interface CheckResult {
  problems: string[];
  /** Contacts the server merged into another (aliases), and mutations it rejected. */
  merges: number;
  rejected: number;
}

const ALL = 1_000_000;
/** A merge keeps the surviving (older) contact's own values of these (server/src/sync/duplicates.ts). */
const SURVIVOR_FIELDS = new Set(['createdAt', 'ownerId']);
const later = <T extends { t: string }>(a: T | undefined, b: T): T =>
  a && compareHlc(a.t, b.t) >= 0 ? a : b;

/**
 * The end-of-run invariants: every replica equals the server, no acknowledged write is lost or
 * applied twice, and the server's rows are what per-field HLC merging of all writes gives.
 */
export async function checkConvergence({ store, teamId, clients, oracle }: CheckInput): Promise<CheckResult> {
  const problems: string[] = [];
  const serverRows = await store.rows.after(teamId, START_POSITION, ALL);
  const aliasIds = new Set((await store.aliases.after(teamId, 0, ALL)).map((a) => `${a.entity}:${a.fromId}`));
  const server = new Map(serverRows.map((r) => [`${r.entity}:${r.id}`, r]));

  // (3) Each client's mutations reached the server exactly once each, in order.
  const status = new Map<string, string>();
  // Creates the server only linked to a duplicate the writer may not change (a teammate's contact).
  const linked = new Set<string>();
  for (const client of clients) {
    const clientId = await readState(client.db, 'clientId');
    if (!clientId) continue;
    // The server logs refusals and remarks only; every other mutation up to the client's
    // lastMutationId was applied plainly.
    const logged = await store.syncClients.logAfter(clientId, 0, ALL);
    const written = (await readState(client.db, 'nextMutationId')) ?? 1;
    const last = (await store.syncClients.get(clientId))?.lastMutationId ?? 0;
    if (last !== written - 1)
      problems.push(`c${client.index}: server's lastMutationId ${last} ≠ ${written - 1} mutations written`);
    const ids = logged.map((l) => l.mutationId);
    const inOrder = ids.every((id, i) => id >= 1 && id <= last && (i === 0 || id > (ids[i - 1] as number)));
    if (!inOrder) problems.push(`c${client.index}: mutation log ids ${ids.join(',')} not within 1..${last}`);
    for (let id = 1; id <= last; id++) status.set(`${client.index}:${id}`, 'applied');
    for (const l of logged) {
      status.set(`${client.index}:${l.mutationId}`, l.status);
      if (l.status === 'applied' && l.reason?.startsWith('linked to'))
        linked.add(`${client.index}:${l.mutationId}`);
    }
    const recorded = [...oracle.contactWrites, ...oracle.erases, ...oracle.interactions]
      .filter((w) => w.client === client.index)
      .map((w) => w.mutationId);
    const unlogged = recorded.filter((id) => !status.has(`${client.index}:${id}`));
    if (unlogged.length > 0)
      problems.push(`c${client.index}: mutations ${unlogged.join(',')} never reached the server`);
  }
  const applied = (w: { client: number; mutationId: number }) => {
    const s = status.get(`${w.client}:${w.mutationId}`);
    return s === 'applied' || s === 'duplicate';
  };

  const contactIds = [
    ...new Set([
      ...oracle.contactWrites.map((w) => w.contactId),
      ...oracle.interactions.map((i) => i.contactId),
    ]),
  ];
  const resolved = await store.aliases.resolve(teamId, 'contact', contactIds);
  const final = (id: string) => resolved.get(id) ?? id;

  // (1) Every replica holds exactly the server's rows, aliases applied, nothing pending.
  for (const client of clients) {
    const c = `c${client.index}`;
    const outbox = await client.db.outbox.count();
    if (outbox > 0) problems.push(`${c}: ${outbox} outbox entries left`);
    const local = new Map<string, { state: RowState; data: unknown; base?: unknown }>();
    for (const entity of ENTITY_NAMES)
      for (const r of await client.db.rows(entity).toArray()) local.set(`${entity}:${r.id}`, r);
    for (const [key, row] of server) {
      const mine = local.get(key);
      if (!mine) problems.push(`${c}: missing server row ${key}`);
      else if (!isDeepStrictEqual(mine.state, row.state))
        problems.push(
          `${c}: ${key} state differs\n  client ${JSON.stringify(mine.state)}\n  server ${JSON.stringify(row.state)}`,
        );
      else if (!row.deletedAt && !isDeepStrictEqual(mine.data, row.data))
        problems.push(
          `${c}: ${key} data differs\n  client ${JSON.stringify(mine.data)}\n  server ${JSON.stringify(row.data)}`,
        );
      else if (mine.base !== undefined) problems.push(`${c}: ${key} still has a pending base`);
      // A merged-away duplicate stays as a tombstone; it must never show as a live contact.
      const liveHere = mine?.data != null && (mine.data as { deletedAt?: unknown }).deletedAt == null;
      if (aliasIds.has(key) && (!row.deletedAt || liveHere))
        problems.push(`${c}: ${key} was merged away but is live (server deletedAt ${row.deletedAt})`);
    }
    for (const [key, row] of local)
      if (!server.has(key))
        problems.push(`${c}: row ${key} is not on the server: ${JSON.stringify(row.state)}`);
  }

  // (2) Oracle: the server's contacts are the HLC merge of every applied write to them (and to
  // the contacts merged into them); interactions are all there, on the contact they now belong to.
  const erased = new Set(oracle.erases.filter(applied).map((e) => final(e.contactId)));
  const expected = new Map<
    string,
    { fields: Record<string, FieldState>; sets: Record<string, Record<string, SetElement>> }
  >();
  for (const w of oracle.contactWrites) {
    if (status.get(`${w.client}:${w.mutationId}`) === 'rejected' && !erased.has(final(w.contactId))) {
      // A rep may not edit a contact someone else owns; anything else must not be refused.
      const writer = clients[w.client]?.user;
      // The owner of the row it addressed, or of the contact that row had been merged into (the
      // server redirects writes to the survivor and checks the survivor's owner).
      const owners = [w.contactId, final(w.contactId)].map((id) => server.get(`contact:${id}`)?.data.ownerId);
      if (writer?.role !== 'rep' || owners.every((o) => o === writer.id))
        problems.push(
          `c${w.client} #${w.mutationId}: contact.upsert of live contact ${final(w.contactId)} was rejected`,
        );
    }
    if (!applied(w) || linked.has(`${w.client}:${w.mutationId}`)) continue;
    const id = final(w.contactId);
    const e = expected.get(id) ?? { fields: {}, sets: {} };
    for (const [f, v] of Object.entries(w.patch.fields ?? {}))
      if (w.contactId === id || !SURVIVOR_FIELDS.has(f)) e.fields[f] = later(e.fields[f], v);
    for (const [s, els] of Object.entries(w.patch.sets ?? {}))
      for (const [k, el] of Object.entries(els)) e.sets[s] = { ...e.sets[s], [k]: later(e.sets[s]?.[k], el) };
    expected.set(id, e);
  }
  for (const [id, e] of expected) {
    const row = server.get(`contact:${id}`);
    const state = row?.state as RowState | undefined;
    if (!row || !state) {
      problems.push(`contact ${id}: written but not on the server`);
      continue;
    }
    if (erased.has(id)) {
      if (!row.deletedAt) problems.push(`contact ${id}: erased but live on the server`);
      continue;
    }
    if (row.deletedAt) {
      problems.push(`contact ${id}: deleted on the server but never erased`);
      continue;
    }
    for (const [f, v] of Object.entries(e.fields))
      if (!isDeepStrictEqual(state.fields[f], v))
        problems.push(
          `contact ${id}.${f}: server ${JSON.stringify(state.fields[f])}, latest write ${JSON.stringify(v)}`,
        );
    for (const [s, els] of Object.entries(e.sets))
      for (const [k, el] of Object.entries(els))
        if (!isDeepStrictEqual(state.sets[s]?.[k], el))
          problems.push(
            `contact ${id}.${s}[${k}]: server ${JSON.stringify(state.sets[s]?.[k])}, latest write ${JSON.stringify(el)}`,
          );
    // The plain-language form of the same promise: an email added and never removed anywhere is there.
    const emails = (row.data.emails as string[] | undefined) ?? [];
    for (const k of Object.keys(e.sets.emails ?? {}))
      if (!oracle.removed.emails.has(k) && !emails.includes(k))
        problems.push(`contact ${id}: lost email ${k}`);
  }
  for (const i of oracle.interactions) {
    const contactId = final(i.contactId);
    const s = status.get(`${i.client}:${i.mutationId}`);
    if (s === 'rejected') {
      if (!erased.has(contactId))
        problems.push(`interaction ${i.id} rejected though its contact ${contactId} is live`);
      continue;
    }
    const row = server.get(`interaction:${i.id}`);
    if (!row) {
      problems.push(`interaction ${i.id} (c${i.client} #${i.mutationId}, ${s}) missing on the server`);
      continue;
    }
    if (erased.has(contactId)) {
      if (!row.deletedAt) problems.push(`interaction ${i.id} of erased contact ${contactId} is live`);
    } else if (row.deletedAt)
      problems.push(`interaction ${i.id} deleted though its contact ${contactId} is live`);
    else if (row.data.contactId !== contactId)
      problems.push(`interaction ${i.id} points at ${String(row.data.contactId)}, expected ${contactId}`);
  }
  const merges = [...aliasIds].filter((k) => k.startsWith('contact:')).length;
  const rejected = [...status.values()].filter((v) => v === 'rejected').length;
  return { problems, merges, rejected };
}
