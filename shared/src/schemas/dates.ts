import { z } from 'zod';
import { dateInputProblem, isValidTimeZone } from '../domain/dates.ts';

/**
 * zod schema for an existing calendar day in MIN_YEAR..MAX_YEAR: rejects '2026-02-30', '2026-2-3'
 * and '0001-01-01' with clear messages. Every date field and date query uses it.
 */
export const isoDate = z.string({ error: "expected a date string 'YYYY-MM-DD'" }).check((ctx) => {
  const problem = dateInputProblem(ctx.value);
  if (problem)
    ctx.issues.push({ code: 'custom', message: problem, input: ctx.value, params: { reason: 'date' } });
});

/** An IANA time zone name such as 'Asia/Shanghai' or 'UTC'. */
export const timeZoneSchema = z.string({ error: 'expected an IANA time zone name' }).refine(isValidTimeZone, {
  error: (issue) => `${JSON.stringify(issue.input)} is not a known IANA time zone`,
  params: { reason: 'timeZone' },
});

/** zod schema for a half-open [from, to) window; from must be before to. */
export const dateWindowSchema = z
  .object({ from: isoDate.nullable(), to: isoDate.nullable() })
  .refine((w) => w.from === null || w.to === null || w.from < w.to, {
    error: 'window start must be before its end (the end is exclusive)',
    path: ['to'],
    params: { reason: 'windowOrder' },
  });
