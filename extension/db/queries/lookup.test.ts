import type { PageIdentity } from '@rapport/shared/sync/messages';
import { describe, expect, it, vi } from 'vitest';
import { updateLocalSettings } from '../settings.ts';
import { openTestDb, putServerRow } from '../testing.ts';
import { readContext } from './context.ts';
import { addContact, addCustomer, addInteraction, addMetrics } from './fixtures.ts';
import { lookupPeople } from './lookup.ts';

const NOW = new Date('2026-03-20T10:00:00.000Z');

async function seed() {
  const db = openTestDb();
  await updateLocalSettings(db, { timeZone: 'Asia/Shanghai' });
  const acme = await addCustomer(db, { name: 'Acme Corp', externalId: 'AC-1', domains: ['acme.com'] });
  await addMetrics(db, acme, {
    tier: 'A',
    revenue: '12000.5000',
    profit: '3400.2500',
    orders: 5,
    margin: '0.2833',
  });
  const grace = await addCustomer(db, { name: 'Grace Hopper', externalId: 'GH-7', kind: 'person' });
  const sean = await addContact(db, {
    name: 'Sean Miller',
    emails: ['sean@acme.com'],
    handles: [{ network: 'linkedin', id: 'sean-miller-1' }],
    customerId: acme,
  });
  // 20:00 UTC is already March 2 in Shanghai: the cadence counts from the user's day.
  await addInteraction(db, sean, '2026-03-01T20:00:00.000Z');
  const ada = await addContact(db, {
    name: 'Ada Lovelace',
    handles: [{ network: 'x', id: 'ada_l' }],
    phones: ['+14155550132'],
  });
  const graceContact = await addContact(db, { name: 'Grace Hopper', emails: ['grace@hopper.example'] });
  await addContact(db, { name: 'Common Name' });
  await addContact(db, { name: 'Common Name', emails: ['other@example.org'] });
  return { db, acme, grace, sean, ada, graceContact };
}

const PATTERN: PageIdentity[] = [
  { email: ' SEAN@Acme.com ' },
  { linkedin: 'https://www.linkedin.com/in/Sean-Miller-1/?trk=feed' },
  { x: '@Ada_L' },
  { phone: '+1 (415) 555-0132' },
  { name: 'GRACE  Hopper' },
  { name: 'Common Name' },
  { email: 'nobody@example.com', name: 'Nobody' },
];

