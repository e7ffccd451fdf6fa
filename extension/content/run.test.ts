// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { generic } from '../sites/generic.ts';
import { gmail } from '../sites/gmail.ts';
import type { TabReply } from './commands.ts';
import { runContentScript } from './run.ts';
import { fakeBackground } from './testing/fake-background.ts';

type Listener = (
  message: unknown,
  sender: unknown,
  sendResponse: (reply: unknown) => void,
) => true | undefined;

function fakeRuntime() {
  const listeners = new Set<Listener>();
  return {
    listeners,
    onMessage: {
      addListener: (l: Listener) => listeners.add(l),
      removeListener: (l: Listener) => listeners.delete(l),
    },
    /** What the background's tabs.sendMessage would get back. */
    ask(message: unknown): Promise<unknown[]> {
      return Promise.all(
        [...listeners].map(
          (l) =>
            new Promise((resolve) => {
              if (l(message, {}, resolve) !== true) resolve(undefined);
            }),
        ),
      );
    },
  };
}

const contexts: ContentScriptContext[] = [];
afterEach(() => {
  for (const ctx of contexts.splice(0)) ctx.notifyInvalidated();
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

function start(name: string, adapter = gmail) {
  const ctx = new ContentScriptContext(name);
  contexts.push(ctx);
  const runtime = fakeRuntime();
  const bg = fakeBackground();
  const controller = runContentScript(ctx, adapter, {
    send: bg.send,
    runtime: runtime as never,
    window,
  });
  return { ctx, runtime, bg, controller };
}

describe('runContentScript', () => {
  it('runs one Rapport per page: a second script (site + injected any-page) stays out', async () => {
    document.body.innerHTML = '<a href="mailto:ana@shop.example">Ana Lima</a>';
    const site = start('gmail');
    const page = start('page', generic);
    expect(site.controller).not.toBeNull();
    expect(page.controller).toBeNull();
    expect(page.runtime.listeners.size).toBe(0);
    const replies = await site.runtime.ask({ type: 'rapport.ping' });
    expect(replies).toEqual([{ ok: true, handled: true } satisfies TabReply]);
  });

  it('tears down on invalidation (extension update), after which a new script may start', async () => {
    document.body.innerHTML =
      '<div role="listitem"><span class="gD" email="ana@shop.example">Ana</span></div>';
    const first = start('gmail');
    await first.controller?.settled();
    expect(document.querySelectorAll('rapport-badge')).toHaveLength(1);
    first.ctx.notifyInvalidated();
    expect(first.controller?.destroyed).toBe(true);
    expect(first.runtime.listeners.size).toBe(0);
    expect(document.querySelectorAll('rapport-badge')).toHaveLength(0);

    const second = start('gmail');
    expect(second.controller).not.toBeNull();
    await second.controller?.settled();
    expect(document.querySelectorAll('rapport-badge')).toHaveLength(1);
  });

  it('a newer copy of the same script replaces the older one (re-injection)', async () => {
    document.body.innerHTML =
      '<div role="listitem"><span class="gD" email="ana@shop.example">Ana</span></div>';
    const first = start('page', generic);
    const second = start('page', generic);
    // WXT invalidates the older context when a script of the same name starts.
    expect(first.controller?.destroyed).toBe(true);
    expect(second.controller).not.toBeNull();
    await second.controller?.settled();
  });

  it('ignores messages that are not its commands', async () => {
    const { runtime } = start('gmail');
    expect(await runtime.ask({ type: 'lookup.people', people: [] })).toEqual([undefined]);
  });
});
