// Reads the in-page badges. They render in *closed* shadow roots (the page cannot reach them, and
// neither can Playwright's selectors), so this reads the DOM through the DevTools protocol, which
// pierces every shadow root.
import type { CDPSession, Page } from 'playwright-core';

export interface CdpNode {
  nodeType: number;
  localName?: string;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

export interface BadgeView {
  /** The button's accessible name: "<name> in Rapport: Tier A, profit $7K. Follow-up: Overdue", or "Save <name> to Rapport". */
  label: string;
  /** "A".."D", "–" for no tier; null for the "+" of an unknown person. */
  tier: string | null;
  profit: string | null;
  /** Follow-up status from the dot's class (d-overdue → "overdue"). */
  dot: string | null;
  /** Elements the badge's shadow tree holds, by tag name (to prove no <img>/<script> came from data). */
  tags: string[];
}

export const attr = (n: CdpNode, name: string): string | null => {
  const a = n.attributes ?? [];
  for (let i = 0; i < a.length; i += 2) if (a[i] === name) return a[i + 1] ?? null;
  return null;
};

/** Every node under `n`: children, shadow roots (open or closed) and frames. */
export function* walk(n: CdpNode): Generator<CdpNode> {
  yield n;
  for (const c of [
    ...(n.shadowRoots ?? []),
    ...(n.children ?? []),
    ...(n.contentDocument ? [n.contentDocument] : []),
  ])
    yield* walk(c);
}

/** The text under `n`. */
export const text = (n: CdpNode): string =>
  [...walk(n)]
    .filter((x) => x.nodeType === 3)
    .map((x) => x.nodeValue ?? '')
    .join('');

const byClass = (root: CdpNode, cls: string): CdpNode | undefined =>
  [...walk(root)].find((x) => (attr(x, 'class') ?? '').split(/\s+/).includes(cls));

/** The whole DOM, closed shadow roots included. */
export async function pierceDocument(page: Page): Promise<CdpNode> {
  const cdp = await page.context().newCDPSession(page);
  try {
    return ((await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode }).root;
  } finally {
    await cdp.detach();
  }
}

/** Every rendered badge, in document order. */
export async function readBadges(page: Page): Promise<BadgeView[]> {
  const doc = await pierceDocument(page);
  return [...walk(doc)]
    .filter((n) => n.localName === 'rapport-badge')
    .map((host) => {
      const button = [...walk(host)].find((x) => x.localName === 'button');
      const tier = byClass(host, 'tier');
      const profit = byClass(host, 'profit');
      const dot = byClass(host, 'dot');
      return {
        label: button ? (attr(button, 'aria-label') ?? '') : '',
        tier: tier ? text(tier) : null,
        profit: profit ? text(profit) : null,
        dot: dot ? ((attr(dot, 'class') ?? '').match(/\bd-(\w+)/)?.[1] ?? null) : null,
        tags: [...walk(host)].filter((x) => x.nodeType === 1).map((x) => x.localName ?? ''),
      };
    });
}

/** The badges of known people, one per name (a person listed twice on a page shows the same badge). */
export async function knownBadges(page: Page): Promise<Map<string, BadgeView>> {
  const out = new Map<string, BadgeView>();
  for (const b of await readBadges(page)) {
    const name = b.label.match(/^(.*) in Rapport:/)?.[1];
    if (name !== undefined && !out.has(name)) out.set(name, b);
  }
  return out;
}

/** Waits until at least `min` badges are on the page. */
export async function waitForBadges(page: Page, min = 1, timeout = 15_000): Promise<BadgeView[]> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const badges = await readBadges(page);
    if (badges.length >= min) return badges;
    if (Date.now() > deadline)
      throw new Error(
        `expected ${min}+ Rapport badges on ${page.url()} within ${timeout} ms, saw ${badges.length}`,
      );
    await page.waitForTimeout(250);
  }
}

