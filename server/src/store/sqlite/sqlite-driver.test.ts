import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { int } from '../driver.ts';
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

  it('keeps an in-memory database on its one connection', async () => {
    const memory = new SqliteDriver(':memory:');
    await memory.exec('CREATE TABLE m (x INTEGER)');
    await memory.run('INSERT INTO m (x) VALUES (7)');
    expect(int((await memory.get<{ x: unknown }>('SELECT x FROM m'))?.x)).toBe(7);
    await memory.close();
  });
});
