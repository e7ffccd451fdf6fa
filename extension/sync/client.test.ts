import { describeRejection } from '@rapport/shared/api-errors';
import { newId } from '@rapport/shared/ids';
import { patchFromChanges, stateFromEntity } from '@rapport/shared/sync/changes';
import { formatHlc, parseHlc } from '@rapport/shared/sync/hlc';
import { materialize } from '@rapport/shared/sync/materialize';
import { PullResponse } from '@rapport/shared/sync/protocol';
import { describe, expect, it } from 'vitest';
import { writeLocal } from '../db/outbox.ts';
import { readSyncStatus } from '../db/queries/status.ts';
import { readTeamSettings } from '../db/settings.ts';
import { readState, writeState } from '../db/sync-state.ts';
import {
  contactFields,
  createContact,
  openTestDb,
  SERVER_URL,
  signIn,
  upsertContact,
} from '../db/testing.ts';
import { applyPullPage } from './apply-server-replies.ts';
import { ExtensionSyncClient } from './client.ts';
import { FakeServer } from './testing/fake-server.ts';

const T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const other = (ms: number) => formatHlc({ wall: T0 + ms, counter: 0, node: 'other' });

async function setup() {
  const server = new FakeServer();
  const user = server.addUser('rep@acme.com', 'secret-pass');
  const db = openTestDb();
  await signIn(db, user, server.tokenFor(user));
  let now = T0 + 1000;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  server.now = clock.now;
  const client = (target = db) =>
    new ExtensionSyncClient({
      db: target,
      fetch: server.fetch,
      now: clock.now,
      random: () => 0.5,
      backoff: { baseMs: 1000, maxMs: 60_000 },
    });
  return { server, user, db, clock, client };
}

/** A contact row as another client wrote it. */
function serverContact(id: string, name: string, ms = 0) {
  return stateFromEntity('contact', { id, ...contactFields({ name }) }, other(ms));
}

