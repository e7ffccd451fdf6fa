// Test-only: a PageController on a frozen fixture page (or markup) with a fake background, fast batching,
// and helpers to wait for it and to read what its badges and card show.
import type { LocalSettings } from '@rapport/shared/sync/local-settings';
import { afterEach, vi } from 'vitest';
import { generic } from '../../sites/generic.ts';
import { gmail } from '../../sites/gmail.ts';
import { linkedin } from '../../sites/linkedin.ts';
import { type LoadedFixture, loadFixture } from '../../sites/testing/fixtures.ts';
import type { SiteAdapter } from '../../sites/types.ts';
import { x } from '../../sites/x.ts';
import { PageController } from '../controller.ts';
import type { Send } from '../messaging.ts';
import { type FakeBackground, type FakePerson, fakeBackground } from './fake-background.ts';

const ADAPTERS: Record<string, SiteAdapter> = { gmail, linkedin, x, generic };

export type TestPage = {
  doc: Document;
  bg: FakeBackground;
  controller: PageController;
  /** Lets mutation callbacks run, then waits for every scheduled scan and lookup. */
  settle(): Promise<void>;
  /** Changes the address the controller sees (SPA navigation). */
  navigate(url: string): Promise<void>;
  close(): Promise<void>;
};

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

export type PageOptions = {
  people?: FakePerson[];
  settings?: Partial<LocalSettings>;
  /** Edits the fixture before the controller starts. */
  edit?: (doc: Document) => void;
  /** Sets the fake background up before the controller starts. */
  prepare?: (bg: FakeBackground) => void;
  /** Another background (e.g. the real handlers) instead of the fake one. */
  send?: Send;
  /** Markup for the global document instead of a fixture, at this URL. */
  html?: { body: string; url: string; site: keyof typeof ADAPTERS; title?: string };
};

/** Starts a controller on test/fixtures/<site>/<name>.html (or options.html) and waits for its first scan. */
export async function openPage(
  site: string,
  name: string | null,
  options: PageOptions = {},
): Promise<TestPage> {
  let fx: LoadedFixture | null = null;
  let doc: Document;
  let url: URL;
  if (options.html) {
    doc = document;
    doc.title = options.html.title ?? '';
    doc.body.innerHTML = options.html.body;
    url = new URL(options.html.url);
  } else {
    fx = loadFixture(site, name ?? '');
    doc = fx.doc;
    url = fx.url;
  }
  options.edit?.(doc);
  const bg = fakeBackground(options.people ?? [], options.settings ?? {});
  options.prepare?.(bg);
  const adapter = ADAPTERS[options.html?.site ?? site] as SiteAdapter;
  const controller = new PageController({
    adapter,
    doc,
    send: options.send ?? bg.send,
    url: () => url,
    batch: { delay: 5, maxWait: 40, frame: (cb) => cb() },
    browserLanguage: 'en-US',
    loadCard: async () => ({ ...(await import('../card.ts')), ...(await import('../page-commands.ts')) }),
  });
  const settle = async () => {
    await tick();
    await controller.settled();
    await tick();
    await controller.settled();
  };
  await controller.start();
  await settle();
  return {
    doc,
    bg,
    controller,
    settle,
    async navigate(next) {
      url = new URL(next);
      await controller.visit();
      await settle();
    },
    async close() {
      controller.destroy();
      if (fx) await fx.close();
      else {
        doc.getSelection()?.removeAllRanges();
        doc.body.innerHTML = '';
      }
    },
  };
}

/** What a badge shows, as text ("A $1.2M", "+"). */
export function badgeText(root: ShadowRoot): string {
  return (root.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Types into an input or textarea inside a shadow root the way a user does (value + input event). */
type Win = Window & typeof globalThis;
const win = (el: Element) => el.ownerDocument.defaultView as Win;

export function typeInto(el: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  el.value = text;
  el.dispatchEvent(new (win(el).Event)('input', { bubbles: true }));
}

export function press(el: Element, key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new (win(el).KeyboardEvent)('keydown', {
    key,
    bubbles: true,
    composed: true,
    cancelable: true,
    ...init,
  });
  el.dispatchEvent(event);
  return event;
}

export function click(el: Element): void {
  el.dispatchEvent(new (win(el).MouseEvent)('click', { bubbles: true, composed: true, cancelable: true }));
}

/**
 * `openPage` for one test file: every page it opens is closed after each test, then spies are
 * restored. Call once at the top of the file.
 */
export function openPagesPerTest(): typeof openPage {
  const pages: TestPage[] = [];
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
    vi.restoreAllMocks();
  });
  return async (...args) => {
    const page = await openPage(...args);
    pages.push(page);
    return page;
  };
}
