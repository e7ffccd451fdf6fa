import type { Db, Dialect, Driver } from './driver.ts';
import { buildRepos, type Repos } from './repos/index.ts';

export { ROLES } from '@rapport/shared/schemas/team';
export type { Dialect, SqlValue } from './driver.ts';
export { ForeignKeyViolationError, TransactionMisuseError, UniqueViolationError } from './driver.ts';
export type { Alias, AliasesRepo } from './repos/aliases.ts';
export type {
  IdentitiesRepo,
  Identity,
  IdentityClash,
  IdentityHolder,
  IdentityKind,
} from './repos/identities.ts';
export type { LoginAttemptsRepo } from './repos/login-attempts.ts';
export type {
  RowListQuery,
  RowPosition,
  RowRecord,
  RowStateText,
  RowsRepo,
  RowWrite,
} from './repos/rows.ts';
export { START_POSITION } from './repos/rows.ts';
export type {
  MutationLogEntry,
  MutationStatus,
  SyncClientRecord,
  SyncClientsRepo,
} from './repos/sync-clients.ts';
export type { Team, TeamsRepo } from './repos/teams.ts';
export type { Session, TokensRepo } from './repos/tokens.ts';
export type { Role, User, UserChanges, UsersRepo } from './repos/users.ts';

/**
 * The one persistence interface (SQLite and Postgres implement it with the same SQL).
 * Repositories hang off it by name: `store.rows.put(…)`, `store.teams.lock(…)`; see repos/index.ts.
 * Every team-owned query takes the team id first: callers pass the caller's team, never a client's.
 */
export interface Store extends Repos {
  readonly dialect: Dialect;
  /** True for the `tx` store handed to a transaction callback. */
  readonly inTransaction: boolean;
  /**
   * Runs fn in one transaction and hands it a store bound to it; commits when fn resolves, rolls back
   * when it throws. Calling transaction() on `tx` joins the same transaction. Inside fn use only `tx`:
   * the outer store throws TransactionMisuseError there (on SQLite it would otherwise deadlock).
   * On Postgres, deadlocks and serialization failures re-run fn (up to 3 times), so keep fn free of
   * outside side effects.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  /** Resolves when the database answers, without queueing behind other requests' work (health checks). */
  ping(): Promise<void>;
  /** Raw SQL on this store's connection, for store modules and tests; route handlers use repositories. */
  readonly db: Db;
  close(): Promise<void>;
}

function txStore(db: Db): Store {
  const store: Store = {
    ...buildRepos(db),
    dialect: db.dialect,
    inTransaction: true,
    db,
    transaction: (fn) => fn(store),
    ping: async () => {
      await db.get('SELECT 1');
    },
    close: () => Promise.reject(new Error('close() the root store, not a transaction')),
  };
  return store;
}

/** A Store over any driver; both implementations are this plus their driver. */
export function createSqlStore(driver: Driver): Store {
  return {
    ...buildRepos(driver),
    dialect: driver.dialect,
    inTransaction: false,
    db: driver,
    transaction: (fn) => driver.transaction((tx) => fn(txStore(tx))),
    ping: () => driver.ping(),
    close: () => driver.close(),
  };
}
