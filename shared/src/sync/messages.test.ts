import { describe, expect, expectTypeOf, it } from 'vitest';
import { applySettingsChanges, DEFAULT_LOCAL_SETTINGS, LocalSettings } from './local-settings.ts';
import {
  MESSAGE_TYPES,
  type Message,
  messageSchemas,
  parseMessage,
  parseMessageResponse,
} from './messages.ts';
import { CONTACT_ID, CUSTOMER_ID } from './test-fixtures.ts';

describe('parseMessage', () => {
  it('accepts a lookup batch of raw page identities', () => {
    const people = [
      { email: 'Sean.Miller@Acme.com', name: 'Sean Miller' },
      { linkedin: 'https://www.linkedin.com/in/jane-doe/' },
      { x: '@jack' },
    ];
    expect(parseMessage({ type: 'lookup.people', people })).toEqual({ type: 'lookup.people', people });
  });

  it('fills defaults and narrows by type', () => {
    const m = parseMessage({ type: 'contact.search', query: 'miller' });
    expect(m).toEqual({ type: 'contact.search', query: 'miller', limit: 20 });
    expectTypeOf<Extract<Message, { type: 'contact.search' }>>().toEqualTypeOf<{
      type: 'contact.search';
      query: string;
      limit: number;
    }>();
    expect(parseMessage({ type: 'followups.list' })).toEqual({
      type: 'followups.list',
      limit: 100,
      includeSoon: true,
    });
  });

  it('validates contact.update changes with the contact schema', () => {
    expect(
      parseMessage({
        type: 'contact.update',
        id: CONTACT_ID,
        changes: { followUpOn: '2026-03-02', tags: ['vip'] },
      }),
    ).toEqual({
      type: 'contact.update',
      id: CONTACT_ID,
      changes: { followUpOn: '2026-03-02', tags: ['vip'] },
    });
    expect(() =>
      parseMessage({ type: 'contact.update', id: CONTACT_ID, changes: { followUpOn: '2026-02-29' } }),
    ).toThrow(
      'invalid contact.update message: changes.followUpOn: 2026-02-29 does not exist (month 02 of 2026 has 28 days)',
    );
    expect(() =>
      parseMessage({
        type: 'contact.update',
        id: CONTACT_ID,
        changes: { updatedAt: '2026-01-01T00:00:00Z' },
      }),
    ).toThrow(/Unrecognized key: "updatedAt"/);
  });

  it('rejects malformed messages clearly', () => {
    expect(() => parseMessage(null)).toThrow('invalid message: expected an object with a string "type"');
    expect(() => parseMessage({ type: 'contact.delete' })).toThrow(
      /^unknown message type "contact.delete"; expected one of lookup.people/,
    );
    expect(() => parseMessage({ type: 'contact.get', id: 'abc' })).toThrow(
      /^invalid contact.get message: id: expected a lower-case UUIDv7/,
    );
    expect(() => parseMessage({ type: 'lookup.people', people: [{}] })).toThrow(
      'invalid lookup.people message: people[0]: an identity needs an email, linkedin, x, phone or name',
    );
    expect(() =>
      parseMessage({ type: 'lookup.people', people: Array.from({ length: 501 }, () => ({ name: 'A' })) }),
    ).toThrow(/look up at most 500 people per message/);
    expect(() => parseMessage({ type: 'interaction.log', contactId: CONTACT_ID, entries: [] })).toThrow(
      'invalid interaction.log message: entries: log at least one entry',
    );
    expect(() => parseMessage({ type: 'sync.now', extra: 1 })).toThrow(/Unrecognized key: "extra"/);
  });

  it('refuses a NUL or a lone surrogate anywhere in a message, naming the field', () => {
    expect(() =>
      parseMessage({ type: 'lookup.people', people: [{ name: 'Ann' }, { name: 'B\0b' }] }),
    ).toThrow(
      'invalid lookup.people message: people[1].name: contains a NUL character (U+0000) at position 1',
    );
    expect(() => parseMessage({ type: 'contact.search', query: '\uDE00' })).toThrow(
      'invalid contact.search message: query: contains an unpaired surrogate (U+DE00) at position 0: a broken character',
    );
  });

  it('every request schema carries its own type', () => {
    for (const type of MESSAGE_TYPES) expect(messageSchemas[type].request.shape.type.value).toBe(type);
  });
});

describe('responses and local settings', () => {
  it('parseMessageResponse checks a handler answer', () => {
    const badge = {
      contactId: CONTACT_ID,
      name: 'Sean Miller',
      customerId: CUSTOMER_ID,
      customerName: 'Sean Miller',
      tier: 'D',
      revenue: '25043.05',
      profit: '-1980.7393',
      currency: 'USD',
      window: { from: '2016-12-31', to: '2017-12-31', asOf: '2017-12-30', historical: true },
      followUp: { status: 'overdue', dueOn: '2026-01-02' },
      suggestions: [],
    };
    expect(parseMessageResponse('lookup.people', { results: [badge, null] }).results[0]?.tier).toBe('D');
    expect(() =>
      parseMessageResponse('lookup.people', { results: [{ ...badge, profit: '-1,980.74' }] }),
    ).toThrow(/invalid lookup.people response: results\[0\].profit: Invalid money amount/);
  });

  it('LocalSettings fills defaults; changes apply only given keys', () => {
    expect(LocalSettings.parse({})).toEqual(DEFAULT_LOCAL_SETTINGS);
    expect(DEFAULT_LOCAL_SETTINGS).toMatchObject({
      autoLog: true,
      captureBodies: false,
      paused: false,
      serverUrl: null,
    });
    const changed = applySettingsChanges(DEFAULT_LOCAL_SETTINGS, {
      paused: true,
      timeZone: 'Asia/Shanghai',
      serverUrl: undefined,
    });
    expect(changed).toEqual({ ...DEFAULT_LOCAL_SETTINGS, paused: true, timeZone: 'Asia/Shanghai' });
    expect(() => parseMessage({ type: 'settings.set', changes: { timeZone: 'Mars/Base' } })).toThrow(
      'invalid settings.set message: changes.timeZone: "Mars/Base" is not a known IANA time zone',
    );
    expect(() =>
      parseMessage({ type: 'settings.set', changes: { serverUrl: 'ftp://crm.example.com' } }),
    ).toThrow(/changes.serverUrl: expected an http\(s\) URL/);
  });
});
