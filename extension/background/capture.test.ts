import { defaultTeamSettings } from '@rapport/shared/settings';
import { describe, expect, it } from 'vitest';
import { addContact, addCustomer, addMetrics } from '../db/queries/fixtures.ts';
import { updateLocalSettings, writeTeamSettings } from '../db/settings.ts';
import { backgroundHarness, FROM_PAGE } from './testing.ts';

const GMAIL_PERSON = {
  name: 'Sean Miller',
  email: 'Sean.Miller@Acme.com',
  title: 'Head of Purchasing',
  company: 'Acme Corp',
  source: 'gmail',
  sourceUrl: 'https://mail.google.com/mail/u/0/#inbox/FMfcg',
};

describe('contact.capture', () => {
  it("stores a national phone E.164 in the team's region, or the user's own when set", async () => {
    const { ok, db } = await backgroundHarness();
    const phoneOf = async (name: string, phone: string) => {
      const r = await ok({ type: 'contact.capture', person: { name, phone, source: 'manual' } }, FROM_PAGE);
      return (await db.contacts.get(r.contactId))?.data?.phones;
    };
    // No region anywhere: kept as written.
    expect(await phoneOf('Ann Noregion', '(415) 555-0100')).toEqual(['(415) 555-0100']);
    await writeTeamSettings(db, { ...defaultTeamSettings(), phoneRegion: 'US' });
    expect(await phoneOf('Bo Team', '415-555-0101')).toEqual(['+14155550101']);
    await updateLocalSettings(db, { phoneCountry: 'CN' });
    expect(await phoneOf('Cai User', '138 0013 8000')).toEqual(['+8613800138000']);
  });

  it('creates a contact with its work-email company, owned by the signed-in user', async () => {
    const { ok, db, user, syncRequests } = await backgroundHarness();
    const result = await ok({ type: 'contact.capture', person: GMAIL_PERSON }, FROM_PAGE);
    expect(result).toMatchObject({ created: true, merged: false });
    const contact = (await db.contacts.get(result.contactId))?.data;
    expect(contact).toMatchObject({
      name: 'Sean Miller',
      emails: ['sean.miller@acme.com'],
      title: 'Head of Purchasing',
      ownerId: user.id,
      source: 'gmail',
    });
    const company = contact?.companyId ? (await db.companies.get(contact.companyId))?.data : null;
    expect(company).toMatchObject({ name: 'Acme Corp', domains: ['acme.com'] });
    // Contact and company: one write, two mutations, consecutive.
    expect((await db.outbox.orderBy('id').toArray()).map((e) => [e.id, e.name])).toEqual([
      [1, 'company.upsert'],
      [2, 'contact.upsert'],
    ]);
    expect(syncRequests()).toBe(1);
  });

  it('finds the company by work-email domain before name, then by name (the rule server imports use)', async () => {
    const { ok, db } = await backgroundHarness();
    const first = await ok({ type: 'contact.capture', person: GMAIL_PERSON }, FROM_PAGE);
    const acme = (await db.contacts.get(first.contactId))?.data?.companyId;
    // Another firm called "Acme Corp" on LinkedIn, no address: matched by name.
    const byName = await ok(
      { type: 'contact.capture', person: { name: 'Lee Wong', company: 'ACME corp.', source: 'linkedin' } },
      FROM_PAGE,
    );
    expect((await db.contacts.get(byName.contactId))?.data?.companyId).toBe(acme);
    const globex = await ok(
      {
        type: 'contact.capture',
        person: { name: 'Hank', email: 'hank@globex.com', company: 'Globex', source: 'gmail' },
      },
      FROM_PAGE,
    );
    // An Acme address while the page names Globex (a past employer in a signature): the domain wins.
    const byDomain = await ok(
      {
        type: 'contact.capture',
        person: { name: 'Ann Lee', email: 'ann@acme.com', company: 'Globex', source: 'gmail' },
      },
      FROM_PAGE,
    );
    expect((await db.contacts.get(byDomain.contactId))?.data?.companyId).toBe(acme);
    expect((await db.contacts.get(globex.contactId))?.data?.companyId).not.toBe(acme);
    expect(await db.companies.count()).toBe(2);
  });

  it('merges a second capture of the same person (normalised email) instead of duplicating', async () => {
    const { ok, db } = await backgroundHarness();
    const first = await ok({ type: 'contact.capture', person: GMAIL_PERSON }, FROM_PAGE);
    const second = await ok(
      {
        type: 'contact.capture',
        person: {
          name: 'S. Miller',
          email: ' sean.miller@ACME.com',
          linkedin: 'https://www.linkedin.com/in/Sean-Miller-4b1/',
          location: 'Chicago',
          source: 'linkedin',
        },
      },
      FROM_PAGE,
    );
    expect(second).toEqual({ contactId: first.contactId, created: false, merged: true });
    expect(await db.contacts.count()).toBe(1);
    expect(await db.companies.count()).toBe(1);
    expect((await db.contacts.get(first.contactId))?.data).toMatchObject({
      name: 'Sean Miller',
      emails: ['sean.miller@acme.com'],
      handles: [{ network: 'linkedin', id: 'sean-miller-4b1' }],
      location: 'Chicago',
      title: 'Head of Purchasing',
    });
  });

  it('keeps a LinkedIn member id case-exact beside the public id, and either finds the contact again', async () => {
    const { ok, db } = await backgroundHarness();
    const member = 'ACoAAFx7QkZbW2pLmNoPqRsTuVwXyZa1b2c3d4e';
    const first = await ok(
      {
        type: 'contact.capture',
        person: {
          name: 'Mina Cole',
          linkedin: 'mina-cole-2',
          linkedinMember: member,
          title: 'Head of Procurement',
          headline: 'Buying fresh food for 40 stores',
          source: 'linkedin',
        },
      },
      FROM_PAGE,
    );
    const saved = (await db.contacts.get(first.contactId))?.data;
    // Job title and headline are both kept.
    expect([saved?.title, saved?.headline]).toEqual([
      'Head of Procurement',
      'Buying fresh food for 40 stores',
    ]);
    const handles = saved?.handles ?? [];
    expect(handles).toHaveLength(2);
    expect(handles).toEqual(
      expect.arrayContaining([
        { network: 'linkedin', id: 'mina-cole-2' },
        { network: 'linkedin', id: member },
      ]),
    );
    // Saved again from a page that shows only the member id (messaging): the same contact.
    const again = await ok(
      { type: 'contact.capture', person: { name: 'Mina Cole', linkedin: member, source: 'linkedin' } },
      FROM_PAGE,
    );
    expect(again).toMatchObject({ contactId: first.contactId, created: false });
  });

  it('keeps a free-mail address without inventing a company, and logs the note with it', async () => {
    const { ok, db } = await backgroundHarness();
    const { contactId } = await ok({
      type: 'contact.capture',
      person: { name: 'Ann', email: 'ann@gmail.com', source: 'manual' },
      note: 'Met at the fair',
    });
    expect((await db.contacts.get(contactId))?.data?.companyId).toBeNull();
    expect(await db.companies.count()).toBe(0);
    const notes = await db.interactions.where('contactId').equals(contactId).toArray();
    expect(notes.map((n) => [n.data?.kind, n.data?.channel, n.data?.summary])).toEqual([
      ['note', 'other', 'Met at the fair'],
    ]);
  });

  it('keeps a long note whole: a capture note fits an interaction summary', async () => {
    const { ok, db } = await backgroundHarness();
    const note = 'Long call notes. '.repeat(176).trim(); // 2,991 characters
    const { contactId } = await ok(
      {
        type: 'contact.capture',
        person: { name: 'Ola', source: 'web', sourceUrl: 'https://example.com/' },
        note,
      },
      FROM_PAGE,
    );
    const notes = await db.interactions.where('contactId').equals(contactId).toArray();
    expect(notes.map((n) => n.data?.summary)).toEqual([note]);
  });

  it('logs a note taken on a web page on the web channel, as the in-page card does', async () => {
    const { ok, db } = await backgroundHarness();
    const { contactId } = await ok(
      {
        type: 'contact.capture',
        person: { name: 'Ola', source: 'web', sourceUrl: 'https://example.com/team' },
        note: 'Speaker at the fair',
      },
      FROM_PAGE,
    );
    const notes = await db.interactions.where('contactId').equals(contactId).toArray();
    expect(notes.map((n) => n.data?.channel)).toEqual(['web']);
  });
});

