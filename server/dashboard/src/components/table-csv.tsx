import { csvSafeCell } from '@rapport/shared/csv-cell';
import { useRef } from 'preact/hooks';
import { useI18n } from '../context.ts';

/** One CSV field: formula-safe (csvSafeCell), quoted when it holds a comma, quote or line break. */
function field(text: string): string {
  const safe = csvSafeCell(text);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * A cell's value: the exact amount a Money (or other) element carries in data-value, else its text
 * without what is hidden from screen readers (a column's sort mark, a bar).
 */
function cellValue(cell: Element): string {
  const exact = cell.querySelector<HTMLElement>('[data-value]')?.dataset.value;
  if (exact !== undefined) return exact;
  const copy = cell.cloneNode(true) as Element;
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The table's header and body rows as CSV (UTF-8 BOM, CRLF), exactly as shown; money as exact decimals. */
export function tableToCsv(table: HTMLTableElement): string {
  const rows = [...table.querySelectorAll('thead tr, tbody tr, tfoot tr')].map((tr) =>
    [...tr.querySelectorAll('th, td')].map((c) => field(cellValue(c))).join(','),
  );
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

/** "Download CSV" for the table in the same card: what the table shows, every row on screen. */
export function TableCsv(props: { name: string }) {
  const { t } = useI18n();
  const ref = useRef<HTMLButtonElement>(null);
  return (
    <button
      ref={ref}
      type="button"
      class="button ghost small csv"
      onClick={() => {
        const table = ref.current?.closest('section, .card')?.querySelector('table');
        if (!table) return;
        const url = URL.createObjectURL(new Blob([tableToCsv(table)], { type: 'text/csv;charset=utf-8' }));
        const a = document.createElement('a');
        a.href = url;
        a.download = `${props.name}.csv`;
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      }}
    >
      {t('common.csv')}
    </button>
  );
}
