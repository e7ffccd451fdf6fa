import { z } from 'zod';
import { entityBase } from './base.ts';
import { isoDate } from './dates.ts';
import { uuidSchema } from './ids.ts';
import { moneyString } from './money.ts';
import { currencyCode, marginString, optionalText, requiredText } from './primitives.ts';

/**
 * One imported order line, the source of all money figures. profit = revenue − cost; cost is null
 * when the file gave profit instead. (The domain engine's bigint form is domain/profit's OrderLine.)
 */
export const OrderLine = z.strictObject({
  ...entityBase,
  customerId: uuidSchema,
  orderId: requiredText('orderId', 100),
  /** The file's line id when mapped (e.g. "Row ID"), else orderId + position in its order. */
  lineKey: requiredText('lineKey', 200),
  orderedAt: isoDate,
  productId: uuidSchema,
  productName: requiredText('productName', 500),
  category: optionalText('category', 200),
  subCategory: optionalText('subCategory', 200),
  quantity: z
    .number({ error: 'quantity must be a number' })
    .positive({ error: 'quantity must be greater than 0' })
    .refine(Number.isFinite, { error: 'quantity must be finite' }),
  revenue: moneyString,
  cost: moneyString.nullable(),
  profit: moneyString,
  currency: currencyCode,
});
export type OrderLine = z.infer<typeof OrderLine>;

export const Product = z.strictObject({
  ...entityBase,
  /** The order file's product code (e.g. "FUR-BO-10001798"). */
  externalId: z.string({ error: 'externalId must be text or null' }).trim().min(1).max(100).nullable(),
  name: requiredText('name', 500),
  category: optionalText('category', 200),
  subCategory: optionalText('subCategory', 200),
  /** Overrides the margin computed from lines when set ("0.35" = 35%). */
  standardMargin: marginString.nullable(),
});
export type Product = z.infer<typeof Product>;
