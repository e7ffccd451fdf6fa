import { z } from 'zod';
import { TEXT_LIMITS } from '../limits.ts';
import { entityBase, newEntityBase } from './base.ts';
import { isoDate } from './dates.ts';
import { uuidSchema } from './ids.ts';
import { optionalText } from './primitives.ts';

const score = (what: string, min: number, max: number) =>
  z
    .int({ error: `${what} must be a whole number ${min}–${max}` })
    .min(min, { error: `${what} must be ${min}–${max}` })
    .max(max, { error: `${what} must be ${min}–${max}` });

const surveyFields = {
  contactId: uuidSchema,
  customerId: uuidSchema.nullable(),
  date: isoDate,
  csat: score('csat', 1, 5).nullable(),
  nps: score('nps', 0, 10).nullable(),
  comment: optionalText('comment', TEXT_LIMITS.note),
};
const hasAScore = (s: { csat: number | null; nps: number | null }) => s.csat !== null || s.nps !== null;
const needsAScore = { error: 'a survey response needs csat, nps or both', path: ['csat'] };

/** CSAT (1–5) and/or NPS (0–10) from one contact on one day. */
export const SurveyResponse = z
  .strictObject({ ...entityBase, ...surveyFields })
  .refine(hasAScore, needsAScore);
export type SurveyResponse = z.infer<typeof SurveyResponse>;
export const NewSurveyResponse = z
  .strictObject({ ...newEntityBase, ...surveyFields })
  .refine(hasAScore, needsAScore);
export type NewSurveyResponse = z.infer<typeof NewSurveyResponse>;

const pulseFields = {
  userId: uuidSchema,
  date: isoDate,
  score: score('score', 1, 5),
  /** Private by default: only its author reads the comment unless shared is true. */
  comment: optionalText('comment', TEXT_LIMITS.note),
  shared: z.boolean({ error: 'shared must be true or false' }).default(false),
};

/** An employee's periodic 1–5 satisfaction score. */
export const EmployeePulse = z.strictObject({ ...entityBase, ...pulseFields });
export type EmployeePulse = z.infer<typeof EmployeePulse>;
export const NewEmployeePulse = z.strictObject({ ...newEntityBase, ...pulseFields });
export type NewEmployeePulse = z.infer<typeof NewEmployeePulse>;
