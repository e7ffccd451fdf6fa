import { describe, expect, it } from 'vitest';
import * as shared from './index.ts';

describe('package index', () => {
  it('exposes schemas, sync, identity, money, settings and domain together', () => {
    for (const name of [
      'Contact',
      'OrderLine',
      'uuidSchema',
      'newId',
      'mergeRows',
      'materialize',
      'parseMutation',
      'PushBody',
      'parseMessage',
      'normaliseEmail',
      'moneyString',
      'TeamSettings',
      'TIERS',
    ]) {
      expect(shared, name).toHaveProperty(name);
    }
    // The wire schema owns the OrderLine name; its money stays decimal strings.
    expect(shared.OrderLine.shape.revenue.safeParse('1.5').success).toBe(true);
  });
});
