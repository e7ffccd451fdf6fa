/** What a sortable column sorts by: a number, an exact amount (bigint), a text, or nothing (always last). */
export type SortValue = number | bigint | string | null | undefined;

export type SortOrder = 'asc' | 'desc';

export interface SortState {
  column: string;
  order: SortOrder;
}

function compare(a: SortValue, b: SortValue): number {
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b);
  if (typeof a === 'string' || typeof b === 'string') return String(a).localeCompare(String(b));
  return a === b ? 0 : (a as number | bigint) < (b as number | bigint) ? -1 : 1;
}

/**
 * The rows in the order of `value`, ascending or descending; rows without a value stay last either
 * way, and equal rows keep their order (a stable sort on a copy: the input is not touched).
 */
export function sortRows<R>(rows: readonly R[], value: (row: R) => SortValue, order: SortOrder): R[] {
  const sign = order === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, v: value(row) }))
    .sort((x, y) => {
      const xNone = x.v === null || x.v === undefined;
      const yNone = y.v === null || y.v === undefined;
      if (xNone || yNone) return xNone === yNone ? x.index - y.index : xNone ? 1 : -1;
      return sign * compare(x.v, y.v) || x.index - y.index;
    })
    .map((x) => x.row);
}

/** Clicking a column: the same column flips its order; another starts at `first` (numbers: largest first). */
export function nextSort(current: SortState | null, column: string, first: SortOrder): SortState {
  return current?.column === column
    ? { column, order: current.order === 'asc' ? 'desc' : 'asc' }
    : { column, order: first };
}
