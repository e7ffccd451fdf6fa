import { createHash } from 'node:crypto';
import { DECIMAL_MARKS, type DecimalMark } from '@rapport/shared/parsing/amounts';
import { DATE_FORMATS, type DateFormat } from '@rapport/shared/parsing/date-formats';
import { z } from 'zod';
import type { Store } from '../store/store.ts';
import { foldHeader, orderFieldSchema } from './order-columns.ts';
import type { Table } from './table.ts';

// A team imports the same export every month. What it told the import once (column overrides, the
// date format it answered, the decimal mark) is kept with the import and reused for the next file
// whose header row is the same, so the second file needs no flags.

/** The same columns in the same order, however they are spelled (case, spaces, punctuation). */
export function headerShape(record: readonly string[]): string {
  return createHash('sha256')
    .update(JSON.stringify(record.map(foldHeader)))
    .digest('hex')
    .slice(0, 16);
}

/** What an order import keeps for the next file of its shape (zod: it is read back from stored JSON). */
export const SavedMapping = z.object({
  shape: z.string(),
  columns: z.record(z.string(), orderFieldSchema),
  dateFormat: z.enum(DATE_FORMATS).nullable(),
  decimal: z.enum(DECIMAL_MARKS),
});
export type SavedMapping = z.infer<typeof SavedMapping>;

export interface FoundMapping extends SavedMapping {
  /** The import it was saved with. */
  importId: string;
}

/** How many recent imports are searched for a file's shape. */
const RECENT = 200;
const HEADER_SEARCH = 20;

/** The newest order import whose header row appears among the file's first lines, or null. */
export async function findSavedMapping(
  store: Store,
  teamId: string,
  table: Table,
): Promise<FoundMapping | null> {
  const saved = new Map<string, FoundMapping>();
  for (const item of await store.imports.list(teamId, RECENT)) {
    if (item.kind !== 'orders') continue;
    const parsed = SavedMapping.safeParse(item.summary.mapping);
    if (parsed.success && !saved.has(parsed.data.shape))
      saved.set(parsed.data.shape, { ...parsed.data, importId: item.id });
  }
  if (saved.size === 0) return null;
  let lines = 0;
  for await (const record of table.records()) {
    const found = saved.get(headerShape(record));
    if (found) return found;
    if (++lines >= HEADER_SEARCH) break;
  }
  return null;
}

export interface MappingFallback {
  dateFormat?: DateFormat;
  decimal?: DecimalMark;
  importId: string;
}
