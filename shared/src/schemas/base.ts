import { z } from 'zod';
import { CHANNELS } from '../channels.ts';
import { uuidSchema } from './ids.ts';
import { isoDateTime } from './primitives.ts';

export { CHANNELS, type Channel } from '../channels.ts';

/** Fields every stored entity carries. updatedAt is derived on sync rows (see sync/materialize). */
export const entityBase = {
  id: uuidSchema,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  deletedAt: isoDateTime.nullable(),
};

/** The fields a client sends when it creates an insert-only entity (createdAt defaults to the write's HLC time). */
export const newEntityBase = {
  id: uuidSchema,
  createdAt: isoDateTime.optional(),
};

/** An array whose elements are distinct by `key`, e.g. emails by address, handles by network:id. */
export function uniqueArray<T extends z.ZodType>(
  element: T,
  key: (v: z.output<T>) => string,
  what: string,
  max = 200,
) {
  return z
    .array(element, { error: `${what} must be a list` })
    .max(max, { error: `${what} may hold at most ${max} entries` })
    .check((ctx) => {
      if (ctx.value.length < 2) return; // nothing to repeat (most sets of a contact hold 0–1 values)
      const seen = new Set<string>();
      for (const v of ctx.value) {
        const k = key(v);
        if (seen.has(k))
          ctx.issues.push({
            code: 'custom',
            message: `${what} lists ${JSON.stringify(k)} twice`,
            input: ctx.value,
            params: { reason: 'duplicate' },
          });
        seen.add(k);
      }
    });
}

export const channelSchema = z.enum(CHANNELS, { error: `channel must be one of ${CHANNELS.join(', ')}` });
