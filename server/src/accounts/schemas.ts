import { z } from '@hono/zod-openapi';
import { emailAddress, requiredText } from '@rapport/shared/schemas/primitives';
import { roleSchema, Team, User } from '@rapport/shared/schemas/team';

/** API shapes of accounts, shared with the extension and dashboard. */
export { roleSchema as RoleSchema, Team as TeamSchema, User as UserSchema };

/** Login emails: trimmed, lower-case. */
export const EmailSchema = emailAddress;

export const PasswordSchema = z
  .string({ error: 'password must be text' })
  .min(8, { error: 'password must be at least 8 characters' })
  .max(1024, { error: 'password must be at most 1024 characters' });

export const NameSchema = requiredText('name', 200);
