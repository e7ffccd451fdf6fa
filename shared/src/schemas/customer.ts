import { z } from 'zod';
import { entityBase, uniqueArray } from './base.ts';
import { uuidSchema } from './ids.ts';
import { currencyCode, domainName, emailAddress, requiredText } from './primitives.ts';

export const CUSTOMER_KINDS = ['company', 'person'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];

/** The account that buys; orders, money figures and tiers are per Customer. */
export const Customer = z.strictObject({
  ...entityBase,
  /** The order system's id (e.g. "SM-20320"), unique per team when present. */
  externalId: z
    .string({ error: 'externalId must be text or null' })
    .trim()
    .min(1, { error: 'externalId must not be empty (use null)' })
    .max(100)
    .nullable(),
  name: requiredText('name'),
  kind: z.enum(CUSTOMER_KINDS, { error: "kind must be 'company' or 'person'" }),
  domains: uniqueArray(domainName, (d) => d, 'domains'),
  emails: uniqueArray(emailAddress, (e) => e, 'emails'),
  ownerId: uuidSchema.nullable(),
  /** null means the team's currency. */
  currency: currencyCode.nullable(),
});
export type Customer = z.infer<typeof Customer>;

/** A company (employer), auto-created from work-email domains. */
export const Company = z.strictObject({
  ...entityBase,
  name: requiredText('name'),
  domains: uniqueArray(domainName, (d) => d, 'domains'),
});
export type Company = z.infer<typeof Company>;