describe('interaction.log', () => {
  it('logs an email once per source key and drops bodies unless the user opted in', async () => {
    const { ok, db } = await backgroundHarness();
    const contactId = await addContact(db, { name: 'Sean Miller' });
    const entry = {
      kind: 'email',
      channel: 'email',
      direction: 'in',
      at: '2026-03-19T08:00:00Z',
      subject: 'Quote',
      summary: 'Can you do 5% off?',
      body: 'Full text',
      sourceKey: 'gmail:18c2f',
    };
    const first = await ok({ type: 'interaction.log', contactId, entries: [entry, { ...entry }] }, FROM_PAGE);
    expect(first.results.map((r) => r.duplicate)).toEqual([false, true]);
    expect(first.results[1]?.interactionId).toBe(first.results[0]?.interactionId);
    const again = await ok({ type: 'interaction.log', contactId, entries: [entry] }, FROM_PAGE);
    expect(again.results).toEqual([{ interactionId: first.results[0]?.interactionId, duplicate: true }]);
    const stored = await db.interactions.toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.data).toMatchObject({
      subject: 'Quote',
      body: null,
      at: '2026-03-19T08:00:00.000Z',
      sourceKey: 'gmail:18c2f',
    });
    await ok({ type: 'settings.set', changes: { captureBodies: true } });
    await ok(
      { type: 'interaction.log', contactId, entries: [{ ...entry, sourceKey: 'gmail:18c30' }] },
      FROM_PAGE,
    );
    expect(
      (await db.interactions.where('[contactId+sourceKey]').equals([contactId, 'gmail:18c30']).first())?.data
        ?.body,
    ).toBe('Full text');
  });

  it('clears a scheduled follow-up date, restarting the cadence', async () => {
    const { ok, db } = await backgroundHarness();
    const contactId = await addContact(db, { name: 'Sean Miller', followUpOn: '2026-03-25' });
    await ok({
      type: 'interaction.log',
      contactId,
      entries: [{ kind: 'call', channel: 'phone', direction: 'out', summary: 'Called' }],
    });
    expect((await db.contacts.get(contactId))?.data?.followUpOn).toBeNull();
  });

  it('refuses auto-log from pages when it is off, and logging before anyone signed in', async () => {
    const signedIn = await backgroundHarness();
    const contactId = await addContact(signedIn.db, { name: 'Sean Miller' });
    await signedIn.ok({ type: 'settings.set', changes: { autoLog: false } });
    const entries = [{ kind: 'email', channel: 'email', direction: 'in', sourceKey: 'gmail:1' }];
    expect(await signedIn.call({ type: 'interaction.log', contactId, entries }, FROM_PAGE)).toMatchObject({
      ok: false,
      error: { code: 'auto_log_off' },
    });
    expect(await signedIn.db.interactions.count()).toBe(0);
    // An explicit capture logs the open thread anyway; the same message is never logged twice.
    const explicit = { type: 'interaction.log', contactId, entries, explicit: true } as const;
    expect(await signedIn.call(explicit, FROM_PAGE)).toMatchObject({ ok: true });
    expect(await signedIn.call(explicit, FROM_PAGE)).toMatchObject({
      ok: true,
      data: { results: [{ duplicate: true }] },
    });
    expect(await signedIn.db.interactions.count()).toBe(1);
    // Pause stops explicit logging too.
    await signedIn.ok({ type: 'settings.set', changes: { paused: true } });
    expect(await signedIn.call(explicit, FROM_PAGE)).toMatchObject({ ok: false, error: { code: 'paused' } });
    const anonymous = await backgroundHarness({ signedIn: false });
    const other = await addContact(anonymous.db, { name: 'Ann' });
    expect(
      await anonymous.call({
        type: 'interaction.log',
        contactId: other,
        entries: [{ kind: 'note', channel: 'other', direction: 'out' }],
      }),
    ).toMatchObject({ ok: false, error: { code: 'signed_out' } });
    expect(await anonymous.db.outbox.count()).toBe(0);
  });
});

