// What the plan tests (store/*-plan(s).test.ts) share: the repositories' own statements recorded
// while they run, then explained by the engine with the same parameters.
import type { Db, SqlValue } from '../store/driver.ts';

export interface SentStatement {
  sql: string;
  params: readonly SqlValue[];
}

/** `base`, recording (in order, into `sent`) every statement `keep` selects; a repository runs on `db`. */
export function recordingDb(base: Db, keep: (sql: string) => boolean): { db: Db; sent: SentStatement[] } {
  const sent: SentStatement[] = [];
  const record = (sql: string, params: readonly SqlValue[] = []) => {
    if (keep(sql)) sent.push({ sql, params });
  };
  const db: Db = {
    dialect: base.dialect,
    inTransaction: base.inTransaction,
    all(sql, params) {
      record(sql, params);
      return base.all(sql, params);
    },
    get(sql, params) {
      record(sql, params);
      return base.get(sql, params);
    },
    run(sql, params) {
      record(sql, params);
      return base.run(sql, params);
    },
    exec(sql) {
      record(sql);
      return base.exec(sql);
    },
  };
  return { db, sent };
}

/** The engine's plan of a statement, a step per entry: EXPLAIN QUERY PLAN's details on SQLite, EXPLAIN's lines on Postgres. */
export async function planSteps(db: Db, { sql, params }: SentStatement): Promise<string[]> {
  if (db.dialect === 'postgres')
    return (await db.all<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params)).map((r) => r['QUERY PLAN']);
  return (await db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)).map((r) => r.detail);
}
