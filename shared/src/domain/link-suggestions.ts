import { companyDomainFromEmail, normaliseName } from '../identity/normalize.ts';

/**
 * Why a customer is suggested for an unlinked contact, strongest first: the contact's own name
 * folds to the customer's, the customer holds one of the contact's work-email domains, or the
 * contact's company is named like the customer. Suggestions only: a person confirms them.
 */
export const LINK_REASONS = ['name', 'domain', 'company'] as const;
export type LinkReason = (typeof LINK_REASONS)[number];

export interface LinkCandidate {
  id: string;
  name: string;
  domains: readonly string[];
}

/** What a contact is matched on. */
export interface LinkKeys {
  name: string;
  domains: string[];
  company: string;
}

export function linkKeys(
  contact: { name: string; emails: readonly string[] },
  companyName: string | null,
): LinkKeys {
  const domains = contact.emails.map(companyDomainFromEmail).filter((d): d is string => d !== null);
  return {
    name: normaliseName(contact.name),
    domains: [...new Set(domains)],
    company: companyName === null ? '' : normaliseName(companyName),
  };
}

export interface CandidateIndex<C extends LinkCandidate> {
  byName: Map<string, C[]>;
  byDomain: Map<string, C[]>;
}

/** Index customers by name key and domain, in the order given (which is the order suggested). */
export function indexCandidates<C extends LinkCandidate>(candidates: Iterable<C>): CandidateIndex<C> {
  const byName = new Map<string, C[]>();
  const byDomain = new Map<string, C[]>();
  const push = (map: Map<string, C[]>, key: string, c: C) => {
    if (key === '') return;
    const list = map.get(key);
    if (list) list.push(c);
    else map.set(key, [c]);
  };
  for (const c of candidates) {
    push(byName, normaliseName(c.name), c);
    for (const d of new Set(c.domains)) push(byDomain, d.toLowerCase(), c);
  }
  return { byName, byDomain };
}

/** The customers to suggest for one contact, each once with its strongest reason. */
export function suggestLinks<C extends LinkCandidate>(
  keys: LinkKeys,
  index: CandidateIndex<C>,
): { customer: C; reason: LinkReason }[] {
  const found = new Map<string, { customer: C; reason: LinkReason }>();
  const add = (list: C[] | undefined, reason: LinkReason) => {
    for (const customer of list ?? [])
      if (!found.has(customer.id)) found.set(customer.id, { customer, reason });
  };
  if (keys.name !== '') add(index.byName.get(keys.name), 'name');
  for (const d of keys.domains) add(index.byDomain.get(d), 'domain');
  if (keys.company !== '') add(index.byName.get(keys.company), 'company');
  return [...found.values()];
}
