import { ENTITIES, ENTITY_NAMES, type EntityName } from '@rapport/shared/entities';
import type { EntityTypes } from '@rapport/shared/sync/entities';
import type { MutationName } from '@rapport/shared/sync/mutations';
import type { RowState } from '@rapport/shared/sync/row';
import Dexie, { type Table } from 'dexie';

/**
 * One replicated row. `state` is what the user sees: the server's state (`base`) with the
 * unacknowledged outbox mutations applied. `base` is absent when it equals `state` (nothing
 * pending: the common case, so rows are stored once) and null for a row the server has not
 * confirmed yet. `data` is the materialised entity, null when the state cannot be one (a
 * partial row). Index fields are set only for live rows, so lookups never see tombstones.
 */
export interface LocalRow<T> {
  id: string;
  state: RowState;
  base?: RowState | null;
  data: T | null;
}

/** `S` without the spaces around it. */
type Trim<S extends string> = S extends ` ${infer R}` ? Trim<R> : S extends `${infer R} ` ? Trim<R> : S;
/** "a, b, c" as "a" | "b" | "c". */
type SpecsOf<S extends string> = S extends `${infer H},${infer T}` ? Trim<H> | SpecsOf<T> : Trim<S>;
/** "a+b" as "a" | "b". */
type PartsOf<S extends string> = S extends `${infer H}+${infer T}` ? H | PartsOf<T> : S;
/** The fields one index names: `*tags` -> tags, `&key` -> key, `[contactId+at]` -> contactId | at. */
type FieldsOf<Spec extends string> = Spec extends `*${infer F}`
  ? F
  : Spec extends `&${infer F}`
    ? F
    : Spec extends `[${infer C}]`
      ? PartsOf<C>
      : Spec;
/** An entity's index specs, the primary key (the first) left out. */
type IndexSpecs<N extends EntityName> =
  (typeof ENTITIES)[N]['dexie']['indexes'] extends `${string},${infer Rest}` ? SpecsOf<Rest> : never;
/** Fields of multi-entry (`*field`) indexes: a list, empty on rows that are not indexed. */
type ListFields<N extends EntityName> =
  IndexSpecs<N> extends infer S ? (S extends `*${infer F}` ? F : never) : never;

/**
 * A stored row of an entity with its index fields, read off the entity table's Dexie index list
 * (`records.ts` fills them the same way): a multi-entry index's field is a list, every other one an
 * optional string (set on live rows; see `records.ts` for the computed ones and those kept on tombstones).
 */
export type EntityRecord<N extends EntityName> = LocalRow<EntityTypes[N]> & {
  [F in ListFields<N>]: string[];
} & { [F in Exclude<FieldsOf<IndexSpecs<N>>, ListFields<N>>]?: string };

export type EntityRecords = { [N in EntityName]: EntityRecord<N> };
export type ContactRecord = EntityRecord<'contact'>;
export type CustomerRecord = EntityRecord<'customer'>;
export type CompanyRecord = EntityRecord<'company'>;
export type InteractionRecord = EntityRecord<'interaction'>;
export type OpportunityRecord = EntityRecord<'opportunity'>;
export type TicketRecord = EntityRecord<'ticket'>;
export type SurveyRecord = EntityRecord<'surveyResponse'>;
export type TaskRecord = EntityRecord<'task'>;
export type MetricsRecord = EntityRecord<'customerMetrics'>;
export type ProductRecord = EntityRecord<'product'>;

/** Where each replicated entity lives (the entity table's Dexie table). */
export const ENTITY_TABLES = Object.fromEntries(ENTITY_NAMES.map((n) => [n, ENTITIES[n].dexie.table])) as {
  readonly [N in EntityName]: (typeof ENTITIES)[N]['dexie']['table'];
};

/** Tables that are not replicated entities: settings and sync bookkeeping. */
const LOCAL_STORES = {
  settings: 'key',
  outbox: 'id, *touches',
  syncState: 'key',
  rejected: 'mutationId',
} as const;

