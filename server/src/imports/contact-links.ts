import {
  indexCandidates,
  type LinkReason,
  linkKeys,
  suggestLinks,
} from '@rapport/shared/domain/link-suggestions';
import type { Contact } from '@rapport/shared/schemas/contact';
import type { Company, Customer } from '@rapport/shared/schemas/customer';
import { type RowChange, saveRows } from '../entities/save.ts';
import type { HlcClock } from '../entities/server-hlc.ts';
import type { Store } from '../store/store.ts';
import { editRow } from './row-edits.ts';

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);

/** Domain -> the one company customer holding it (domains two company customers share are left out). */
async function companyDomains(store: Store, teamId: string): Promise<Map<string, string>> {
  const customers = await store.rowQueries.live<Customer>(teamId, 'customer');
  const owners = new Map<string, string | null>();
  for (const c of customers) {
    if (c.kind !== 'company') continue;
    for (const d of c.domains) owners.set(d, owners.has(d) && owners.get(d) !== c.id ? null : c.id);
  }
  return new Map([...owners].filter((e): e is [string, string] => e[1] !== null));
}

/**
 * Links every unlinked live contact whose email domain is a company Customer's domain, as
 * ordinary customerId writes stamped with `version`. A contact whose addresses point at two
 * different customers is left for a person to decide. Returns how many were linked.
 */
export async function linkContactsByDomain(
  tx: Store,
  teamId: string,
  version: number,
  hlc: HlcClock,
  at: string,
): Promise<number> {
  const domains = await companyDomains(tx, teamId);
  if (domains.size === 0) return 0;
  const targets = new Map<string, Set<string>>();
  for (const { id, value } of await tx.rowQueries.identityValues(teamId, 'contact', 'email')) {
    const customerId = domains.get(domainOf(value));
    if (customerId === undefined) continue;
    const set = targets.get(id) ?? new Set<string>();
    targets.set(id, set.add(customerId));
  }
  const changes: RowChange[] = [];
  const candidates = [...targets].filter(([, set]) => set.size === 1).map(([id]) => id);
  for (const row of await tx.rows.getMany(teamId, 'contact', candidates)) {
    if (row.deletedAt || row.data.customerId !== null) continue;
    const [customerId] = targets.get(row.id) as Set<string>;
    const change = editRow('contact', row, { customerId }, hlc);
    if (change) changes.push(change);
  }
  if (changes.length > 0) await saveRows(tx, teamId, version, changes, at);
  return changes.length;
}

export interface LinkSuggestion {
  contactId: string;
  contactName: string;
  customerId: string;
  customerName: string;
  externalId: string | null;
  reason: LinkReason;
}

/**
 * Customers an unlinked contact probably buys for, by the shared rule the extension's badges use
 * (same name, a customer holding its work-email domain, a customer named like its company).
 */
export async function linkSuggestions(store: Store, teamId: string): Promise<LinkSuggestion[]> {
  const customers = await store.rowQueries.live<Customer>(teamId, 'customer');
  if (customers.length === 0) return [];
  const index = indexCandidates(customers);
  const companies = new Map(
    (await store.rowQueries.live<Company>(teamId, 'company')).map((c) => [c.id, c.name]),
  );
  const out: LinkSuggestion[] = [];
  for (const contact of await store.rowQueries.live<Contact>(teamId, 'contact')) {
    if (contact.customerId !== null) continue;
    const keys = linkKeys(contact, contact.companyId ? (companies.get(contact.companyId) ?? null) : null);
    for (const { customer, reason } of suggestLinks(keys, index)) {
      out.push({
        contactId: contact.id,
        contactName: contact.name,
        customerId: customer.id,
        customerName: customer.name,
        externalId: customer.externalId,
        reason,
      });
    }
  }
  return out;
}
