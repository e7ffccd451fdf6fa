import { findBadText, textProblem } from '@rapport/shared/text';
import { MappingError } from './order-columns.ts';
import type { RowError } from './order-row.ts';

/** A header with a NUL is a binary or unreadable file, not a CSV with one bad cell: say so once. */
const ENCODING_HINT = 'is it a text CSV file? Save it as UTF-8 CSV';

/** Refuses the whole file when its header row holds a NUL or a broken character. */
export function assertCleanHeader(record: readonly string[]): void {
  const bad = findBadText(record);
  if (bad)
    throw new MappingError(
      `The header row, column ${Number(bad.path[0]) + 1}, ${bad.message}: ${ENCODING_HINT}`,
      ['bad text in the header row'],
    );
}

/** The row's error when a cell holds a NUL (Postgres cannot store it) or a broken character, else null. */
export function badCellError(
  record: readonly string[],
  row: number,
  columns: readonly { header: string }[],
): RowError | null {
  // One test of the row's cells joined (by a character that pairs with no surrogate) answers the
  // common clean row; only a bad one is walked cell by cell to name the cell.
  if (textProblem(record.join('\u0001')) === null) return null;
  const bad = findBadText(record);
  if (!bad) return null;
  const at = Number(bad.path[0]);
  return { row, column: columns[at]?.header ?? `column ${at + 1}`, message: bad.message };
}
