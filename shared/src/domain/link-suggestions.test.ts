import { describe, expect, it } from 'vitest';
import { indexCandidates, linkKeys, suggestLinks } from './link-suggestions.ts';

const acmeCo = { id: 'c1', name: 'ACME Co.', domains: ['acme.com'] };
const janeCustomer = { id: 'c2', name: 'Jane Doe', domains: [] };
const acmeEurope = { id: 'c3', name: 'Acme Europe', domains: ['acme.com', 'acme.eu'] };
const other = { id: 'c4', name: 'Globex', domains: ['globex.com'] };
const index = indexCandidates([acmeCo, janeCustomer, acmeEurope, other]);

describe('link suggestions', () => {
  it('keys a contact by folded name, work-email domains (free mail left out) and company name', () => {
    expect(
      linkKeys({ name: 'Jané  DOE', emails: ['jane@Acme.com', 'jane@gmail.com', 'j@acme.com'] }, 'Acme-Co'),
    ).toEqual({
      name: 'jane doe',
      domains: ['acme.com'],
      company: 'acme co',
    });
    expect(linkKeys({ name: '', emails: [] }, null)).toEqual({ name: '', domains: [], company: '' });
  });

  it('suggests same name first, then domain holders in index order, then the company namesake, each once', () => {
    const keys = linkKeys({ name: 'Jane Doe', emails: ['jane@acme.com'] }, 'ACME co');
    expect(suggestLinks(keys, index).map((s) => [s.customer.id, s.reason])).toEqual([
      ['c2', 'name'],
      ['c1', 'domain'],
      ['c3', 'domain'],
    ]);
  });

  it('names the company reason when the company is the only clue', () => {
    const keys = linkKeys({ name: 'Bob', emails: ['bob@gmail.com'] }, 'Globex');
    expect(suggestLinks(keys, index).map((s) => [s.customer.id, s.reason])).toEqual([['c4', 'company']]);
  });

  it('suggests nothing without a clue', () => {
    expect(suggestLinks(linkKeys({ name: 'Nobody', emails: ['n@gmail.com'] }, null), index)).toEqual([]);
  });
});
