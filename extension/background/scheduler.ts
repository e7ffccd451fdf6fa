import type { ExtensionSyncClient, SyncResult } from '../sync/client.ts';

export const ALARMS = {
  sync: 'rapport-sync',
  retry: 'rapport-sync-retry',
  morning: 'rapport-morning',
} as const;
/** Polling period while nothing pokes the worker (Chrome's minimum is 0.5). */
export const SYNC_PERIOD_MINUTES = 2;
export const MORNING_PERIOD_MINUTES = 30;
const ALARM_MIN_DELAY_MS = 30_000;

interface Alarms {
  create(
    name: string,
    info: { when?: number; periodInMinutes?: number; delayInMinutes?: number },
  ): Promise<void> | void;
  get(name: string): Promise<unknown>;
}

/**
 * When to sync: soon after local writes (debounced), on the periodic alarm, and at the backoff's
 * retry time. The retry time is an alarm, so a worker killed while waiting is woken for it.
 */
export class SyncScheduler {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly client: ExtensionSyncClient,
    private readonly alarms: Alarms,
    private readonly now: () => number = Date.now,
    private readonly debounceMs = 1500,
  ) {}

  requestSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, this.debounceMs);
  }

  async run(force = false): Promise<SyncResult> {
    const result = await this.client.sync({ force });
    if (result.outcome === 'failed' || result.outcome === 'waiting') {
      await this.alarms.create(ALARMS.retry, { when: result.retryAt });
      const delay = result.retryAt - this.now();
      // Alarms fire no sooner than 30 s; a live worker retries sooner itself.
      if (delay < ALARM_MIN_DELAY_MS) setTimeout(() => void this.run(), Math.max(0, delay) + 50);
    }
    return result;
  }

  /** Creates the periodic alarms unless they exist (they survive worker restarts, not reinstalls). */
  async ensureAlarms(): Promise<void> {
    if (!(await this.alarms.get(ALARMS.sync)))
      await this.alarms.create(ALARMS.sync, {
        periodInMinutes: SYNC_PERIOD_MINUTES,
        delayInMinutes: SYNC_PERIOD_MINUTES,
      });
    if (!(await this.alarms.get(ALARMS.morning)))
      await this.alarms.create(ALARMS.morning, {
        periodInMinutes: MORNING_PERIOD_MINUTES,
        delayInMinutes: 1,
      });
  }
}
