import { describe, expect, it } from 'vitest';
import type { ThreadCapture } from '../sites/types.ts';
import { fakeBackground } from './testing/fake-background.ts';
import { ThreadLogger, threadEntries } from './thread-log.ts';

const ME = 'me@work.example';
const ANA = 'ana@shop.example';
const msg = (id: string | null, from: string, to: string[], date: string | null = '2026-03-02T09:30:00') => ({
  id,
  from: { name: null, email: from },
  to: to.map((email) => ({ name: null, email })),
  date,
  snippet: `snippet ${id}`,
});

const thread: ThreadCapture = {
  kind: 'thread',
  subject: 'Order 42',
  threadId: 't1',
  messages: [
    msg('m1', ANA, [ME]),
    msg('m2', ME, [ANA, 'bo@shop.example']),
    msg('m3', ME, ['bo@shop.example']),
    msg('m4', 'bo@shop.example', [ANA]),
    msg(null, ANA, [ME]),
    msg('m6', ANA, [ME], null),
  ],
};

describe('threadEntries', () => {
  it('logs the contact’s messages as received and the user’s to them as sent; nothing unkeyed or undated', () => {
    const entries = threadEntries(thread, ANA, ME, 'https://mail.google.com/mail/u/0/#inbox/t1');
    expect(entries.map((e) => [e.sourceKey, e.direction])).toEqual([
      ['m1', 'in'],
      ['m2', 'out'],
    ]);
    expect(entries[0]).toEqual({
      kind: 'email',
      channel: 'email',
      direction: 'in',
      at: new Date(2026, 2, 2, 9, 30).toISOString(),
      subject: 'Order 42',
      summary: 'snippet m1',
      sourceUrl: 'https://mail.google.com/mail/u/0/#inbox/t1',
      sourceKey: 'm1',
    });
  });

  it('a subject or snippet cut at its limit never ends in half an emoji (the server refuses lone surrogates)', () => {
    const emoji = '\u{1F91D}';
    const long: ThreadCapture = {
      ...thread,
      subject: `${'s'.repeat(499)}${emoji}`,
      messages: [{ ...msg('m1', ANA, [ME]), snippet: `${'n'.repeat(1999)}${emoji} tail` }],
    };
    const [entry] = threadEntries(long, ANA, ME, 'https://mail.google.com/');
    expect(entry?.subject).toBe('s'.repeat(499));
    expect(entry?.summary).toBe('n'.repeat(1999));
  });

  it('without the user’s own address, only the contact’s own messages count', () => {
    expect(threadEntries(thread, ANA, null, 'https://mail.google.com/').map((e) => e.sourceKey)).toEqual([
      'm1',
    ]);
  });
});

describe('ThreadLogger', () => {
  it('sends each message once per contact across calls', async () => {
    const bg = fakeBackground([
      { name: 'Ana', emails: [ANA] },
      { name: 'Bo', emails: ['bo@shop.example'] },
    ]);
    const [{ results }] = [
      await bg.send('lookup.people', { people: [{ email: ANA }, { email: 'bo@shop.example' }] }),
    ];
    const ana = results[0]?.contactId as string;
    const bo = results[1]?.contactId as string;
    const logger = new ThreadLogger(bg.send);
    const entries = threadEntries(thread, ANA, ME, 'https://mail.google.com/');
    expect(await logger.log(ana, entries)).toBe(2);
    expect(await logger.log(ana, entries)).toBe(0);
    expect(await logger.log(ana, [...entries].reverse())).toBe(0);
    // The same message with another contact is that contact's interaction.
    expect(await logger.log(bo, entries.slice(0, 1))).toBe(1);
    expect(bg.of('interaction.log').map((l) => l.entries.length)).toEqual([2, 1]);
  });
});
