import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createServerHlc } from '../../entities/server-hlc.ts';
import { VcardError } from '../../exports/vcard.ts';
import { CONTACT_FORMATS, type ContactFormat, importContacts } from '../../imports/contacts.ts';
import {
  MappingError,
  OrderImportOptions,
  parseMapArgument,
  parseRateArgument,
} from '../../imports/order-columns.ts';
import { importOrders } from '../../imports/orders.ts';
import { fileSource } from '../../imports/source.ts';
import { importSurveys, SurveyImportOptions } from '../../imports/surveys.ts';
import {
  type CliCommand,
  type CliContext,
  CliError,
  printJson,
  TEAM_OPTION,
  UsageError,
} from '../command.ts';
import { importProgressBar } from '../progress.ts';

/** --flag values given once or several times. */
function list(value: unknown): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

function pairs(
  values: string[],
  parse: (v: string) => [string, string],
  flag: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    try {
      const [k, val] = parse(v);
      out[k] = val;
    } catch (err) {
      throw new UsageError(`${flag}: ${(err as Error).message}`);
    }
  }
  return out;
}

/**
 * A file argument, relative to the directory the user ran the command in: pnpm runs the CLI inside
 * server/ but records where it was started as INIT_CWD.
 */
function existingFile(ctx: CliContext, path: string | undefined): string {
  if (!path) throw new UsageError('no file given');
  const full = resolve(ctx.rawEnv.INIT_CWD ?? process.cwd(), path);
  if (!existsSync(full)) throw new UsageError(`no such file: ${path} (looked for ${full})`);
  return full;
}

/** Import problems the user can fix: exit 1 with the message, no stack. */
function userError(err: unknown): never {
  if (err instanceof MappingError || err instanceof VcardError) throw new CliError(err.message);
  throw err;
}

async function context(ctx: CliContext, team: unknown) {
  const store = await ctx.store();
  const t = await ctx.team(store, team as string | undefined);
  return { deps: { store, clock: ctx.clock, hlc: createServerHlc(ctx.clock) }, team: t };
}

