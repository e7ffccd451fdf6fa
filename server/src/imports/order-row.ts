import { decimalFraction, type LineDiscount, lineRevenue } from '@rapport/shared/domain/line-revenue';
import type { Fraction } from '@rapport/shared/domain/ratio';
import { normaliseEmail } from '@rapport/shared/identity/normalize';
import { divRoundHalfAwayFromZero, type Money } from '@rapport/shared/money';
import { type DecimalMark, parseAmount, plainDecimal } from '@rapport/shared/parsing/amounts';
import { type DateFormat, parseDateAs } from '@rapport/shared/parsing/date-formats';
import type { OrderField, ResolvedColumns } from './order-columns.ts';

/** A problem with one row of a file; the row is left out, the others import. */
export interface RowError {
  /** The row as a spreadsheet numbers it (the header is row 1). */
  row: number;
  /** The header of the offending column, or null for the whole row. */
  column: string | null;
  message: string;
}

/** One valid order line of a file, money converted to the team's currency. */
export interface ParsedLine {
  row: number;
  lineId: string | null;
  orderId: string;
  orderedAt: string;
  customerExternalId: string;
  customerName: string;
  segment: string | null;
  email: string | null;
  ownerId: string | null;
  productKey: string;
  productName: string;
  category: string | null;
  subCategory: string | null;
  quantity: number;
  revenue: Money;
  cost: Money | null;
  profit: Money;
}

export interface RowContext {
  columns: ResolvedColumns;
  teamCurrency: string;
  /** The currency of lines without a currency column. */
  fileCurrency: string;
  /** Rates into the team currency by line currency. */
  rates: ReadonlyMap<string, Fraction>;
  /** Team members by lower-case email and by id (owner column). */
  members: ReadonlyMap<string, string>;
  /** The order date column's format, decided from all its values before rows are read. */
  dateFormat: DateFormat;
  /** The file's decimal mark, decided from all its amounts. */
  decimal: DecimalMark;
  /** The discount column is in percentage points (some value exceeds 1), decided from all its values. */
  discountPoints?: boolean;
}

const LIMITS: Partial<Record<OrderField, number>> = {
  lineId: 200,
  orderId: 100,
  customerId: 100,
  customerName: 300,
  productId: 100,
  productName: 500,
  category: 200,
  subCategory: 200,
};