describe('lookupPeople', () => {
  it('answers hundreds of page identities in one transaction, aligned with the request', async () => {
    const { db, acme, grace, sean, ada, graceContact } = await seed();
    const people = Array.from({ length: 300 }, (_, i) => PATTERN[i % PATTERN.length] as PageIdentity);
    const ctx = await readContext(db, NOW);
    const transaction = vi.spyOn(db, 'transaction');
    const results = await lookupPeople(db, people, ctx);
    expect(transaction).toHaveBeenCalledTimes(1);
    expect(results).toHaveLength(300);
    expect(results.map((r) => r?.contactId ?? null).slice(0, 7)).toEqual([
      sean,
      sean,
      ada,
      ada,
      // A unique name is still no identity: no badge, so no stranger gets a customer's money.
      null,
      null,
      null,
    ]);
    // The pattern repeats to the end: 296 % 7 = 2 (X handle), 299 % 7 = 5 (an ambiguous name).
    expect(results[296]?.contactId).toBe(ada);
    expect(results[299]).toBeNull();
    expect(results[0]).toEqual({
      contactId: sean,
      name: 'Sean Miller',
      customerId: acme,
      customerName: 'Acme Corp',
      tier: 'A',
      revenue: '12000.5000',
      profit: '3400.2500',
      currency: 'USD',
      window: { from: '2025-03-21', to: '2026-03-21', asOf: '2026-03-20', historical: false },
      // Last contact 2026-03-02 (Shanghai) + 14 days for tier A.
      followUp: { status: 'overdue', dueOn: '2026-03-16' },
      suggestions: [],
    });
    // Unlinked, no cadence: no money, no follow-up; a same-name customer is suggested.
    expect(results[2]).toMatchObject({
      tier: null,
      profit: null,
      followUp: { status: 'none', dueOn: null },
      suggestions: [],
    });
    expect(results[4]).toBeNull();
    // Found by an identity, the same-name customer is suggested as a link, not shown as the contact's money.
    const [byEmail] = await lookupPeople(db, [{ email: 'grace@hopper.example' }], ctx);
    expect(byEmail).toMatchObject({ contactId: graceContact, customerId: null, tier: null, profit: null });
    expect(byEmail?.suggestions).toEqual([
      { customerId: grace, name: 'Grace Hopper', externalId: 'GH-7', reason: 'name' },
    ]);
  });

  it('finds a contact by a LinkedIn member id exactly as written, alone or beside another public id', async () => {
    const { db, sean } = await seed();
    const member = 'ACoAAFx7QkZbW2pLmNoPqRsTuVwXyZa1b2c3d4e';
    await addContact(db, { name: 'Mina Cole', handles: [{ network: 'linkedin', id: member }] });
    const ctx = await readContext(db, NOW);
    const results = await lookupPeople(
      db,
      [
        { linkedin: `https://www.linkedin.com/in/${member}?miniProfileUrn=x` },
        { linkedin: 'https://www.linkedin.com/in/mina-cole-2/', linkedinMember: member },
        // Lower-cased, the member id is somebody else's (nobody's) id.
        { linkedin: member.toLowerCase() },
        // The public id wins over the member id when both find someone.
        { linkedin: 'sean-miller-1', linkedinMember: member },
      ],
      ctx,
    );
    const mina = results[0]?.contactId;
    expect(mina).toBeDefined();
    expect(results.map((r) => r?.contactId ?? null)).toEqual([mina, mina, null, sean]);
  });

  it('never lends a linked contact’s money to other people with the same name', async () => {
    const { db, sean } = await seed();
    const ctx = await readContext(db, NOW);
    const results = await lookupPeople(
      db,
      [
        { name: 'Sean Miller' },
        { name: 'Sean Miller', linkedin: 'https://www.linkedin.com/in/sean-miller-2/' },
        { name: 'Sean Miller', email: 'sean.miller@elsewhere.example' },
        { name: 'Somebody Else', linkedin: 'https://www.linkedin.com/in/sean-miller-1/' },
      ],
      ctx,
    );
    expect(results.map((r) => r?.contactId ?? null)).toEqual([null, null, null, sean]);
    expect(results[3]).toMatchObject({ tier: 'A', profit: '3400.2500' });
  });

  it('finds nothing for tombstoned contacts', async () => {
    const db = openTestDb();
    await addContact(db, { name: 'Gone', emails: ['gone@acme.com'], deletedAt: '2026-02-01T00:00:00.000Z' });
    expect(
      await lookupPeople(db, [{ email: 'gone@acme.com' }, { name: 'Gone' }], await readContext(db, NOW)),
    ).toEqual([null, null]);
  });

  it('suggests customers by work-email domain and by company name', async () => {
    const db = openTestDb();
    const byDomain = await addCustomer(db, { name: 'Initech LLC', domains: ['initech.com'] });
    const company = await addCustomer(db, { name: 'Globex' });
    const companyId = '0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9c99';
    await putServerRow(db, 'company', {
      id: companyId,
      createdAt: '2026-01-01T00:00:00.000Z',
      name: 'Globex',
      domains: [],
    });
    await addContact(db, {
      name: 'Peter Gibbons',
      emails: ['peter@initech.com', 'peter@gmail.com'],
      companyId,
    });
    const [badge] = await lookupPeople(db, [{ email: 'peter@initech.com' }], await readContext(db, NOW));
    expect(badge?.suggestions).toEqual([
      { customerId: byDomain, name: 'Initech LLC', externalId: null, reason: 'domain' },
      { customerId: company, name: 'Globex', externalId: null, reason: 'company' },
    ]);
  });
});