export const importOrdersCommand: CliCommand = {
  name: 'import orders',
  summary:
    'Import an order file (CSV with any delimiter or .xlsx; dates, decimal mark, header row detected); prints the summary as JSON',
  usage:
    '<file.csv|file.xlsx> [--map "Header=field"]… [--date-format dmy|mdy|ymd|serial] [--decimal .|,] [--sheet NAME] [--currency CUR] [--rate CUR=RATE]… [--dry-run] [--team ID|NAME]',
  options: {
    ...TEAM_OPTION,
    map: { type: 'string', multiple: true, short: 'm' },
    rate: { type: 'string', multiple: true },
    currency: { type: 'string' },
    'date-format': { type: 'string' },
    decimal: { type: 'string' },
    sheet: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  minPositionals: 1,
  async run(ctx, { positionals, values }) {
    const path = existingFile(ctx, positionals[0]);
    const parsed = OrderImportOptions.safeParse({
      ...(values['date-format'] === undefined ? {} : { dateFormat: values['date-format'] }),
      ...(values.decimal === undefined ? {} : { decimal: values.decimal }),
      ...(values.sheet === undefined ? {} : { sheet: values.sheet }),
      columns: pairs(list(values.map), parseMapArgument, '--map'),
      rates: pairs(list(values.rate), parseRateArgument, '--rate'),
      ...(values.currency ? { currency: String(values.currency).toUpperCase() } : {}),
      dryRun: values['dry-run'] === true,
    });
    if (!parsed.success)
      throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const { deps, team } = await context(ctx, values.team);
    const started = performance.now();
    const progress = importProgressBar();
    const s = await importOrders(deps, team.id, fileSource(path), parsed.data, null, progress.onProgress)
      .catch(userError)
      .finally(() => progress.stop());
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const d = s.detected;
    ctx.err(
      `Read ${d.kind === 'xlsx' ? `sheet "${d.sheet}"` : `${d.encoding} text split by ${JSON.stringify(d.delimiter)}`}, header on line ${d.headerRow}.\n` +
        `Dates in "${d.dates.column}": ${d.dates.reason}.\nAmounts: ${d.decimal.reason}.\nRevenue: ${d.revenue.reason}.\n`,
    );
    ctx.err(
      `${s.dryRun ? 'Dry run (nothing written)' : `Imported into "${team.name}"`}: ${s.rows} rows in ${seconds} s — lines ${s.lines.new} new, ` +
        `${s.lines.changed} changed, ${s.lines.unchanged} unchanged; ${s.rejectedRows} rows rejected; ${s.customers.new} new customers.\n`,
    );
    printJson(ctx, s);
    return 0;
  },
};

export const importContactsCommand: CliCommand = {
  name: 'import contacts',
  summary:
    'Import contacts from vCard 2.1/3.0/4.0, CSV (Google, Outlook, LinkedIn, HubSpot exports as they are) or .xlsx; duplicates merge into the contact they match; prints the summary as JSON',
  usage: '<file.vcf|file.csv|file.xlsx> [--format csv|vcard] [--team ID|NAME]',
  options: { ...TEAM_OPTION, format: { type: 'string', short: 'f' } },
  minPositionals: 1,
  async run(ctx, { positionals, values }) {
    const path = existingFile(ctx, positionals[0]);
    const format = values.format as string | undefined;
    if (format !== undefined && !CONTACT_FORMATS.includes(format as ContactFormat))
      throw new UsageError('--format must be csv or vcard');
    const { deps, team } = await context(ctx, values.team);
    const s = await importContacts(deps, team.id, fileSource(path), {
      format: format as ContactFormat | undefined,
      ownerId: null,
      createdBy: null,
    }).catch(userError);
    ctx.err(
      `Imported into "${team.name}"${s.preset ? ` (a ${s.preset} export)` : ''}: ${s.created} contacts created, ${s.duplicateCount} duplicates ` +
        `(${s.mergedCount} added details to the contact they matched), ${s.errorCount} rows with errors` +
        `${s.ignored.length > 0 ? `; not kept: ${s.ignored.map((i) => i.property).join(', ')}` : ''}.\n`,
    );
    printJson(ctx, s);
    return 0;
  },
};

export const importSurveysCommand: CliCommand = {
  name: 'import surveys',
  summary:
    'Import survey responses (CSAT 1–5, NPS 0–10; by contact email or customer id) from CSV or .xlsx; re-importing changes nothing; prints the summary as JSON',
  usage:
    '<file.csv|file.xlsx> [--map "Header=field"]… [--date-format dmy|mdy|ymd|serial] [--sheet NAME] [--dry-run] [--team ID|NAME]',
  options: {
    ...TEAM_OPTION,
    map: { type: 'string', multiple: true, short: 'm' },
    'date-format': { type: 'string' },
    sheet: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  minPositionals: 1,
  async run(ctx, { positionals, values }) {
    const path = existingFile(ctx, positionals[0]);
    const parsed = SurveyImportOptions.safeParse({
      ...(values['date-format'] === undefined ? {} : { dateFormat: values['date-format'] }),
      ...(values.sheet === undefined ? {} : { sheet: values.sheet }),
      columns: pairs(list(values.map), parseMapArgument, '--map'),
      dryRun: values['dry-run'] === true,
    });
    if (!parsed.success)
      throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const { deps, team } = await context(ctx, values.team);
    const s = await importSurveys(deps, team.id, fileSource(path), parsed.data).catch(userError);
    const t = s.totals;
    ctx.err(
      `${s.dryRun ? 'Dry run (nothing written)' : `Imported into "${team.name}"`}: ${s.rows} rows — responses ${s.responses.new} new, ` +
        `${s.responses.unchanged} already there; ${s.rejectedRows} rows rejected. CSAT ${t.csat.average ?? '–'} (${t.csat.responses}), ` +
        `NPS ${t.nps.score === null ? '–' : t.nps.score.toFixed(1)} (${t.nps.responses}).\n`,
    );
    printJson(ctx, s);
    return 0;
  },
};
