import { type Db, insertRecords, int } from '../driver.ts';

export interface SyncClientRecord {
  clientId: string;
  teamId: string;
  /** The user who first pushed with this client id; nobody else may use it. */
  userId: string;
  lastMutationId: number;
  createdAt: string;
  updatedAt: string;
}

export type MutationStatus = 'applied' | 'rejected' | (string & {});

export interface MutationLogEntry {
  clientId: string;
  mutationId: number;
  teamId: string;
  name: string;
  status: MutationStatus;
  reason: string | null;
  /** The rejection's code (@rapport/shared/api-errors REJECTION_CODES); null when applied or logged before codes. */
  reasonCode?: string | null;
  at: string;
}

export interface SyncClientsRepo {
  get(clientId: string): Promise<SyncClientRecord | undefined>;
  create(client: { clientId: string; teamId: string; userId: string; at: string }): Promise<SyncClientRecord>;
  setLastMutationId(clientId: string, lastMutationId: number, at: string): Promise<void>;
  /** Appends results; a repeated (clientId, mutationId) is ignored. */
  log(entries: readonly MutationLogEntry[]): Promise<void>;
  /** Logged results for a client with mutation id > afterId, in id order. */
  logAfter(clientId: string, afterId: number, limit: number): Promise<MutationLogEntry[]>;
}

interface ClientRow {
  client_id: string;
  team_id: string;
  user_id: string;
  last_mutation_id: unknown;
  created_at: string;
  updated_at: string;
}

interface LogRow {
  client_id: string;
  mutation_id: unknown;
  team_id: string;
  name: string;
  status: string;
  reason: string | null;
  reason_code: string | null;
  at: string;
}

export function syncClientsRepo(db: Db): SyncClientsRepo {
  return {
    async get(clientId) {
      const r = await db.get<ClientRow>(
        'SELECT client_id, team_id, user_id, last_mutation_id, created_at, updated_at FROM sync_clients WHERE client_id = ?',
        [clientId],
      );
      return (
        r && {
          clientId: r.client_id,
          teamId: r.team_id,
          userId: r.user_id,
          lastMutationId: int(r.last_mutation_id),
          createdAt: r.created_at,
          updatedAt: r.updated_at,
        }
      );
    },
    async create({ clientId, teamId, userId, at }) {
      await db.run(
        'INSERT INTO sync_clients (client_id, team_id, user_id, last_mutation_id, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)',
        [clientId, teamId, userId, at, at],
      );
      return { clientId, teamId, userId, lastMutationId: 0, createdAt: at, updatedAt: at };
    },
    async setLastMutationId(clientId, lastMutationId, at) {
      await db.run('UPDATE sync_clients SET last_mutation_id = ?, updated_at = ? WHERE client_id = ?', [
        lastMutationId,
        at,
        clientId,
      ]);
    },
    async log(entries) {
      await insertRecords(
        db,
        'mutation_log',
        ['client_id', 'mutation_id', 'team_id', 'name', 'status', 'reason', 'reason_code', 'at'],
        ['text', 'bigint', 'text', 'text', 'text', 'text', 'text', 'text'],
        entries.map((e) => [
          e.clientId,
          e.mutationId,
          e.teamId,
          e.name,
          e.status,
          e.reason,
          e.reasonCode ?? null,
          e.at,
        ]),
        'ON CONFLICT (client_id, mutation_id) DO NOTHING',
      );
    },
    async logAfter(clientId, afterId, limit) {
      const rows = await db.all<LogRow>(
        `SELECT client_id, mutation_id, team_id, name, status, reason, reason_code, at FROM mutation_log
          WHERE client_id = ? AND mutation_id > ? ORDER BY mutation_id LIMIT ?`,
        [clientId, afterId, limit],
      );
      return rows.map((r) => ({
        clientId: r.client_id,
        mutationId: int(r.mutation_id),
        teamId: r.team_id,
        name: r.name,
        status: r.status,
        reason: r.reason,
        reasonCode: r.reason_code,
        at: r.at,
      }));
    },
  };
}
