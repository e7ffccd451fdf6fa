import type { CustomerMetrics } from '@rapport/shared/schemas/metrics';
import type { Hlc } from '@rapport/shared/sync/hlc';
import type { FieldState, Json, RowState } from '@rapport/shared/sync/row';
import type { RowChange } from '../entities/save.ts';

/**
 * A customer's whole metrics sync row, every field stamped `t`, built straight from the wire object:
 * the same state shared stateFromEntity gives, without running the schema over each field. The
 * server is the only writer of these rows and builds every value itself (money formatted from exact
 * integers, tiers from the shared ranking), so the values are valid by construction;
 * `metrics-row.test.ts` checks the state and data equal the schema path's. The wire object is the
 * materialised data, handed to saveRows so it is not materialised again.
 */
export function metricsRowChange(wire: CustomerMetrics, t: Hlc): RowChange {
  const fields: Record<string, FieldState> = {};
  // The id key (customerId) is the row id, not a field.
  for (const [k, v] of Object.entries(wire))
    if (v !== undefined && k !== 'customerId') fields[k] = { v: v as Json, t };
  const state: RowState = { id: wire.customerId, fields, sets: {}, deleted: null };
  // materialize gives absent insight fields (rows written with `insight: false`) as null: only a
  // complete wire object is the materialised data as it stands.
  if (wire.churn === undefined || wire.buysMostly === undefined) return { entity: 'customerMetrics', state };
  return { entity: 'customerMetrics', state, data: wire as unknown as Record<string, unknown> };
}
