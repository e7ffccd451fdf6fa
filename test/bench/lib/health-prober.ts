// Probes GET /api/v1/health at a fixed interval from a worker thread: its own event loop, so the
// latencies it records are the server's, not the load generator's busy loop.
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, intervalMs, timeoutMs } = workerData;
const samples = [];
let errors = 0;
let stopped = false;
parentPort.on('message', () => { stopped = true; });
(async () => {
  while (!stopped) {
    const started = performance.now();
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      await res.arrayBuffer();
      if (res.status === 200) samples.push(performance.now() - started);
      else errors++;
    } catch {
      errors++;
    }
    const wait = intervalMs - (performance.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  parentPort.postMessage({ samples, errors });
})();
`;

export interface HealthProbe {
  /** Stops probing; resolves to every successful probe's latency (ms) and the failed count. */
  stop(): Promise<{ samples: number[]; errors: number }>;
}

/** One probe every `intervalMs` (the next starts when the last answered, if that took longer). */
export function startHealthProber(baseUrl: string, intervalMs = 50, timeoutMs = 10_000): HealthProbe {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { url: `${baseUrl}/api/v1/health`, intervalMs, timeoutMs },
  });
  const done = new Promise<{ samples: number[]; errors: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    async stop() {
      worker.postMessage('stop');
      const result = await done;
      await worker.terminate();
      return result;
    },
  };
}
