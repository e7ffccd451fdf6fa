import { z } from 'zod';
import { HLC_PATTERN } from '../sync/hlc.ts';

export const hlcString = z.string({ error: 'expected an HLC string' }).regex(HLC_PATTERN, {
  error: 'expected an HLC such as "1767225600000:0000:server" (13-digit ms, 4 base-36 digits, node id)',
});
