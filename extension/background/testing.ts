// Test harness for the background: real handlers and IndexedDB (fake-indexeddb), a fake server.

import type { Send } from '../content/messaging.ts';
import { openTestDb, signIn } from '../db/testing.ts';
import type { CommandResponse, CommandType } from '../messaging/commands.ts';
import { ExtensionSyncClient } from '../sync/client.ts';
import { FakeServer } from '../sync/testing/fake-server.ts';
import { handlers } from './handlers.ts';
import { dispatch } from './router.ts';
import type { BackgroundServices, Sender } from './services.ts';

export const FROM_PANEL: Sender = {
  fromPage: false,
  url: 'chrome-extension://test-extension-id/sidepanel.html',
};
export const FROM_PAGE: Sender = { fromPage: true, tabId: 7, url: 'https://mail.google.com/mail/u/0/#inbox' };

export async function backgroundHarness(options: { signedIn?: boolean; now?: string } = {}) {
  const server = new FakeServer();
  const user = server.addUser('rep@acme.com', 'secret-pass', 'Rita Rep');
  const db = openTestDb();
  let now = Date.parse(options.now ?? '2026-03-20T10:00:00.000Z');
  server.now = () => now;
  let syncRequests = 0;
  const services: BackgroundServices = {
    db,
    fetch: server.fetch,
    now: () => now,
    sync: new ExtensionSyncClient({ db, fetch: server.fetch, now: () => now }),
    requestSync: () => {
      syncRequests += 1;
    },
  };
  if (options.signedIn !== false) await signIn(db, user, server.tokenFor(user));
  /** Sends a raw command as the side panel (or `sender`) would. */
  const call = (raw: unknown, sender: Sender = FROM_PANEL) => dispatch(handlers, services, raw, sender);
  /** Sends a command that must succeed and returns its data. */
  const ok = async <T extends CommandType>(
    raw: { type: T } & Record<string, unknown>,
    sender: Sender = FROM_PANEL,
  ) => {
    const response = (await call(raw, sender)) as CommandResponse<T>;
    if (!response.ok)
      throw new Error(`${raw.type} failed: ${response.error.code}: ${response.error.message}`);
    return response.data;
  };
  /** A content script's `send` on this background: commands from a page; a failure throws with its code. */
  const pageSend = (async (type: string, body: object) => {
    const reply = await call({ ...body, type }, FROM_PAGE);
    if (!reply.ok)
      throw Object.assign(new Error(reply.error.message), {
        code: reply.error.code,
        details: reply.error.details,
      });
    return reply.data;
  }) as Send;
  return {
    server,
    user,
    db,
    services,
    call,
    ok,
    pageSend,
    setNow: (iso: string) => {
      now = Date.parse(iso);
    },
    syncRequests: () => syncRequests,
  };
}
