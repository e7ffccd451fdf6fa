import type { CustomerMetrics } from '@rapport/shared/schemas/metrics';
import { stateFromEntity } from '@rapport/shared/sync/changes';
import { materialize } from '@rapport/shared/sync/materialize';
import { describe, expect, it } from 'vitest';
import { newId } from '../testing/ids.ts';
import { metricsRowChange } from './metrics-row.ts';

const T = '1796616000000:0001:srv-0a1b2c3d';

function wire(extra: Partial<CustomerMetrics>): CustomerMetrics {
  return {
    customerId: newId(),
    revenue: '1234.5678',
    profit: '-0.0001',
    orders: 3,
    margin: '-0.0000',
    tier: 'D',
    lastOrderAt: '2026-11-30',
    monthProfits: Array.from({ length: 12 }, (_, i) => (i === 10 ? '-0.0001' : '0.00')),
    window: { from: null, to: null, asOf: '2026-12-07', historical: false },
    ...extra,
  };
}

describe('metricsRowChange', () => {
  for (const [name, extra] of [
    [
      'with insight fields',
      {
        churn: { lastOrderAt: '2026-11-30', interval: 12.5, satisfaction: 0.75, openComplaints: 1 },
        buysMostly: { category: 'Office Supplies', share: 0.6667 },
      },
    ],
    ['with null insight fields', { churn: null, buysMostly: null }],
    ['without insight fields (rows written before them)', {}],
  ] as const) {
    it(`gives the state and data the schema path gives, ${name}`, () => {
      const w = wire(extra as Partial<CustomerMetrics>);
      const fast = metricsRowChange(w, T);
      const slow = stateFromEntity('customerMetrics', w, T);
      expect(fast.state).toEqual(slow);
      // Without data, saveRows materialises the state itself.
      expect(fast.data ?? materialize('customerMetrics', fast.state)).toEqual(
        materialize('customerMetrics', slow),
      );
      expect(fast.entity).toBe('customerMetrics');
    });
  }

  it('leaves out fields that are undefined, as the schema path does', () => {
    const w = { ...wire({}), churn: undefined };
    const fast = metricsRowChange(w, T);
    expect(Object.keys(fast.state.fields)).not.toContain('churn');
    expect(fast.state).toEqual(stateFromEntity('customerMetrics', w, T));
  });
});