/** Waits until every named person has a known-person badge (a badge may first render as "+"). */
export async function waitForKnownBadges(
  page: Page,
  names: readonly string[],
  timeout = 15_000,
): Promise<Map<string, BadgeView>> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const badges = await knownBadges(page);
    const missing = names.filter((n) => !badges.has(n));
    if (missing.length === 0) return badges;
    if (Date.now() > deadline)
      throw new Error(`no Rapport badge for ${missing.join(', ')} on ${page.url()} within ${timeout} ms`);
    await page.waitForTimeout(250);
  }
}

/**
 * Clicks the first button whose text is `label` anywhere on the page, closed shadow roots included (the
 * card's buttons): finds it through the DevTools protocol, scrolls it into view and clicks the middle of
 * its box. Waits up to `timeoutMs` for it to appear (the card loads on first open).
 */
export async function clickButton(page: Page, label: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const clicked = await withNode(
      page,
      (n) => n.localName === 'button' && text(n).trim() === label,
      async (cdp, nodeId) => {
        // A tall card scrolls inside its shadow root: bring the button into view before taking its box.
        await cdp.send('DOM.scrollIntoViewIfNeeded', { nodeId });
        const { model } = (await cdp.send('DOM.getBoxModel', { nodeId })) as {
          model: { content: number[] };
        };
        const [x1 = 0, y1 = 0, , , x3 = 0, y3 = 0] = model.content;
        await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
        return true;
      },
    );
    if (clicked) return;
    if (Date.now() > until) throw new Error(`no "${label}" button on ${page.url()}`);
    // A whole-document walk is heavy on a big page: look again once a second, not in a tight loop.
    await page.waitForTimeout(1000);
  }
}

/**
 * Finds the first node `match` picks anywhere on the page, closed shadow roots included, and runs `use`
 * with a DevTools session and that node's id; null when no node matches.
 */
export async function withNode<T>(
  page: Page,
  match: (n: CdpNode) => boolean,
  use: (cdp: CDPSession, nodeId: number) => Promise<T>,
): Promise<T | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as {
      root: CdpNode & { nodeId: number };
    };
    const node = [...walk(root)].find(match) as (CdpNode & { nodeId: number }) | undefined;
    return node ? await use(cdp, node.nodeId) : null;
  } finally {
    await cdp.detach();
  }
}

/** Focuses the card's field named `name` (inside its closed shadow root) so the keyboard types into it. */
export async function focusField(page: Page, name: string): Promise<void> {
  const focused = await withNode(
    page,
    (n) => attr(n, 'name') === name,
    async (cdp, nodeId) => {
      await cdp.send('DOM.focus', { nodeId });
      return true;
    },
  );
  if (!focused) throw new Error(`no field ${name} on ${page.url()}`);
}

/** Sets a field of the card (in its closed shadow root) by name, as typing would: value, input, change. */
export async function setCardField(page: Page, name: string, value: string): Promise<void> {
  const set = await withNode(
    page,
    (n) => attr(n, 'name') === name,
    async (cdp, nodeId) => {
      const { object } = (await cdp.send('DOM.resolveNode', { nodeId })) as {
        object: { objectId: string };
      };
      await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        functionDeclaration: `function (v) {
          this.focus();
          this.value = v;
          this.dispatchEvent(new Event('input', { bubbles: true }));
          this.dispatchEvent(new Event('change', { bubbles: true }));
        }`,
        arguments: [{ value }],
      });
      return true;
    },
  );
  if (!set) throw new Error(`no card field ${name}`);
}

/** Opens `url` afresh (via about:blank) and waits for a badge and for the `known` people's badges. */
export async function openWithBadges(
  page: Page,
  url: string,
  known: readonly string[] = [],
): Promise<Map<string, BadgeView>> {
  await page.goto('about:blank');
  await page.goto(url);
  await waitForBadges(page, 1);
  return waitForKnownBadges(page, known);
}
