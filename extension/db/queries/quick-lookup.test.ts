import { newId } from '@rapport/shared/ids';
import type { Ticket } from '@rapport/shared/schemas/pipeline';
import { defaultTeamSettings } from '@rapport/shared/settings';
import { describe, expect, it } from 'vitest';
import { updateLocalSettings, writeTeamSettings } from '../settings.ts';
import { openTestDb, putServerRow } from '../testing.ts';
import { readContext } from './context.ts';
import { addContact, addCustomer, addInteraction, addMetrics } from './fixtures.ts';
import { customerCard, quickLookup } from './quick-lookup.ts';

const NOW = new Date('2026-03-20T12:00:00.000Z');

async function addTicket(db: ReturnType<typeof openTestDb>, fields: Partial<Ticket> & { title: string }) {
  const id = newId();
  await putServerRow(db, 'ticket', {
    id,
    createdAt: '2026-03-01T09:00:00.000Z',
    contactId: null,
    customerId: null,
    orderId: null,
    channel: 'phone',
    category: 'delivery',
    severity: 'medium',
    status: 'open',
    description: null,
    sourceUrl: null,
    assigneeId: null,
    history: [],
    resolution: null,
    resolvedAt: null,
    satisfaction: null,
    ownerId: null,
    ...fields,
  });
  return id;
}

/** A team with people stored as captured and imported, and a customer nobody has a contact for. */
async function world(teamRegion: string | null) {
  const db = openTestDb();
  await writeTeamSettings(db, { ...defaultTeamSettings(), phoneRegion: teamRegion });
  const acme = await addCustomer(db, { name: 'Acme Corp', externalId: 'AC-100', emails: ['buy@acme.com'] });
  const zoe = await addCustomer(db, { name: 'Zoë Ortega', externalId: 'ZO-21000', kind: 'person' });
  await addMetrics(db, zoe, { tier: 'B', revenue: '1200.50', profit: '300.125', margin: '0.25', orders: 3 });
  const lin = await addContact(db, { name: 'Lin Hui', phones: ['+14155550100'], customerId: acme });
  await addContact(db, { name: 'Mei Park', phones: ['+16465550142'] });
  await addContact(db, { name: 'Wang Wei', phones: ['+8613800138000'] });
  // A vCard imported before the team had a region: the national form as written.
  await addContact(db, { name: 'Old Vcard', phones: ['(212) 555-0199'] });
  // Same last seven digits as Lin, another area code.
  await addContact(db, { name: 'Other Area', phones: ['+16465550100'] });
  return { db, acme, zoe, lin };
}

const names = (r: Awaited<ReturnType<typeof quickLookup>>) => ({
  people: r.people.map((p) => p.contact.name),
  customers: r.customers.map((c) => c.customer.name),
});

describe('quickLookup', () => {
  it('finds a caller by the number typed any common way, with the team region', async () => {
    const { db } = await world('US');
    const ctx = await readContext(db, NOW);
    const find = async (q: string) => names(await quickLookup(db, q, ctx)).people;
    for (const q of ['4155550100', '415-555-0100', '(415) 555-0100', '415.555.0100', '+1 415 555 0100'])
      expect(await find(q), q).toEqual(['Lin Hui']);
    expect(await find('(646) 555-0142')).toEqual(['Mei Park']);
    expect(await find('+86 138 0013 8000')).toEqual(['Wang Wei']);
    // The stored national form reads as +1 212 555 0199 in the US.
    expect(await find('212.555.0199')).toEqual(['Old Vcard']);
    // Seven digits without the area code: both numbers ending 555-0100, exact ones first (none here).
    expect(await find('555-0100')).toEqual(['Lin Hui', 'Other Area']);
    expect(await find('415-555-0199')).toEqual([]);
  });

  it('finds them by the digits suffix without any region, and the user region overrides the team', async () => {
    const { db } = await world(null);
    let ctx = await readContext(db, NOW);
    const find = async (q: string) => names(await quickLookup(db, q, ctx)).people;
    expect(await find('415-555-0100')).toEqual(['Lin Hui']);
    expect(await find('13800138000')).toEqual(['Wang Wei']);
    expect(await find('+1 212 555 0199')).toEqual(['Old Vcard']);
    await updateLocalSettings(db, { phoneCountry: 'CN' });
    ctx = await readContext(db, NOW);
    expect(await find('138-0013-8000')).toEqual(['Wang Wei']);
  });

  it('finds customers without contacts by id or name, folded, and by email', async () => {
    const { db, acme, zoe } = await world('US');
    const ctx = await readContext(db, NOW);
    const zoeOnly = { people: [], customers: ['Zoë Ortega'] };
    expect(names(await quickLookup(db, 'ZO-21000', ctx))).toEqual(zoeOnly);
    expect(names(await quickLookup(db, 'zo-21000', ctx))).toEqual(zoeOnly);
    expect(names(await quickLookup(db, zoe, ctx))).toEqual(zoeOnly);
    expect(names(await quickLookup(db, 'ZOE', ctx))).toEqual(zoeOnly);
    expect(names(await quickLookup(db, 'zoë ort', ctx))).toEqual(zoeOnly);
    const found = await quickLookup(db, 'ZO-21000', ctx);
    expect(found.customers[0]).toMatchObject({ contacts: 0, metrics: { tier: 'B', profit: '300.125' } });
    // A customer's email, and a contact's name finds the contact (not its customer).
    expect(names(await quickLookup(db, 'BUY@acme.com', ctx))).toEqual({
      people: [],
      customers: ['Acme Corp'],
    });
    expect(names(await quickLookup(db, 'lin', ctx))).toEqual({ people: ['Lin Hui'], customers: [] });
    expect((await quickLookup(db, 'AC-100', ctx)).customers).toMatchObject([
      { customer: { id: acme }, contacts: 1, metrics: null },
    ]);
    expect(names(await quickLookup(db, '  ', ctx))).toEqual({ people: [], customers: [] });
    expect(names(await quickLookup(db, 'nobody', ctx))).toEqual({ people: [], customers: [] });
  });
});

describe('customerCard', () => {
  it("shows the customer's contacts, open tickets and newest interactions from local data", async () => {
    const { db, acme, lin, zoe } = await world('US');
    const open = await addTicket(db, {
      title: 'Late delivery',
      customerId: acme,
      createdAt: '2026-03-02T09:00:00.000Z',
    });
    const viaContact = await addTicket(db, { title: 'Broken chair', contactId: lin, status: 'in-progress' });
    await addTicket(db, { title: 'Billing typo', customerId: acme, status: 'resolved' });
    await addTicket(db, { title: 'Someone else', customerId: zoe });
    for (const day of ['01', '05', '03', '09', '07', '02'])
      await addInteraction(db, lin, `2026-03-${day}T10:00:00.000Z`, { summary: `call ${day}` });
    await addInteraction(db, newId(), '2026-03-10T10:00:00.000Z', {
      customerId: acme,
      summary: 'account call',
    });

    const card = await customerCard(db, acme);
    expect(card?.customer.name).toBe('Acme Corp');
    expect(card?.contacts.map((c) => c.name)).toEqual(['Lin Hui']);
    expect(card?.openTickets.map((t) => t.id)).toEqual([open, viaContact]);
    expect(card?.interactions.map((i) => i.summary)).toEqual([
      'account call',
      'call 09',
      'call 07',
      'call 05',
      'call 03',
    ]);
    expect(await customerCard(db, newId())).toBeNull();
    const empty = await customerCard(db, zoe);
    expect([empty?.contacts, empty?.interactions, empty?.openTickets.length]).toEqual([[], [], 1]);
  });
});