/** Reads one data record; either a line or the reasons it cannot be one. */
export function parseOrderRow(
  record: readonly string[],
  row: number,
  ctx: RowContext,
): { line: ParsedLine } | { errors: RowError[] } {
  const errors: RowError[] = [];
  const { index, columns } = ctx.columns;
  const headerOf = (field: OrderField) => columns[index[field] ?? -1]?.header ?? field;
  const fail = (field: OrderField | null, message: string) => {
    errors.push({ row, column: field === null ? null : headerOf(field), message });
  };
  const text = (field: OrderField): string | null => {
    const at = index[field];
    const value = at === undefined ? '' : (record[at] ?? '').trim();
    if (value === '') return null;
    const max = LIMITS[field];
    if (max !== undefined && value.length > max) {
      fail(field, `is longer than ${max} characters`);
      return null;
    }
    return value;
  };
  const required = (field: OrderField): string => {
    const value = text(field);
    if (value === null && !errors.some((e) => e.column === headerOf(field))) fail(field, 'is empty');
    return value ?? '';
  };
  // Currencies the amounts name themselves ("€12.50", "USD 12.50").
  const named = new Set<string>();
  const money = (field: OrderField): Money | null => {
    const value = text(field);
    if (value === null) return null;
    const read = parseAmount(value, ctx.decimal);
    if ('error' in read) {
      fail(field, `"${value}" is not an amount: ${read.error}`);
      return null;
    }
    if (read.currency) named.add(read.currency);
    return read.amount;
  };

  function discountOf(): LineDiscount | undefined {
    const rateText = text('discount');
    if (rateText !== null) {
      const plain = plainDecimal(rateText, ctx.decimal);
      const f = 'error' in plain || plain.currency ? null : decimalFraction(plain.text);
      // "15%", a header that says percent ("Discount %"), a column whose values exceed 1 (15 = 15 %),
      // or else a fraction such as Superstore's 0.2.
      const percent =
        !('error' in plain) &&
        (plain.percent || ctx.discountPoints === true || /%|percent|pct/i.test(headerOf('discount')));
      const rate = f && (percent ? { num: f.num, den: f.den * 100n } : f);
      if (!rate || rate.num < 0n || rate.num > rate.den) {
        fail('discount', `"${rateText}" is not a discount rate between 0 and 100 % (such as 15% or 0.15)`);
        return undefined;
      }
      return { rate };
    }
    const amount = money('discountAmount');
    return amount === null ? null : { amount: amount < 0n ? -amount : amount };
  }
  function priceRevenue(): Money | null {
    const price = money('unitPrice');
    const discount = discountOf();
    if (price === null || discount === undefined) return null;
    return lineRevenue(price, quantityExact, discount);
  }

  const extra = record.slice(columns.length).some((v) => v.trim() !== '');
  if (extra) fail(null, `has ${record.length} fields but the header has ${columns.length}`);

  const lineId = index.lineId === undefined ? null : required('lineId');
  const orderId = required('orderId');
  // Files without customer ids (many shops and Chinese platforms) identify customers by name.
  const customerExternalId = required(index.customerId === undefined ? 'customerName' : 'customerId');
  const dateText = required('orderedAt');
  let orderedAt = '';
  if (dateText) {
    const parsed = parseDateAs(dateText, ctx.dateFormat);
    if ('error' in parsed) fail('orderedAt', parsed.error);
    else orderedAt = parsed.date;
  }

  const productId = text('productId');
  const productName = text('productName');
  if (productId === null && productName === null)
    fail(index.productId === undefined ? 'productName' : 'productId', 'is empty');

  let quantity = 1;
  let quantityExact = { num: 1n, den: 1n };
  const quantityText = text('quantity');
  if (quantityText !== null) {
    const plain = plainDecimal(quantityText, ctx.decimal);
    quantity = 'error' in plain || plain.percent || plain.currency ? Number.NaN : Number(plain.text);
    if (!('error' in plain)) quantityExact = decimalFraction(plain.text) ?? quantityExact;
    if (!(quantity > 0) || !Number.isFinite(quantity))
      fail('quantity', `"${quantityText}" is not a quantity greater than 0`);
  } else if (index.quantity !== undefined) fail('quantity', 'is empty');

  // Without a revenue column: list price × quantity less the discount, exactly.
  const fromPrice = index.revenue === undefined;
  const revenue = fromPrice ? priceRevenue() : money('revenue');
  const priceField = fromPrice ? 'unitPrice' : 'revenue';
  const said = [
    headerOf(priceField),
    ...(fromPrice ? [headerOf('discount'), headerOf('discountAmount')] : []),
  ];
  if (revenue === null && !errors.some((e) => e.column !== null && said.includes(e.column)))
    fail(priceField, 'is empty');
  const cost = index.cost === undefined ? null : money('cost');
  let profit = index.profit === undefined ? null : money('profit');
  if (
    profit === null &&
    cost === null &&
    !errors.some((e) => e.column === headerOf('profit') || e.column === headerOf('cost'))
  ) {
    fail(index.profit === undefined ? 'cost' : 'profit', 'is empty');
  }
  if (profit === null && cost !== null && revenue !== null) profit = revenue - cost;

  let email: string | null = null;
  const emailText = text('email');
  if (emailText !== null) {
    email = normaliseEmail(emailText);
    if (email === null) fail('email', `"${emailText}" is not an email address`);
  }

  let ownerId: string | null = null;
  const ownerText = text('owner');
  if (ownerText !== null) {
    ownerId = ctx.members.get(ownerText.toLowerCase()) ?? ctx.members.get(ownerText) ?? null;
    if (ownerId === null) fail('owner', `no member of the team has the email "${ownerText}"`);
  }

  const column = text('currency')?.toUpperCase() ?? null;
  if (named.size > 1) fail(null, `its amounts are in different currencies (${[...named].join(', ')})`);
  const [inAmounts] = named;
  if (column !== null && inAmounts !== undefined && inAmounts !== column)
    fail('currency', `says ${column} but the amounts say ${inAmounts}`);
  const currency = column ?? inAmounts ?? ctx.fileCurrency.toUpperCase();
  let rate: Fraction | undefined;
  if (currency !== ctx.teamCurrency) {
    rate = ctx.rates.get(currency);
    if (!/^[A-Z]{3}$/.test(currency)) fail('currency', `"${currency}" is not a currency code such as USD`);
    else if (!rate) {
      fail(
        index.currency === undefined ? null : 'currency',
        `the line is in ${currency}, not the team's ${ctx.teamCurrency}; give a rate (e.g. rate ${currency}=1.08) to convert it`,
      );
    }
  }

  const customerName = text('customerName');
  const segment = text('segment');
  const category = text('category');
  const subCategory = text('subCategory');
  if (errors.length > 0 || revenue === null || profit === null) return { errors };
  const convert = (m: Money) => (rate ? divRoundHalfAwayFromZero(m * rate.num, rate.den) : m);
  const revenueTeam = convert(revenue);
  const costTeam = cost === null ? null : convert(cost);
  return {
    line: {
      row,
      lineId,
      orderId,
      orderedAt,
      customerExternalId,
      customerName: customerName ?? customerExternalId,
      segment,
      email,
      ownerId,
      productKey: (productId ?? productName) as string,
      productName: (productName ?? productId) as string,
      category,
      subCategory,
      quantity,
      revenue: revenueTeam,
      cost: costTeam,
      // With a cost, profit stays revenue − cost after conversion; a given profit is converted as is.
      profit: costTeam !== null && index.profit === undefined ? revenueTeam - costTeam : convert(profit),
    },
  };
}
