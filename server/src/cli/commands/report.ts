import { csvSafeCell } from '@rapport/shared/csv-cell';
import { isoDateProblem } from '@rapport/shared/domain/dates';
import Papa from 'papaparse';
import { CUSTOMER_SORTS, type CustomersQuery, customersReport } from '../../reports/customers.ts';
import { type CliCommand, printJson, TEAM_OPTION, UsageError } from '../command.ts';

const FORMATS = ['json', 'csv'] as const;
const CSV_COLUMNS = [
  'customerId',
  'name',
  'revenue',
  'profit',
  'orders',
  'margin',
  'tier',
  'lines',
  'lastOrderAt',
  'ownerId',
  'id',
] as const;

function day(value: unknown, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const problem = isoDateProblem(value);
  if (problem) throw new UsageError(`${flag}: ${problem}`);
  return value as string;
}

export const reportCustomersCommand: CliCommand = {
  name: 'report customers',
  summary: "Every customer's revenue, profit, orders, margin and tier (JSON array or CSV on stdout)",
  usage:
    "[--from YYYY-MM-DD] [--to YYYY-MM-DD (not included)] | [--all-time]  [--format json|csv] [--sort profit|revenue|…] [--team ID|NAME]  (default window: the team's tier window)",
  options: {
    ...TEAM_OPTION,
    from: { type: 'string' },
    to: { type: 'string' },
    'all-time': { type: 'boolean' },
    format: { type: 'string', short: 'f' },
    sort: { type: 'string' },
  },
  async run(ctx, { values }) {
    const format = (values.format ?? 'json') as string;
    if (!FORMATS.includes(format as (typeof FORMATS)[number]))
      throw new UsageError('--format must be json or csv');
    const sort = (values.sort ?? 'profit') as CustomersQuery['sort'];
    if (!CUSTOMER_SORTS.includes(sort))
      throw new UsageError(`--sort must be one of ${CUSTOMER_SORTS.join(', ')}`);
    const from = day(values.from, '--from');
    const to = day(values.to, '--to');
    const allTime = values['all-time'] === true;
    if (allTime && (from || to)) throw new UsageError('give --all-time or --from/--to, not both');
    const store = await ctx.store();
    const team = await ctx.team(store, values.team as string | undefined);
    const report = await customersReport(store, ctx.clock, team.id, {
      from,
      to,
      allTime,
      sort,
      order: 'desc',
      limit: Number.MAX_SAFE_INTEGER,
      offset: 0,
    });
    ctx.err(
      `${report.total} customers of "${team.name}", ${report.window.label}; revenue ${report.totals.revenue}, profit ${report.totals.profit}.\n`,
    );
    if (format === 'json') printJson(ctx, report.items);
    else
      ctx.out(
        `${Papa.unparse({ fields: [...CSV_COLUMNS], data: report.items.map((r) => CSV_COLUMNS.map((c) => csvSafeCell(r[c]))) })}\n`,
      );
    return 0;
  },
};
