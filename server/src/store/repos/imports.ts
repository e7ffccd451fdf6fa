import { type Db, fromJson, toJson } from '../driver.ts';

/** One finished import (orders or contacts) and its summary. */
export interface ImportRecord {
  id: string;
  kind: string;
  filename: string;
  createdBy: string | null;
  createdAt: string;
  summary: Record<string, unknown>;
}

export interface ImportsRepo {
  add(teamId: string, record: ImportRecord): Promise<void>;
  /** The team's imports, newest first. */
  list(teamId: string, limit: number): Promise<ImportRecord[]>;
  /** Replaces a recorded import's file name and summary (an erase scrubs the person from them). */
  rewrite(teamId: string, id: string, r: Pick<ImportRecord, 'filename' | 'summary'>): Promise<void>;
}

interface ImportRow {
  id: string;
  kind: string;
  filename: string;
  created_by: string | null;
  created_at: string;
  summary: unknown;
}

export function importsRepo(db: Db): ImportsRepo {
  return {
    async add(teamId, r) {
      await db.run(
        'INSERT INTO imports (id, team_id, kind, filename, created_by, created_at, summary) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [r.id, teamId, r.kind, r.filename, r.createdBy, r.createdAt, toJson(r.summary)],
      );
    },
    async list(teamId, limit) {
      const rows = await db.all<ImportRow>(
        'SELECT id, kind, filename, created_by, created_at, summary FROM imports WHERE team_id = ? ORDER BY created_at DESC, id DESC LIMIT ?',
        [teamId, limit],
      );
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        filename: r.filename,
        createdBy: r.created_by,
        createdAt: r.created_at,
        summary: fromJson(r.summary),
      }));
    },
    async rewrite(teamId, id, r) {
      await db.run('UPDATE imports SET filename = ?, summary = ? WHERE team_id = ? AND id = ?', [
        r.filename,
        toJson(r.summary),
        teamId,
        id,
      ]);
    },
  };
}
