import { generic } from './generic.ts';
import { gmail } from './gmail.ts';
import { linkedin } from './linkedin.ts';
import type { SiteAdapter } from './types.ts';
import { x } from './x.ts';

/** Most specific first; `generic` matches every http(s) page and must stay last. */
export const adapters: readonly SiteAdapter[] = [gmail, linkedin, x, generic];

/** The adapter for a page, or null for non-web pages (chrome://, file:, extension pages). */
export function adapterFor(url: URL): SiteAdapter | null {
  return adapters.find((adapter) => adapter.match(url)) ?? null;
}
