import type { Db } from '../driver.ts';
import { aliasesRepo } from './aliases.ts';
import { campaignsRepo } from './campaigns.ts';
import { customerDirectoryRepo } from './customer-directory.ts';
import { customerMetricsRepo } from './customer-metrics.ts';
import { identitiesRepo } from './identities.ts';
import { importsRepo } from './imports.ts';
import { insightRepo } from './insight.ts';
import { loginAttemptsRepo } from './login-attempts.ts';
import { orderLinesRepo } from './order-lines.ts';
import { pulsesRepo } from './pulses.ts';
import { rowQueriesRepo } from './row-queries.ts';
import { rowsRepo } from './rows.ts';
import { syncClientsRepo } from './sync-clients.ts';
import { teamsRepo } from './teams.ts';
import { tokensRepo } from './tokens.ts';
import { usersRepo } from './users.ts';

/**
 * Every repository, built over one connection (the pool, or a transaction's client).
 * To add a store module: write `repos/<name>.ts` exporting an interface and a `(db: Db) => Repo`
 * factory, then add one line here; `Store` picks it up.
 */
export const repoFactories = {
  teams: teamsRepo,
  users: usersRepo,
  tokens: tokensRepo,
  loginAttempts: loginAttemptsRepo,
  rows: rowsRepo,
  identities: identitiesRepo,
  aliases: aliasesRepo,
  syncClients: syncClientsRepo,
  orderLines: orderLinesRepo,
  customerMetrics: customerMetricsRepo,
  customerDirectory: customerDirectoryRepo,
  imports: importsRepo,
  rowQueries: rowQueriesRepo,
  insight: insightRepo,
  campaigns: campaignsRepo,
  pulses: pulsesRepo,
} satisfies Record<string, (db: Db) => unknown>;

export type Repos = { readonly [K in keyof typeof repoFactories]: ReturnType<(typeof repoFactories)[K]> };

export function buildRepos(db: Db): Repos {
  const out: Record<string, unknown> = {};
  for (const [name, factory] of Object.entries(repoFactories)) out[name] = factory(db);
  return out as Repos;
}
