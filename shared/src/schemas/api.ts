import { z } from 'zod';
import { emailAddress, isoDateTime } from './primitives.ts';
import { Team, User } from './team.ts';

export const LoginBody = z.strictObject({
  email: emailAddress,
  password: z
    .string({ error: 'password must be text' })
    .min(1, { error: 'password must not be empty' })
    .max(1024, { error: 'password is too long' }),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const LoginResponse = z.strictObject({
  /** Bearer token for the Authorization header. */
  token: z.string().min(1),
  expiresAt: isoDateTime,
  user: User,
  /** The team the user belongs to (its name and settings version for the UI). */
  team: Team,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/** Machine-readable error codes are snake_case ("validation_failed", "not_found", "mutation_gap"). */
export const errorCode = z.string().regex(/^[a-z][a-z0-9_]*$/, { error: 'error code must be snake_case' });

/** Every API error: { error: { code, message, details } }; details is null or any JSON (often IssueDetail[]). */
export const ErrorBody = z.strictObject({
  error: z.strictObject({
    code: errorCode,
    message: z.string().min(1),
    details: z.json().nullable(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export function errorBody(code: string, message: string, details: unknown = null): ErrorBody {
  return { error: { code, message, details: (details ?? null) as ErrorBody['error']['details'] } };
}
