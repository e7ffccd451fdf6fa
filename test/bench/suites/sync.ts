// Benchmarks 1 and 2 share one database per store: the pull reads the rows the last timed push made
// (or, when only pull runs, the rows of one untimed push).
import { benchOutbox } from '../data/mutations.ts';
import { benchApp, newWorkspace, type Workspace, withStore } from '../lib/databases.ts';
import type { Measurement, SuiteResult } from '../lib/results.ts';
import type { SuiteContext } from './context.ts';
import { count } from './context.ts';
import { measurePull, PULL_NOTE } from './pull.ts';
import { measurePush, PUSH_NOTE } from './push.ts';
import { pushAll } from './sync-client.ts';

export async function syncSuite(
  { scale, stores, log }: SuiteContext,
  which: { push: boolean; pull: boolean },
): Promise<SuiteResult> {
  const measurements: Measurement[] = [];
  const n = scale.mutations;
  for (const kind of stores) {
    await withStore(kind, async (store) => {
      const app = benchApp(store);
      let ws: Workspace;
      if (which.push) {
        const { measurement, pushed } = await measurePush(kind, app, scale, log);
        measurements.push(measurement);
        ws = pushed;
      } else {
        ws = await newWorkspace(app);
        log(`pull: loading ${count(n)} rows on ${kind} through push`);
        await pushAll(ws, benchOutbox({ count: n, userId: ws.user.id }));
      }
      if (which.pull) measurements.push(await measurePull(kind, ws, n, scale, log));
    });
  }
  return {
    measurements,
    notes: [...(which.push ? [PUSH_NOTE(n)] : []), ...(which.pull ? [PULL_NOTE(n, scale.pullLimit)] : [])],
  };
}
