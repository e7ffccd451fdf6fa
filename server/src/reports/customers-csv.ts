import { csvSafeCell } from '@rapport/shared/csv-cell';
import Papa from 'papaparse';
import type { Clock } from '../lib/clock.ts';
import type { Store } from '../store/store.ts';
import { type CustomersQuery, customersReport } from './customers.ts';
import { memberIndex } from './reps.ts';

export const CUSTOMER_CSV_COLUMNS = [
  'customerId',
  'name',
  'tier',
  'revenue',
  'profit',
  'margin',
  'orders',
  'lines',
  'lastOrderAt',
  'followUp',
  'churnScore',
  'late',
  'lastInteractionAt',
  'owner',
  'ownerEmail',
  'ownerId',
  'id',
] as const;

/**
 * The customers report as CSV: exactly the rows of the same query (filters and sort), every page.
 * Each cell goes through csvSafeCell (formula injection), and starts with a UTF-8 BOM so
 * spreadsheets read names in any script correctly.
 */
export async function customersCsv(
  store: Store,
  clock: Clock,
  teamId: string,
  q: CustomersQuery,
): Promise<{ body: string; count: number; filename: string }> {
  const [report, members] = await Promise.all([
    customersReport(store, clock, teamId, { ...q, limit: Number.MAX_SAFE_INTEGER, offset: 0 }),
    memberIndex(store, teamId),
  ]);
  const data = report.items.map((r) => {
    const owner = r.ownerId ? members.get(r.ownerId) : undefined;
    const cells: Record<(typeof CUSTOMER_CSV_COLUMNS)[number], string | number | null> = {
      ...r,
      owner: owner?.name ?? null,
      ownerEmail: owner?.email ?? null,
      late: r.late === null ? null : String(r.late),
    };
    return CUSTOMER_CSV_COLUMNS.map((c) => csvSafeCell(cells[c]));
  });
  const w = report.window;
  const span = w.from === null && w.to === null ? 'all-time' : `${w.from ?? 'start'}_${w.to ?? 'now'}`;
  return {
    body: `\uFEFF${Papa.unparse({ fields: [...CUSTOMER_CSV_COLUMNS], data }, { newline: '\r\n' })}\r\n`,
    count: report.items.length,
    filename: `customers-${span}.csv`,
  };
}
