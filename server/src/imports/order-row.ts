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
  /** The line's key: the file's line id, else order id + its position in the order ("CA-1#2"). */
  lineKey: string;
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

/** Distinct date texts remembered per import (a file repeats its days; a cap keeps odd files bounded). */
const DATE_CACHE = 10_000;

/**
 * Reads an order file's data records, one reader per import: what depends only on the file (its
 * columns' headers, the discount unit, the reading of each distinct date text) is worked out once,
 * and a row allocates only its line (or its errors).
 */
export class OrderRowReader {
  readonly #ctx: RowContext;
  readonly #index: ResolvedColumns['index'];
  readonly #width: number;
  readonly #discountInPercent: boolean;
  readonly #dates = new Map<string, { date: string } | { error: string }>();
  // The row being read.
  #record: readonly string[] = [];
  #row = 0;
  #errors: RowError[] = [];
  /** Currencies the row's amounts name themselves ("€12.50", "USD 12.50"), in order. */
  #named: string[] = [];

  constructor(ctx: RowContext) {
    this.#ctx = ctx;
    this.#index = ctx.columns.index;
    this.#width = ctx.columns.columns.length;
    this.#discountInPercent = /%|percent|pct/i.test(this.#headerOf('discount'));
  }

  #headerOf(field: OrderField): string {
    return this.#ctx.columns.columns[this.#index[field] ?? -1]?.header ?? field;
  }

  #fail(field: OrderField | null, message: string): void {
    this.#errors.push({ row: this.#row, column: field === null ? null : this.#headerOf(field), message });
  }

  #failedOn(field: OrderField): boolean {
    if (this.#errors.length === 0) return false;
    const header = this.#headerOf(field);
    return this.#errors.some((e) => e.column === header);
  }

  #text(field: OrderField): string | null {
    const at = this.#index[field];
    if (at === undefined) return null;
    const value = (this.#record[at] ?? '').trim();
    if (value === '') return null;
    const max = LIMITS[field];
    if (max !== undefined && value.length > max) {
      this.#fail(field, `is longer than ${max} characters`);
      return null;
    }
    return value;
  }

  #required(field: OrderField): string {
    const value = this.#text(field);
    if (value === null && !this.#failedOn(field)) this.#fail(field, 'is empty');
    return value ?? '';
  }

  #money(field: OrderField): Money | null {
    const value = this.#text(field);
    if (value === null) return null;
    const read = parseAmount(value, this.#ctx.decimal);
    if ('error' in read) {
      this.#fail(field, `"${value}" is not an amount: ${read.error}`);
      return null;
    }
    if (read.currency && !this.#named.includes(read.currency)) this.#named.push(read.currency);
    return read.amount;
  }

  #date(text: string): { date: string } | { error: string } {
    let read = this.#dates.get(text);
    if (read === undefined) {
      read = parseDateAs(text, this.#ctx.dateFormat);
      if (this.#dates.size < DATE_CACHE) this.#dates.set(text, read);
    }
    return read;
  }

  #discount(): LineDiscount | undefined {
    const rateText = this.#text('discount');
    if (rateText !== null) {
      const plain = plainDecimal(rateText, this.#ctx.decimal);
      const f = 'error' in plain || plain.currency ? null : decimalFraction(plain.text);
      // "15%", a header that says percent ("Discount %"), a column whose values exceed 1 (15 = 15 %),
      // or else a fraction such as Superstore's 0.2.
      const percent =
        !('error' in plain) &&
        (plain.percent || this.#ctx.discountPoints === true || this.#discountInPercent);
      const rate = f && (percent ? { num: f.num, den: f.den * 100n } : f);
      if (!rate || rate.num < 0n || rate.num > rate.den) {
        this.#fail(
          'discount',
          `"${rateText}" is not a discount rate between 0 and 100 % (such as 15% or 0.15)`,
        );
        return undefined;
      }
      return { rate };
    }
    const amount = this.#money('discountAmount');
    return amount === null ? null : { amount: amount < 0n ? -amount : amount };
  }

  /** Reads one data record; either a line or the reasons it cannot be one. */
  read(record: readonly string[], row: number, position = 0): { line: ParsedLine } | { errors: RowError[] } {
    this.#record = record;
    this.#row = row;
    this.#errors = [];
    this.#named.length = 0;
    const ctx = this.#ctx;
    const index = this.#index;

    for (let i = this.#width; i < record.length; i += 1) {
      if ((record[i] as string).trim() !== '') {
        this.#fail(null, `has ${record.length} fields but the header has ${this.#width}`);
        break;
      }
    }

    const lineId = index.lineId === undefined ? null : this.#required('lineId');
    const orderId = this.#required('orderId');
    // Files without customer ids (many shops and Chinese platforms) identify customers by name.
    const customerExternalId = this.#required(index.customerId === undefined ? 'customerName' : 'customerId');
    const dateText = this.#required('orderedAt');
    let orderedAt = '';
    if (dateText) {
      const parsed = this.#date(dateText);
      if ('error' in parsed) this.#fail('orderedAt', parsed.error);
      else orderedAt = parsed.date;
    }

    const productId = this.#text('productId');
    const productName = this.#text('productName');
    if (productId === null && productName === null)
      this.#fail(index.productId === undefined ? 'productName' : 'productId', 'is empty');

    let quantity = 1;
    let quantityText: string | null = null;
    const quantityCell = this.#text('quantity');
    if (quantityCell !== null) {
      const plain = plainDecimal(quantityCell, ctx.decimal);
      quantity = 'error' in plain || plain.percent || plain.currency ? Number.NaN : Number(plain.text);
      if (!('error' in plain)) quantityText = plain.text;
      if (!(quantity > 0) || !Number.isFinite(quantity))
        this.#fail('quantity', `"${quantityCell}" is not a quantity greater than 0`);
    } else if (index.quantity !== undefined) this.#fail('quantity', 'is empty');

    // Without a revenue column: list price × quantity less the discount, exactly.
    const fromPrice = index.revenue === undefined;
    let revenue: Money | null;
    if (fromPrice) {
      const price = this.#money('unitPrice');
      const discount = this.#discount();
      const exact = (quantityText === null ? null : decimalFraction(quantityText)) ?? { num: 1n, den: 1n };
      revenue = price === null || discount === undefined ? null : lineRevenue(price, exact, discount);
    } else revenue = this.#money('revenue');
    if (revenue === null) {
      const priceField = fromPrice ? 'unitPrice' : 'revenue';
      const said = fromPrice
        ? [this.#headerOf(priceField), this.#headerOf('discount'), this.#headerOf('discountAmount')]
        : [this.#headerOf(priceField)];
      if (!this.#errors.some((e) => e.column !== null && said.includes(e.column)))
        this.#fail(priceField, 'is empty');
    }
    const cost = index.cost === undefined ? null : this.#money('cost');
    let profit = index.profit === undefined ? null : this.#money('profit');
    if (profit === null && cost === null && !this.#failedOn('profit') && !this.#failedOn('cost')) {
      this.#fail(index.profit === undefined ? 'cost' : 'profit', 'is empty');
    }
    if (profit === null && cost !== null && revenue !== null) profit = revenue - cost;

    let email: string | null = null;
    const emailText = this.#text('email');
    if (emailText !== null) {
      email = normaliseEmail(emailText);
      if (email === null) this.#fail('email', `"${emailText}" is not an email address`);
    }

    let ownerId: string | null = null;
    const ownerText = this.#text('owner');
    if (ownerText !== null) {
      ownerId = ctx.members.get(ownerText.toLowerCase()) ?? ctx.members.get(ownerText) ?? null;
      if (ownerId === null) this.#fail('owner', `no member of the team has the email "${ownerText}"`);
    }

    const column = this.#text('currency')?.toUpperCase() ?? null;
    const named = this.#named;
    if (named.length > 1) this.#fail(null, `its amounts are in different currencies (${named.join(', ')})`);
    const inAmounts = named[0];
    if (column !== null && inAmounts !== undefined && inAmounts !== column)
      this.#fail('currency', `says ${column} but the amounts say ${inAmounts}`);
    const currency = column ?? inAmounts ?? ctx.fileCurrency.toUpperCase();
    let rate: Fraction | undefined;
    if (currency !== ctx.teamCurrency) {
      rate = ctx.rates.get(currency);
      if (!/^[A-Z]{3}$/.test(currency))
        this.#fail('currency', `"${currency}" is not a currency code such as USD`);
      else if (!rate) {
        this.#fail(
          index.currency === undefined ? null : 'currency',
          `the line is in ${currency}, not the team's ${ctx.teamCurrency}; give a rate (e.g. rate ${currency}=1.08) to convert it`,
        );
      }
    }

    const customerName = this.#text('customerName');
    const segment = this.#text('segment');
    const category = this.#text('category');
    const subCategory = this.#text('subCategory');
    const errors = this.#errors;
    if (errors.length > 0 || revenue === null || profit === null) return { errors };
    const revenueTeam = rate ? convert(revenue, rate) : revenue;
    const costTeam = cost === null ? null : rate ? convert(cost, rate) : cost;
    return {
      line: {
        row,
        lineId,
        lineKey: lineId ?? `${orderId}#${position}`,
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
        profit:
          costTeam !== null && index.profit === undefined
            ? revenueTeam - costTeam
            : rate
              ? convert(profit, rate)
              : profit,
      },
    };
  }
}

/** An amount in the team's currency at this rate, rounded half away from zero to the money unit. */
function convert(m: Money, rate: Fraction): Money {
  return divRoundHalfAwayFromZero(m * rate.num, rate.den);
}

/** Reads one data record with a reader of its own (OrderRowReader reads a whole file). */
export function parseOrderRow(
  record: readonly string[],
  row: number,
  ctx: RowContext,
  position = 0,
): { line: ParsedLine } | { errors: RowError[] } {
  return new OrderRowReader(ctx).read(record, row, position);
}
