import type { StoredChurn } from '@rapport/shared/domain/churn';
import type { SurveyResponse } from '@rapport/shared/schemas/feedback';
import type { CustomerMetrics } from '@rapport/shared/schemas/metrics';
import type { Ticket } from '@rapport/shared/schemas/pipeline';
import { type RowChange, saveRows } from '../entities/save.ts';
import { createServerHlc } from '../entities/server-hlc.ts';
import { editRow } from '../imports/row-edits.ts';
import { serviceChurnInputs } from '../reports/churn.ts';
import type { RowWrite, Store } from '../store/store.ts';

/** Entities whose writes move a customer's churn inputs (satisfaction and open complaints). */
const SERVICE_ENTITIES = new Set(['ticket', 'surveyResponse']);

type ServiceWrite = Pick<RowWrite, 'entity' | 'id' | 'customerId'>;

/**
 * The customers that service rows among `writes` belong to before they are written (call before
 * rows.put): a ticket moved to another customer, or deleted, changes the old customer's figures too.
 */
export async function serviceCustomersBefore(
  tx: Store,
  teamId: string,
  writes: readonly ServiceWrite[],
): Promise<string[]> {
  const ids = new Set<string>();
  for (const entity of SERVICE_ENTITIES) {
    const mine = writes.filter((w) => w.entity === entity).map((w) => w.id);
    if (mine.length === 0) continue;
    for (const r of await tx.rows.getMany(teamId, entity, mine)) if (r.customerId) ids.add(r.customerId);
  }
  return [...ids];
}

/** The customers of the service rows among `writes` (tickets and survey responses with a customer). */
export function serviceCustomers(writes: readonly ServiceWrite[]): string[] {
  const ids = new Set<string>();
  for (const w of writes) if (SERVICE_ENTITIES.has(w.entity) && w.customerId) ids.add(w.customerId);
  return [...ids];
}

/**
 * After tickets or survey responses were written (sync push, REST): refreshes the stored churn inputs
 * of their customers — satisfaction over the metrics row's own window and open complaints, by the
 * churn report's rule (serviceChurnInputs) — so the card's score and the Customers table's churn column
 * follow a complaint opened or resolved and a survey answer without waiting for the next order import.
 * Only customers with stored churn inputs (customers with orders) are touched; a row is rewritten only
 * when a figure moved, in the same transaction and version as the write. Reads only these customers'
 * tickets and surveys (by the indexed customer column), never the team's.
 */
export async function refreshServiceChurn(
  tx: Store,
  teamId: string,
  version: number,
  writes: readonly ServiceWrite[],
  at: string,
  before: readonly string[] = [],
): Promise<number> {
  const ids = [...new Set([...before, ...serviceCustomers(writes)])];
  if (ids.length === 0) return 0;
  const stored = await tx.customerMetrics.getMany(teamId, ids);
  const updated: CustomerMetrics[] = [];
  for (const id of ids) {
    const record = stored.get(id);
    const data = record?.data as CustomerMetrics | undefined;
    if (!record || !data?.churn) continue;
    const [tickets, surveys] = await Promise.all([
      tx.rows.list(teamId, 'ticket', { customerId: id, limit: 100_000 }),
      tx.rows.list(teamId, 'surveyResponse', { customerId: id, limit: 100_000 }),
    ]);
    const service = serviceChurnInputs(
      surveys.map((r) => r.data as unknown as SurveyResponse),
      tickets.map((r) => r.data as unknown as Ticket),
      { from: data.window.from, to: data.window.to },
    );
    const churn: StoredChurn = {
      ...data.churn,
      satisfaction: service.satisfactionOf(id),
      openComplaints: service.openComplaintsOf(id),
    };
    if (churn.satisfaction === data.churn.satisfaction && churn.openComplaints === data.churn.openComplaints)
      continue;
    updated.push({ ...data, churn });
  }
  if (updated.length === 0) return 0;
  const hlc = createServerHlc({ now: () => new Date(at) });
  const rows = new Map(
    (
      await tx.rows.getMany(
        teamId,
        'customerMetrics',
        updated.map((m) => m.customerId),
      )
    ).map((r) => [r.id, r]),
  );
  const changes: RowChange[] = [];
  for (const wire of updated) {
    const row = rows.get(wire.customerId);
    const change = row ? editRow('customerMetrics', row, { churn: wire.churn }, hlc) : null;
    if (change) changes.push(change);
  }
  await saveRows(tx, teamId, version, changes, at);
  await tx.customerMetrics.put(
    teamId,
    version,
    updated.map((m) => {
      const r = stored.get(m.customerId) as NonNullable<ReturnType<typeof stored.get>>;
      return { ...r, data: m as unknown as Record<string, unknown>, computedAt: at };
    }),
  );
  return updated.length;
}
