import { firstTicketEvent, ticketStatusChange } from '@rapport/shared/domain/tickets';
import type { TicketEvent, TicketStatus } from '@rapport/shared/schemas/pipeline';
import { TICKET_STATUSES } from '@rapport/shared/schemas/pipeline';

type Data = Record<string, unknown>;

const isStatus = (v: unknown): v is TicketStatus => TICKET_STATUSES.includes(v as TicketStatus);

/**
 * A REST-created ticket starts its status history with its first status (the shared rule), and one
 * created already resolved gets resolvedAt = now unless given. Invalid input is left for zod to refuse.
 */
export function ticketCreateDefaults(input: Data, by: string, at: string): Data {
  const status = input.status ?? 'open';
  if (!isStatus(status)) return input;
  const out = { ...input };
  out.history ??= firstTicketEvent(status, by, at);
  if ((status === 'resolved' || status === 'closed') && out.resolvedAt === undefined) out.resolvedAt = at;
  return out;
}

/** A REST status change appends to the history and moves resolvedAt, as the extension does (shared rule). */
export function ticketPatchDefaults(before: Data, changes: Data, by: string, at: string): Data {
  if (!isStatus(changes.status) || changes.history !== undefined) return changes;
  const change = ticketStatusChange(
    {
      status: before.status as TicketStatus,
      history: (before.history as TicketEvent[] | undefined) ?? [],
      resolvedAt: (before.resolvedAt as string | null | undefined) ?? null,
    },
    changes.status,
    by,
    at,
  );
  if (!change) return changes;
  return { ...changes, history: change.history, resolvedAt: changes.resolvedAt ?? change.resolvedAt };
}
