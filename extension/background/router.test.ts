import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { readLocalSettings } from '../db/settings.ts';
import { handlers } from './handlers.ts';
import { createMessageListener, senderOf } from './router.ts';
import { backgroundHarness, FROM_PAGE } from './testing.ts';

describe('command validation', () => {
  it('rejects malformed commands before any handler runs, writing nothing', async () => {
    const { call, db } = await backgroundHarness();
    const malformed: unknown[] = [
      null,
      'lookup.people',
      { type: 'no.such.command' },
      { type: 'contact.capture', person: { source: 'gmail' } },
      { type: 'contact.capture', person: { name: 'Ann', source: 'fax' } },
      { type: 'contact.capture', person: { name: 'Ann', source: 'manual' }, extra: true },
      {
        type: 'interaction.log',
        contactId: 'not-an-id',
        entries: [{ kind: 'note', channel: 'email', direction: 'out' }],
      },
      { type: 'interaction.log', contactId: '0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9c02', entries: [] },
      { type: 'lookup.people', people: Array.from({ length: 501 }, () => ({ email: 'a@b.co' })) },
      { type: 'settings.set', changes: { language: 'fr' } },
      { type: 'auth.signOut' },
    ];
    for (const raw of malformed) {
      const response = await call(raw);
      expect(response.ok, JSON.stringify(raw)?.slice(0, 80)).toBe(false);
      if (!response.ok) expect(response.error.code).toBe('invalid_message');
    }
    expect(await db.contacts.count()).toBe(0);
    expect(await db.interactions.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect((await readLocalSettings(db)).language).toBeNull();
  });

  it('names the offending field', async () => {
    const { call } = await backgroundHarness();
    const response = await call({ type: 'contact.get', id: 'ABC' });
    expect(response).toEqual({
      ok: false,
      error: {
        code: 'invalid_message',
        message: expect.stringContaining('invalid contact.get message: id:'),
        details: [expect.objectContaining({ path: 'id' })],
      },
    });
  });

  it('answers through sendResponse (the fake browser ignores returned promises)', async () => {
    const { services } = await backgroundHarness();
    browser.runtime.onMessage.addListener(
      createMessageListener(handlers, services, 'chrome-extension://test-extension-id/'),
    );
    const settings = await browser.runtime.sendMessage({ type: 'settings.get' });
    expect(settings).toMatchObject({
      ok: true,
      data: { settings: { autoLog: true, paused: false, captureBodies: false } },
    });
    expect(await browser.runtime.sendMessage({ type: 'settings.get', junk: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_message' },
    });
  });

  it('tells content scripts from extension pages', () => {
    const origin = 'chrome-extension://abc/';
    expect(senderOf({ url: 'chrome-extension://abc/sidepanel.html', tab: { id: 3 } }, origin).fromPage).toBe(
      false,
    );
    expect(senderOf({ url: 'https://mail.google.com/mail/u/0/', tab: { id: 3 } }, origin)).toEqual({
      fromPage: true,
      tabId: 3,
      url: 'https://mail.google.com/mail/u/0/',
    });
    expect(senderOf({}, origin).fromPage).toBe(false);
  });
});

describe('settings', () => {
  it('validates on write and on read', async () => {
    const { ok, call, db } = await backgroundHarness();
    expect(
      (await ok({ type: 'settings.set', changes: { timeZone: 'Asia/Shanghai', paused: true } })).settings,
    ).toMatchObject({ timeZone: 'Asia/Shanghai', paused: true, autoLog: true });
    const bad = await call({ type: 'settings.set', changes: { timeZone: 'Mars/Olympus' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect((await readLocalSettings(db)).timeZone).toBe('Asia/Shanghai');
    // A corrupted stored value reads as the defaults rather than breaking every command.
    await db.settings.put({ key: 'local', value: { paused: 'yes' } });
    expect((await ok({ type: 'settings.get' })).settings.paused).toBe(false);
  });

  it('blocks capture from pages while paused, not from the side panel', async () => {
    const { call, ok } = await backgroundHarness();
    await ok({ type: 'settings.set', changes: { paused: true } });
    const person = { name: 'Ann Page', email: 'ann@example.com', source: 'gmail' };
    expect(await call({ type: 'contact.capture', person }, FROM_PAGE)).toMatchObject({
      ok: false,
      error: { code: 'paused' },
    });
    expect(await ok({ type: 'contact.capture', person })).toMatchObject({ created: true });
  });
});
