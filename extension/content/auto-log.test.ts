// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import type { FakePerson } from './testing/fake-background.ts';
import { openPagesPerTest } from './testing/page.ts';

const open = openPagesPerTest();

const RAHUL: FakePerson = { name: 'Rahul Mehta', emails: ['rahul.mehta@supplier.example'] };
const BUYERS: FakePerson = { name: 'Buying team', emails: ['buyers@retailer.example'] };
const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQbgRnJxwXbKqsVmWbRLpHvDkJz';
const SNIPPET =
  'Hello team, Please find the updated price list for the autumn order attached. Volumes above 500 units get the tiered discount we discussed. Regards, Rahul';

describe('auto-log of an open Gmail thread', () => {
  it('logs the user’s just-sent reply too, and the account (“me”) is never looked up as a person', async () => {
    const page = await open('gmail', '2025-thread-reply', { people: [RAHUL] });
    const looked = page.bg.of('lookup.people').flatMap((l) => l.people);
    expect(looked.some((p) => p.email === 'priya.nair@harbour.example')).toBe(false);
    expect(looked.some((p) => p.name === 'Inc.' || p.name === 'me')).toBe(false);
    const entries = page.bg.of('interaction.log').flatMap((l) => l.entries);
    expect(entries.map((e) => [e.direction, e.sourceKey, e.at])).toEqual([
      ['in', '198c7a0b1c2d3e4f', new Date(2025, 7, 20, 13, 19).toISOString()],
      // No legacy id yet: keyed by its permanent sent-message id, which it keeps after a reload.
      ['out', 'msg-a:r-8474029812201839403', new Date(2025, 7, 21, 9, 2).toISOString()],
    ]);
    page.controller.refresh();
    await page.settle();
    expect(page.bg.of('interaction.log').flatMap((l) => l.entries)).toHaveLength(2);
  });

  it('logs the known sender’s message once, keyed by its message id, in the same lookup batch', async () => {
    const page = await open('gmail', '2025-thread', { people: [RAHUL] });
    // Sender, recipient and the sender by address alone (auto-log matches addresses only): one message.
    expect(page.bg.calls.map((c) => c.type).slice(0, 3)).toEqual([
      'settings.get',
      'lookup.people',
      'interaction.log',
    ]);
    expect(page.bg.of('lookup.people')[0]?.people).toEqual([
      { email: 'rahul.mehta@supplier.example', name: 'Rahul Mehta' },
      { email: 'buyers@retailer.example', name: 'buyers' },
      { email: 'rahul.mehta@supplier.example' },
    ]);
    const logs = page.bg.of('interaction.log');
    expect(logs).toHaveLength(1);
    expect(logs[0]?.entries).toEqual([
      {
        kind: 'email',
        channel: 'email',
        direction: 'in',
        // The page shows wall-clock time in the user's zone.
        at: new Date(2025, 7, 20, 13, 19).toISOString(),
        subject: 'Autumn order: updated price list',
        summary: SNIPPET,
        sourceUrl: THREAD_URL,
        sourceKey: '198c7a0b1c2d3e4f',
      },
    ]);

    // Rescans (Gmail mutates the thread constantly) and revisiting the thread log nothing more.
    page.doc.body.append(page.doc.createElement('div'));
    await page.settle();
    page.controller.refresh();
    await page.settle();
    await page.navigate(`${THREAD_URL}?again`);
    expect(page.bg.of('lookup.people').length).toBeGreaterThanOrEqual(3);
    expect(page.bg.of('interaction.log')).toHaveLength(1);
    expect(page.bg.logged.map((i) => i.sourceKey)).toEqual(['198c7a0b1c2d3e4f']);
  });

  it('logs the signed-in user’s message to a known recipient as sent', async () => {
    const page = await open('gmail', '2025-thread', {
      people: [BUYERS],
      edit: (doc) => {
        const from = doc.querySelector('h3 span[email]') as Element;
        from.setAttribute('email', 'priya.nair@gmail.com');
        from.setAttribute('name', 'Priya Nair');
      },
    });
    const logs = page.bg.of('interaction.log');
    expect(logs).toHaveLength(1);
    expect(logs[0]?.entries.map((e) => [e.direction, e.sourceKey])).toEqual([['out', '198c7a0b1c2d3e4f']]);
  });

  it('logs nothing when auto-log is off, capture is paused, the sender is unknown or messages have no ids', async () => {
    const off = await open('gmail', '2025-thread', { people: [RAHUL], settings: { autoLog: false } });
    const paused = await open('gmail', '2025-thread', { people: [RAHUL], settings: { paused: true } });
    const unknown = await open('gmail', '2025-thread', { people: [] });
    const noIds = await open('gmail', '2019-thread', {
      people: [{ name: 'Елена', emails: ['lena.brandt@mail.example'] }],
    });
    for (const page of [off, paused, unknown, noIds]) expect(page.bg.of('interaction.log')).toEqual([]);
    // Paused still shows who is who.
    expect(paused.controller.badges()).toHaveLength(2);
    // Without auto-log the address-only lookup is not even asked for.
    expect(off.bg.of('lookup.people')[0]?.people).toHaveLength(2);
  });

  it('does not retry a refused log on every rescan, but does on the next visit', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const page = await open('gmail', '2025-thread', {
      people: [RAHUL],
      prepare: (bg) => bg.fail('interaction.log', 'signed_out'),
    });
    expect(warn).toHaveBeenCalledWith('Rapport: auto-log failed', expect.any(Error));
    page.controller.refresh();
    await page.settle();
    page.doc.body.append(page.doc.createElement('div'));
    await page.settle();
    // One refused attempt on the first visit, none from the rescans.
    expect(page.bg.of('lookup.people').length).toBeGreaterThanOrEqual(2);
    expect(page.bg.of('interaction.log')).toHaveLength(1);
    page.bg.fail('interaction.log', null);
    await page.navigate(THREAD_URL);
    expect(page.bg.of('interaction.log')).toHaveLength(2);
    expect(page.bg.logged.map((i) => i.sourceKey)).toEqual(['198c7a0b1c2d3e4f']);
  });
});
