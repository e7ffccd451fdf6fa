import { compareCodeUnits } from '@rapport/shared/domain/collections';
import { analyseIfNever, type Db, insertMany, insertRecords, placeholders } from '../driver.ts';

/** Kinds of normalised identifying values (email lower-cased, LinkedIn public id, X handle, E.164 phone, …). */
export type IdentityKind =
  | 'email'
  | 'linkedin'
  | 'x'
  | 'phone'
  | 'externalId'
  | 'domain'
  | 'sourceKey'
  | (string & {});

export interface Identity {
  kind: IdentityKind;
  value: string;
}

export interface IdentityHolder extends Identity {
  entity: string;
  id: string;
}

/** A value a row wanted but another row of the same entity already holds. */
export interface IdentityClash extends Identity {
  /** The row that asked for the value. */
  id: string;
  /** The row holding it. */
  heldBy: string;
}

export interface IdentitiesRepo {
  /**
   * For each row, makes `identities` the complete set it holds: drops values it no longer has,
   * claims new ones that are free, and reports values another row already holds (duplicates to
   * merge). An empty list releases everything (deleted rows). Batched: a few queries per 400 rows.
   */
  replaceMany(
    teamId: string,
    entity: string,
    rows: readonly { id: string; identities: readonly Identity[] }[],
  ): Promise<IdentityClash[]>;
  /** replaceMany for one row. */
  replace(
    teamId: string,
    entity: string,
    id: string,
    identities: readonly Identity[],
  ): Promise<IdentityClash[]>;
  /**
   * Which rows of `entity` hold these values. Every statement on `identities` names the entity, so
   * the primary key (team_id, entity, kind, value) or `identities_row` (team_id, entity, id) serves
   * it; there is no index by (team_id, kind, value) (migration 016).
   */
  lookup(teamId: string, identities: readonly Identity[], entity: string): Promise<IdentityHolder[]>;
  /** Releases every value a row holds (deleted or merged rows). */
  removeFor(teamId: string, entity: string, id: string): Promise<void>;
  listFor(teamId: string, entity: string, id: string): Promise<Identity[]>;
  /** Every value these rows of `entity` hold, one query per 400 ids (a push reads its rows' identities at once). */
  heldByMany(teamId: string, entity: string, ids: readonly string[]): Promise<IdentityHolder[]>;
  /**
   * Applies a decided change set: first drops `remove` (by entity, kind and value), then inserts `add`
   * with multi-row INSERTs. Unlike replaceMany nothing is looked up: the caller (a push that decided
   * every claim in memory) knows the values in `add` are free once `remove` is gone.
   */
  applyChanges(
    teamId: string,
    changes: { remove: readonly IdentityHolder[]; add: readonly IdentityHolder[] },
  ): Promise<void>;
}

const BATCH = 400;
/** (kind, value) pairs per Postgres lookup statement. */
const LOOKUP_PAIRS = 5_000;

const key = (i: Identity) => `${i.kind}\u0000${i.value}`;

function dedupe(identities: readonly Identity[]): Identity[] {
  return [...new Map(identities.map((i) => [key(i), { kind: i.kind, value: i.value }])).values()];
}