describe('ExtensionSyncClient', () => {
  it('pushes the outbox, pulls its own rows back and leaves nothing pending', async () => {
    const { server, db, clock, client } = await setup();
    const id = newId();
    await createContact(db, id, { name: 'Ada Lovelace', emails: ['ada@example.com'] }, clock.now);
    expect(await client().sync()).toEqual({ outcome: 'synced' });
    expect(materialize('contact', server.row('contact', id)!).name).toBe('Ada Lovelace');
    expect(await db.outbox.count()).toBe(0);
    const local = await db.contacts.get(id);
    expect(local?.base).toBeUndefined();
    expect(local?.state).toEqual(server.row('contact', id));
    expect(await readState(db, 'lastMutationId')).toBe(1);
    expect(await readState(db, 'lastSyncAt')).toBe(new Date(T0 + 1000).toISOString());
  });

  it('pages through a pull with the cookie until hasMore is false', async () => {
    const { server, db, clock } = await setup();
    const ids = Array.from({ length: 5 }, () => newId());
    for (const [i, id] of ids.entries()) server.putRow('contact', serverContact(id, `Person ${i}`));
    const client = new ExtensionSyncClient({ db, fetch: server.fetch, now: clock.now, pullLimit: 2 });
    expect(await client.sync()).toEqual({ outcome: 'synced' });
    expect(server.log.filter((l) => l.includes('/sync/pull'))).toHaveLength(3);
    expect((await db.contacts.toArray()).map((c) => c.data?.name).sort()).toEqual([
      'Person 0',
      'Person 1',
      'Person 2',
      'Person 3',
      'Person 4',
    ]);
    // Nothing new: one more page, no rows.
    await client.sync();
    expect(await db.contacts.count()).toBe(5);
  });

  it('resumes after the worker dies mid-push: nothing lost, nothing applied twice', async () => {
    const { server, db, clock, client } = await setup();
    const ids = [newId(), newId(), newId()];
    for (const id of ids) await createContact(db, id, { name: 'Before restart' }, clock.now);
    server.faults.push({ type: 'drop-response', path: '/sync/push' });
    const first = await client().sync();
    expect(first).toMatchObject({ outcome: 'failed', code: 'network' });
    // The server committed; this client does not know it yet.
    expect(server.clients.values().next().value?.lastMutationId).toBe(3);
    expect(await db.outbox.count()).toBe(3);

    await createContact(db, newId(), { name: 'After restart' }, clock.now);
    const restarted = openTestDb(db.name); // a new worker: new instances, same IndexedDB
    clock.advance(60_000);
    expect(await client(restarted).sync()).toEqual({ outcome: 'synced' });
    expect(await restarted.outbox.count()).toBe(0);
    expect(server.clients.values().next().value?.lastMutationId).toBe(4);
    expect([...server.rows.values()].filter((r) => r.entity === 'contact')).toHaveLength(4);
    // The resent batch came back as duplicates, so versions moved once per push, not per retry.
    expect(await restarted.contacts.count()).toBe(4);
  });

  it('backs off with jitter on 5xx and network errors, then recovers', async () => {
    const { server, db, clock, client } = await setup();
    await createContact(db, newId(), {}, clock.now);
    const sync = client();
    server.faults.push({ type: 'status', status: 503 }, { type: 'network' });
    const first = await sync.sync();
    // random() = 0.5 and base 1000 ms: 500 fixed + 250 jitter.
    expect(first).toMatchObject({ outcome: 'failed', code: 'server', retryAt: T0 + 1000 + 750 });
    // The server's own code is kept for the Sync view to say in the UI's language.
    expect(await readState(db, 'lastError')).toMatchObject({ code: 'server', serverCode: 'unavailable' });
    expect(await sync.sync()).toEqual({ outcome: 'waiting', retryAt: T0 + 1750 });
    clock.advance(750);
    // Second failure: the step doubles to 2000 ms -> 1000 + 500.
    expect(await sync.sync()).toMatchObject({
      outcome: 'failed',
      code: 'network',
      retryAt: T0 + 1750 + 1500,
    });
    expect(await readState(db, 'lastError')).toMatchObject({ code: 'network' });
    expect(await readState(db, 'lastError')).not.toHaveProperty('serverCode');
    clock.advance(1500);
    expect(await sync.sync()).toEqual({ outcome: 'synced' });
    expect(await readState(db, 'backoff')).toBeUndefined();
    expect(await readState(db, 'lastError')).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
  });

  it('honours Retry-After and lets a forced sync skip the wait', async () => {
    const { server, db, clock, client } = await setup();
    await createContact(db, newId(), {}, clock.now);
    server.faults.push({ type: 'status', status: 429, retryAfter: '30' });
    const sync = client();
    expect(await sync.sync()).toMatchObject({ outcome: 'failed', retryAt: T0 + 1000 + 30_000 });
    expect(await sync.sync({ force: true })).toEqual({ outcome: 'synced' });
  });

  it('turns a 401 into the signed-out state and stops trying', async () => {
    const { server, db, client } = await setup();
    server.tokens.clear();
    expect(await client().sync()).toEqual({ outcome: 'signed-out' });
    const account = await readState(db, 'account');
    expect(account?.token).toBeNull();
    expect(account?.user.email).toBe('rep@acme.com');
    expect(await readState(db, 'lastError')).toMatchObject({ code: 'auth' });
    const requests = server.log.length;
    expect(await client().sync()).toEqual({ outcome: 'signed-out' });
    expect(server.log).toHaveLength(requests);
  });

  it('records rejected mutations with reasons and shows the server state again', async () => {
    const { server, db, clock, client } = await setup();
    const existing = newId();
    server.putRow('contact', serverContact(existing, 'Sean Miller'));
    await client().sync();
    server.rejectIf = (m) =>
      m.name === 'contact.upsert' && m.args.patch.fields?.name?.v === 'Forbidden Name'
        ? 'you do not own this contact'
        : null;
    server.rejectCode = 'forbidden';
    const created = newId();
    await writeLocal(
      db,
      async (w) => {
        await upsertContact(w, existing, contactFields({ name: 'Sean Miller' }), { name: 'Forbidden Name' });
        await upsertContact(w, created, null, contactFields({ name: 'Forbidden Name' }));
      },
      clock.now,
    );
    expect((await db.contacts.get(existing))?.data?.name).toBe('Forbidden Name');

    expect(await client().sync()).toEqual({ outcome: 'synced' });
    const rejected = await db.rejected.toArray();
    expect(rejected.map((r) => [r.mutationId, r.name, r.reason, r.code])).toEqual([
      [1, 'contact.upsert', 'you do not own this contact', 'forbidden'],
      [2, 'contact.upsert', 'you do not own this contact', 'forbidden'],
    ]);
    // The status the side panel reads keeps the code, so it says the reason in the UI's language.
    const status = await readSyncStatus(db, clock.now());
    expect(status.rejected.map((r) => describeRejection('zh-CN', r))).toEqual([
      '你的角色无权进行此更改。',
      '你的角色无权进行此更改。',
    ]);
    expect(status.rejected.map((r) => describeRejection('en', r))).toEqual([
      'you do not own this contact',
      'you do not own this contact',
    ]);
    // Undone: the edit shows the server's name, the refused create is gone.
    expect((await db.contacts.get(existing))?.data?.name).toBe('Sean Miller');
    expect(await db.contacts.get(created)).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
  });

  it('resends from the server lastMutationId after a 409', async () => {
    const { server, db, clock, client } = await setup();
    // This client had mutations 1–3 acknowledged, then the server was restored from an older backup.
    await writeState(db, 'nextMutationId', 4);
    await writeState(db, 'lastMutationId', 3);
    const ids = [newId(), newId()];
    for (const id of ids) await createContact(db, id, {}, clock.now);
    expect(await db.outbox.orderBy('id').primaryKeys()).toEqual([4, 5]);
    expect(await client().sync()).toEqual({ outcome: 'synced' });
    expect(server.log.filter((l) => l.includes('push'))).toHaveLength(2);
    expect(server.clients.values().next().value?.lastMutationId).toBe(2);
    expect(ids.every((id) => server.row('contact', id))).toBe(true);
    expect(await readState(db, 'nextMutationId')).toBe(3);
    await createContact(db, newId(), {}, clock.now);
    expect(await db.outbox.orderBy('id').primaryKeys()).toEqual([3]);
  });

  it('keeps pending local edits on top of pulled rows (per-field merge)', async () => {
    const { server, db, clock, client } = await setup();
    const id = newId();
    server.putRow('contact', serverContact(id, 'Sean Miller'));
    await client().sync();
    await writeLocal(
      db,
      (w) => upsertContact(w, id, contactFields({ name: 'Sean Miller' }), { title: 'Buyer' }),
      clock.now,
    );
    // Another client renames him meanwhile; this client's push fails, its pull still runs next time.
    const current = server.row('contact', id)!;
    server.putRow('contact', {
      ...current,
      fields: { ...current.fields, name: { v: 'Sean P. Miller', t: other(5000) } },
    });
    server.faults.push({ type: 'network', path: '/sync/push' });
    await client().sync();
    expect((await db.contacts.get(id))?.data).toMatchObject({ name: 'Sean Miller', title: 'Buyer' });
    clock.advance(10_000);
    expect(await client().sync({ force: true })).toEqual({ outcome: 'synced' });
    expect((await db.contacts.get(id))?.data).toMatchObject({ name: 'Sean P. Miller', title: 'Buyer' });
    expect(materialize('contact', server.row('contact', id)!)).toMatchObject({
      name: 'Sean P. Miller',
      title: 'Buyer',
    });
  });

  it('drops replicated rows on reset but keeps unsynced local rows', async () => {
    const { server, db, clock, client } = await setup();
    const gone = newId();
    server.putRow('contact', serverContact(gone, 'Purged Person'));
    await client().sync();
    server.rows.clear();
    const kept = newId();
    server.putRow('contact', serverContact(kept, 'Still Here'));
    server.resetBelowVersion = server.version + 1;
    const local = newId();
    await createContact(db, local, { name: 'Offline Draft' }, clock.now);
    // The reset page arrives while the draft is still pending.
    const cookie = await readState(db, 'cookie');
    const clientId = await readState(db, 'clientId');
    const response = await server.fetch(
      `${SERVER_URL}/api/v1/sync/pull?clientId=${clientId}&cookie=${cookie}`,
      { headers: { authorization: `Bearer ${(await readState(db, 'account'))?.token}` } },
    );
    const page = PullResponse.parse(await response.json());
    expect(page.reset).toBe(true);
    await applyPullPage(db, page, 0, clock.now);
    expect((await db.contacts.toArray()).map((c) => c.data?.name).sort()).toEqual([
      'Offline Draft',
      'Still Here',
    ]);
    expect(await client().sync()).toEqual({ outcome: 'synced' });
    expect(materialize('contact', server.row('contact', local)!).name).toBe('Offline Draft');
  });

  it('re-points references when the server merges a duplicate (alias)', async () => {
    const { server, db, clock, client, user } = await setup();
    const older = newId();
    const newer = newId();
    await createContact(db, newer, { name: 'Sean Miller', emails: ['sean@acme.com'] }, clock.now);
    const interaction = newId();
    await writeLocal(
      db,
      async (w) => {
        await w.mutate('interaction.add', {
          interaction: {
            id: interaction,
            contactId: newer,
            customerId: null,
            kind: 'call',
            channel: 'phone',
            direction: 'out',
            at: '2026-01-01T09:00:00.000Z',
            subject: null,
            summary: 'Intro call',
            body: null,
            sourceUrl: null,
            sourceKey: null,
            authorId: user.id,
            supersedes: null,
          },
          t: w.tick(),
        });
      },
      clock.now,
    );
    await client().sync();
    // The server finds an older contact with the same email and merges ours into it.
    server.putRow('contact', serverContact(older, 'Sean Miller'));
    const row = server.rows.get(`interaction:${interaction}`)!;
    server.alias('contact', newer, older);
    server.putRow('interaction', {
      ...row.state,
      fields: { ...row.state.fields, contactId: { v: older, t: other(9000) } },
    });
    await client().sync({ force: true });
    expect(await db.contacts.get(newer)).toBeUndefined();
    expect((await db.contacts.get(older))?.data?.name).toBe('Sean Miller');
    expect((await db.interactions.get(interaction))?.contactId).toBe(older);
  });

  it('pulls the team settings', async () => {
    const { server, db, client } = await setup();
    server.settings = { ...server.settings, currency: 'EUR', tierWindow: { kind: 'all' } };
    await client().sync();
    expect(await readTeamSettings(db)).toMatchObject({ currency: 'EUR', tierWindow: { kind: 'all' } });
  });

  it('merges a pending patch into the base when the push is acknowledged', async () => {
    const { server, db, clock, client } = await setup();
    const id = newId();
    server.putRow('contact', serverContact(id, 'Sean Miller'));
    await client().sync();
    await writeLocal(
      db,
      (w) =>
        w
          .mutate('contact.upsert', {
            id,
            patch: patchFromChanges('contact', { tags: [] }, { tags: ['vip'] }, w.tick()),
          })
          .then(() => undefined),
      clock.now,
    );
    server.faults.push({ type: 'network', path: '/sync/pull' });
    await client().sync();
    // Push was acknowledged, the pull failed: the tag is in the base, nothing pending.
    const record = await db.contacts.get(id);
    expect(await db.outbox.count()).toBe(0);
    expect(record?.base).toBeUndefined();
    expect(record?.data?.tags).toEqual(['vip']);
  });
});

