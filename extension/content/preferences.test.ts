// @vitest-environment happy-dom
// Greetings and preferences on the in-page card, against the real background (router, handlers,
// IndexedDB on fake-indexeddb): shown compactly with the birthday hint, edited, and written with their
// outbox mutation; a bad birthday is refused before anything is sent.
import { addDays, todayIn } from '@rapport/shared/domain/dates';
import { describe, expect, it, vi } from 'vitest';
import { backgroundHarness, FROM_PAGE } from '../background/testing.ts';
import { addContact } from '../db/queries/fixtures.ts';
import type { Send } from './messaging.ts';
import { click, openPagesPerTest, typeInto } from './testing/page.ts';

const open = openPagesPerTest();

const RAHUL = 'rahul.mehta@supplier.example';

async function cardWithRealBackground(fields: Parameters<typeof addContact>[1]) {
  const h = await backgroundHarness();
  const sent: Array<{ type: string } & Record<string, unknown>> = [];
  const send: Send = (type, body) => {
    sent.push({ ...body, type });
    return h.pageSend(type, body);
  };
  const contactId = await addContact(h.db, fields);
  const page = await open('gmail', '2025-thread', { send });
  const badge = page.controller.badges().find((b) => b.anchor.getAttribute('email') === RAHUL);
  click(badge?.ui.root.querySelector('button') as Element);
  await page.controller.card.ready();
  const card = page.controller.card.root as ShadowRoot;
  await vi.waitFor(() => expect(card.querySelector('.prefs')).not.toBeNull());
  const text = () => (card.textContent ?? '').replace(/\s+/g, ' ');
  return { h, card, contactId, sent, text };
}

// The card counts days in the user's zone (the browser's here, no setting).
const today = () => todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone, new Date());

describe('greetings and preferences on the card', () => {
  it('shows them compactly with "Birthday in 3 days", then edits them through the background', async () => {
    const inThree = addDays(today(), 3).slice(5);
    const { h, card, contactId, sent, text } = await cardWithRealBackground({
      name: 'Rahul Mehta',
      emails: [RAHUL],
      birthday: inThree,
      preferences: { channel: 'wechat', language: 'zh-CN', interests: ['tea'], giftNotes: null },
    });
    expect(card.querySelector('.prefs-hint')?.textContent).toBe('Birthday in 3 days');
    const rows = Array.from(card.querySelectorAll('.prefs-list dt')).map((dt) => [
      dt.textContent,
      dt.nextElementSibling?.textContent,
    ]);
    expect(rows.map(([k]) => k)).toEqual([
      'Birthday',
      'Preferred channel',
      'Preferred language',
      'Interests',
    ]);
    expect(rows[1]?.[1]).toBe('WeChat');
    expect(rows[3]?.[1]).toBe('tea');

    click(card.querySelector('.prefs-edit') as Element);
    await vi.waitFor(() => expect(card.querySelector('form.prefs-form')).not.toBeNull());
    const field = <T extends Element>(name: string) => card.querySelector(`[name="${name}"]`) as unknown as T;
    expect(field<HTMLInputElement>('prefs-birthday').value).toBe(inThree);
    typeInto(field<HTMLInputElement>('prefs-birthday'), '1980-03-23');
    const channel = field<HTMLSelectElement>('prefs-channel');
    channel.value = 'phone';
    channel.dispatchEvent(new Event('change', { bubbles: true }));
    typeInto(field<HTMLInputElement>('prefs-interests'), 'tea, Golf，golf、 wine');
    typeInto(field<HTMLTextAreaElement>('prefs-gift'), 'Likes Pu-erh; no alcohol');
    const outboxBefore = await h.db.outbox.count();
    click(card.querySelector('form.prefs-form button[type="submit"]') as Element);

    await vi.waitFor(() => expect(card.querySelector('.notice')?.textContent).toBe('Preferences saved.'));
    expect(sent.filter((m) => m.type === 'contact.update')).toEqual([
      {
        type: 'contact.update',
        id: contactId,
        changes: {
          birthday: '1980-03-23',
          preferences: {
            channel: 'phone',
            language: 'zh-CN',
            interests: ['tea', 'Golf', 'wine'],
            giftNotes: 'Likes Pu-erh; no alcohol',
          },
        },
      },
    ]);
    const stored = (await h.db.contacts.get(contactId))?.data;
    expect(stored?.birthday).toBe('1980-03-23');
    // Interests are a synced set: stored in key order.
    expect(stored?.preferences).toEqual({
      channel: 'phone',
      language: 'zh-CN',
      interests: ['Golf', 'tea', 'wine'],
      giftNotes: 'Likes Pu-erh; no alcohol',
    });
    const mutations = (await h.db.outbox.toArray()).slice(outboxBefore);
    expect(mutations.map((m) => m.name)).toEqual(['contact.upsert']);
    // The form closes once saved and the card shows the stored values.
    await vi.waitFor(() => expect(card.querySelector('form.prefs-form')).toBeNull());
    expect(card.querySelector('.prefs-list')?.textContent).toContain('Phone');
    expect(text()).toContain('Mar 23, 1980');
    expect(card.querySelector('.prefs-hint')).toBeNull(); // March is not near
  });

  it('refuses a birthday that does not exist, naming the format, and sends nothing', async () => {
    const { h, card, contactId, sent } = await cardWithRealBackground({
      name: 'Rahul Mehta',
      emails: [RAHUL],
    });
    expect(card.querySelector('.prefs')?.textContent).toContain('No birthday or preferences yet.');
    click(card.querySelector('.prefs-edit') as Element);
    await vi.waitFor(() => expect(card.querySelector('form.prefs-form')).not.toBeNull());
    typeInto(card.querySelector('[name="prefs-birthday"]') as HTMLInputElement, '02-30');
    const outbox = await h.db.outbox.count();
    click(card.querySelector('form.prefs-form button[type="submit"]') as Element);
    await vi.waitFor(() =>
      expect(card.querySelector('.prefs-form .error')?.textContent).toBe(
        '“02-30” is not a birthday: use MM-DD or YYYY-MM-DD, e.g. 03-23 or 1980-03-23.',
      ),
    );
    expect(sent.filter((m) => m.type === 'contact.update')).toEqual([]);
    expect(await h.db.outbox.count()).toBe(outbox);
    expect((await h.db.contacts.get(contactId))?.data?.birthday).toBeNull();
  });

  it('the background refuses bad preferences itself and writes nothing', async () => {
    const h = await backgroundHarness();
    const contactId = await addContact(h.db, { name: 'Rahul Mehta', emails: [RAHUL] });
    const before = await h.db.outbox.count();
    const bad = await h.call(
      {
        type: 'contact.update',
        id: contactId,
        changes: {
          birthday: '1980-02-30',
          preferences: { channel: 'pigeon', language: 'Chinese', interests: [], giftNotes: null },
        },
      },
      FROM_PAGE,
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('invalid_message');
      expect(bad.error.message).toContain('birthday');
      expect(bad.error.message).toContain('channel must be one of');
      expect(bad.error.message).toContain("language must be a language tag such as 'en' or 'zh-CN'");
    }
    expect(await h.db.outbox.count()).toBe(before);
    expect((await h.db.contacts.get(contactId))?.data?.preferences.channel).toBeNull();
  });
});
