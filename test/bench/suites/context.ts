import type { StoreKind } from '@rapport/server/testing/test-store';
import type { Scale } from '../lib/options.ts';
import type { Log } from '../lib/results.ts';

/** What every suite is run with. */
export interface SuiteContext {
  scale: Scale;
  stores: StoreKind[];
  log: Log;
}

/** "10,000" */
export const count = (n: number): string => n.toLocaleString('en-US');
