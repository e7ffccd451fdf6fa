// @vitest-environment happy-dom
// "Log last messages" on an open LinkedIn conversation: one interaction.log per request, each message once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FakePerson } from './testing/fake-background.ts';
import { click, openPagesPerTest, type TestPage } from './testing/page.ts';

const open = openPagesPerTest();
afterEach(() => {
  vi.useRealTimers();
});

const PRIYA: FakePerson = { name: 'Priya Raman', linkedin: 'priya-raman-example' };
const LEO: FakePerson = { name: 'Leo Brandt', linkedin: 'leo-brandt-example' };
const THREAD = 'https://www.linkedin.com/messaging/thread/2-ZXhhbXBsZS10aHJlYWQ=/';
const urn = (who: string, n: string) => `urn:li:msg_message:(urn:li:fsd_profile:ACoAAExample${who},2-${n}=)`;

async function cardOf(page: TestPage, linkedin: string) {
  const badge = page.controller.badges().find((b) => b.person.linkedin === linkedin);
  click(badge?.ui.root.querySelector('button') as Element);
  await page.settle();
  return page.controller.card.root as ShadowRoot;
}

const logButton = (root: ShadowRoot) =>
  Array.from(root.querySelectorAll('button')).find((b) => b.textContent === 'Log last messages') ?? null;

async function logLast(page: TestPage, root: ShadowRoot) {
  click(logButton(root) as Element);
  await page.settle();
  return (root.querySelector('.notice')?.textContent ?? '').trim();
}

describe('Log last messages (LinkedIn conversation)', () => {
  it('logs every message once, in one message, as social interactions in and out', async () => {
    // Tuesday 2026-12-08, 10:30 in Shanghai, the user's zone.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-08T02:30:00.000Z'));
    const page = await open('linkedin', '2026-messaging-thread', {
      people: [PRIYA, LEO],
      settings: { timeZone: 'Asia/Shanghai' },
    });
    const root = await cardOf(page, 'priya-raman-example');
    expect(await logLast(page, root)).toBe('4 messages logged.');

    const logs = page.bg.of('interaction.log');
    expect(logs).toHaveLength(1);
    expect(logs[0]?.explicit).toBe(true);
    const social = { kind: 'social', channel: 'linkedin', sourceUrl: THREAD };
    expect(logs[0]?.entries).toEqual([
      {
        ...social,
        direction: 'in',
        // The page shows the day in full: the time as shown, in the user's zone (4:24 PM at UTC+8).
        at: '2026-11-20T08:24:00.000Z',
        summary:
          'Hi Leo, thanks for the samples. Could you send the price list for 40 cases of the green tea?',
        sourceKey: `linkedin:${urn('Priya', 'MTAwMWV4YW1wbGU')}`,
      },
      {
        ...social,
        direction: 'out',
        at: '2026-11-20T09:02:00.000Z',
        summary: 'Sure, attached. 40 cases qualify for the wholesale tier.',
        sourceKey: `linkedin:${urn('Leo', 'MTAwMmV4YW1wbGU')}`,
      },
      {
        ...social,
        direction: 'out',
        at: '2026-11-20T09:02:00.000Z',
        summary: 'Delivery would be the first week of December.',
        sourceKey: `linkedin:${urn('Leo', 'MTAwM2V4YW1wbGU')}`,
      },
      {
        // "Tuesday, 9:15 AM" on a Tuesday: last week's Tuesday, 2026-12-01, not now.
        ...social,
        direction: 'in',
        at: '2026-12-01T01:15:00.000Z',
        summary: 'Great, please book it. We will pay by invoice.',
        sourceKey: `linkedin:${urn('Priya', 'MTAwNGV4YW1wbGU')}`,
      },
    ]);
    const priyaId = logs[0]?.contactId;
    expect(page.bg.logged.filter((i) => i.contactId === priyaId)).toHaveLength(4);

    // Asking again sends nothing: every message id was logged already.
    expect(await logLast(page, root)).toBe('No new messages to log.');
    expect(page.bg.of('interaction.log')).toHaveLength(1);
  });

  it('logs only messages that are new since the last request', async () => {
    const page = await open('linkedin', '2026-messaging-thread', { people: [PRIYA] });
    let root = await cardOf(page, 'priya-raman-example');
    await logLast(page, root);
    // A reply arrives; the card is reopened and asked again.
    const last = page.doc.querySelectorAll('[data-event-urn]')[3] as Element;
    const reply = last.cloneNode(true) as Element;
    reply.setAttribute('data-event-urn', urn('Priya', 'MTAwNWV4YW1wbGU'));
    (reply.querySelector('.msg-s-event-listitem__body') as Element).textContent = 'See you Monday.';
    last.after(reply);
    page.controller.card.close();
    root = await cardOf(page, 'priya-raman-example');
    expect(await logLast(page, root)).toBe('1 message logged.');
    const logs = page.bg.of('interaction.log');
    expect(logs).toHaveLength(2);
    expect(logs[1]?.entries.map((e) => [e.sourceKey, e.summary])).toEqual([
      [`linkedin:${urn('Priya', 'MTAwNWV4YW1wbGU')}`, 'See you Monday.'],
    ]);
  });

  it('is offered only in the conversation partner’s card, and not while capture is paused', async () => {
    const page = await open('linkedin', '2026-messaging-thread', { people: [PRIYA, LEO] });
    // Leo sends the unmarked messages: he is the signed-in user and gets no badge (nor card) of himself.
    expect(page.controller.badges().some((b) => b.person.linkedin === 'leo-brandt-example')).toBe(false);
    expect(logButton(await cardOf(page, 'priya-raman-example'))).not.toBeNull();

    const paused = await open('linkedin', '2026-messaging-thread', {
      people: [PRIYA],
      settings: { paused: true },
    });
    const button = logButton(await cardOf(paused, 'priya-raman-example'));
    expect(button?.disabled).toBe(true);
    expect(paused.bg.of('interaction.log')).toHaveLength(0);
  });

  it('is not offered away from a conversation', async () => {
    const page = await open('linkedin', null, {
      people: [PRIYA],
      html: {
        site: 'linkedin',
        url: 'https://www.linkedin.com/feed/',
        body: '<main><a href="/in/priya-raman-example/">Priya Raman</a></main>',
      },
    });
    expect(logButton(await cardOf(page, 'priya-raman-example'))).toBeNull();
  });

  it('logs hostile message text as text', async () => {
    const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const page = await open('linkedin', null, {
      people: [PRIYA],
      html: {
        site: 'linkedin',
        url: THREAD,
        body: `<div class="msg-title-bar"><a class="msg-thread__link-to-profile" href="/in/priya-raman-example/"><h2 class="msg-entity-lockup__entity-title">Priya Raman</h2></a></div>
          <div class="msg-s-event-listitem msg-s-event-listitem--other" data-event-urn="urn:li:msg_message:1">
            <p class="msg-s-event-listitem__body">${hostile.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>
          </div>`,
      },
    });
    const root = await cardOf(page, 'priya-raman-example');
    expect(await logLast(page, root)).toBe('1 message logged.');
    expect(page.bg.of('interaction.log')[0]?.entries[0]?.summary).toBe(hostile);
    expect(page.doc.querySelectorAll('script, img')).toHaveLength(0);
    expect(root.querySelectorAll('script, img')).toHaveLength(0);
  });
});
