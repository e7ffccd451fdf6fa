import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { nextSort, type SortOrder, type SortState, type SortValue, sortRows } from './table-sort.ts';

/** One column of a DataTable: its header, its cell, and (optionally) what it sorts by. */
export interface Column<R> {
  /** Unique in the table; the sort state names the column by it. */
  id: string;
  head: ComponentChildren;
  /** The header is only for screen readers (a meter column). */
  hideHead?: boolean;
  /** A number column: right-aligned, sorts largest first on the first click. */
  num?: boolean;
  /** Classes on the header and every cell of the column (`meter-col`, `nowrap`, …). */
  class?: string;
  /** The row's name: a `<th scope="row">`. */
  rowHeader?: boolean;
  cell(row: R): ComponentChildren;
  /** A class for one row's cell (e.g. `loss` on a negative margin). */
  cellClass?(row: R): string | undefined;
  /** Makes the column sortable by clicking its header. */
  sortValue?(row: R): SortValue;
}

/** A table's columns typed by its row, for a list written inline (helper calls cannot infer the row). */
export const columnsOf = <R,>(columns: Column<R>[]): Column<R>[] => columns;

function classes(...names: (string | false | undefined)[]): string | undefined {
  const s = names.filter(Boolean).join(' ');
  return s === '' ? undefined : s;
}

/** A sortable column header: `aria-sort`, a button and the ▲/▼/↕ mark. Unsortable without `onSort`. */
export function SortHeader(props: {
  label: ComponentChildren;
  class?: string;
  /** This column's order when the table is sorted by it, else null. */
  active: SortOrder | null;
  onSort?: () => void;
}) {
  if (!props.onSort)
    return (
      <th scope="col" class={props.class}>
        {props.label}
      </th>
    );
  const a = props.active;
  return (
    <th scope="col" class={props.class} aria-sort={a ? (a === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" class="sort" onClick={props.onSort}>
        {props.label}
        <span aria-hidden="true" class="sort-mark">
          {a ? (a === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

/**
 * The dashboard's table: typed columns, a caption for screen readers, click-to-sort on the columns
 * that say what they sort by (rows without a value stay last), and an empty state instead of an
 * empty table.
 */
export function DataTable<R>(props: {
  caption?: string;
  /** Show the caption above the table (by default it is for screen readers only). */
  showCaption?: boolean;
  columns: readonly Column<NoInfer<R>>[];
  rows: readonly R[];
  rowKey(row: R): string;
  rowClass?(row: R): string | undefined;
  /** Where a row leads: the keyboard's j/k/Enter move through and open these rows. */
  rowHref?(row: R): string;
  /** Shown instead of the table when there are no rows (without it an empty table is shown). */
  empty?: ComponentChildren;
  /** Extra table classes (`compact`, `factors`). */
  class?: string;
  testId?: string;
  sort?: SortState;
  /** Rows of the table's foot (totals), drawn by the same columns and never sorted. */
  footRows?: readonly R[];
  /** Foot rows of their own shape (after `footRows`). */
  foot?: ComponentChildren;
}) {
  const [sort, setSort] = useState<SortState | null>(props.sort ?? null);
  if (props.rows.length === 0 && props.empty !== undefined) return <>{props.empty}</>;
  const by = sort && props.columns.find((c) => c.id === sort.column)?.sortValue;
  const rows = sort && by ? sortRows(props.rows, by, sort.order) : props.rows;
  const row = (r: R) => (
    <tr key={props.rowKey(r)} class={props.rowClass?.(r)} data-href={props.rowHref?.(r)}>
      {props.columns.map((c) => {
        const cls = classes(c.num && 'num', c.class, c.cellClass?.(r));
        return c.rowHeader ? (
          <th key={c.id} scope="row" class={cls}>
            {c.cell(r)}
          </th>
        ) : (
          <td key={c.id} class={cls}>
            {c.cell(r)}
          </td>
        );
      })}
    </tr>
  );
  return (
    <table
      class={classes('table', props.class)}
      data-testid={props.testId}
      data-keys={props.rowHref ? true : undefined}
    >
      {props.caption && (
        <caption class={props.showCaption ? undefined : 'visually-hidden'}>{props.caption}</caption>
      )}
      <thead>
        <tr>
          {props.columns.map((c) => (
            <SortHeader
              key={c.id}
              label={c.hideHead ? <span class="visually-hidden">{c.head}</span> : c.head}
              class={classes(c.num && 'num', c.class)}
              active={sort?.column === c.id ? sort.order : null}
              onSort={c.sortValue && (() => setSort(nextSort(sort, c.id, c.num ? 'desc' : 'asc')))}
            />
          ))}
        </tr>
      </thead>
      <tbody>{rows.map(row)}</tbody>
      {(props.footRows || props.foot) && (
        <tfoot>
          {props.footRows?.map(row)}
          {props.foot}
        </tfoot>
      )}
    </table>
  );
}
