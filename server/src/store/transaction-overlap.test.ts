// Code that runs inside a transaction may overlap its queries (a report's Promise.all inside a
// recompute). A transaction is one connection: the queries must run in call order, answer each its
// own rows, and not trip pg's "already executing a query" deprecation (an error from pg 9).
import { afterEach, expect, it } from 'vitest';
import { forEachStore } from '../testing/test-store.ts';

const warnings: string[] = [];
const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
afterEach(() => {
  process.off('warning', onWarning);
});

forEachStore('overlapping queries in one transaction', (ctx) => {
  it('run one after another in call order, each with its own answer, without a warning', async () => {
    warnings.length = 0;
    process.on('warning', onWarning);
    const answers = await ctx.store.transaction(async (tx) => {
      await tx.db.exec('CREATE TEMPORARY TABLE overlap_order (n INTEGER NOT NULL)');
      const writes = [1, 2, 3].map((n) => tx.db.run('INSERT INTO overlap_order (n) VALUES (?)', [n]));
      const reads = [1, 2, 3].map((n) => tx.db.get<{ n: number }>('SELECT ? + 0 AS n', [n * 10]));
      const all = tx.db.all<{ n: number }>('SELECT n FROM overlap_order ORDER BY n');
      const [written, read, rows] = await Promise.all([Promise.all(writes), Promise.all(reads), all]);
      await tx.db.exec('DROP TABLE overlap_order');
      return { written, read: read.map((r) => Number(r?.n)), rows: rows.map((r) => Number(r.n)) };
    });
    // The SELECT was called after the three INSERTs, so it sees all three.
    expect(answers).toEqual({ written: [1, 1, 1], read: [10, 20, 30], rows: [1, 2, 3] });
    // Warnings are emitted on the next tick.
    await new Promise((r) => setImmediate(r));
    expect(warnings.filter((w) => w.includes('already executing'))).toEqual([]);
  });
});
