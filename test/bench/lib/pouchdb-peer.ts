// The PouchDB peer: a server child process (express-pouchdb over in-memory PouchDB, see
// pouch-server.ts) and in-memory PouchDB clients that replicate to and from it over loopback HTTP.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import httpAdapter from 'pouchdb-adapter-http';
import memoryAdapter from 'pouchdb-adapter-memory';
import PouchDB from 'pouchdb-core';
import replication from 'pouchdb-replication';

PouchDB.plugin(memoryAdapter).plugin(httpAdapter).plugin(replication);

export interface PouchServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts express-pouchdb in its own process on 127.0.0.1 and a free port. */
export async function startPouchServer(): Promise<PouchServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'pouch-server.ts')],
    { cwd: join(import.meta.dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    err = (err + d).slice(-5_000);
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`express-pouchdb did not start:\n${err}`)), 30_000);
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /\{"port":(\d+)\}/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`express-pouchdb exited (${code}):\n${err}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    },
  };
}

let localDbs = 0;

/** A fresh in-memory PouchDB holding these documents (untimed setup for a push). */
export async function localWith(docs: readonly Record<string, unknown>[]): Promise<PouchDB.Database> {
  const db = new PouchDB(`bench-local-${++localDbs}`, { adapter: 'memory' });
  for (let i = 0; i < docs.length; i += 1000) await db.bulkDocs(docs.slice(i, i + 1000) as never[]);
  return db;
}

/** An empty in-memory PouchDB (a new device about to pull). */
export function emptyLocal(): PouchDB.Database {
  return new PouchDB(`bench-local-${++localDbs}`, { adapter: 'memory' });
}

/** One-shot replication in batches of `batchSize` docs; throws unless exactly `expected` docs were written. */
export async function replicate(
  source: PouchDB.Database | string,
  target: PouchDB.Database | string,
  batchSize: number,
  expected: number,
): Promise<void> {
  const result = await PouchDB.replicate(source, target, { batch_size: batchSize });
  if (!result.ok || result.docs_written !== expected)
    throw new Error(`PouchDB replication wrote ${result.docs_written} docs, expected ${expected}`);
}
