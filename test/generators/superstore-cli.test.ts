import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { superstoreCsv } from './superstore.ts';
import { parseSuperstoreArgs } from './superstore-cli.ts';

const tsx = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx');
const script = join(import.meta.dirname, 'superstore.ts');

describe('superstore CLI', () => {
  it('writes the same bytes as the library to stdout', () => {
    const out = execFileSync(
      tsx,
      [
        script,
        '--rows',
        '1500',
        '--seed',
        '9',
        '--encoding',
        'windows-1252',
        '--rename',
        'Country=Country/Region',
      ],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    expect(
      out.equals(
        superstoreCsv({
          rows: 1500,
          seed: 9,
          encoding: 'windows-1252',
          rename: { Country: 'Country/Region' },
        }),
      ),
    ).toBe(true);
  });

  it('exits 2 with the usage on bad arguments', () => {
    const r = spawnSync(tsx, [script, '--rows', 'many'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--rows must be an integer');
    expect(r.stderr).toContain('Usage:');
    expect(r.stdout).toBe('');
  });

  it('maps every flag to an option', () => {
    expect(
      parseSuperstoreArgs([
        '--rows',
        '10',
        '--customers',
        '5',
        '--seed=-3',
        '--date-format',
        'iso',
        '--cost',
        '--email',
        '--rename',
        'A=B=C',
        '--encoding',
        'utf8-bom',
        '--crlf',
        '--start-year',
        '2020',
        '--years',
        '2',
      ]),
    ).toEqual({
      rows: 10,
      customers: 5,
      seed: -3,
      dateFormat: 'iso',
      costInsteadOfProfit: true,
      withEmail: true,
      rename: { A: 'B=C' },
      encoding: 'utf8-bom',
      newline: '\r\n',
      startYear: 2020,
      years: 2,
    });
    expect(parseSuperstoreArgs(['--help'])).toBe('help');
    expect(() => parseSuperstoreArgs(['--rename', 'nothing'])).toThrow(/FROM=TO/);
  });
});
