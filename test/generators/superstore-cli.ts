// Command line for the Superstore generator: writes the CSV to stdout, streaming, with backpressure.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { type SuperstoreOptions, superstoreChunks } from './superstore.ts';

export const SUPERSTORE_USAGE = `Usage: tsx test/generators/superstore.ts [options] > orders.csv
  --rows N              order lines to write (default 1000)
  --customers N         distinct customers (default 793)
  --seed N              PRNG seed (default 1); same seed, same bytes
  --date-format us|iso  11/8/2016 (default) or 2016-11-08
  --cost                a Cost column instead of Profit
  --email               add the customer's contact Email column
  --rename FROM=TO      rename a header, e.g. --rename "Country=Country/Region" (repeatable)
  --encoding E          utf8 (default), utf8-bom or windows-1252
  --crlf                CRLF line endings
  --start-year N        first order year (default 2014)
  --years N             years of orders (default 4)`;

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw new Error(`--${name} must be an integer, got "${value}"`);
  return Number(value);
}

/** argv (without node and script) -> generator options; throws with a readable message on bad input. */
export function parseSuperstoreArgs(argv: readonly string[]): SuperstoreOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      rows: { type: 'string' },
      customers: { type: 'string' },
      seed: { type: 'string' },
      'date-format': { type: 'string' },
      cost: { type: 'boolean' },
      email: { type: 'boolean' },
      rename: { type: 'string', multiple: true },
      encoding: { type: 'string' },
      crlf: { type: 'boolean' },
      'start-year': { type: 'string' },
      years: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const rename: Record<string, string> = {};
  for (const pair of values.rename ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--rename takes FROM=TO, got "${pair}"`);
    rename[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const options: Record<string, unknown> = {
    rows: integer('rows', values.rows),
    customers: integer('customers', values.customers),
    seed: integer('seed', values.seed),
    dateFormat: values['date-format'],
    costInsteadOfProfit: values.cost,
    withEmail: values.email,
    rename,
    encoding: values.encoding,
    newline: values.crlf ? '\r\n' : undefined,
    startYear: integer('start-year', values['start-year']),
    years: integer('years', values.years),
  };
  // Unset flags fall back to the generator's defaults, which also validates the rest (zod).
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as SuperstoreOptions;
}

export async function writeSuperstoreCsv(options: SuperstoreOptions, out: Writable): Promise<void> {
  for (const chunk of superstoreChunks(options)) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
}

export async function runSuperstoreCli(argv: readonly string[]): Promise<void> {
  // `… | head` closes the pipe early; that is a normal end, not a crash.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  try {
    const options = parseSuperstoreArgs(argv);
    if (options === 'help') {
      process.stdout.write(`${SUPERSTORE_USAGE}\n`);
      return;
    }
    await writeSuperstoreCsv(options, process.stdout);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${SUPERSTORE_USAGE}\n`);
    process.exitCode = 2;
  }
}
