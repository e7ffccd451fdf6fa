// When the stored customer metrics can stand in for the order lines: reports that ask for exactly the
// team's tier window read them instead of summing the rollups again.
import type { ResolvedTierWindow } from '@rapport/shared/domain/tiers';
import { canonicalJson } from '@rapport/shared/sync/canonical';
import type { Store } from '../store/store.ts';
import { windowWire } from './wire.ts';

/** The key metrics_state holds for the window the team's metrics were computed under. */
export function metricsWindowKey(window: ResolvedTierWindow, insight = true): string {
  return (
    canonicalJson(windowWire(window) as unknown as Record<string, unknown>) +
    (insight ? '' : ' without insight')
  );
}

/**
 * True when every customer's stored metrics are what a recompute would write now for `window` (the
 * team's tier window resolved for today): the last recompute ran under this very window (a trailing
 * window moves its as-of day, so its key, every day), and no order line changed since (see
 * `customerMetrics.stale`; both are one statement, `metrics_state.lines_unknown` kept by triggers). Customers written since without lines have no row and no figures; a
 * deleted customer keeps its row and, while it has lines, its place in the ranking (as in a recompute).
 */
export async function metricsFreshFor(
  store: Store,
  teamId: string,
  window: ResolvedTierWindow,
): Promise<boolean> {
  return store.customerMetrics.freshFor(teamId, metricsWindowKey(window));
}
