import { once } from 'node:events';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The worker's code (plain CommonJS, so it runs the same under tsx and from a build): its own
 * connection to the database file runs a PASSIVE checkpoint after each commit it is told of. Pokes
 * that arrive while one runs are folded into a single next one. A failed PASSIVE checkpoint (say,
 * SQLITE_BUSY while another process checkpoints) changes nothing and is simply tried again at the
 * next commit; the writer's own auto-checkpoint stays as the bound on the WAL.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
let queued = false;
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  if (queued) return;
  queued = true;
  setImmediate(() => {
    queued = false;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {}
  });
});
`;

const BETTER_SQLITE3 = createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * WAL pages the writer lets pile up before it checkpoints on its own (SQLite's default is 1,000):
 * only reached when the worker falls behind or is gone.
 */
export const WRITER_AUTOCHECKPOINT_PAGES = 10_000;

/**
 * Copies committed WAL pages into the database file on a worker thread, so the commit that filled
 * the WAL does not pay for it: with SQLite's default auto-checkpoint (1,000 pages) a push of 1,000
 * contacts, which writes ≈1,400 pages, checkpointed inside its COMMIT. Durability is unchanged: a
 * commit is in the WAL when COMMIT returns either way, and a checkpoint only moves it into the
 * database file. The worker starts with the first commit and holds no lock while idle.
 */
export class Checkpointer {
  #worker: Worker | null = null;
  /** The worker failed (it could not open the file, say): the writer checkpoints on its own from then on. */
  #failed = false;

  constructor(readonly file: string) {}

  /** After a commit: have the worker checkpoint soon. */
  poke(): void {
    if (this.#failed) return;
    if (!this.#worker) {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { file: this.file, module: BETTER_SQLITE3 },
      });
      worker.unref();
      worker.on('error', () => {
        this.#failed = true;
        if (this.#worker === worker) this.#worker = null;
      });
      // A worker that is gone is never waited for (close() would otherwise wait for an exit already past).
      worker.on('exit', () => {
        if (this.#worker === worker) this.#worker = null;
      });
      this.#worker = worker;
    }
    this.#worker.postMessage(0);
  }

  /** Stops the worker after the checkpoint it may be running; terminated if it has not exited in 5 s. */
  async close(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    this.#worker = null;
    const exited = once(worker, 'exit');
    worker.postMessage('close');
    const timer = setTimeout(() => void worker.terminate(), 5_000);
    try {
      // An error event ends the worker too: closing waits for the exit, not for a clean one.
      await exited.catch(() => undefined);
    } finally {
      clearTimeout(timer);
    }
  }
}
