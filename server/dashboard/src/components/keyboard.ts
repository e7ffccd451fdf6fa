import { useEffect } from 'preact/hooks';
import { navigate } from '../route.ts';

/** Typing in a field: single-letter shortcuts stay letters. */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el?.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** Rows that can be opened: table rows carrying data-href, in the main area, in page order. */
const rows = (): HTMLTableRowElement[] => [
  ...document.querySelectorAll<HTMLTableRowElement>('main table[data-keys] tbody tr[data-href]'),
];

/**
 * The dashboard's keys: `/` focuses the screen's search box, `j`/`k` move a highlight through the
 * rows of its tables, `Enter` opens the highlighted row (its customer or contact page). The
 * highlight is a class and aria-selected on the row, and the row is focused so it scrolls into view.
 */
export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || e.defaultPrevented) return;
      if (e.key === '/' && !typing(e.target)) {
        const search = document.querySelector<HTMLInputElement>('main [data-search]');
        if (search) {
          e.preventDefault();
          search.focus();
          search.select();
        }
        return;
      }
      if (typing(e.target)) return;
      if (e.key === 'j' || e.key === 'k') {
        const all = rows();
        if (all.length === 0) return;
        const at = all.findIndex((r) => r.classList.contains('cursor'));
        const next =
          at === -1
            ? e.key === 'j'
              ? 0
              : all.length - 1
            : Math.max(0, Math.min(all.length - 1, at + (e.key === 'j' ? 1 : -1)));
        for (const r of all) {
          r.classList.remove('cursor');
          r.removeAttribute('aria-selected');
        }
        const row = all[next] as HTMLTableRowElement;
        row.classList.add('cursor');
        row.setAttribute('aria-selected', 'true');
        row.tabIndex = -1;
        row.focus();
        e.preventDefault();
        return;
      }
      if (e.key === 'Enter') {
        const row = (e.target as HTMLElement | null)?.closest?.(
          'tr[data-href]',
        ) as HTMLTableRowElement | null;
        const cursor = row ?? rows().find((r) => r.classList.contains('cursor'));
        const href = cursor?.dataset.href;
        if (href) {
          e.preventDefault();
          navigate(href);
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
