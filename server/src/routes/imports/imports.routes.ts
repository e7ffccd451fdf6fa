import { createRoute, z } from '@hono/zod-openapi';
import { DECIMAL_MARKS } from '@rapport/shared/parsing/amounts';
import { DATE_FORMATS } from '@rapport/shared/parsing/date-formats';
import { currencyCode } from '@rapport/shared/schemas/primitives';
import { CONTACT_PRESETS } from '../../imports/contact-presets.ts';
import { CONTACT_FORMATS } from '../../imports/contacts.ts';
import { ORDER_FIELDS } from '../../imports/order-columns.ts';
import { DELIMITERS, TEXT_ENCODINGS } from '../../imports/source.ts';
import { SURVEY_FIELDS } from '../../imports/surveys.ts';
import { requireRole } from '../../lib/auth.ts';
import { ErrorSchema } from '../../lib/errors.ts';
import { errorResponses, jsonResponse } from '../../lib/openapi.ts';
import { queryFlag } from '../../reports/window.ts';

const leadOrAdmin = requireRole('lead', 'admin');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One or more values of a repeated query parameter. */
const repeated = (description: string, example: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional()
    .openapi({ description, example });

/** A client-chosen id for following an import (a UUID fits). */
const ProgressId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'progress is an id of 8–64 letters, digits, "-" or "_"' });

/** The query parameter that has an import (orders, surveys) report its progress. */
const progressParam = ProgressId.optional().openapi({
  description: 'An id the client chose: GET /imports/progress/{id} reports this import while it runs',
  example: '0190f1a2-7c3e-7000-8000-1234567890ab',
});

/** The query parameters every column-mapped file import (orders, surveys) takes. */
const mappedImportQuery = (
  previews: string,
  fields: Record<string, unknown>,
  mapExample: string,
  dateFormat: string,
) => ({
  dryRun: queryFlag
    .optional()
    .openapi({ description: `Preview only: ${previews} and row errors; nothing is written` }),
  map: repeated(
    `Column override header=field (repeatable). Fields: ${Object.keys(fields).join(', ')}`,
    mapExample,
  ),
  dateFormat: z.string().max(20).optional().openapi({ description: dateFormat, example: 'dmy' }),
  sheet: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: 'The worksheet of an .xlsx file (name or number)' }),
  filename: z
    .string()
    .max(255)
    .optional()
    .openapi({ description: 'Name recorded for a raw (non-multipart) upload' }),
});

const orderQuery = mappedImportQuery(
  'counts, totals',
  ORDER_FIELDS,
  'Sales=revenue',
  `The order dates' format when the values cannot tell (${DATE_FORMATS.join(', ')}); detected otherwise`,
);

// In the documented parameter order.
export const OrderImportQuery = z.object({
  dryRun: orderQuery.dryRun,
  map: orderQuery.map,
  currency: currencyCode
    .optional()
    .openapi({ description: "Currency of lines without a Currency column (default: the team's)" }),
  rate: repeated("Rate into the team's currency, CUR=decimal (repeatable)", 'EUR=1.0842'),
  dateFormat: orderQuery.dateFormat,
  decimal: z
    .enum(DECIMAL_MARKS, { error: 'decimal is "." or ","' })
    .optional()
    .openapi({ description: 'The decimal mark of amounts; detected otherwise' }),
  sheet: orderQuery.sheet,
  filename: orderQuery.filename,
  progress: progressParam,
});

const fileField = z
  .custom<File>((v) => v instanceof File, { error: 'file must be an uploaded file' })
  .openapi({ type: 'string', format: 'binary' });

const OrderMultipart = z.object({
  file: fileField,
  options: z.string().optional().openapi({
    description:
      'JSON: { "columns": { header: field }, "currency": "EUR", "rates": { "EUR": "1.0842" }, "dateFormat": "dmy", "decimal": ",", "sheet": "Orders" }',
  }),
});

const RowErrorSchema = z
  .object({ row: z.number().int(), column: z.string().nullable(), message: z.string() })
  .openapi('ImportRowError');

