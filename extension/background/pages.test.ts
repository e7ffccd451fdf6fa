import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { refreshPages } from './pages.ts';

beforeEach(() => fakeBrowser.reset());

describe('refreshPages', () => {
  it("asks every tab's content script to look its people up again, whatever a tab answers", async () => {
    const gmail = await fakeBrowser.tabs.create({ url: 'https://mail.google.com/mail/u/0/#inbox' });
    const other = await fakeBrowser.tabs.create({ url: 'https://example.com/' });
    // The fake browser has no messaging to tabs; the real one rejects for tabs without a receiver.
    const sent: Array<[number, unknown]> = [];
    Object.assign(fakeBrowser.tabs, {
      sendMessage: vi.fn(async (tabId: number, message: unknown) => {
        sent.push([tabId, message]);
        if (tabId === other.id)
          throw new Error('Could not establish connection. Receiving end does not exist.');
        return { ok: true, handled: true };
      }),
    });
    const tabs = await fakeBrowser.tabs.query({});
    await refreshPages();
    await vi.waitFor(() => expect(sent).toHaveLength(tabs.length));
    expect(sent).toEqual(
      expect.arrayContaining([
        [gmail.id, { type: 'rapport.refresh' }],
        [other.id, { type: 'rapport.refresh' }],
      ]),
    );
  });
});
