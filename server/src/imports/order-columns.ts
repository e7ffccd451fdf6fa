import { DECIMAL_MARKS } from '@rapport/shared/parsing/amounts';
import { DATE_FORMATS, dateFormatFromText } from '@rapport/shared/parsing/date-formats';
import { currencyCode } from '@rapport/shared/schemas/primitives';
import { z } from 'zod';
import { ORDER_HEADER_SYNONYMS } from './order-headers.ts';

/**
 * What a column of an order file can mean. Fields marked unused are recognised (so the preview says
 * the column was understood) but not stored: order lines keep what money reports need.
 */
export const ORDER_FIELDS = {
  lineId: 'line id (e.g. "Row ID"): the line key when mapped',
  orderId: 'order id',
  orderedAt: 'order date (its format is detected from the whole column)',
  customerId:
    "customer's id in the order system (matches Customers by externalId; the name when there is none)",
  customerName: 'customer name (for new customers)',
  segment: 'customer segment ("Corporate" makes a company customer)',
  email: "the customer's contact email: links (or creates) that contact",
  owner: "owner of new customers: a team member's email",
  productId: 'product code',
  productName: 'product name',
  category: 'product category',
  subCategory: 'product sub-category',
  revenue: 'line revenue ("Sales")',
  unitPrice:
    'list price of one unit: without a revenue column, revenue = unit price × quantity, less the discount',
  quantity: 'quantity',
  profit: 'line profit',
  cost: 'line cost (profit = revenue − cost)',
  currency: "the line's currency code (default: the file's)",
  shipDate: 'ship date (unused)',
  discount:
    'discount rate (15%, 0.15): taken off unit price × quantity when no column holds the revenue; else unused (revenue is after discount)',
  discountAmount: 'discount as an amount off the line (with unit price, when no column holds the revenue)',
  country: 'country (unused)',
  city: 'city (unused)',
  state: 'state (unused)',
  postalCode: 'postal code (unused)',
  region: 'region (unused)',
  ignore: 'a column to leave out',
} as const;

export type OrderField = keyof typeof ORDER_FIELDS;

/** What a column may map to: one of a file kind's fields (ORDER_FIELDS, SURVEY_FIELDS). */
export function columnFieldSchema<F extends string>(fields: Record<F, string>) {
  const names = Object.keys(fields) as [F, ...F[]];
  return z.enum(names, { error: `a column maps to one of: ${names.join(', ')}` });
}

/** The "columns" import option: header -> field; overrides the defaults ("ignore" leaves a column out). */
export const columnsOption = <F extends string>(field: z.ZodType<F>) =>
  z.record(z.string().trim().min(1, { error: 'a header must not be empty' }), field).default({});

/** The "dateFormat" import option: how the date column is written; detected from its values when not given. */
export const dateFormatOption = (hint = '') =>
  z
    .string()
    .transform((v, ctx) => {
      const format = dateFormatFromText(v);
      if (format === null)
        ctx.addIssue({
          code: 'custom',
          message: `a date format is one of ${DATE_FORMATS.join(', ')}${hint}`,
        });
      return format ?? z.NEVER;
    })
    .optional();

/** The "sheet" import option: the worksheet of an .xlsx workbook (name or 1-based number); default the first. */
export const sheetOption = z.string().trim().min(1).max(200).optional();

export const orderFieldSchema = columnFieldSchema(ORDER_FIELDS);

/**
 * Header text folded for matching: lower-case letters (any script) and digits only
 * ("Country/Region" -> "countryregion", "订单 ID" -> "订单id").
 */
export const foldHeader = (header: string): string =>
  header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

/** Default meanings of common headers (Superstore, order systems, Chinese exports), by folded header. */
const DEFAULT_HEADERS: Record<string, OrderField> = Object.fromEntries(
  Object.entries(ORDER_HEADER_SYNONYMS).flatMap(([field, headers]) =>
    headers.map((h) => [foldHeader(h), field as OrderField]),
  ),
);

/** What a header means by default, or null. */
export const defaultOrderField = (header: string): OrderField | null =>
  DEFAULT_HEADERS[foldHeader(header)] ?? null;

/** A positive decimal: units of the team's currency per unit of the line's currency. */
const rateText = z
  .string()
  .trim()
  .regex(/^\d{1,12}(?:\.\d{1,12})?$/, { error: 'a rate is a plain positive decimal such as "1.0842"' })
  .refine((r) => /[1-9]/.test(r), { error: 'a rate must be greater than 0' });

