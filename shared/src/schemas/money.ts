import { z } from 'zod';
import { describeInput, moneyProblem, parseMoney } from '../money.ts';

/** A money amount as a decimal string (JSON form), validated with a clear message; stays a string. */
export const moneyString = z.string({ error: 'expected a decimal string such as "12.3456"' }).check((ctx) => {
  const problem = moneyProblem(ctx.value);
  if (problem)
    ctx.issues.push({
      code: 'custom',
      message: `Invalid money amount ${describeInput(ctx.value)}: ${problem}`,
      input: ctx.value,
      params: { reason: 'money' },
    });
});

/** A money decimal string parsed to exact Money (bigint). */
export const moneyAmount = moneyString.transform(parseMoney);