/**
 * The newest schema version and its stores: every entity's indexes from the entity table, plus
 * the local tables. Changing an entity's `dexie` (or adding an entity) means: copy the stores
 * below into a literal `this.version(SCHEMA_VERSION)` in the history, then bump SCHEMA_VERSION,
 * so databases on the old version upgrade (`schema.test.ts` holds the shipped stores).
 */
export const SCHEMA_VERSION = 2;
export const NEWEST_STORES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(ENTITY_NAMES.map((n) => [ENTITIES[n].dexie.table, ENTITIES[n].dexie.indexes])),
  ...LOCAL_STORES,
};

/** A local write waiting for the server; `id` is the per-client consecutive mutation id. */
export interface OutboxEntry {
  id: number;
  name: MutationName;
  args: unknown;
  /** Row keys the mutation changes ("contact:<id>", "erase:<contactId>"), to re-apply it to pulled rows. */
  touches: string[];
  createdAt: string;
}

/** A mutation the server refused, kept to show the user what was undone and why. */
export interface RejectedEntry {
  mutationId: number;
  name: string;
  reason: string;
  /** The server's rejection code (@rapport/shared/api-errors), for the UI's language; absent on old entries. */
  code?: string;
  at: string;
  touches: string[];
}

export interface KeyValue {
  key: string;
  value: unknown;
}

export interface DbOptions {
  /** Database name (tests use one per case). */
  name?: string;
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

export const DB_NAME = 'rapport';

export class RapportDB extends Dexie {
  contacts!: Table<ContactRecord, string>;
  customers!: Table<CustomerRecord, string>;
  companies!: Table<CompanyRecord, string>;
  interactions!: Table<InteractionRecord, string>;
  opportunities!: Table<OpportunityRecord, string>;
  tickets!: Table<TicketRecord, string>;
  customerMetrics!: Table<MetricsRecord, string>;
  products!: Table<ProductRecord, string>;
  surveyResponses!: Table<SurveyRecord, string>;
  tasks!: Table<TaskRecord, string>;
  /** LocalSettings ('local') and the team's TeamSettings ('team'). */
  settings!: Table<KeyValue, string>;
  outbox!: Table<OutboxEntry, number>;
  /** Sync bookkeeping (see sync-state.ts). */
  syncState!: Table<KeyValue, string>;
  rejected!: Table<RejectedEntry, number>;

  constructor(options: DbOptions = {}) {
    const { name = DB_NAME, ...deps } = options;
    super(
      name,
      deps.indexedDB
        ? { indexedDB: deps.indexedDB, IDBKeyRange: deps.IDBKeyRange ?? IDBKeyRange }
        : undefined,
    );
    // Past versions, as shipped (existing databases upgrade from them); never edit these.
    this.version(1).stores({
      contacts:
        'id, *emails, *linkedin, *x, *phones, *words, nameKey, customerId, companyId, followUpOn, birthdayKey',
      customers: 'id, nameKey, externalId, *domains, *emails',
      companies: 'id, nameKey, *domains',
      interactions: 'id, contactId, customerId, [contactId+at], [contactId+sourceKey]',
      opportunities: 'id, contactId, customerId',
      tickets: 'id, contactId, customerId',
      customerMetrics: 'id',
      products: 'id',
      surveyResponses: 'id, contactId',
      settings: 'key',
      outbox: 'id, *touches',
      syncState: 'key',
      rejected: 'mutationId',
    });
    // Version 2 added follow-up tasks (open ones indexed by assignee and due day).
    this.version(SCHEMA_VERSION).stores(NEWEST_STORES);
  }

  /** The table of one replicated entity. */
  rows<N extends EntityName>(entity: N): Table<EntityRecords[N], string> {
    return this.table(ENTITY_TABLES[entity]);
  }

  /** The replicated tables (not settings or sync bookkeeping). */
  get rowTables(): Table[] {
    return Object.values(ENTITY_TABLES).map((t) => this.table(t));
  }
}
