import { z } from 'zod';
import { timeZoneSchema } from './dates.ts';
import { uuidSchema } from './ids.ts';
import { emailAddress, isoDateTime, requiredText } from './primitives.ts';

export const ROLES = ['rep', 'lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES, { error: "role must be 'rep', 'lead' or 'admin'" });

export const Team = z.strictObject({
  id: uuidSchema,
  name: requiredText('name', 200),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Team = z.infer<typeof Team>;

/** A team member as the API shows it (never a password or hash). */
export const User = z.strictObject({
  id: uuidSchema,
  teamId: uuidSchema,
  email: emailAddress,
  name: requiredText('name', 200),
  role: roleSchema,
  /** Deactivated users cannot sign in; their rows stay. */
  active: z.boolean({ error: 'active must be true or false' }),
  /** null: the browser's time zone. */
  timeZone: timeZoneSchema.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type User = z.infer<typeof User>;