/** The HLC of the name field in the first queued mutation (a contact.upsert). */
async function firstStampedName(db: ReturnType<typeof openTestDb>): Promise<string> {
  const [queued] = await db.outbox.toArray();
  if (!queued) throw new Error('nothing queued');
  return (queued.args as { patch: { fields: { name: { t: string } } } }).patch.fields.name.t;
}

describe('ExtensionSyncClient onPulled', () => {
  it('tells the pages only when a round brought rows from the server', async () => {
    const { server, db, clock } = await setup();
    let pulled = 0;
    const sync = new ExtensionSyncClient({
      db,
      fetch: server.fetch,
      now: clock.now,
      onPulled: () => pulled++,
    });
    expect(await sync.sync()).toEqual({ outcome: 'synced' });
    expect(pulled).toBe(0);
    server.putRow('contact', serverContact(newId(), 'Grace Hopper'));
    expect(await sync.sync()).toEqual({ outcome: 'synced' });
    expect(pulled).toBe(1);
    expect(await sync.sync()).toEqual({ outcome: 'synced' });
    expect(pulled).toBe(1);
  });
});

describe('ExtensionSyncClient clock', () => {
  it("stamps changes on the server's time when this device's clock is wrong", async () => {
    const { server, db, clock, client } = await setup();
    const twoHours = 2 * 3_600_000;
    server.now = () => clock.now() - twoHours; // this device runs two hours fast
    // an HLC issued while the clock was fast, before the first sync
    await writeState(db, 'hlc', formatHlc({ wall: clock.now(), counter: 0, node: 'me' }));
    expect(await client().sync()).toEqual({ outcome: 'synced' });
    expect(await readState(db, 'clockOffsetMs')).toBe(-twoHours);

    const id = newId();
    await createContact(db, id, { name: 'Ada Lovelace' }, clock.now);
    const stamped = await firstStampedName(db);
    expect(parseHlc(stamped).wall).toBe(clock.now() - twoHours);
  });

  it('keeps a clock a little ahead monotonic', async () => {
    const { server, db, clock, client } = await setup();
    server.now = () => clock.now() - 60_000; // one minute fast: within what the server accepts
    const issued = formatHlc({ wall: clock.now(), counter: 3, node: 'me' });
    await writeState(db, 'hlc', issued);
    await client().sync();
    await createContact(db, newId(), { name: 'Grace Hopper' }, clock.now);
    const stamped = await firstStampedName(db);
    expect(stamped > issued).toBe(true);
  });
});

describe('ExtensionSyncClient with a cookie the server refuses', () => {
  it('pulls again from the start and replaces the local rows', async () => {
    const { server, db, clock, client } = await setup();
    const stale = newId();
    server.putRow('contact', serverContact(stale, 'Stale Row'));
    await client().sync();
    await writeState(db, 'cookie', 'r1.999.contact.garbage');
    server.rows.clear();
    const fresh = newId();
    server.putRow('contact', serverContact(fresh, 'Fresh Row'));
    // This server answers an unknown cookie with 400, as the real one does.
    const fetch = server.fetch;
    const strict = new ExtensionSyncClient({
      db,
      now: clock.now,
      fetch: (url, init) =>
        url.includes('cookie=r1.999')
          ? Promise.resolve(
              new Response(
                '{"error":{"code":"validation_failed","message":"cookie is not one this server issued","details":null}}',
                { status: 400 },
              ),
            )
          : fetch(url, init),
    });
    expect(await strict.sync()).toEqual({ outcome: 'synced' });
    expect((await db.contacts.toArray()).map((c) => c.data?.name)).toEqual(['Fresh Row']);
  });
});
