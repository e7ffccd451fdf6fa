import { describe, expect, it } from 'vitest';
import { customersByRevenue, expectedTotals, isoOrderDate, type OrderLineRecord } from './expected-totals.ts';

// The classic file's first rows, plus row 6: an identical copy of row 5 (a second line, not a duplicate).
const CLAIRE = {
  'Order ID': 'CA-2016-152156',
  'Order Date': '11/8/2016',
  'Customer ID': 'CG-12520',
  'Customer Name': 'Claire Gute',
};
const DARRIN = {
  'Order ID': 'CA-2016-138688',
  'Order Date': '6/12/2016',
  'Customer ID': 'DV-13045',
  'Customer Name': 'Darrin Van Huff',
};
const SEAN = {
  'Order ID': 'US-2015-108966',
  'Order Date': '10/11/2015',
  'Customer ID': 'SO-20335',
  'Customer Name': "Sean O'Donnell",
};
const ROWS: OrderLineRecord[] = [
  { ...CLAIRE, Sales: '261.96', Profit: '41.9136' },
  { ...CLAIRE, Sales: '731.94', Profit: '219.582' },
  { ...DARRIN, Sales: '14.62', Profit: '6.8714' },
  { ...SEAN, Sales: '957.5775', Profit: '-383.031' },
  { ...SEAN, Sales: '22.368', Profit: '2.5164' },
  { ...SEAN, Sales: '22.368', Profit: '2.5164' },
];

describe('expectedTotals', () => {
  it('sums a hand-checked set exactly, counting identical lines and distinct orders', () => {
    const t = expectedTotals(ROWS);
    // 261.96 + 731.94 + 14.62 + 957.5775 + 22.368 + 22.368
    expect(t.overall).toEqual({
      revenue: '2010.8335',
      profit: '-109.6312',
      orders: 3,
      lines: 6,
      customers: 3,
    });
    expect(t.byCustomer.get('CG-12520')).toEqual({
      customerId: 'CG-12520',
      name: 'Claire Gute',
      revenue: '993.9',
      profit: '261.4956',
      orders: 1,
      lines: 2,
    });
    expect(t.byCustomer.get('DV-13045')).toMatchObject({
      revenue: '14.62',
      profit: '6.8714',
      orders: 1,
      lines: 1,
    });
    // 957.5775 + 2 × 22.368 = 1002.3135; −383.031 + 2 × 2.5164 = −377.9982
    expect(t.byCustomer.get('SO-20335')).toMatchObject({
      revenue: '1002.3135',
      profit: '-377.9982',
      orders: 1,
      lines: 3,
    });
    expect(customersByRevenue(t).map((c) => c.customerId)).toEqual(['SO-20335', 'CG-12520', 'DV-13045']);
  });

  it('derives profit from Cost when there is no Profit column', () => {
    const withCost = ROWS.slice(0, 2).map(({ Profit: _, ...r }, i) => ({
      ...r,
      Cost: ['220.0464', '512.358'][i],
    }));
    expect(expectedTotals(withCost).overall).toMatchObject({ revenue: '993.9', profit: '261.4956' });
    expect(() => expectedTotals([{ ...ROWS[0], Profit: '' } as OrderLineRecord])).toThrow(
      /neither Profit nor Cost/,
    );
  });

  it('restricts to an order-date window [from, to)', () => {
    expect(expectedTotals(ROWS, { from: '2016-01-01' }).overall).toEqual({
      revenue: '1008.52',
      profit: '268.367',
      orders: 2,
      lines: 3,
      customers: 2,
    });
    expect(expectedTotals(ROWS, { from: '2016-06-12', to: '2016-11-08' }).overall).toMatchObject({
      revenue: '14.62',
      lines: 1,
    });
  });

  it('reads US and ISO order dates', () => {
    expect(isoOrderDate('6/12/2016')).toBe('2016-06-12');
    expect(isoOrderDate('2016-06-12')).toBe('2016-06-12');
    expect(() => isoOrderDate('12.6.2016')).toThrow(/Unrecognised/);
  });
});
