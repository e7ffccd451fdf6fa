// The entity table: every fact about a replicated entity, declared once. No zod here (content
// scripts and the dashboard may import it); the zod schema of each entity is attached in
// `sync/entities.ts`, whose `entityDefs` must name every entity below (a missing one fails
// typecheck). What derives from this table:
//   - shared: entity names, merge definitions and patch schemas (`sync/entities.ts`, read by the
//     merge in `sync/changes.ts` and `sync/materialize.ts`), the upsert/delete mutations,
//     `UPSERT_ENTITIES` and `DELETABLE_ENTITIES` (`sync/mutations.ts`);
//   - server: the REST resources and routes, OpenAPI tags (`entities/registry.ts`, `routes/entities/`),
//     the row columns (owner, search) and identities (`entities/columns.ts`), owned entities and rep
//     rights (`entities/permissions.ts`), the reassignable entities (`routes/users/users.routes.ts`),
//     the upsert handlers of a push (`sync/apply-mutation.ts`), merged entities and the reference
//     fields re-pointed on a merge (`sync/duplicates.ts`);
//   - dashboard: the entities a member's records are reassigned with (`screens/team.tsx`);
//   - extension: the Dexie tables and newest schema version (`db/schema.ts`), each stored record's
//     index fields (`db/records.ts`), the rows an upsert touches locally (`db/effects.ts`).
// `entities.test.ts`, `server/src/entities/registry.test.ts` and `extension/db/schema.test.ts` check
// each derived piece against this table.

/** How a set field's elements are told apart (the element's key; same key = same element). */
export type SetKey =
  /** The value itself (already normalised by the schema). */
  | 'value'
  /** Case-folded tag (tagKey). */
  | 'tag'
  /** phoneKey of the number. */
  | 'phone'
  /** "network:id" of a handle (handleKey). */
  | 'handle'
  /** The email of a typed email; retyping an email replaces its label. */
  | 'emailOf'
  /** phoneKey of a typed phone's number. */
  | 'phoneOf'
  /** addressKey of a postal address. */
  | 'address'
  /** status + at + by of a ticket history event (the history only grows: an append-only set). */
  | 'ticketEvent';

/**
 * A value that identifies a live row: looked up to match people and customers, and, when
 * `unique`, held by one live row at a time (a second claim is a duplicate: sync merges contacts
 * and customers into the older row, REST answers 409).
 */
export interface DuplicateKey {
  /** Wire field holding the value (text, or a list of text). */
  field: string;
  /** The identity kind; for handles, the networks whose ids count (each its own kind). */
  kind: string | readonly string[];
  /** Normalisation before matching ('phone': phoneKey). */
  normalise?: 'phone';
  unique?: boolean;
}

/** A mutation that adds an insert-only row: its name and the args key holding the new entity. */
export interface AddMutation {
  mutation: string;
  arg: string;
}

export interface EntityFacts {
  /** REST resource under /api/v1 (null: not served by the generic entity routes). */
  rest: {
    /** URL segment. */
    path: string;
    /** Plural for messages and docs. */
    plural: string;
    /** Refuses PATCH: an edit is a new record naming the one it supersedes. */
    insertOnly: boolean;
  } | null;
  /**
   * The field naming the member who owns the row: role checks, the rows' owner column, the REST
   * create default (the caller). null: nobody owns it.
   */
  owner: 'ownerId' | 'authorId' | 'assigneeId' | null;
  /** How clients write it: `<name>.upsert` patches, an insert-only add mutation, `entity.delete`. */
  sync: { upsert: boolean; add: AddMutation | null; delete: boolean };
  /**
   * How its fields merge. Every field of the schema is last-writer-wins (LWW, per field) unless
   * listed in `sets` (add-wins set, LWW per element, keyed as named) or `nested` (an object whose
   * members merge as separate LWW fields). Insert-only entities (`rest.insertOnly`, `sync.add`) are
   * append-only: a row, once written, is not patched by clients.
   */
  merge: {
    /** The wire field holding the row id ('id' unless named). */
    idKey?: string;
    /** Has createdAt/updatedAt/deletedAt (true unless false). */
    timestamps?: boolean;
    sets?: Readonly<Record<string, SetKey>>;
    nested?: readonly string[];
    /** Optional fields added after clients shipped: materialised only when they hold something. */
    absentWhenEmpty?: readonly string[];
    /** Fields kept when a deleted row's content is purged (default: the required fields). */
    keepOnErase?: readonly string[];
    /** Placeholders for required content fields on purge. */
    erasedValues?: Readonly<Record<string, string>>;
  };
  /** Server row columns: the fields whose text the REST list's `search` matches. */
  search: readonly string[];
  /** Values that identify a row (lookups) and must be unique among live rows (duplicates). */
  duplicateKeys: readonly DuplicateKey[];
  /**
   * Sync merges a create holding a unique duplicate key of a live row into the older row (absent: it is
   * refused as a duplicate); `reference` is the field naming this entity in the rows that refer to it,
   * re-pointed to the surviving row.
   */
  mergeDuplicates?: { reference: string };
  /** The extension's IndexedDB table and its newest index list (Dexie syntax, primary key first). */
  dexie: { table: string; indexes: string };
}

