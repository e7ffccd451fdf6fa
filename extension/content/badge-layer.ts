// The badges on a page: one small shadow host per recognised person, kept beside its anchor across
// rescans (re-placed when the page re-renders the row, removed when the person is gone), re-rendered when
// its lookup answers, and one delegated hover listener for the "+" of people not in Rapport yet.
import type { UiLanguage } from '@rapport/shared/sync/local-settings';
import type { BadgeData } from '@rapport/shared/sync/messages';
import type { PageTranslate } from '../i18n/page.ts';
import type { Person } from '../sites/types.ts';
import { renderBadge } from '../ui/badge/Badge.tsx';
import { createShadowHost, type ShadowHost } from '../ui/badge/host.ts';
import { BADGE_CSS } from '../ui/badge/styles.ts';
import { type Theme, type ThemeCache, themeOf } from './theme.ts';

export type BadgeTarget = { anchor: Element; key: string; person: Person };

export type Mount = BadgeTarget & {
  ui: ShadowHost;
  /** Inside block anchors (a heading, X's name block), after inline ones (a name span or link). */
  inside: boolean;
  theme: Theme;
  /** Hovering here shows the "+" (the person's row or the anchor's parent). */
  region: Element;
  hover: boolean;
};

export type BadgeLayerDeps = {
  doc: Document;
  t: () => PageTranslate;
  lang: () => UiLanguage;
  /** undefined: still being looked up (nothing is shown yet). */
  data(key: string): BadgeData | null | undefined;
  onOpen(mount: Mount, target: HTMLElement): void;
  signal: AbortSignal;
};

const BLOCK_ANCHORS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'DIV', 'P', 'LI', 'SECTION', 'HEADER']);
const ROW = 'tr, [role="row"], li, [role="listitem"], article';

export class BadgeLayer {
  private readonly mounts = new Map<Element, Mount>();
  private readonly regions = new WeakMap<Element, Set<Mount>>();
  private hovered: Set<Mount> | null = null;

  constructor(private readonly deps: BadgeLayerDeps) {
    deps.doc.addEventListener('pointerover', (e) => this.onPointerOver(e), {
      passive: true,
      signal: deps.signal,
    });
  }

  get size(): number {
    return this.mounts.size;
  }

  all(): IterableIterator<Mount> {
    return this.mounts.values();
  }

  /** Makes the page's badges exactly `targets` (first target per anchor wins). */
  sync(targets: Iterable<BadgeTarget>): void {
    const next = new Map<Element, BadgeTarget>();
    for (const target of targets) if (!next.has(target.anchor)) next.set(target.anchor, target);
    for (const [anchor, mount] of this.mounts) {
      const target = next.get(anchor);
      if (!target || target.key !== mount.key || !this.placed(mount)) this.unmount(mount);
      else mount.person = target.person;
    }
    // Read every new anchor's colours before inserting any host: interleaving style reads with DOM
    // writes would recompute the page's styles once per badge.
    const fresh = [...next.values()].filter((target) => !this.mounts.has(target.anchor));
    const cache: ThemeCache = new Map();
    const themes = fresh.map((target) => themeOf(target.anchor, cache));
    fresh.forEach((target, i) => {
      this.mount(target, themes[i] ?? 'light');
    });
  }

  /** Re-renders the badges of these identity keys (their lookup answered), or of all. */
  refresh(keys?: ReadonlySet<string>): void {
    for (const mount of this.mounts.values()) if (!keys || keys.has(mount.key)) this.render(mount);
  }

  clear(): void {
    for (const mount of [...this.mounts.values()]) this.unmount(mount);
    this.hovered = null;
  }

  private placed(mount: Mount): boolean {
    const host = mount.ui.host;
    return (
      host.isConnected &&
      (mount.inside ? host.parentElement === mount.anchor : host.previousElementSibling === mount.anchor)
    );
  }

  private mount(target: BadgeTarget, theme: Theme): void {
    const { anchor } = target;
    const ui = createShadowHost(this.deps.doc, 'rapport-badge', BADGE_CSS);
    const inside = BLOCK_ANCHORS.has(anchor.tagName);
    if (inside) anchor.append(ui.host);
    else anchor.after(ui.host);
    const region = anchor.closest(ROW) ?? anchor.parentElement ?? anchor;
    const mount: Mount = { ...target, ui, inside, theme, region, hover: false };
    let shared = this.regions.get(region);
    if (!shared) {
      shared = new Set();
      this.regions.set(region, shared);
    }
    shared.add(mount);
    this.mounts.set(anchor, mount);
    this.render(mount);
  }

  private unmount(mount: Mount): void {
    renderBadge(mount.ui.root, null);
    mount.ui.host.remove();
    this.regions.get(mount.region)?.delete(mount);
    this.hovered?.delete(mount);
    this.mounts.delete(mount.anchor);
  }

  private render(mount: Mount): void {
    const data = this.deps.data(mount.key);
    renderBadge(
      mount.ui.root,
      data === undefined
        ? null
        : {
            name: mount.person.name,
            data,
            theme: mount.theme,
            hover: mount.hover,
            lang: this.deps.lang(),
            t: this.deps.t(),
            onOpen: (target: HTMLElement) => this.deps.onOpen(mount, target),
          },
    );
  }

  private onPointerOver(e: Event): void {
    let found: Set<Mount> | null = null;
    for (let el = e.target as Element | null; el; el = el.parentElement) {
      const set = this.regions.get(el);
      if (set && set.size > 0) {
        found = set;
        break;
      }
    }
    if (found === this.hovered) return;
    const changed = [...(this.hovered ?? []), ...(found ?? [])];
    for (const mount of this.hovered ?? []) mount.hover = false;
    for (const mount of found ?? []) mount.hover = true;
    this.hovered = found;
    // Only the "+" of unknown people depends on hover.
    for (const mount of changed) if (this.deps.data(mount.key) === null) this.render(mount);
  }
}