/** How to read an order file: column overrides, the file's currency and conversion rates. */
export const OrderImportOptions = z.strictObject({
  columns: columnsOption(orderFieldSchema),
  /** The currency of lines without a Currency column (default: the team's). */
  currency: currencyCode.optional(),
  /** Rates into the team's currency per line currency, e.g. { "EUR": "1.0842" }. */
  rates: z.record(currencyCode, rateText).default({}),
  dateFormat: dateFormatOption(' (e.g. "dmy" for 25/03/16)'),
  /** The decimal mark of amounts; detected from the file's amounts when not given. */
  decimal: z.enum(DECIMAL_MARKS, { error: 'the decimal mark is "." or ","' }).optional(),
  sheet: sheetOption,
  dryRun: z.boolean().default(false),
});
export type OrderImportOptions = z.output<typeof OrderImportOptions>;
export type OrderImportOptionsInput = z.input<typeof OrderImportOptions>;

/** "Header=field" (CLI --map, query map=) split at the last "=". */
export function parseMapArgument(arg: string): [string, string] {
  const at = arg.lastIndexOf('=');
  if (at <= 0 || at === arg.length - 1)
    throw new Error(`"${arg}" is not header=field (e.g. "Sales=revenue")`);
  return [arg.slice(0, at).trim(), arg.slice(at + 1).trim()];
}

/** "EUR=1.0842" (CLI --rate, query rate=). */
export function parseRateArgument(arg: string): [string, string] {
  const [currency, rate] = parseMapArgument(arg);
  return [currency.toUpperCase(), rate];
}

export interface ResolvedColumns {
  /** Each header and what it means (null: not understood, left out). */
  columns: { header: string; field: OrderField | null }[];
  /** Column index per used field. */
  index: Partial<Record<OrderField, number>>;
}

/** The file cannot be read as asked; `details` tells a client what to change (e.g. the choices of a question). */
export class MappingError extends Error {
  override name = 'MappingError';
  constructor(
    message: string,
    readonly problems: string[],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const REQUIRED: readonly (readonly OrderField[])[] = [
  ['orderId'],
  ['orderedAt'],
  ['customerId', 'customerName'],
  ['revenue', 'unitPrice'],
  ['profit', 'cost'],
  ['productId', 'productName'],
];

/** Resolves the header row against the overrides and defaults; throws MappingError listing every problem. */
export function resolveColumns(
  headers: readonly string[],
  overrides: Readonly<Record<string, OrderField>>,
): ResolvedColumns {
  const problems: string[] = [];
  const trimmed = headers.map((h) => h.trim());
  const byOverride = new Map<number, OrderField>();
  for (const [header, field] of Object.entries(overrides)) {
    let at = trimmed.indexOf(header.trim());
    if (at < 0) at = trimmed.findIndex((h) => foldHeader(h) === foldHeader(header));
    if (at < 0) problems.push(`the mapping names a column "${header}" that the file does not have`);
    else byOverride.set(at, field);
  }
  const columns = trimmed.map((header, i) => ({
    header,
    field: byOverride.get(i) ?? defaultOrderField(header),
  }));
  const index: Partial<Record<OrderField, number>> = {};
  columns.forEach(({ header, field }, i) => {
    if (field === null || field === 'ignore') return;
    const taken = index[field];
    if (taken !== undefined)
      problems.push(
        `both "${columns[taken]?.header}" and "${header}" map to ${field}; map one of them to ignore`,
      );
    else index[field] = i;
  });
  for (const options of REQUIRED) {
    if (!options.some((f) => index[f] !== undefined)) {
      problems.push(`no column maps to ${options.join(' or ')} (${ORDER_FIELDS[options[0] as OrderField]})`);
    }
  }
  if (problems.length > 0) {
    const found = trimmed.map((h) => `"${h}"`).join(', ');
    throw new MappingError(
      `The file's columns cannot be read as order lines: ${problems.join('; ')}. Its headers: ${found}.`,
      problems,
      // What each header was read as, so a client can offer the file's columns for each field.
      { columns },
    );
  }
  return { columns, index };
}

/** How many headers of a record mean something (finds the header row below title lines). */
export function recognisedHeaders(
  record: readonly string[],
  overrides: Readonly<Record<string, OrderField>>,
): number {
  const given = new Set(Object.keys(overrides).map(foldHeader));
  return record.filter((h) => h.trim() !== '' && (given.has(foldHeader(h)) || defaultOrderField(h) !== null))
    .length;
}
