import type { Company } from '@rapport/shared/schemas/customer';
import type { Interaction } from '@rapport/shared/schemas/interaction';
import type { Opportunity, Ticket } from '@rapport/shared/schemas/pipeline';
import { liveData } from '../records.ts';
import type { RapportDB } from '../schema.ts';
import type { ReadContext } from './context.ts';
import { type PersonSummary, summarise } from './people.ts';

export interface ContactDetail extends PersonSummary {
  company: Company | null;
  /** Newest first; versions replaced by an edit (supersedes) are left out. */
  interactions: Interaction[];
  opportunities: Opportunity[];
  tickets: Ticket[];
}

/** Live interactions of a contact, newest first, without superseded versions. */
export async function timeline(db: RapportDB, contactId: string, limit = 200): Promise<Interaction[]> {
  const records = await db.interactions.where('contactId').equals(contactId).toArray();
  const live = records.map(liveData).filter((i): i is Interaction => i !== null);
  const replaced = new Set(live.map((i) => i.supersedes).filter((id): id is string => id !== null));
  return live
    .filter((i) => !replaced.has(i.id))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1))
    .slice(0, limit);
}

export async function related<T extends { id: string; deletedAt: string | null }>(
  table: { where(index: string): { equals(v: string): { toArray(): Promise<Array<{ data: T | null }>> } } },
  contactId: string,
  customerId: string | null,
): Promise<T[]> {
  const rows = [
    ...(await table.where('contactId').equals(contactId).toArray()),
    ...(customerId ? await table.where('customerId').equals(customerId).toArray() : []),
  ];
  return [
    ...new Map(
      rows
        .map(liveData)
        .filter((r): r is T => r !== null)
        .map((r) => [r.id, r]),
    ).values(),
  ];
}

/** Everything the contact card and side panel show about one contact; null when unknown or deleted. */
export async function contactDetail(
  db: RapportDB,
  id: string,
  ctx: ReadContext,
): Promise<ContactDetail | null> {
  return db.transaction('r', db.tables, async () => {
    const contact = liveData(await db.contacts.get(id));
    if (!contact) return null;
    const [summary] = await summarise(db, [contact], ctx);
    if (!summary) return null;
    const company = contact.companyId ? liveData(await db.companies.get(contact.companyId)) : null;
    const opportunities = await related<Opportunity>(db.opportunities, id, contact.customerId);
    const tickets = await related<Ticket>(db.tickets, id, contact.customerId);
    return {
      ...summary,
      company,
      interactions: await timeline(db, id),
      opportunities: opportunities.sort((a, b) =>
        (a.closeDate ?? '9999').localeCompare(b.closeDate ?? '9999'),
      ),
      tickets: tickets.sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    };
  });
}