/** Every replicated entity, in one place. The order is the order of lists, docs and error messages. */
export const ENTITIES = {
  contact: {
    rest: { path: 'contacts', plural: 'contacts', insertOnly: false },
    owner: 'ownerId',
    sync: { upsert: true, add: null, delete: true },
    merge: {
      sets: {
        emails: 'value',
        phones: 'phone',
        handles: 'handle',
        tags: 'tag',
        'preferences.interests': 'tag',
        urls: 'value',
        emailTypes: 'emailOf',
        phoneTypes: 'phoneOf',
        addresses: 'address',
      },
      nested: ['preferences'],
      absentWhenEmpty: ['notes', 'urls', 'emailTypes', 'phoneTypes', 'addresses'],
      keepOnErase: ['createdAt', 'source', 'ownerId', 'customerId', 'companyId'],
      erasedValues: { name: '[erased]' },
    },
    search: ['name', 'emails', 'phones', 'handles', 'title', 'tags', 'location'],
    duplicateKeys: [
      { field: 'emails', kind: 'email', unique: true },
      { field: 'phones', kind: 'phone', normalise: 'phone' },
      { field: 'handles', kind: ['linkedin', 'x'], unique: true },
    ],
    mergeDuplicates: { reference: 'contactId' },
    dexie: {
      table: 'contacts',
      indexes:
        'id, *emails, *linkedin, *x, *phones, *words, nameKey, customerId, companyId, followUpOn, birthdayKey',
    },
  },
  customer: {
    rest: { path: 'customers', plural: 'customers', insertOnly: false },
    owner: 'ownerId',
    sync: { upsert: true, add: null, delete: true },
    merge: { sets: { domains: 'value', emails: 'value' } },
    search: ['name', 'externalId', 'emails', 'domains'],
    duplicateKeys: [
      { field: 'externalId', kind: 'externalId', unique: true },
      { field: 'emails', kind: 'email' },
      { field: 'domains', kind: 'domain' },
    ],
    mergeDuplicates: { reference: 'customerId' },
    dexie: { table: 'customers', indexes: 'id, nameKey, externalId, *domains, *emails' },
  },
  company: {
    rest: { path: 'companies', plural: 'companies', insertOnly: false },
    owner: null,
    sync: { upsert: true, add: null, delete: true },
    merge: { sets: { domains: 'value' } },
    search: ['name', 'domains'],
    duplicateKeys: [{ field: 'domains', kind: 'domain' }],
    dexie: { table: 'companies', indexes: 'id, nameKey, *domains' },
  },
  interaction: {
    rest: { path: 'interactions', plural: 'interactions', insertOnly: true },
    owner: 'authorId',
    sync: { upsert: false, add: { mutation: 'interaction.add', arg: 'interaction' }, delete: true },
    merge: {
      keepOnErase: [
        'createdAt',
        'contactId',
        'customerId',
        'kind',
        'channel',
        'direction',
        'at',
        'authorId',
        'supersedes',
      ],
    },
    search: ['subject', 'summary'],
    duplicateKeys: [{ field: 'sourceKey', kind: 'sourceKey', unique: true }],
    dexie: {
      table: 'interactions',
      indexes: 'id, contactId, customerId, [contactId+at], [contactId+sourceKey]',
    },
  },
  opportunity: {
    rest: { path: 'opportunities', plural: 'opportunities', insertOnly: false },
    owner: 'ownerId',
    sync: { upsert: true, add: null, delete: true },
    merge: {},
    search: ['title', 'notes'],
    duplicateKeys: [],
    dexie: { table: 'opportunities', indexes: 'id, contactId, customerId' },
  },
  ticket: {
    rest: { path: 'tickets', plural: 'tickets', insertOnly: false },
    owner: 'ownerId',
    sync: { upsert: true, add: null, delete: true },
    merge: { sets: { history: 'ticketEvent' } },
    search: ['title', 'orderId', 'description'],
    duplicateKeys: [],
    dexie: { table: 'tickets', indexes: 'id, contactId, customerId' },
  },
  surveyResponse: {
    rest: { path: 'surveys', plural: 'survey responses', insertOnly: false },
    owner: null,
    sync: { upsert: false, add: { mutation: 'survey.add', arg: 'survey' }, delete: true },
    merge: {},
    search: ['comment'],
    duplicateKeys: [],
    dexie: { table: 'surveyResponses', indexes: 'id, contactId' },
  },
  product: {
    rest: { path: 'products', plural: 'products', insertOnly: false },
    owner: null,
    sync: { upsert: false, add: null, delete: true },
    merge: {},
    search: ['name', 'externalId', 'category', 'subCategory'],
    duplicateKeys: [{ field: 'externalId', kind: 'externalId', unique: true }],
    dexie: { table: 'products', indexes: 'id' },
  },
  task: {
    rest: { path: 'tasks', plural: 'tasks', insertOnly: false },
    owner: 'assigneeId',
    sync: { upsert: true, add: null, delete: true },
    merge: {},
    search: ['title', 'note'],
    duplicateKeys: [],
    dexie: { table: 'tasks', indexes: 'id, assigneeId, contactId, customerId, due' },
  },
  /** Server-computed and read-only; row id = customerId. */
  customerMetrics: {
    rest: null,
    owner: null,
    sync: { upsert: false, add: null, delete: false },
    merge: { idKey: 'customerId', timestamps: false },
    search: [],
    duplicateKeys: [],
    dexie: { table: 'customerMetrics', indexes: 'id' },
  },
} as const satisfies Record<string, EntityFacts>;

