import { describe, expect, it } from 'vitest';
import { generateContacts, type SyntheticContact } from './contacts.ts';
import { superstoreCustomers } from './customers.ts';

describe('generateContacts', () => {
  it('is deterministic per seed', () => {
    const a = [...generateContacts(300, { seed: 4 })];
    expect([...generateContacts(300, { seed: 4 })]).toEqual(a);
    expect([...generateContacts(300, { seed: 5 })]).not.toEqual(a);
  });

  it('makes 100k contacts with unique, normalised emails and handles', () => {
    const all: SyntheticContact[] = [...generateContacts(100_000, { seed: 1 })];
    expect(all).toHaveLength(100_000);
    const emails = all.flatMap((c) => c.emails);
    const linkedin = all.flatMap((c) => (c.linkedin ? [c.linkedin] : []));
    const x = all.flatMap((c) => (c.x ? [c.x] : []));
    const phones = all.flatMap((c) => c.phones);
    expect(new Set(emails).size).toBe(emails.length);
    expect(new Set(linkedin).size).toBe(linkedin.length);
    expect(new Set(x).size).toBe(x.length);
    // Most contacts have each kind of identity, but not all: real address books are patchy.
    expect(emails.length).toBeGreaterThan(90_000);
    expect(linkedin.length).toBeGreaterThan(60_000);
    expect(x.length).toBeGreaterThan(30_000);
    expect(phones.length).toBeGreaterThan(50_000);
    for (const e of emails) expect(e).toMatch(/^[a-z0-9.]+@[a-z0-9.-]+\.[a-z]+$/);
    for (const h of x) expect(h).toMatch(/^[a-z0-9_]{1,15}$/);
    for (const p of phones) expect(p).toMatch(/^\+1\d{3}555\d{4}$/);
    const c = all.find((k) => k.linkedin) as SyntheticContact;
    expect(c.linkedinUrl).toBe(`https://www.linkedin.com/in/${c.linkedin}/`);
    expect(all.some((k) => k.companyDomain !== null && k.title !== null)).toBe(true);
  }, 60_000); // 100k objects: a few seconds on a busy 2-core box

  it('starts with the Superstore customers, sharing their names and emails', () => {
    const customers = superstoreCustomers({ customers: 50, seed: 2 });
    const contacts = [...generateContacts(2000, { seed: 2, customers })];
    customers.forEach((cu, i) => {
      expect(contacts[i]).toMatchObject({ name: cu.name, customerId: cu.id });
      expect(contacts[i]?.emails[0]).toBe(cu.email);
    });
    expect(contacts.slice(50).every((c) => c.customerId === null)).toBe(true);
    const emails = contacts.flatMap((c) => c.emails);
    expect(new Set(emails).size).toBe(emails.length);
  });
});
