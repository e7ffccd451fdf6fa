import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { int } from '../driver.ts';
import { WRITER_AUTOCHECKPOINT_PAGES } from './checkpointer.ts';
import { SqliteDriver } from './sqlite-driver.ts';

let dir: string;
let driver: SqliteDriver;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rapport-sqlite-'));
  driver = new SqliteDriver(join(dir, 'db.sqlite'));
  await driver.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  await driver.run('INSERT INTO t (id, v) VALUES (1, ?)', ['committed']);
});

afterEach(async () => {
  await driver.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SqliteDriver', () => {
  it('answers reads while a transaction is open, with the last committed state', async () => {
    let finish!: () => void;
    const open = new Promise<void>((resolve) => {
      finish = resolve;
    });
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => {
      wrote = resolve;
    });
    const tx = driver.transaction(async (db) => {
      await db.run('UPDATE t SET v = ? WHERE id = 1', ['uncommitted']);
      wrote();
      await open;
    });
    await written;
    // Would wait for the transaction (forever, here) if reads queued behind the write lock.
    const during = await driver.get<{ v: string }>('SELECT v FROM t WHERE id = 1');
    expect(during?.v).toBe('committed');
    finish();
    await tx;
    expect((await driver.get<{ v: string }>('SELECT v FROM t WHERE id = 1'))?.v).toBe('uncommitted');
  });

  it('sends writes that return rows to the writer, in order with the other writes', async () => {
    const inserted = await driver.all<{ id: unknown }>("INSERT INTO t (v) VALUES ('new') RETURNING id");
    expect(inserted.map((r) => int(r.id))).toEqual([2]);
    const count = await driver.get<{ n: unknown }>('SELECT count(*) AS n FROM t');
    expect(int(count?.n)).toBe(2);
  });

  it('checkpoints a committed transaction on its worker thread, not in the COMMIT, and loses nothing', async () => {
    const file = join(dir, 'db.sqlite');
    // ≈2,000 pages: above SQLite's default auto-checkpoint (1,000), below the writer's own bound.
    const rows = 2_000;
    const text = 'x'.repeat(3_000);
    expect(rows).toBeLessThan(WRITER_AUTOCHECKPOINT_PAGES);
    const before = statSync(file).size;
    await driver.transaction(async (db) => {
      for (let i = 0; i < rows; i++) await db.run('INSERT INTO t (v) VALUES (?)', [`${i}${text}`]);
    });
    // In WAL mode the database file only grows when a checkpoint copies pages into it.
    const deadline = Date.now() + 10_000;
    while (statSync(file).size < before + rows * 3_000 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(statSync(file).size).toBeGreaterThan(before + rows * 3_000);
    await driver.close();
    driver = new SqliteDriver(file);
    expect(int((await driver.get<{ n: unknown }>('SELECT count(*) AS n FROM t'))?.n)).toBe(rows + 1);
  });

  it('keeps an in-memory database on its one connection', async () => {
    const memory = new SqliteDriver(':memory:');
    await memory.exec('CREATE TABLE m (x INTEGER)');
    await memory.run('INSERT INTO m (x) VALUES (7)');
    expect(int((await memory.get<{ x: unknown }>('SELECT x FROM m'))?.x)).toBe(7);
    await memory.close();
  });
});