export type EntityName = keyof typeof ENTITIES;
export const ENTITY_NAMES = Object.keys(ENTITIES) as EntityName[];

type Facts<N extends EntityName> = (typeof ENTITIES)[N];

/** Entities a client patches with `<entity>.upsert`. */
export type UpsertEntity = {
  [N in EntityName]: Facts<N>['sync']['upsert'] extends true ? N : never;
}[EntityName];
export const UPSERT_ENTITIES = ENTITY_NAMES.filter((n) => ENTITIES[n].sync.upsert) as UpsertEntity[];

/** Entities a client may tombstone with `entity.delete`. */
export type DeletableEntity = {
  [N in EntityName]: Facts<N>['sync']['delete'] extends true ? N : never;
}[EntityName];
export const DELETABLE_ENTITIES = ENTITY_NAMES.filter((n) => ENTITIES[n].sync.delete) as DeletableEntity[];

/** Entities whose sync creates merge into the live row holding the same unique duplicate key. */
export type MergedEntity = {
  [N in EntityName]: Facts<N> extends { mergeDuplicates: object } ? N : never;
}[EntityName];
export const MERGED_ENTITY_NAMES = ENTITY_NAMES.filter(
  (n) => 'mergeDuplicates' in ENTITIES[n],
) as MergedEntity[];
/** Per merged entity, the field naming it in the rows that refer to it. */
export const MERGE_REFERENCE_FIELDS = Object.fromEntries(
  MERGED_ENTITY_NAMES.map((n) => [n, ENTITIES[n].mergeDuplicates.reference]),
) as { [N in MergedEntity]: Facts<N>['mergeDuplicates']['reference'] };

/** Entities served by the generic REST routes. */
export type RestEntityName = { [N in EntityName]: Facts<N>['rest'] extends null ? never : N }[EntityName];

/** Entities owned through `ownerId`: a rep edits the ones they own, a lead reassigns them. */
export type OwnedEntity = { [N in EntityName]: Facts<N>['owner'] extends 'ownerId' ? N : never }[EntityName];
export const OWNED_ENTITIES = ENTITY_NAMES.filter((n) => ENTITIES[n].owner === 'ownerId') as OwnedEntity[];
