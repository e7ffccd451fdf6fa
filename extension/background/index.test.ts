import { newId } from '@rapport/shared/ids';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readState } from '../db/sync-state.ts';
import { createContact, openTestDb, signIn } from '../db/testing.ts';
import { FakeServer } from '../sync/testing/fake-server.ts';
import { startBackground } from './index.ts';
import { MORNING_NOTIFICATION } from './morning.ts';
import { ALARMS } from './scheduler.ts';

beforeEach(() => {
  // APIs the fake browser does not implement; the capture menus only register listeners here.
  const listen = () => ({ addListener: () => {} });
  Object.assign(fakeBrowser.contextMenus, {
    create: vi.fn(),
    removeAll: vi.fn(async () => {}),
    onClicked: listen(),
  });
  Object.assign(fakeBrowser.commands, { onCommand: listen() });
  Object.assign(fakeBrowser.permissions, { onRemoved: listen() });
  Object.assign(fakeBrowser.runtime, { onConnect: listen() });
});

describe('startBackground', () => {
  it('resumes an unfinished sync when the worker starts, and keeps its alarms', async () => {
    const server = new FakeServer();
    const user = server.addUser('rep@acme.com', 'secret-pass');
    const db = openTestDb();
    await signIn(db, user, server.tokenFor(user));
    const id = newId();
    // Written by a worker that was killed before it synced.
    await createContact(db, id, { name: 'Left Behind' });
    startBackground({ db, fetch: server.fetch });
    await vi.waitFor(() => expect(server.row('contact', id)).toBeDefined());
    await vi.waitFor(async () => expect(await db.outbox.count()).toBe(0));
    const alarms = (await browser.alarms.getAll()).map((a) => a.name).sort();
    expect(alarms).toEqual([ALARMS.morning, ALARMS.sync].sort());
  });

  it('answers commands and syncs on the periodic alarm', async () => {
    const server = new FakeServer();
    const user = server.addUser('rep@acme.com', 'secret-pass');
    const db = openTestDb();
    await signIn(db, user, server.tokenFor(user));
    startBackground({ db, fetch: server.fetch });
    const status = (await browser.runtime.sendMessage({ type: 'sync.status' })) as { ok: boolean };
    expect(status).toMatchObject({ ok: true, data: { signedIn: true } });
    await vi.waitFor(async () => expect(await readState(db, 'lastSyncAt')).toBeDefined());
    const before = server.log.length;
    await fakeBrowser.alarms.onAlarm.trigger({
      name: ALARMS.sync,
      scheduledTime: Date.now(),
      persistAcrossSessions: false,
    });
    await vi.waitFor(() => expect(server.log.length).toBeGreaterThan(before));
  });

  it('opens the follow-up list when the morning notification is clicked', async () => {
    const db = openTestDb();
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    startBackground({ db, fetch: new FakeServer().fetch });
    await fakeBrowser.notifications.onClicked.trigger(MORNING_NOTIFICATION);
    await vi.waitFor(async () => expect((await readState(db, 'uiRoute'))?.route).toBe('followups'));
    // No side panel API outside a user gesture here: a tab on the follow-ups instead.
    await vi.waitFor(() =>
      expect(create).toHaveBeenCalledWith({
        url: 'chrome-extension://test-extension-id/sidepanel.html#followups',
      }),
    );
  });
});
