import { createRoute, z } from '@hono/zod-openapi';
import { ErrorSchema } from '../../lib/errors.ts';
import { errorResponses, IdParam, jsonBody, jsonResponse, notFoundResponse } from '../../lib/openapi.ts';
import { CustomerOrdersQuery, CustomerOrdersSchema } from '../../reports/customer-orders.ts';

export const MergeBody = z
  .strictObject({
    from: z.uuid({ error: 'from must be a customer id' }).openapi({
      description: 'The customer merged into this one (it is removed; its id becomes an alias)',
      example: '01944f3a-7c00-7000-8000-000000000101',
    }),
    dryRun: z.boolean({ error: 'dryRun must be true or false' }).default(false).openapi({
      description: 'Answer what would move without changing anything',
    }),
  })
  .openapi('MergeCustomers');

const Moves = z.object({
  orderLines: z.number().int(),
  contact: z.number().int(),
  opportunity: z.number().int(),
  ticket: z.number().int(),
  interaction: z.number().int(),
  surveyResponse: z.number().int(),
});

export const mergeRoute = createRoute({
  method: 'post',
  path: '/{id}/merge',
  tags: ['customers'],
  summary: 'Merge another customer into this one (lead, admin)',
  description:
    "Moves the other customer's order lines, contacts, opportunities, tickets, interactions and survey answers here, adds its domains and emails, removes it (its id becomes an alias, so synced clients converge) and recomputes metrics and tiers, all with one new team version. dryRun=true previews the moves.",
  request: { params: IdParam, body: jsonBody(MergeBody) },
  responses: {
    200: jsonResponse(
      z.object({
        into: z.object({ id: z.string(), name: z.string() }),
        from: z.object({ id: z.string(), name: z.string() }),
        moves: Moves,
        dryRun: z.boolean(),
        version: z.number().int().nullable(),
      }),
      'What moved (or would move, for a dry run)',
    ),
    ...errorResponses,
    404: jsonResponse(ErrorSchema, 'No such customer in your team'),
  },
});

export const ordersRoute = createRoute({
  method: 'get',
  path: '/{id}/orders',
  tags: ['customers'],
  summary: "A customer's newest orders and orders by month (any team member)",
  description:
    "For the extension's quick lookup: the newest orders (lines grouped by order id, exact money and margin) and orders, revenue and profit by month over all time. Another team's customer is a 404.",
  request: { params: IdParam, query: CustomerOrdersQuery },
  responses: {
    200: jsonResponse(CustomerOrdersSchema, 'The orders'),
    ...errorResponses,
    ...notFoundResponse,
  },
});
