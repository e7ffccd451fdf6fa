import { describe, expect, it } from 'vitest';
import { companyClues, matchCompany } from './company-match.ts';

const lookups = (domains: Record<string, string>, names: Record<string, string>) => ({
  byDomain: (d: string) => domains[d],
  byName: async (k: string) => names[k],
});

describe('company matching', () => {
  it('takes the first work-email domain (free mail skipped) and the folded name', () => {
    expect(companyClues(' ACME Corp. ', ['a@gmail.com', 'a@Acme.com'])).toEqual({
      domain: 'acme.com',
      name: 'ACME Corp.',
      nameKey: 'acme corp',
    });
    expect(companyClues('', ['a@gmail.com'])).toBeNull();
    expect(companyClues(null, [])).toBeNull();
  });

  it('finds by domain before name', async () => {
    const clues = companyClues('Acme', ['jo@acme.com']);
    if (!clues) throw new Error('clues');
    expect(await matchCompany(clues, lookups({ 'acme.com': 'by-domain' }, { acme: 'by-name' }))).toEqual({
      id: 'by-domain',
    });
    expect(await matchCompany(clues, lookups({}, { acme: 'by-name' }))).toEqual({ id: 'by-name' });
  });

  it('creates a company named by the person, holding the domain, when nothing matches', async () => {
    const both = companyClues('Acme', ['jo@acme.com']);
    const domainOnly = companyClues(null, ['jo@acme.com']);
    const nameOnly = companyClues('Acme', []);
    if (!both || !domainOnly || !nameOnly) throw new Error('clues');
    const none = lookups({}, {});
    expect(await matchCompany(both, none)).toEqual({ create: { name: 'Acme', domains: ['acme.com'] } });
    expect(await matchCompany(domainOnly, none)).toEqual({
      create: { name: 'acme.com', domains: ['acme.com'] },
    });
    expect(await matchCompany(nameOnly, none)).toEqual({ create: { name: 'Acme', domains: [] } });
  });
});
