import { emailAddress, httpUrl } from '@rapport/shared/schemas/primitives';
import { Team, User } from '@rapport/shared/schemas/team';
import { SyncStatus } from '@rapport/shared/sync/messages';
import { z } from 'zod';

// Commands only the extension's own pages (popup, side panel) send: signing in and out and
// dismissing refused changes. They concern the browser's session, not the domain, so they live
// here rather than in the shared union (shared/src/sync/messages.ts), in the same shape.

const command = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), ...shape });

const money = z.string().regex(/^-?\d+(?:\.\d+)?$/, { error: 'money must be a decimal string' });

/** GET /api/v1/customers/{id}/orders as the quick lookup reads it. */
export const CustomerOrders = z.object({
  customer: z.object({ id: z.string(), externalId: z.string().nullable(), name: z.string() }),
  currency: z.string().regex(/^[A-Z]{3}$/),
  totalOrders: z.int().min(0),
  orders: z.array(
    z.object({
      orderId: z.string(),
      orderedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      lines: z.int().min(0),
      revenue: money,
      profit: money,
      margin: z.string().nullable(),
    }),
  ),
  months: z.array(
    z.object({
      month: z.string().regex(/^\d{4}-\d{2}$/),
      orders: z.int().min(0),
      revenue: money,
      profit: money,
    }),
  ),
});
export type CustomerOrders = z.infer<typeof CustomerOrders>;

export const extensionMessageSchemas = {
  'auth.signIn': {
    request: command('auth.signIn', {
      serverUrl: httpUrl,
      email: emailAddress,
      password: z
        .string({ error: 'password must be text' })
        .min(1, { error: 'password must not be empty' })
        .max(1024),
      /** Replace local data that belongs to another account (the UI asks first). */
      discardOtherAccount: z.boolean().default(false),
    }),
    response: z.strictObject({ user: User, team: Team }),
  },
  'auth.signOut': {
    /** wipe: also delete this browser's copy of the team's data and unsynced changes. */
    request: command('auth.signOut', { wipe: z.boolean({ error: 'wipe must be true or false' }) }),
    response: z.strictObject({ ok: z.literal(true) }),
  },
  'sync.dismissRejected': {
    /** Empty: dismiss all. */
    request: command('sync.dismissRejected', { mutationIds: z.array(z.int().positive()).max(1000) }),
    response: SyncStatus,
  },
  /** The popup opens the side panel on a view ("customer/<id>", "contact/<id>", "followups"…). */
  'panel.route': {
    request: command('panel.route', {
      route: z
        .string()
        .regex(
          /^(?:people|followups|sync|settings|(?:contact|customer)\/[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})$/,
          {
            error: 'route must be a side panel view such as "customer/<id>"',
          },
        ),
    }),
    response: z.strictObject({ ok: z.literal(true) }),
  },
  /** A customer's orders from the team server (the quick lookup's order list); needs a connection. */
  'customer.orders': {
    request: command('customer.orders', {
      customerId: z.uuid({ error: 'customerId must be a customer id' }),
      limit: z.int().min(1).max(200).default(20),
    }),
    response: CustomerOrders,
  },
} as const;