export const OrderImportSummarySchema = z
  .object({
    importId: z.string().nullable(),
    dryRun: z.boolean(),
    file: z.string(),
    encoding: z.enum(TEXT_ENCODINGS).nullable(),
    detected: z.object({
      kind: z.enum(['csv', 'xlsx']),
      encoding: z.enum(TEXT_ENCODINGS).nullable(),
      delimiter: z.enum(DELIMITERS).nullable(),
      sheet: z.string().nullable(),
      sheets: z.array(z.string()),
      headerRow: z.number().int(),
      dates: z.object({
        column: z.string(),
        format: z.enum(DATE_FORMATS).nullable(),
        name: z.string().nullable(),
        reason: z.string(),
      }),
      decimal: z.object({ mark: z.string(), reason: z.string() }),
    }),
    mapping: z.object({
      shape: z.string(),
      columns: z.record(z.string(), z.string()),
      dateFormat: z.enum(DATE_FORMATS).nullable(),
      decimal: z.enum(DECIMAL_MARKS),
      savedFrom: z
        .string()
        .nullable()
        .openapi({ description: "The import whose saved mapping this file's shape reused" }),
    }),
    columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
    rows: z.number().int(),
    rejectedRows: z.number().int(),
    lines: z.object({ new: z.number().int(), changed: z.number().int(), unchanged: z.number().int() }),
    customers: z.object({ new: z.number().int(), matched: z.number().int() }),
    products: z.object({ new: z.number().int(), changed: z.number().int() }),
    contacts: z.object({ new: z.number().int(), linked: z.number().int() }),
    totals: z.object({
      revenue: z.string(),
      profit: z.string(),
      orders: z.number().int(),
      lines: z.number().int(),
      currency: z.string(),
    }),
    contactsLinkedByDomain: z.number().int(),
    errors: z.array(RowErrorSchema),
    errorCount: z.number().int(),
    samples: z.array(
      z.object({
        row: z.number().int(),
        cells: z.array(
          z.object({ field: z.string(), header: z.string(), raw: z.string(), parsed: z.string().nullable() }),
        ),
      }),
    ),
    metrics: z.object({ customers: z.number().int(), changed: z.number().int() }).nullable(),
  })
  .openapi('OrderImportSummary');

export const ContactImportQuery = z.object({
  format: z
    .enum(CONTACT_FORMATS, { error: "format must be 'csv' or 'vcard'" })
    .optional()
    .openapi({ description: 'Default: from the file name or content' }),
  filename: z.string().max(255).optional(),
});

export const ContactImportSummarySchema = z
  .object({
    importId: z.string(),
    file: z.string(),
    format: z.enum(CONTACT_FORMATS),
    rows: z.number().int(),
    created: z.number().int(),
    duplicates: z.array(
      z.object({
        row: z.number().int(),
        name: z.string(),
        kind: z.string(),
        value: z.string(),
        existingId: z.string().nullable(),
        merged: z.array(z.string()),
      }),
    ),
    duplicateCount: z.number().int(),
    mergedCount: z.number().int(),
    errors: z.array(RowErrorSchema),
    errorCount: z.number().int(),
    companiesCreated: z.number().int(),
    linkedToCustomers: z.number().int(),
    unknownCustomerIds: z.number().int(),
    linkedByDomain: z.number().int(),
    preset: z.enum(CONTACT_PRESETS).nullable(),
    ignored: z.array(z.object({ property: z.string(), count: z.number().int() })),
    unreadableLines: z.number().int(),
  })
  .openapi('ContactImportSummary');

// Not `required`: zod-openapi would then run the multipart validator on raw uploads too; the handler refuses an empty body.
const upload = <T extends z.ZodType>(multipart: T, raw: string[], description: string) => ({
  required: false,
  description,
  content: {
    'multipart/form-data': { schema: multipart },
    ...(Object.fromEntries(
      raw.map((type) => [type, { schema: z.string().openapi({ format: 'binary' }) }]),
    ) as Record<string, { schema: z.ZodString }>),
  },
});

const unsupported = {
  415: jsonResponse(ErrorSchema, 'The body is neither multipart nor a supported file type'),
};

export const importOrdersRoute = createRoute({
  method: 'post',
  path: '/orders',
  tags: ['imports'],
  summary: 'Import an order file: CSV (any delimiter) or .xlsx (lead, admin)',
  description:
    'Superstore-style columns and the usual headers of order systems, in English and Chinese, are recognised by default; ' +
    "override with map=header=field. Encoding (UTF-8, UTF-16, Windows-1252, GB18030), delimiter, header row, the dates' format " +
    'and the decimal mark are detected and explained under "detected"; dates that fit day-first and month-first alike get a ' +
    '400 whose details.question lists the choices (answer with dateFormat=). Rows with problems are listed by row ' +
    'and column and left out; the rest import in one transaction. Re-importing a file changes nothing. dryRun=true previews.',
  middleware: [leadOrAdmin] as const,
  request: {
    query: OrderImportQuery,
    body: upload(
      OrderMultipart,
      ['text/csv', 'text/plain', 'text/tab-separated-values', 'application/octet-stream', XLSX],
      'The file: multipart field "file", or the raw body (CSV or .xlsx)',
    ),
  },
  responses: {
    200: jsonResponse(OrderImportSummarySchema, 'Imported (or previewed)'),
    ...errorResponses,
    ...unsupported,
  },
});

