import { findBadText } from '@rapport/shared/text';
import type { Context } from 'hono';
import { VcardError } from '../../exports/vcard.ts';
import { importContacts } from '../../imports/contacts.ts';
import {
  MappingError,
  OrderImportOptions,
  parseMapArgument,
  parseRateArgument,
} from '../../imports/order-columns.ts';
import { type ImportDeps, importOrders, type OnImportProgress } from '../../imports/orders.ts';
import { importProgress } from '../../imports/progress-registry.ts';
import { type ByteSource, bufferSource } from '../../imports/source.ts';
import { importSurveys, SurveyImportOptions } from '../../imports/surveys.ts';
import type { AppEnv, AppRouteHandler } from '../../lib/app-env.ts';
import { ApiError, badRequest, notFound, validationError } from '../../lib/errors.ts';
import type {
  importContactsRoute,
  importOrdersRoute,
  importProgressRoute,
  importSurveysRoute,
  listImportsRoute,
} from './imports.routes.ts';

const isMultipart = (c: Context<AppEnv>) => /^multipart\/form-data/i.test(c.req.header('content-type') ?? '');

/** The text rule for multipart fields, which the JSON middleware does not see (a file name is stored). */
function assertCleanForm(field: string, value: unknown): void {
  const bad = findBadText(value);
  if (!bad) return;
  const path = [field, ...bad.path].join('.');
  throw new ApiError(400, 'validation_failed', `Invalid request form: ${path}: ${bad.message}`, {
    target: 'form',
    issues: [{ path, message: bad.message }],
  });
}

/** The uploaded file: a multipart "file" field (already validated), or the raw body. */
async function uploaded(c: Context<AppEnv>, file: File | undefined, name: string): Promise<ByteSource> {
  if (file) assertCleanForm('file.name', file.name);
  const bytes = file ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength === 0)
    throw badRequest('The upload is empty: send the file as multipart field "file" or as the request body');
  return bufferSource(file?.name || name, bytes);
}

/** Import problems the caller can fix become 400s naming them. */
function asClientError(err: unknown): never {
  if (err instanceof MappingError)
    throw new ApiError(400, 'bad_request', err.message, { problems: err.problems, ...err.details });
  if (err instanceof VcardError) throw badRequest(err.message);
  throw err;
}

/** A multipart upload's file and its "options" JSON (checked by the text rule); nothing for a raw body. */
function formParts(form: { file?: File; options?: string } | undefined): {
  file: File | undefined;
  fromForm: Record<string, unknown>;
} {
  if (!form?.options) return { file: form?.file, fromForm: {} };
  let fromForm: Record<string, unknown>;
  try {
    fromForm = JSON.parse(form.options) as Record<string, unknown>;
  } catch {
    throw badRequest('The "options" field is not valid JSON');
  }
  assertCleanForm('options', fromForm);
  return { file: form.file, fromForm };
}

function pairs(
  values: string[] | undefined,
  parse: (v: string) => [string, string],
  what: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    try {
      const [k, val] = parse(v);
      out[k] = val;
    } catch (err) {
      throw badRequest(`${what}: ${(err as Error).message}`);
    }
  }
  return out;
}

/** The options both mapped imports (orders, surveys) read alike: the form's JSON, then the query's. */
function mappedOptions(
  q: { map?: string[]; dateFormat?: string; sheet?: string; dryRun?: boolean },
  fromForm: Record<string, unknown>,
): Record<string, unknown> {
  return {
    ...fromForm,
    columns: { ...(fromForm.columns as object | undefined), ...pairs(q.map, parseMapArgument, 'map') },
    ...(q.dateFormat ? { dateFormat: q.dateFormat } : {}),
    ...(q.sheet ? { sheet: q.sheet } : {}),
    dryRun: q.dryRun ?? fromForm.dryRun ?? false,
  };
}

type MappedImport<O, S> = (
  deps: ImportDeps,
  teamId: string,
  source: ByteSource,
  options: O,
  createdBy: string | null,
  onProgress?: OnImportProgress,
) => Promise<S>;

/** Runs a mapped import as the signed-in user, reporting to the progress id when the request names one. */
function runMappedImport<O, S>(
  c: Context<AppEnv>,
  run: MappedImport<O, S>,
  source: ByteSource,
  options: O,
  progressId: string | undefined,
): Promise<S> {
  const { store, clock, hlc, auth } = c.var;
  const tracker = progressId ? importProgress.track(auth.team.id, progressId) : null;
  return run({ store, clock, hlc }, auth.team.id, source, options, auth.user.id, tracker?.report)
    .catch(asClientError)
    .finally(() => tracker?.finish());
}

export const importOrdersHandler: AppRouteHandler<typeof importOrdersRoute> = async (c) => {
  const q = c.req.valid('query');
  const { file, fromForm } = formParts(isMultipart(c) ? c.req.valid('form') : undefined);
  const parsed = OrderImportOptions.safeParse({
    ...mappedOptions(q, fromForm),
    rates: { ...(fromForm.rates as object | undefined), ...pairs(q.rate, parseRateArgument, 'rate') },
    ...(q.currency ? { currency: q.currency } : {}),
    ...(q.decimal ? { decimal: q.decimal } : {}),
  });
  if (!parsed.success) throw validationError(parsed.error, 'options');
  const source = await uploaded(c, file, q.filename ?? 'orders.csv');
  return c.json(await runMappedImport(c, importOrders, source, parsed.data, q.progress), 200);
};

export const importProgressHandler: AppRouteHandler<typeof importProgressRoute> = async (c) => {
  const state = importProgress.get(c.var.auth.team.id, c.req.valid('param').id);
  if (!state) throw notFound('No import with this progress id is running or just ended');
  return c.json(state, 200);
};

export const importContactsHandler: AppRouteHandler<typeof importContactsRoute> = async (c) => {
  const q = c.req.valid('query');
  const file = isMultipart(c) ? c.req.valid('form').file : undefined;
  const source = await uploaded(
    c,
    file,
    q.filename ?? (/vcard/i.test(c.req.header('content-type') ?? '') ? 'contacts.vcf' : 'contacts.csv'),
  );
  const { store, clock, hlc, auth } = c.var;
  const summary = await importContacts({ store, clock, hlc }, auth.team.id, source, {
    format: q.format,
    ownerId: auth.user.id,
    createdBy: auth.user.id,
  }).catch(asClientError);
  return c.json(summary, 200);
};

export const listImportsHandler: AppRouteHandler<typeof listImportsRoute> = async (c) =>
  c.json({ items: await c.var.store.imports.list(c.var.auth.team.id, c.req.valid('query').limit) }, 200);

export const importSurveysHandler: AppRouteHandler<typeof importSurveysRoute> = async (c) => {
  const q = c.req.valid('query');
  const { file, fromForm } = formParts(isMultipart(c) ? c.req.valid('form') : undefined);
  const parsed = SurveyImportOptions.safeParse(mappedOptions(q, fromForm));
  if (!parsed.success) throw validationError(parsed.error, 'options');
  const source = await uploaded(c, file, q.filename ?? 'surveys.csv');
  return c.json(await runMappedImport(c, importSurveys, source, parsed.data, q.progress), 200);
};
