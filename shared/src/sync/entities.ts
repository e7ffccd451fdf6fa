import { z } from 'zod';
import { ENTITIES, ENTITY_NAMES, type EntityFacts, type EntityName, type SetKey } from '../entities.ts';
import { addressKey, Contact, type PostalAddress } from '../schemas/contact.ts';
import { Company, Customer } from '../schemas/customer.ts';
import { formatZodError, issueDetails, ValidationError } from '../schemas/errors.ts';
import { SurveyResponse } from '../schemas/feedback.ts';
import { hlcString } from '../schemas/hlc.ts';
import { Interaction } from '../schemas/interaction.ts';
import { CustomerMetrics } from '../schemas/metrics.ts';
import { Product } from '../schemas/order.ts';
import { Opportunity, Ticket, ticketEventKey } from '../schemas/pipeline.ts';
import type { Handle } from '../schemas/primitives.ts';
import { handleKey, phoneKey, tagKey } from '../schemas/primitives.ts';
import { Task } from '../schemas/task.ts';
import type { Json, Patch } from './row.ts';

export { ENTITY_NAMES, type EntityName } from '../entities.ts';

/** The wire type of every entity in the table (`../entities.ts`) that travels as sync rows. */
export interface EntityTypes {
  contact: Contact;
  customer: Customer;
  company: Company;
  interaction: Interaction;
  opportunity: Opportunity;
  ticket: Ticket;
  surveyResponse: SurveyResponse;
  product: Product;
  task: Task;
  /** Server-computed and read-only; row id = customerId. */
  customerMetrics: CustomerMetrics;
}

export interface ScalarFieldDef {
  /** Path in the wire entity (["preferences", "channel"] for "preferences.channel"). */
  path: string[];
  schema: z.ZodType;
  /** Used by materialize when the row has no value (null for nullable fields); absent = required. */
  fallback?: { value: Json };
}

export interface SetFieldDef {
  path: string[];
  element: z.ZodType;
  /** The element's identity inside the set (its normalised value). */
  key: (v: Json) => string;
}

export interface EntityDef<N extends EntityName = EntityName> {
  name: N;
  schema: z.ZodType<EntityTypes[N]>;
  /** The wire field holding the row id. */
  idKey: string;
  /** Entities with createdAt/updatedAt/deletedAt; updatedAt and deletedAt are derived from the row. */
  timestamps: boolean;
  fields: Record<string, ScalarFieldDef>;
  sets: Record<string, SetFieldDef>;
  /** Fields kept when a deleted row's content is purged (eraseRow); the rest are dropped. */
  keepOnErase: readonly string[];
  /** Placeholders for required content fields on purge (e.g. a contact's name). */
  erasedValues: Record<string, Json>;
  /** zod schema of a Patch for this entity: known fields only, values checked, set keys matching values. */
  patch: z.ZodType<Patch>;
  /** Fields and sets left out of the materialised object when empty (see DefineOptions). */
  absentWhenEmpty: ReadonlySet<string>;
}

interface DefineOptions {
  idKey?: string;
  timestamps?: boolean;
  /** Multi-valued fields (dotted names) and their element key. */
  sets?: Record<string, (v: Json) => string>;
  /** Object-valued fields whose members merge as separate fields. */
  nested?: readonly string[];
  keepOnErase?: readonly string[];
  erasedValues?: Readonly<Record<string, Json>>;
  /**
   * Optional fields added after clients shipped: materialised only when they hold something
   * (a value, or a set with elements), so older rows and clients see the same objects as before.
   */
  absentWhenEmpty?: readonly string[];
}

const DERIVED = ['updatedAt', 'deletedAt'];

function objectShape(schema: z.ZodType, what: string): Record<string, z.ZodType> {
  if (!(schema instanceof z.ZodObject)) throw new Error(`entity definition: ${what} is not an object schema`);
  return schema.shape as Record<string, z.ZodType>;
}

