import { companyDomainFromEmail, normaliseName } from '../identity/normalize.ts';

/** What a person's employer is recognised by: the first work-email domain and the folded company name. */
export interface CompanyClues {
  domain: string | null;
  name: string | null;
  nameKey: string;
}

export function companyClues(
  name: string | null | undefined,
  emails: readonly string[],
): CompanyClues | null {
  const domain = emails.map(companyDomainFromEmail).find((d) => d !== null) ?? null;
  const clean = name?.trim() || null;
  if (domain === null && clean === null) return null;
  return { domain, name: clean, nameKey: clean ? normaliseName(clean) : '' };
}

export interface CompanyLookups {
  byDomain: (domain: string) => Promise<string | undefined> | string | undefined;
  byName: (nameKey: string) => Promise<string | undefined> | string | undefined;
}

/**
 * The company of a captured or imported person. A work-email domain identifies an employer better
 * than a name ("ACME" and "Acme Corp." are one firm, two firms can share a name), so the domain is
 * tried first, then the name. When neither finds one, the new company is named by the person's
 * company (or its domain) and holds the domain.
 */
export async function matchCompany(
  clues: CompanyClues,
  find: CompanyLookups,
): Promise<{ id: string } | { create: { name: string; domains: string[] } }> {
  const byDomain = clues.domain ? await find.byDomain(clues.domain) : undefined;
  if (byDomain) return { id: byDomain };
  const byName = clues.nameKey ? await find.byName(clues.nameKey) : undefined;
  if (byName) return { id: byName };
  return {
    create: { name: clues.name ?? clues.domain ?? '', domains: clues.domain ? [clues.domain] : [] },
  };
}
