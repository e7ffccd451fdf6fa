import { z } from 'zod';
import type { OrderLine } from '../domain/profit.ts';
import { isoDate } from './dates.ts';
import { moneyAmount } from './money.ts';

/** Validates an order line with money as decimal strings and turns it into an OrderLine. */
export const orderLineInput = z.object({
  customerId: z.string().min(1, { error: 'customerId must not be empty' }),
  orderId: z.string().min(1, { error: 'orderId must not be empty' }),
  lineKey: z.string().min(1, { error: 'lineKey must not be empty' }),
  orderedAt: isoDate,
  productId: z.string().min(1, { error: 'productId must not be empty' }),
  revenue: moneyAmount,
  profit: moneyAmount,
  quantity: z.number({ error: 'quantity must be a finite number' }),
}) satisfies z.ZodType<OrderLine, unknown>;