export const importContactsRoute = createRoute({
  method: 'post',
  path: '/contacts',
  tags: ['imports'],
  summary: 'Import contacts from CSV, .xlsx or vCard 2.1/3.0/4.0 (lead, admin)',
  description:
    'Google Contacts, Outlook, LinkedIn connections and HubSpot CSV exports are read as they are (see "preset"). vCard lines that ' +
    'cannot be read, and properties that are not kept (photos, notes), are skipped and counted; the rest imports. Contacts whose ' +
    'normalised email (or LinkedIn id, X handle) the team already has are duplicates: not created, but what they add (emails, ' +
    'phones, handles, tags, empty fields) is merged into the contact and reported.',
  middleware: [leadOrAdmin] as const,
  request: {
    query: ContactImportQuery,
    body: upload(
      z.object({ file: fileField }),
      ['text/csv', 'text/vcard', 'text/x-vcard', 'text/plain', 'application/octet-stream', XLSX],
      'The file',
    ),
  },
  responses: { 200: jsonResponse(ContactImportSummarySchema, 'Imported'), ...errorResponses, ...unsupported },
});

export const SurveyImportQuery = z.object({
  ...mappedImportQuery(
    'counts, averages',
    SURVEY_FIELDS,
    'Rating=score',
    `The dates' format when the values cannot tell (${DATE_FORMATS.join(', ')})`,
  ),
  progress: progressParam,
});

export const SurveyImportSummarySchema = z
  .object({
    importId: z.string().nullable(),
    dryRun: z.boolean(),
    file: z.string(),
    columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
    dates: z.object({ column: z.string(), format: z.enum(DATE_FORMATS).nullable(), reason: z.string() }),
    rows: z.number().int(),
    rejectedRows: z.number().int(),
    responses: z.object({ new: z.number().int(), unchanged: z.number().int() }),
    totals: z.object({
      csat: z.object({ responses: z.number().int(), average: z.string().nullable() }),
      nps: z.object({ responses: z.number().int(), score: z.number().nullable() }),
    }),
    errors: z.array(RowErrorSchema),
    errorCount: z.number().int(),
    metrics: z.object({ customers: z.number().int() }).nullable(),
  })
  .openapi('SurveyImportSummary');

export const importSurveysRoute = createRoute({
  method: 'post',
  path: '/surveys',
  tags: ['imports'],
  summary: 'Import survey responses (CSAT 1–5, NPS 0–10) from CSV or .xlsx (lead, admin)',
  description:
    'Columns: email and/or customer id, date, and either kind (csat/nps) + score or a CSAT and/or an NPS column; comment optional. ' +
    "Respondents are matched by contact email, else the customer's first contact. Rows with problems are listed by row and column " +
    'and left out; a file whose every row is refused is a 400. Re-importing a file changes nothing. dryRun=true previews.',
  middleware: [leadOrAdmin] as const,
  request: {
    query: SurveyImportQuery,
    body: upload(
      z.object({
        file: fileField,
        options: z
          .string()
          .optional()
          .openapi({ description: 'JSON: { "columns": { header: field }, "dateFormat": "dmy" }' }),
      }),
      ['text/csv', 'text/plain', 'application/octet-stream', XLSX],
      'The file: multipart field "file", or the raw body',
    ),
  },
  responses: {
    200: jsonResponse(SurveyImportSummarySchema, 'Imported (or previewed)'),
    ...errorResponses,
    ...unsupported,
  },
});

export const listImportsRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['imports'],
  summary: "The team's recent imports with their summaries (lead, admin)",
  middleware: [leadOrAdmin] as const,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
  responses: {
    200: jsonResponse(
      z.object({
        items: z.array(
          z.object({
            id: z.string(),
            kind: z.string(),
            filename: z.string(),
            createdBy: z.string().nullable(),
            createdAt: z.string(),
            summary: z.record(z.string(), z.unknown()),
          }),
        ),
      }),
      'Newest first',
    ),
    ...errorResponses,
  },
});

export const ImportProgressSchema = z
  .object({
    phase: z.enum(['reading', 'writing', 'metrics']),
    done: z.number().int(),
    total: z.number().int(),
    finished: z.boolean(),
    updatedAt: z.string(),
  })
  .openapi('ImportProgress');

export const importProgressRoute = createRoute({
  method: 'get',
  path: '/progress/{id}',
  tags: ['imports'],
  summary: 'How far an order or survey import sent with progress={id} has got (lead, admin)',
  description:
    'reading: bytes of the first pass over the file (total 0 when unknown); writing: data rows validated and written ' +
    'of total; metrics: the recompute at the end (orders; a survey import ends on writing total of total). finished is true once the upload has answered. 404 until the upload ' +
    'arrives, and a minute after it ended.',
  middleware: [leadOrAdmin] as const,
  request: { params: z.object({ id: ProgressId }) },
  responses: { 200: jsonResponse(ImportProgressSchema, 'The import so far'), ...errorResponses },
});
