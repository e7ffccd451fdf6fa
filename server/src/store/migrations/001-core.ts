import { columnTypes, type Migration } from './migration.ts';

/**
 * The whole product's schema. Money columns are BIGINT in 1/10,000 of the currency unit, times are
 * ISO-8601 UTC text (sortable), dates YYYY-MM-DD text, booleans 0/1 integers, JSON text/jsonb.
 */
export const coreSchema: Migration = {
  version: 1,
  name: 'core',
  up(dialect) {
    const { json, real, key } = columnTypes(dialect);
    return `
CREATE TABLE teams (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  -- The sync version counter: every changed row is stamped with version + 1 under the team lock.
  version BIGINT NOT NULL DEFAULT 0,
  -- Tombstones at or below this version have been purged; older pull cookies must reset.
  purged_version BIGINT NOT NULL DEFAULT 0,
  settings ${json} NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES teams (id),
  -- Login emails are globally unique (lower-case), so sign-in needs no team name.
  email TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('rep', 'lead', 'admin')),
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  -- IANA zone for follow-up days; NULL means the browser's.
  time_zone TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (email);
CREATE INDEX users_team ON users (team_id);

CREATE TABLE tokens (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  team_id TEXT NOT NULL REFERENCES teams (id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX tokens_user ON tokens (user_id);
CREATE INDEX tokens_expiry ON tokens (expires_at);

CREATE TABLE login_attempts (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  ip TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX login_attempts_key ON login_attempts (email, ip, at);
CREATE INDEX login_attempts_at ON login_attempts (at);

CREATE TABLE sync_clients (
  client_id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES teams (id),
  user_id TEXT NOT NULL REFERENCES users (id),
  last_mutation_id BIGINT NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX sync_clients_team ON sync_clients (team_id);

CREATE TABLE mutation_log (
  client_id TEXT NOT NULL REFERENCES sync_clients (client_id),
  mutation_id BIGINT NOT NULL,
  team_id TEXT NOT NULL REFERENCES teams (id),
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  at TEXT NOT NULL,
  PRIMARY KEY (client_id, mutation_id)
);

-- Every synced entity (contact, customer, company, interaction, opportunity, ticket, survey, ...).
CREATE TABLE rows (
  team_id TEXT NOT NULL REFERENCES teams (id),
  entity ${key} NOT NULL,
  id ${key} NOT NULL,
  version BIGINT NOT NULL,
  -- The shared RowState (per-field HLCs, set elements) and the materialised entity.
  state ${json} NOT NULL,
  data ${json} NOT NULL,
  deleted_at TEXT,
  owner_id TEXT,
  customer_id TEXT,
  contact_id TEXT,
  -- Lower-case text the REST list searches (name, emails, handles, ...).
  search TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  PRIMARY KEY (team_id, entity, id)
);
CREATE INDEX rows_pull ON rows (team_id, version, entity, id);
CREATE INDEX rows_owner ON rows (team_id, entity, owner_id);
CREATE INDEX rows_customer ON rows (team_id, entity, customer_id);
CREATE INDEX rows_contact ON rows (team_id, entity, contact_id);

-- Normalised identifying values of live rows (email, linkedin, x, phone, externalId, domain).
CREATE TABLE identities (
  team_id TEXT NOT NULL REFERENCES teams (id),
  entity TEXT NOT NULL,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  id TEXT NOT NULL,
  PRIMARY KEY (team_id, entity, kind, value)
);
CREATE INDEX identities_row ON identities (team_id, entity, id);
CREATE INDEX identities_value ON identities (team_id, kind, value);

-- A duplicate merged into an older row: clients re-point from_id to to_id.
CREATE TABLE aliases (
  team_id TEXT NOT NULL REFERENCES teams (id),
  entity ${key} NOT NULL,
  from_id ${key} NOT NULL,
  to_id TEXT NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (team_id, entity, from_id)
);
CREATE INDEX aliases_pull ON aliases (team_id, version);

-- Order lines are not sync rows (clients see per-customer metrics instead); products are sync rows
-- (entity 'product', identity kind 'externalId' = the file's product code).
CREATE TABLE order_lines (
  team_id TEXT NOT NULL REFERENCES teams (id),
  id TEXT NOT NULL,
  -- The file's line id when mapped, else order id + the line's position within its order.
  line_key TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  ordered_at TEXT NOT NULL,
  product_id TEXT,
  product_name TEXT,
  category TEXT,
  sub_category TEXT,
  quantity ${real} NOT NULL,
  revenue BIGINT NOT NULL,
  -- NULL when the file gave profit rather than cost.
  cost BIGINT,
  profit BIGINT NOT NULL,
  currency TEXT NOT NULL,
  import_id TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (team_id, line_key)
);
CREATE UNIQUE INDEX order_lines_id ON order_lines (team_id, id);
CREATE INDEX order_lines_customer ON order_lines (team_id, customer_id, ordered_at);
CREATE INDEX order_lines_date ON order_lines (team_id, ordered_at);
CREATE INDEX order_lines_product ON order_lines (team_id, product_id);
CREATE INDEX order_lines_import ON order_lines (team_id, import_id);

-- A queryable projection of the 'customerMetrics' sync rows (which are what clients pull), for
-- reports that sort and filter many customers by money.
CREATE TABLE customer_metrics (
  team_id TEXT NOT NULL REFERENCES teams (id),
  customer_id TEXT NOT NULL,
  revenue BIGINT NOT NULL,
  profit BIGINT NOT NULL,
  orders INTEGER NOT NULL,
  tier TEXT NOT NULL,
  last_order_at TEXT,
  -- The full CustomerMetrics wire object (months, window, margin).
  data ${json} NOT NULL,
  version BIGINT NOT NULL,
  computed_at TEXT NOT NULL,
  PRIMARY KEY (team_id, customer_id)
);
CREATE INDEX customer_metrics_version ON customer_metrics (team_id, version);
CREATE INDEX customer_metrics_profit ON customer_metrics (team_id, profit);

CREATE TABLE imports (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES teams (id),
  kind TEXT NOT NULL,
  filename TEXT NOT NULL,
  created_by TEXT REFERENCES users (id),
  created_at TEXT NOT NULL,
  summary ${json} NOT NULL
);
CREATE INDEX imports_team ON imports (team_id, created_at);
`;
  },
};
