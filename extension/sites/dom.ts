// Read-only DOM helpers shared by the adapters. Text always comes from textContent/attributes, so page
// markup can never become markup here; nothing in this file writes to the DOM.
import type { Person } from './types.ts';

// Zero-width and direction marks that pages sprinkle into names (&rlm;, ZWNJ in Gmail snippets …).
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060\ufeff]/g;

/** Whitespace-collapsed text, or null when nothing visible is left. */
export function clean(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const text = raw.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

export function textOf(el: Element | null | undefined): string | null {
  return el ? clean(el.textContent) : null;
}

const BLOCK = new Set([
  'P',
  'DIV',
  'BR',
  'LI',
  'UL',
  'OL',
  'TR',
  'TD',
  'TH',
  'TABLE',
  'BLOCKQUOTE',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'PRE',
  'SECTION',
  'ARTICLE',
]);

/** Like textOf, but paragraphs and line breaks become spaces ("Hello team,</p><p>Please" -> "Hello team, Please"). */
export function blockText(el: Element | null | undefined): string | null {
  if (!el) return null;
  const parts: string[] = [];
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) parts.push(child.nodeValue ?? '');
      else if (child.nodeType === 1) {
        const block = BLOCK.has((child as Element).tagName);
        if (block) parts.push(' ');
        walk(child);
        if (block) parts.push(' ');
      }
    }
  };
  walk(el);
  return clean(parts.join(''));
}

export function attr(el: Element | null | undefined, name: string): string | null {
  return el ? clean(el.getAttribute(name)) : null;
}

/** First element matching the chain, trying each selector in priority order. */
export function first(root: ParentNode, chain: readonly string[]): Element | null {
  for (const selector of chain) {
    const el = root.querySelector(selector);
    if (el) return el;
  }
  return null;
}

/** The text of the first chain selector that yields text. */
export function firstText(root: ParentNode, chain: readonly string[]): string | null {
  for (const selector of chain) {
    const text = textOf(root.querySelector(selector));
    if (text) return text;
  }
  return null;
}

/** Every element matching any selector of the chain, in document order: one querySelectorAll per chain. */
export function all(root: ParentNode, chain: readonly string[]): Element[] {
  return Array.from(root.querySelectorAll(chain.join(',')));
}

/** Elements of the first chain selector that matches anything (for "which markup is this page?" fields). */
export function allOfFirst(root: ParentNode, chain: readonly string[]): Element[] {
  for (const selector of chain) {
    const found = root.querySelectorAll(selector);
    if (found.length > 0) return Array.from(found);
  }
  return [];
}

export function closestAny(el: Element, chain: readonly string[]): Element | null {
  return el.closest(chain.join(','));
}

/** Collects people, dropping repeats of the same identity at the same anchor. */
export class People {
  private readonly seen = new Map<Element, Set<string>>();
  readonly list: Person[] = [];

  add(person: Person): void {
    const key =
      person.email ??
      (person.linkedin ? `in:${person.linkedin}` : null) ??
      (person.x ? `x:${person.x}` : null) ??
      `name:${person.name ?? ''}`;
    let keys = this.seen.get(person.anchor);
    if (!keys) {
      keys = new Set();
      this.seen.set(person.anchor, keys);
    }
    if (keys.has(key)) return;
    keys.add(key);
    this.list.push(person);
  }
}

/** Parses a root-relative or absolute href against the page; null for junk. */
export function hrefUrl(el: Element, base: string): URL | null {
  const href = el.getAttribute('href');
  if (!href) return null;
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}
