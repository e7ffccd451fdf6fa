import { newId } from '@rapport/shared/ids';
import { MutationError } from '@rapport/shared/sync/mutations';
import { describe, expect, it } from 'vitest';
import { writeLocal, writeRow } from './outbox.ts';
import { readState } from './sync-state.ts';
import { contactFields, createContact, openTestDb, upsertContact } from './testing.ts';

const USER = '0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9c01';

describe('writeLocal', () => {
  it('stores the record and its outbox mutation together, with consecutive ids from 1', async () => {
    const db = openTestDb();
    const a = newId();
    const b = newId();
    await createContact(db, a, { name: 'Ada Lovelace', emails: ['ada@example.com'] });
    await createContact(db, b, { name: 'Grace Hopper' });
    await writeLocal(db, (w) =>
      upsertContact(w, a, contactFields({ name: 'Ada Lovelace' }), { title: 'Countess' }),
    );

    const outbox = await db.outbox.orderBy('id').toArray();
    expect(outbox.map((e) => [e.id, e.name, e.touches])).toEqual([
      [1, 'contact.upsert', [`contact:${a}`]],
      [2, 'contact.upsert', [`contact:${b}`]],
      [3, 'contact.upsert', [`contact:${a}`]],
    ]);
    const ada = await db.contacts.get(a);
    expect(ada?.data).toMatchObject({ name: 'Ada Lovelace', title: 'Countess', emails: ['ada@example.com'] });
    expect(ada?.emails).toEqual(['ada@example.com']);
    expect(ada?.words).toEqual(['ada', 'lovelace']);
    // Unconfirmed by the server: base is null until a push is acknowledged.
    expect(ada?.base).toBeNull();
    expect(await readState(db, 'nextMutationId')).toBe(4);
  });

  it('makes the client id once and keeps HLCs increasing across writes', async () => {
    const db = openTestDb();
    let now = 1_767_225_600_000;
    await createContact(db, newId(), {}, () => now);
    const clientId = await readState(db, 'clientId');
    const first = await readState(db, 'hlc');
    now -= 60_000; // the wall clock went backwards
    await createContact(db, newId(), {}, () => now);
    expect(await readState(db, 'clientId')).toBe(clientId);
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
    const second = await readState(db, 'hlc');
    expect(second! > first!).toBe(true);
  });

  it('leaves neither record nor outbox entry when the write throws after mutating', async () => {
    const db = openTestDb();
    const id = newId();
    await expect(
      writeLocal(db, async (w) => {
        await upsertContact(w, id, null, contactFields());
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await db.contacts.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await readState(db, 'nextMutationId')).toBeUndefined();
    // The next write still gets id 1.
    await createContact(db, id);
    expect((await db.outbox.toArray()).map((e) => e.id)).toEqual([1]);
  });

  it('rejects an invalid mutation before anything is stored', async () => {
    const db = openTestDb();
    const id = newId();
    await expect(
      writeLocal(db, async (w) => {
        await upsertContact(w, newId(), null, contactFields());
        await w.mutate('contact.upsert', { id, patch: { fields: { name: { v: '', t: w.tick() } } } });
      }),
    ).rejects.toBeInstanceOf(MutationError);
    expect(await db.contacts.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('gives concurrent writes distinct consecutive ids', async () => {
    const db = openTestDb();
    await Promise.all(Array.from({ length: 10 }, () => createContact(db, newId())));
    expect(await db.outbox.orderBy('id').primaryKeys()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('erases a contact and every interaction of it locally, content included', async () => {
    const db = openTestDb();
    const contact = newId();
    const interaction = newId();
    await createContact(db, contact, { name: 'Sean Miller', emails: ['sean@acme.com'] });
    await writeLocal(db, async (w) => {
      await w.mutate('interaction.add', {
        interaction: {
          id: interaction,
          contactId: contact,
          customerId: null,
          kind: 'note',
          channel: 'email',
          direction: 'out',
          at: '2026-01-02T10:00:00.000Z',
          subject: 'Pricing',
          summary: 'Asked for a quote',
          body: null,
          sourceUrl: null,
          sourceKey: null,
          authorId: USER,
          supersedes: null,
        },
        t: w.tick(),
      });
    });
    await writeLocal(db, async (w) => {
      await w.mutate('contact.erase', { id: contact, at: w.now.toISOString(), t: w.tick() });
    });
    const c = await db.contacts.get(contact);
    expect(c?.data?.name).toBe('[erased]');
    expect(c?.data?.emails).toEqual([]);
    expect(c?.emails).toEqual([]);
    const i = await db.interactions.get(interaction);
    expect(i?.state.deleted).not.toBeNull();
    expect(i?.state.fields.summary).toBeUndefined();
    expect(i?.at).toBeUndefined();
    expect((await db.outbox.orderBy('id').toArray()).map((e) => e.touches)).toEqual([
      [`contact:${contact}`],
      [`interaction:${interaction}`],
      [`contact:${contact}`, `erase:${contact}`],
    ]);
  });
});

describe('writeRow', () => {
  it('returns the row as stored after its write and asks for one sync', async () => {
    const db = openTestDb();
    const id = newId();
    let syncs = 0;
    const writer = { db, now: () => 1_767_225_600_000, requestSync: () => void syncs++ };
    const row = await writeRow(writer, 'contact', async (w) => {
      await upsertContact(w, id, null, contactFields({ name: 'Ada Lovelace' }));
      return id;
    });
    expect(row).toMatchObject({ id, name: 'Ada Lovelace' });
    expect(syncs).toBe(1);
    expect(await db.outbox.count()).toBe(1);
  });

  it('rolls the write back and asks for no sync when the named row is not there after it', async () => {
    const db = openTestDb();
    let syncs = 0;
    const writer = { db, now: () => 1_767_225_600_000, requestSync: () => void syncs++ };
    const missing = newId();
    await expect(
      writeRow(writer, 'contact', async (w) => {
        await upsertContact(w, newId(), null, contactFields());
        return missing;
      }),
    ).rejects.toThrow(`contact ${missing} could not be read back`);
    expect(await db.contacts.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(syncs).toBe(0);
  });
});