function unknownFieldsError(entity: string, where: string) {
  return (issue: { code?: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys'
      ? `unknown ${where} for ${entity}: ${(issue.keys ?? []).join(', ')}`
      : undefined;
}

function defineEntity<N extends EntityName>(
  name: N,
  schema: z.ZodType<EntityTypes[N]>,
  options: DefineOptions = {},
): EntityDef<N> {
  const idKey = options.idKey ?? 'id';
  const timestamps = options.timestamps ?? true;
  const setKeys = options.sets ?? {};
  const fields: Record<string, ScalarFieldDef> = {};
  const sets: Record<string, SetFieldDef> = {};

  const visit = (shape: Record<string, z.ZodType>, prefix: string[]) => {
    for (const [key, fieldSchema] of Object.entries(shape)) {
      const path = [...prefix, key];
      const dotted = path.join('.');
      if (prefix.length === 0 && (key === idKey || (timestamps && DERIVED.includes(key)))) continue;
      if (options.nested?.includes(dotted)) {
        visit(objectShape(fieldSchema, dotted), path);
      } else if (setKeys[dotted]) {
        const array = fieldSchema instanceof z.ZodOptional ? fieldSchema.unwrap() : fieldSchema;
        if (!(array instanceof z.ZodArray))
          throw new Error(`entity definition: ${name}.${dotted} is not an array`);
        sets[dotted] = { path, element: array.element as z.ZodType, key: setKeys[dotted] };
      } else {
        fields[dotted] = {
          path,
          schema: fieldSchema,
          ...(fieldSchema.safeParse(null).success && !options.absentWhenEmpty?.includes(dotted)
            ? { fallback: { value: null } }
            : {}),
        };
      }
    }
  };
  visit(objectShape(schema, name), []);
  for (const dotted of Object.keys(setKeys))
    if (!sets[dotted]) throw new Error(`entity definition: ${name} has no set field ${dotted}`);

  const fieldsSchema = z.strictObject(
    Object.fromEntries(
      Object.entries(fields).map(([f, def]) => [
        f,
        z.strictObject({ v: def.schema, t: hlcString }).optional(),
      ]),
    ),
    { error: unknownFieldsError(name, 'field(s)') },
  );
  const setsSchema = z.strictObject(
    Object.fromEntries(
      Object.entries(sets).map(([f, def]) => [
        f,
        z
          .record(
            z.string(),
            z.strictObject({
              v: def.element,
              on: z.boolean({ error: 'on must be true or false' }),
              t: hlcString,
            }),
          )
          .check((ctx) => {
            for (const [key, element] of Object.entries(ctx.value)) {
              const expected = def.key(element.v as Json);
              if (key !== expected)
                ctx.issues.push({
                  code: 'custom',
                  message: `element key ${JSON.stringify(key)} must be ${JSON.stringify(expected)}, the key of its value`,
                  input: key,
                  path: [key],
                });
            }
          })
          .optional(),
      ]),
    ),
    { error: unknownFieldsError(name, 'set field(s)') },
  );
  const patch = z.strictObject(
    { fields: fieldsSchema.optional(), sets: setsSchema.optional() },
    { error: unknownFieldsError(name, 'patch part(s)') },
  ) as unknown as z.ZodType<Patch>;

  return {
    name,
    schema,
    idKey,
    timestamps,
    fields,
    sets,
    keepOnErase: options.keepOnErase ?? Object.keys(fields).filter((f) => !fields[f]?.fallback),
    erasedValues: options.erasedValues ?? {},
    patch,
    absentWhenEmpty: new Set(options.absentWhenEmpty ?? []),
  };
}

/** The element key of each kind of set named in the entity table. */
const SET_KEYS: Record<SetKey, (v: Json) => string> = {
  value: (v) => String(v),
  tag: (v) => tagKey(String(v)),
  phone: (v) => phoneKey(String(v)),
  handle: (v) => handleKey(v as Handle),
  emailOf: (v) => String((v as { email: string }).email),
  phoneOf: (v) => phoneKey(String((v as { phone: string }).phone)),
  address: (v) => addressKey(v as PostalAddress),
  ticketEvent: (v) => ticketEventKey(v as { status: string; at: string; by: string | null }),
};

/** A zod schema for every entity of the table: an entity added to the table without one fails typecheck. */
export type EntitySchemas = { readonly [N in EntityName]: z.ZodType<EntityTypes[N]> };

const SCHEMAS: EntitySchemas = {
  contact: Contact,
  customer: Customer,
  company: Company,
  interaction: Interaction,
  opportunity: Opportunity,
  ticket: Ticket,
  surveyResponse: SurveyResponse,
  product: Product,
  task: Task,
  customerMetrics: CustomerMetrics,
};

function fromTable<N extends EntityName>(name: N): EntityDef<N> {
  const merge: EntityFacts['merge'] = ENTITIES[name].merge;
  return defineEntity(name, SCHEMAS[name], {
    ...merge,
    sets: Object.fromEntries(Object.entries(merge.sets ?? {}).map(([field, key]) => [field, SET_KEYS[key]])),
  });
}

export const entityDefs = Object.fromEntries(ENTITY_NAMES.map((n) => [n, fromTable(n)])) as {
  readonly [N in EntityName]: EntityDef<N>;
};

export const entityNameSchema = z.enum(ENTITY_NAMES as [EntityName, ...EntityName[]], {
  error: `entity must be one of ${ENTITY_NAMES.join(', ')}`,
});

export function entityDef<N extends EntityName>(name: N): EntityDef<N> {
  const def = entityDefs[name];
  if (!def)
    throw new ValidationError(
      `unknown entity ${JSON.stringify(name)}; expected one of ${ENTITY_NAMES.join(', ')}`,
    );
  return def;
}

/** Validates (and normalises values of) a patch for `entity`; throws ValidationError naming the field. */
export function parsePatch(entity: EntityName, patch: unknown): Patch {
  const result = entityDef(entity).patch.safeParse(patch);
  if (!result.success)
    throw new ValidationError(
      `invalid ${entity} patch: ${formatZodError(result.error)}`,
      issueDetails(result.error),
    );
  return result.data;
}
