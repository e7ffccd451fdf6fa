import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CAPTURE_COMMAND, deliver, onMenuClick, onShortcut, registerCaptureMenus } from './capture-menus.ts';

const TAB = { id: 7, url: 'https://shop.example/team' };
const NO_RECEIVER = new Error('Could not establish connection. Receiving end does not exist.');

let sendMessage: ReturnType<typeof vi.fn>;
let executeScript: ReturnType<typeof vi.fn>;

beforeEach(() => {
  vi.restoreAllMocks();
  sendMessage = vi.fn();
  executeScript = vi.fn(async () => []);
  Object.assign(fakeBrowser.tabs, { sendMessage });
  Object.assign(fakeBrowser.scripting, { executeScript });
  Object.assign(fakeBrowser.i18n, { getUILanguage: () => 'en-US' });
});

describe('deliver', () => {
  it('asks the content script already in the page and injects nothing', async () => {
    sendMessage.mockResolvedValue({ ok: true, handled: true });
    expect(await deliver(7, 0, { type: 'rapport.capturePage' })).toBe(true);
    expect(sendMessage).toHaveBeenCalledWith(7, { type: 'rapport.capturePage' }, { frameId: 0 });
    expect(executeScript).not.toHaveBeenCalled();
  });

  it('injects the any-page script into the clicked frame when nothing answers, then asks again', async () => {
    sendMessage.mockRejectedValueOnce(NO_RECEIVER).mockResolvedValueOnce({ ok: true, handled: true });
    expect(await deliver(7, 3, { type: 'rapport.ping' })).toBe(true);
    expect(executeScript).toHaveBeenCalledWith({
      target: { tabId: 7, frameIds: [3] },
      files: ['/content-scripts/page.js'],
    });
    expect(sendMessage).toHaveBeenCalledTimes(2);
  });

  it('tells the user when the page does not allow extensions', async () => {
    sendMessage.mockRejectedValue(NO_RECEIVER);
    executeScript.mockRejectedValue(new Error('Cannot access a chrome:// URL'));
    const create = vi.fn(async () => 'id');
    Object.assign(fakeBrowser.notifications, { create });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await deliver(7, 0, { type: 'rapport.capturePage' })).toBe(false);
    expect(create).toHaveBeenCalledWith(
      'rapport-cannot-run-7',
      expect.objectContaining({
        type: 'basic',
        title: 'Rapport',
        message: 'Rapport cannot run on this page (browser pages and web stores are off limits).',
      }),
    );
  });
});

describe('menu clicks and the shortcut', () => {
  beforeEach(() => sendMessage.mockResolvedValue({ ok: true, handled: true }));

  it('"Save as contact" on a link sends the link to the clicked frame', async () => {
    await onMenuClick({ menuItemId: 'rapport-save', frameId: 2, linkUrl: 'mailto:ana@shop.example' }, TAB);
    expect(sendMessage).toHaveBeenCalledWith(
      7,
      { type: 'rapport.menu', action: 'save', linkUrl: 'mailto:ana@shop.example' },
      { frameId: 2 },
    );
  });

  it('"Log note about …" sends the selection', async () => {
    await onMenuClick({ menuItemId: 'rapport-note-selection', selectionText: 'Sean Miller' }, TAB);
    expect(sendMessage).toHaveBeenCalledWith(
      7,
      { type: 'rapport.menu', action: 'note', selectionText: 'Sean Miller' },
      { frameId: 0 },
    );
  });

  it('"Log complaint from selection" sends the selected text as a complaint', async () => {
    await onMenuClick(
      { menuItemId: 'rapport-complaint', selectionText: 'The invoice charged us twice.' },
      TAB,
    );
    expect(sendMessage).toHaveBeenCalledWith(
      7,
      { type: 'rapport.menu', action: 'complaint', selectionText: 'The invoice charged us twice.' },
      { frameId: 0 },
    );
  });

  it('the shortcut captures in the top frame; other commands are not ours', async () => {
    await onShortcut(CAPTURE_COMMAND, TAB);
    expect(sendMessage).toHaveBeenCalledWith(7, { type: 'rapport.capturePage' }, { frameId: 0 });
    expect(await onShortcut('_execute_action', TAB)).toBe(false);
    expect(sendMessage).toHaveBeenCalledTimes(1);
  });
});

describe('always show badges on a site', () => {
  it('asks for that one origin and registers the any-page script there', async () => {
    const request = vi.fn(async () => true);
    const registered = vi.fn(async () => []);
    const register = vi.fn(async () => {});
    Object.assign(fakeBrowser.permissions, { request });
    Object.assign(fakeBrowser.scripting, {
      getRegisteredContentScripts: registered,
      registerContentScripts: register,
    });
    sendMessage.mockResolvedValue({ ok: true, handled: true });
    await onMenuClick({ menuItemId: 'rapport-always', pageUrl: 'https://shop.example/team?x=1' }, TAB);
    expect(request).toHaveBeenCalledWith({ origins: ['https://shop.example/*'] });
    expect(register).toHaveBeenCalledWith([
      {
        id: 'rapport-page:https://shop.example/*',
        matches: ['https://shop.example/*'],
        js: ['/content-scripts/page.js'],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  });

  it('registers nothing when the user says no', async () => {
    Object.assign(fakeBrowser.permissions, { request: vi.fn(async () => false) });
    const register = vi.fn();
    Object.assign(fakeBrowser.scripting, { registerContentScripts: register });
    await onMenuClick({ menuItemId: 'rapport-always', pageUrl: 'https://shop.example/' }, TAB);
    expect(register).not.toHaveBeenCalled();
  });
});

describe('registerCaptureMenus', () => {
  it('creates the five menus in the user’s language on install and listens for clicks, the shortcut and revoked sites', async () => {
    const create = vi.fn();
    const listeners: Record<string, unknown> = {};
    const listen = (name: string) => ({ addListener: (l: unknown) => (listeners[name] = l) });
    Object.assign(fakeBrowser.contextMenus, {
      create,
      removeAll: vi.fn(async () => {}),
      onClicked: listen('click'),
    });
    Object.assign(fakeBrowser.commands, { onCommand: listen('command') });
    Object.assign(fakeBrowser.permissions, { onRemoved: listen('removed') });
    registerCaptureMenus({ language: async () => 'zh-CN' });
    expect(Object.keys(listeners).sort()).toEqual(['click', 'command', 'removed']);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' } as never);
    await vi.waitFor(() => expect(create).toHaveBeenCalledTimes(5));
    expect(create.mock.calls.map(([item]) => [item.id, item.title, item.contexts])).toEqual([
      ['rapport-save', '保存为联系人', ['selection', 'link']],
      ['rapport-note-selection', '为“%s”记录备注', ['selection']],
      ['rapport-note-link', '为此人记录备注', ['link']],
      ['rapport-complaint', '将所选文字记录为投诉', ['selection']],
      ['rapport-always', '在此网站上始终显示 Rapport 标记', ['page']],
    ]);
  });
});
