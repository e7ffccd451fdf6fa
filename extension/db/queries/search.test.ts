import { describe, expect, it } from 'vitest';
import { openTestDb } from '../testing.ts';
import { addContact, addCustomer } from './fixtures.ts';
import { searchContacts, searchCustomers } from './search.ts';

describe('searchContacts', () => {
  it('finds people by name words, email, phone and handle', async () => {
    const db = openTestDb();
    await addContact(db, { name: 'Seán Miller', emails: ['sean.miller@acme.com'], phones: ['+14155550132'] });
    await addContact(db, {
      name: 'Ada Lovelace',
      handles: [
        { network: 'x', id: 'countess_ada' },
        { network: 'linkedin', id: 'ada-lovelace-1815' },
      ],
    });
    await addContact(db, { name: 'Millie Brown' });
    await addContact(db, { name: 'Deleted Miller', deletedAt: '2026-02-01T00:00:00.000Z' });
    const names = async (q: string) => (await searchContacts(db, q, 20)).map((c) => c.name);
    expect(await names('mil')).toEqual(['Millie Brown', 'Seán Miller']);
    expect(await names('miller sea')).toEqual(['Seán Miller']);
    expect(await names('SEAN.MILLER@ACME.COM')).toEqual(['Seán Miller']);
    expect(await names('sean.m')).toEqual(['Seán Miller']);
    expect(await names('+1 415 555 0132')).toEqual(['Seán Miller']);
    expect(await names('@countess')).toEqual(['Ada Lovelace']);
    expect(await names('ada-love')).toEqual(['Ada Lovelace']);
    expect(await names('nobody')).toEqual([]);
    expect(await searchContacts(db, 'a', 1)).toHaveLength(1);
  });
});

describe('searchCustomers', () => {
  it('matches name prefixes and exact external ids', async () => {
    const db = openTestDb();
    const sm = await addCustomer(db, { name: 'Sean Miller', externalId: 'SM-20320', kind: 'person' });
    await addCustomer(db, { name: 'Acme Corp' });
    expect((await searchCustomers(db, 'sean', 5)).map((c) => c.id)).toEqual([sm]);
    expect((await searchCustomers(db, 'SM-20320', 5)).map((c) => c.id)).toEqual([sm]);
  });
});
