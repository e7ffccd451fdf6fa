import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Where the SQLite file and uploads live when RAPPORT_DATA_DIR is unset: server/data/ (git-ignored). */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const wholeNumber = (name: string, min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int({ error: `${name} must be a whole number` })
    .min(min, { error: `${name} must be at least ${min}` })
    .max(max, { error: `${name} must be at most ${max}` })
    .default(fallback);

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Every setting the server and CLI read from the environment, in one place (documented in the README). */
export const EnvSchema = z
  .object({
    PORT: wholeNumber('PORT', 0, 65_535, 8787),
    HOST: optionalText.default('0.0.0.0'),
    RAPPORT_DATA_DIR: optionalText.default(DEFAULT_DATA_DIR),
    DATABASE_URL: optionalText.refine((u) => u === undefined || /^postgres(ql)?:\/\//.test(u), {
      error: 'DATABASE_URL must start with postgres:// or postgresql://',
    }),
    RAPPORT_ADMIN_EMAIL: optionalText.pipe(
      z.email({ error: 'RAPPORT_ADMIN_EMAIL must be an email address' }).optional(),
    ),
    RAPPORT_ADMIN_PASSWORD: optionalText.pipe(
      z.string().min(8, { error: 'RAPPORT_ADMIN_PASSWORD must be at least 8 characters' }).optional(),
    ),
    RAPPORT_TOKEN_TTL_HOURS: wholeNumber('RAPPORT_TOKEN_TTL_HOURS', 1, 24 * 366, 24 * 30),
    RAPPORT_MAX_BODY_MB: wholeNumber('RAPPORT_MAX_BODY_MB', 1, 2048, 32),
    RAPPORT_LOG_LEVEL: z
      .enum(LOG_LEVELS, { error: `RAPPORT_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
      .default('info'),
  })
  .refine((e) => (e.RAPPORT_ADMIN_EMAIL === undefined) === (e.RAPPORT_ADMIN_PASSWORD === undefined), {
    error: 'set both RAPPORT_ADMIN_EMAIL and RAPPORT_ADMIN_PASSWORD, or neither',
    path: ['RAPPORT_ADMIN_PASSWORD'],
  });

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {
  override name = 'EnvError';
}

/** Parses the environment; throws EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = EnvSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.') || 'environment'}: ${i.message}`);
  throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`);
}

/** Token lifetime and request body limit in the units the app uses. */
export function appLimits(env: Env): { tokenTtlMs: number; maxBodyBytes: number } {
  return {
    tokenTtlMs: env.RAPPORT_TOKEN_TTL_HOURS * 3_600_000,
    maxBodyBytes: env.RAPPORT_MAX_BODY_MB * 1024 * 1024,
  };
}
