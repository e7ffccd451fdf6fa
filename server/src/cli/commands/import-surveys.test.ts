import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../lib/clock.ts';
import { captureCli } from '../../testing/cli.ts';

const FIXTURES = fileURLToPath(new URL('../../imports/fixtures/surveys/', import.meta.url));

describe('CLI: import surveys', () => {
  let dir = '';
  let env: Record<string, string> = {};
  const clock = manualClock('2026-01-15T09:00:00.000Z');

  const cli = (...argv: string[]) => captureCli(argv, { env, clock });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rapport-cli-surveys-'));
    env = { RAPPORT_DATA_DIR: dir, RAPPORT_LOG_LEVEL: 'silent' };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('previews, imports, and re-imports the fixture without duplicates', async () => {
    expect((await cli('import', 'orders', join(FIXTURES, 'customers-orders.csv'))).code).toBe(0);
    const file = join(FIXTURES, 'responses.csv');

    const preview = await cli('import', 'surveys', file, '--dry-run');
    expect(preview.code).toBe(0);
    expect(JSON.parse(preview.out)).toMatchObject({ dryRun: true, responses: { new: 6 }, rejectedRows: 6 });
    expect(preview.err).toMatch(/^Dry run \(nothing written\): 12 rows/);

    const imported = await cli('import', 'surveys', file);
    expect(imported.code).toBe(0);
    const summary = JSON.parse(imported.out);
    // Hand-computed in fixtures/surveys/README.md: CSAT 5, 2, 4 and NPS 10, 6, 9.
    expect(summary).toMatchObject({
      dryRun: false,
      rows: 12,
      rejectedRows: 6,
      responses: { new: 6, unchanged: 0 },
      totals: { csat: { responses: 3, average: '3.67' }, nps: { responses: 3 } },
    });
    expect(summary.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual([
      '8:Score',
      '9:Email',
      '10:Customer ID',
      '11:Kind',
      '12:Email',
      '13:Date',
    ]);
    expect(imported.err).toMatch(
      /6 new, 0 already there; 6 rows rejected\. CSAT 3\.67 \(3\), NPS 33\.3 \(3\)/,
    );

    const again = await cli('import', 'surveys', file);
    expect(JSON.parse(again.out)).toMatchObject({ responses: { new: 0, unchanged: 6 } });

    const bad = await cli('import', 'surveys', file, '--map', 'Score=nope');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/Score=nope|columns\.Score/);
  });
});
