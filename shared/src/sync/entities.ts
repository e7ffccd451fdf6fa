import { z } from 'zod';
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

/** The wire type of every entity that travels as sync rows. */
export interface EntityTypes {
  customer: Customer;
  contact: Contact;
  company: Company;
  interaction: Interaction;
  opportunity: Opportunity;
  ticket: Ticket;
  product: Product;
  surveyResponse: SurveyResponse;
  task: Task;
  /** Server-computed and read-only; row id = customerId. */
  customerMetrics: CustomerMetrics;
}
export type EntityName = keyof EntityTypes;

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
  erasedValues?: Record<string, Json>;
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

const byValue = (v: Json) => String(v);
const byTag = (v: Json) => tagKey(String(v));

export const entityDefs: { readonly [N in EntityName]: EntityDef<N> } = {
  customer: defineEntity('customer', Customer, { sets: { domains: byValue, emails: byValue } }),
  contact: defineEntity('contact', Contact, {
    sets: {
      emails: byValue,
      phones: (v) => phoneKey(String(v)),
      handles: (v) => handleKey(v as Handle),
      tags: byTag,
      'preferences.interests': byTag,
      urls: byValue,
      // Typed elements keyed by their value's key: retyping an email replaces its label (LWW per element).
      emailTypes: (v) => String((v as { email: string }).email),
      phoneTypes: (v) => phoneKey(String((v as { phone: string }).phone)),
      addresses: (v) => addressKey(v as PostalAddress),
    },
    absentWhenEmpty: ['notes', 'urls', 'emailTypes', 'phoneTypes', 'addresses'],
    nested: ['preferences'],
    keepOnErase: ['createdAt', 'source', 'ownerId', 'customerId', 'companyId'],
    erasedValues: { name: '[erased]' },
  }),
  company: defineEntity('company', Company, { sets: { domains: byValue } }),
  interaction: defineEntity('interaction', Interaction, {
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
  }),
  opportunity: defineEntity('opportunity', Opportunity),
  ticket: defineEntity('ticket', Ticket, {
    sets: { history: (v) => ticketEventKey(v as { status: string; at: string; by: string | null }) },
  }),
  product: defineEntity('product', Product),
  surveyResponse: defineEntity('surveyResponse', SurveyResponse),
  task: defineEntity('task', Task),
  customerMetrics: defineEntity('customerMetrics', CustomerMetrics, {
    idKey: 'customerId',
    timestamps: false,
  }),
};

export const ENTITY_NAMES = Object.keys(entityDefs) as EntityName[];
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