describe('contact commands', () => {
  it('links to a customer (the badge then shows its tier), snoozes, and erases', async () => {
    const { ok, call, db } = await backgroundHarness();
    const contactId = await addContact(db, { name: 'Sean Miller' });
    const customer = await addCustomer(db, { name: 'Sean Miller', externalId: 'SM-20320', kind: 'person' });
    await addMetrics(db, customer, { tier: 'D', revenue: '25000.00', profit: '-3840.4200' });
    const before = await ok({ type: 'contact.get', id: contactId });
    expect(before.badge.suggestions).toEqual([
      { customerId: customer, name: 'Sean Miller', externalId: 'SM-20320', reason: 'name' },
    ]);
    await ok({ type: 'contact.link', contactId, customerId: customer });
    const after = await ok({ type: 'contact.get', id: contactId });
    expect(after.badge).toMatchObject({
      tier: 'D',
      profit: '-3840.4200',
      customerName: 'Sean Miller',
      suggestions: [],
    });
    expect(
      await call({ type: 'contact.link', contactId, customerId: '0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9c77' }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const snoozed = await ok({
      type: 'contact.update',
      id: contactId,
      changes: { followUpOn: '2026-03-27' },
    });
    expect(snoozed.contact.followUpOn).toBe('2026-03-27');
    expect((await ok({ type: 'contact.get', id: contactId })).badge.followUp).toEqual({
      status: 'ok',
      dueOn: '2026-03-27',
    });

    await ok({ type: 'contact.erase', id: contactId });
    expect(await call({ type: 'contact.get', id: contactId })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect((await db.outbox.orderBy('id').toArray()).map((e) => e.name)).toEqual([
      'contact.upsert',
      'contact.upsert',
      'contact.erase',
    ]);
  });

  it('searches and lists follow-ups through commands', async () => {
    const { ok, db } = await backgroundHarness();
    await addContact(db, { name: 'Sean Miller', emails: ['sean@acme.com'], followUpOn: '2026-03-18' });
    expect((await ok({ type: 'contact.search', query: 'sea' })).results.map((r) => r.name)).toEqual([
      'Sean Miller',
    ]);
    expect((await ok({ type: 'followups.list' })).items.map((i) => [i.name, i.status])).toEqual([
      ['Sean Miller', 'overdue'],
    ]);
  });
});
