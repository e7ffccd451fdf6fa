import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { senderOf } from './router.ts';
import { backgroundHarness, FROM_PAGE } from './testing.ts';

let executeScript: ReturnType<typeof vi.fn>;

beforeEach(() => {
  executeScript = vi.fn(async () => []);
  Object.assign(fakeBrowser.scripting, { executeScript });
});

describe('card.load', () => {
  it("runs card.js in the asking page's own tab and frame", async () => {
    const { ok } = await backgroundHarness();
    const sender = senderOf(
      { url: 'https://www.linkedin.com/in/x/', tab: { id: 12 }, frameId: 3 },
      'chrome-extension://abc',
    );
    expect(sender).toMatchObject({ fromPage: true, tabId: 12, frameId: 3 });
    await expect(ok({ type: 'card.load' }, sender)).resolves.toEqual({ ok: true });
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId: 12, frameIds: [3] }, files: ['/card.js'] });
    // No frameId (older senders): the top frame.
    await ok({ type: 'card.load' }, FROM_PAGE);
    expect(executeScript).toHaveBeenLastCalledWith({
      target: { tabId: 7, frameIds: [0] },
      files: ['/card.js'],
    });
  });

  it('refuses extension pages and extra fields, and injects nothing', async () => {
    const { call } = await backgroundHarness();
    const fromPanel = await call({ type: 'card.load' });
    expect(fromPanel).toMatchObject({ ok: false, error: { code: 'invalid_sender' } });
    const extra = await call({ type: 'card.load', files: ['/evil.js'] }, FROM_PAGE);
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(executeScript).not.toHaveBeenCalled();
  });
});
