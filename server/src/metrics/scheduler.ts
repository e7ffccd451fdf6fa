import { createServerHlc, type HlcClock } from '../entities/server-hlc.ts';
import { type Clock, HOUR_MS } from '../lib/clock.ts';
import type { Logger } from '../lib/log.ts';
import type { Store } from '../store/store.ts';
import { refreshCustomerMetrics } from './recompute.ts';
import { serverToday } from './tier-window.ts';

export interface MetricsScheduler {
  /** Recomputes every team's metrics when the server's day changed since the last run (or on the first call). */
  tick(): Promise<void>;
  /** Stops the timer and waits for a recompute in progress. */
  stop(): Promise<void>;
}

export interface MetricsSchedulerOptions {
  store: Store;
  clock: Clock;
  hlc?: HlcClock;
  log: Logger;
  /** How often to look at the clock (default hourly); the work runs once per day. */
  intervalMs?: number;
}

/**
 * The daily customer-metrics recompute: trailing tier windows move with the calendar, so tiers
 * change even without new orders. Started by `serve`; runs once at start, then on the first check of
 * each new day. Teams whose figures did not change get no new version.
 */
export function startMetricsScheduler(options: MetricsSchedulerOptions): MetricsScheduler {
  const { store, clock, log } = options;
  const hlc = options.hlc ?? createServerHlc(clock);
  let lastDay: string | null = null;
  let running: Promise<void> | null = null;

  const runOnce = async () => {
    const day = serverToday(clock);
    if (day === lastDay) return;
    for (const team of await store.teams.list()) {
      try {
        const r = await refreshCustomerMetrics(store, { clock, hlc }, team.id);
        log.info('customer metrics recomputed', {
          teamId: team.id,
          customers: r.customers,
          changed: r.changed,
        });
      } catch (err) {
        log.error('customer metrics recompute failed', { teamId: team.id, error: String(err) });
      }
    }
    lastDay = day;
  };
  const tick = () => {
    running ??= runOnce().finally(() => {
      running = null;
    });
    return running;
  };

  const timer = setInterval(() => void tick(), options.intervalMs ?? HOUR_MS);
  timer.unref();
  void tick();
  return {
    tick,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
