import { describe, expect, it } from 'vitest';
import { addContact } from '../db/queries/fixtures.ts';
import { readLocalSettings } from '../db/settings.ts';
import { readState } from '../db/sync-state.ts';
import { createContact } from '../db/testing.ts';
import { backgroundHarness } from './testing.ts';

const SIGN_IN = {
  type: 'auth.signIn',
  serverUrl: 'https://crm.example.com/dashboard',
  email: 'rep@acme.com',
  password: 'secret-pass',
} as const;

describe('auth', () => {
  it('signs in, keeps the offline changes made before, and syncs them', async () => {
    const { ok, call, db, server, services } = await backgroundHarness({ signedIn: false });
    await createContact(db, '0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9c02', { name: 'Offline Capture' });
    expect(await call({ ...SIGN_IN, password: 'wrong' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_credentials' },
    });
    const { user, team } = await ok(SIGN_IN);
    expect(user.email).toBe('rep@acme.com');
    expect(team.name).toBe('Acme Sales');
    const account = await readState(db, 'account');
    expect(account).toMatchObject({ serverUrl: 'https://crm.example.com', user: { email: 'rep@acme.com' } });
    expect(account?.token).toMatch(/^tok-/);
    expect((await readLocalSettings(db)).serverUrl).toBe('https://crm.example.com');
    expect(await services.sync.sync()).toEqual({ outcome: 'synced' });
    expect(server.row('contact', '0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9c02')).toBeDefined();
  });

  it('asks before replacing another account’s data, then wipes it', async () => {
    const { ok, call, db, server } = await backgroundHarness();
    await addContact(db, { name: 'Team A Contact' });
    server.addUser('other@acme.com', 'other-pass', 'Otto');
    const other = { ...SIGN_IN, email: 'other@acme.com', password: 'other-pass' };
    expect(await call(other)).toMatchObject({ ok: false, error: { code: 'other_account' } });
    expect(await db.contacts.count()).toBe(1);
    await ok({ ...other, discardOtherAccount: true });
    expect(await db.contacts.count()).toBe(0);
    expect((await readState(db, 'account'))?.user.email).toBe('other@acme.com');
  });

  it('signs out keeping data, or wiping it with the outbox and client id', async () => {
    const { ok, db, server } = await backgroundHarness();
    await createContact(db, '0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9c02', { name: 'Unsynced' });
    const clientId = await readState(db, 'clientId');
    await ok({ type: 'auth.signOut', wipe: false });
    expect((await readState(db, 'account'))?.token).toBeNull();
    expect(await db.contacts.count()).toBe(1);
    expect(server.log).toContain('POST /api/v1/auth/logout');
    expect((await ok({ type: 'sync.status' })).signedIn).toBe(false);

    await ok({ type: 'auth.signOut', wipe: true });
    expect(await db.contacts.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await readState(db, 'account')).toBeUndefined();
    expect(await readState(db, 'epoch')).toBe(1);
    await createContact(db, '0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9c03', { name: 'Fresh' });
    expect(await readState(db, 'clientId')).not.toBe(clientId);
    expect((await db.outbox.toArray()).map((e) => e.id)).toEqual([1]);
  });

  it('reports sync status with rejected changes, and dismisses them', async () => {
    const { ok, db, server } = await backgroundHarness();
    server.rejectIf = () => 'read-only team';
    await createContact(db, '0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9c02', { name: 'Refused' });
    expect((await ok({ type: 'sync.status' })).pending).toBe(1);
    const status = await ok({ type: 'sync.now' });
    expect(status).toMatchObject({
      signedIn: true,
      pending: 0,
      lastError: null,
      rejected: [{ mutationId: 1, name: 'contact.upsert', reason: 'read-only team' }],
    });
    expect(status.lastSyncAt).toBe('2026-03-20T10:00:00.000Z');
    expect(await db.contacts.count()).toBe(0);
    expect((await ok({ type: 'sync.dismissRejected', mutationIds: [] })).rejected).toEqual([]);
  });
});
