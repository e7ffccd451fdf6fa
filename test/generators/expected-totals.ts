// What an import of a Superstore-style file must report, computed straight from the rows with exact
// decimals (exact-decimal.ts, independent of shared/money). Feed it the generator's rows again (same
// options, same rows) or any parsed file whose headers use the canonical names.
import {
  addDecimal,
  type Decimal,
  formatDecimal,
  parseDecimal,
  subtractDecimal,
  ZERO,
} from './exact-decimal.ts';

/** The columns the totals read; Profit, or else Cost (profit = Sales − Cost). */
export interface OrderLineRecord {
  'Order ID': string;
  'Order Date': string;
  'Customer ID': string;
  'Customer Name'?: string;
  Sales: string;
  Profit?: string;
  Cost?: string;
}

export interface MoneyTotals {
  /** Exact decimal strings, shortest form ("2297200.8603", "-1980.739", "48"). */
  revenue: string;
  profit: string;
  /** Distinct order ids. */
  orders: number;
  lines: number;
}

export interface CustomerTotals extends MoneyTotals {
  customerId: string;
  name: string;
}

export interface ExpectedTotals {
  overall: MoneyTotals & { customers: number };
  byCustomer: Map<string, CustomerTotals>;
}

export interface TotalsWindow {
  /** ISO dates (YYYY-MM-DD), on Order Date: from inclusive, to exclusive. */
  from?: string;
  to?: string;
}

/** "11/8/2016" or "2016-11-08" -> "2016-11-08". */
export function isoOrderDate(text: string): string {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (us) return `${us[3]}-${us[1]?.padStart(2, '0')}-${us[2]?.padStart(2, '0')}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  throw new Error(`Unrecognised order date "${text}" (expected m/d/yyyy or yyyy-mm-dd)`);
}

function lineProfit(row: OrderLineRecord, sales: Decimal): Decimal {
  if (row.Profit !== undefined && row.Profit !== '') return parseDecimal(row.Profit);
  if (row.Cost !== undefined && row.Cost !== '') return subtractDecimal(sales, parseDecimal(row.Cost));
  throw new Error(`Order ${row['Order ID']} has neither Profit nor Cost`);
}

interface Accumulator {
  name: string;
  revenue: Decimal;
  profit: Decimal;
  orders: Set<string>;
  lines: number;
}

export function expectedTotals(rows: Iterable<OrderLineRecord>, window: TotalsWindow = {}): ExpectedTotals {
  const customers = new Map<string, Accumulator>();
  const orders = new Set<string>();
  let revenue = ZERO;
  let profit = ZERO;
  let lines = 0;
  for (const row of rows) {
    if (window.from !== undefined || window.to !== undefined) {
      const day = isoOrderDate(row['Order Date']);
      if ((window.from !== undefined && day < window.from) || (window.to !== undefined && day >= window.to))
        continue;
    }
    const sales = parseDecimal(row.Sales);
    const lp = lineProfit(row, sales);
    const id = row['Customer ID'];
    let acc = customers.get(id);
    if (!acc) {
      acc = { name: row['Customer Name'] ?? '', revenue: ZERO, profit: ZERO, orders: new Set(), lines: 0 };
      customers.set(id, acc);
    }
    acc.revenue = addDecimal(acc.revenue, sales);
    acc.profit = addDecimal(acc.profit, lp);
    acc.orders.add(row['Order ID']);
    acc.lines++;
    revenue = addDecimal(revenue, sales);
    profit = addDecimal(profit, lp);
    orders.add(row['Order ID']);
    lines++;
  }
  const byCustomer = new Map<string, CustomerTotals>();
  for (const [customerId, acc] of customers) {
    byCustomer.set(customerId, {
      customerId,
      name: acc.name,
      revenue: formatDecimal(acc.revenue),
      profit: formatDecimal(acc.profit),
      orders: acc.orders.size,
      lines: acc.lines,
    });
  }
  return {
    overall: {
      revenue: formatDecimal(revenue),
      profit: formatDecimal(profit),
      orders: orders.size,
      lines,
      customers: customers.size,
    },
    byCustomer,
  };
}

/** Customers by revenue, highest first (ties by id), for "who is the biggest buyer" assertions. */
export function customersByRevenue(totals: ExpectedTotals): CustomerTotals[] {
  const cmp = (a: CustomerTotals, b: CustomerTotals): number => {
    const diff = subtractDecimal(parseDecimal(b.revenue), parseDecimal(a.revenue)).units;
    if (diff !== 0n) return diff > 0n ? 1 : -1;
    return a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0;
  };
  return [...totals.byCustomer.values()].sort(cmp);
}