export function identitiesRepo(db: Db): IdentitiesRepo {
  const lookup = async (teamId: string, identities: readonly Identity[], entity: string) => {
    const out: IdentityHolder[] =
      db.dialect === 'postgres'
        ? await lookupPairs(teamId, entity, identities)
        : await lookupByKind(teamId, entity, identities);
    // Callers rely on a stable order: entity, kind, value, in code-unit order on both engines.
    return out.sort(
      (a, b) =>
        compareCodeUnits(a.entity, b.entity) ||
        compareCodeUnits(a.kind, b.kind) ||
        compareCodeUnits(a.value, b.value),
    );
  };

  /**
   * Postgres, one entity: every (kind, value) pair in one statement, the pairs as one JSON parameter
   * searched through the primary key (team_id, entity, kind, value). A push asks for thousands of
   * values of several kinds at once; one query per kind and 400 values was a round trip each.
   */
  const lookupPairs = async (teamId: string, entity: string, identities: readonly Identity[]) => {
    const out: IdentityHolder[] = [];
    const pairs = dedupe(identities).map((i) => [i.kind, i.value]);
    for (let i = 0; i < pairs.length; i += LOOKUP_PAIRS) {
      const part = pairs.slice(i, i + LOOKUP_PAIRS);
      out.push(
        ...(await db.all<IdentityHolder>(
          `SELECT i.entity, i.kind, i.value, i.id FROM json_array_elements(?::json) AS p
            JOIN identities i ON i.team_id = ? AND i.entity = ? AND i.kind = p->>0 AND i.value = p->>1`,
          [JSON.stringify(part), teamId, entity],
        )),
      );
    }
    return out;
  };

  const lookupByKind = async (teamId: string, entity: string, identities: readonly Identity[]) => {
    const out: IdentityHolder[] = [];
    // One `kind = ? AND value IN (…)` query per kind and batch: the primary key serves it, where a
    // long OR of (kind, value) pairs made both engines scan the team's identities.
    const byKind = new Map<string, string[]>();
    for (const { kind, value } of dedupe(identities)) {
      const values = byKind.get(kind);
      if (values) values.push(value);
      else byKind.set(kind, [value]);
    }
    for (const [kind, values] of byKind) {
      for (let i = 0; i < values.length; i += BATCH) {
        const part = values.slice(i, i + BATCH);
        out.push(
          ...(await db.all<IdentityHolder>(
            `SELECT entity, kind, value, id FROM identities WHERE team_id = ? AND entity = ? AND kind = ? AND value IN (${placeholders(part.length)})`,
            [teamId, entity, kind, ...part],
          )),
        );
      }
    }
    return out;
  };

  const replaceMany: IdentitiesRepo['replaceMany'] = async (teamId, entity, rows) => {
    const clashes: IdentityClash[] = [];
    for (let i = 0; i < rows.length; i += BATCH) {
      const part = rows.slice(i, i + BATCH);
      const ids = part.map((r) => r.id);
      const held = await db.all<{ id: string; kind: string; value: string }>(
        `SELECT id, kind, value FROM identities WHERE team_id = ? AND entity = ? AND id IN (${placeholders(ids.length)})`,
        [teamId, entity, ...ids],
      );
      const heldBy = new Map<string, Identity[]>();
      for (const h of held) heldBy.set(h.id, [...(heldBy.get(h.id) ?? []), h]);

      const releaseAll: string[] = [];
      const fresh: { id: string; identity: Identity }[] = [];
      for (const row of part) {
        const wanted = dedupe(row.identities);
        const mine = heldBy.get(row.id) ?? [];
        if (wanted.length === 0) {
          if (mine.length > 0) releaseAll.push(row.id);
          continue;
        }
        const keep = new Set(wanted.map(key));
        for (const old of mine.filter((h) => !keep.has(key(h)))) {
          await db.run(
            'DELETE FROM identities WHERE team_id = ? AND entity = ? AND kind = ? AND value = ? AND id = ?',
            [teamId, entity, old.kind, old.value, row.id],
          );
        }
        const mineKeys = new Set(mine.map(key));
        for (const w of wanted) if (!mineKeys.has(key(w))) fresh.push({ id: row.id, identity: w });
      }
      if (releaseAll.length > 0) {
        await db.run(
          `DELETE FROM identities WHERE team_id = ? AND entity = ? AND id IN (${placeholders(releaseAll.length)})`,
          [teamId, entity, ...releaseAll],
        );
      }
      if (fresh.length === 0) continue;
      await insertMany(
        db,
        'identities',
        ['team_id', 'entity', 'kind', 'value', 'id'],
        fresh.map((f) => [teamId, entity, f.identity.kind, f.identity.value, f.id]),
        'ON CONFLICT (team_id, entity, kind, value) DO NOTHING',
      );
      const holders = new Map(
        (
          await lookup(
            teamId,
            fresh.map((f) => f.identity),
            entity,
          )
        ).map((h) => [key(h), h.id]),
      );
      for (const f of fresh) {
        const holder = holders.get(key(f.identity));
        if (holder !== undefined && holder !== f.id)
          clashes.push({ ...f.identity, id: f.id, heldBy: holder });
      }
    }
    return clashes;
  };

  return {
    replaceMany,
    replace: (teamId, entity, id, identities) => replaceMany(teamId, entity, [{ id, identities }]),
    lookup,
    async removeFor(teamId, entity, id) {
      await db.run('DELETE FROM identities WHERE team_id = ? AND entity = ? AND id = ?', [
        teamId,
        entity,
        id,
      ]);
    },
    async heldByMany(teamId, entity, ids) {
      const out: IdentityHolder[] = [];
      for (let i = 0; i < ids.length; i += BATCH) {
        const part = ids.slice(i, i + BATCH);
        out.push(
          ...(await db.all<IdentityHolder>(
            `SELECT entity, kind, value, id FROM identities WHERE team_id = ? AND entity = ? AND id IN (${placeholders(part.length)})`,
            [teamId, entity, ...part],
          )),
        );
      }
      return out;
    },
    async applyChanges(teamId, { remove, add }) {
      const groups = new Map<string, { entity: string; kind: string; values: string[] }>();
      for (const r of remove) {
        const k = `${r.entity}\u0000${r.kind}`;
        const g = groups.get(k) ?? { entity: r.entity, kind: r.kind, values: [] };
        g.values.push(r.value);
        groups.set(k, g);
      }
      for (const { entity, kind, values } of groups.values()) {
        for (let i = 0; i < values.length; i += BATCH) {
          const part = values.slice(i, i + BATCH);
          await db.run(
            `DELETE FROM identities WHERE team_id = ? AND entity = ? AND kind = ? AND value IN (${placeholders(part.length)})`,
            [teamId, entity, kind, ...part],
          );
        }
      }
      if (add.length === 0) return;
      await insertRecords(
        db,
        'identities',
        ['team_id', 'entity', 'kind', 'value', 'id'],
        ['text', 'text', 'text', 'text', 'text'],
        add.map((a) => [teamId, a.entity, a.kind, a.value, a.id]),
      );
      await analyseIfNever(db, 'identities', add.length);
    },
    listFor: (teamId, entity, id) =>
      db.all<Identity>(
        'SELECT kind, value FROM identities WHERE team_id = ? AND entity = ? AND id = ? ORDER BY kind, value',
        [teamId, entity, id],
      ),
  };
}
