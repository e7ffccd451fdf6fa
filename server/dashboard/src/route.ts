import { useEffect, useState } from 'preact/hooks';

export const ROUTES = {
  overview: '/',
  customers: '/customers',
  segments: '/segments',
  trends: '/trends',
  campaigns: '/campaigns',
  reps: '/reps',
  satisfaction: '/satisfaction',
  pipeline: '/pipeline',
  service: '/service',
  team: '/team',
  import: '/import',
  settings: '/settings',
} as const;
export type RouteName = keyof typeof ROUTES;
/** Pages of one record: /customers/<id>, /contacts/<id>. */
export type DetailName = 'customer' | 'contact' | 'opportunity';

export interface RouteMatch {
  name: RouteName | DetailName;
  /** The record id of a detail page. */
  id: string | null;
}

const DETAILS: { name: DetailName; re: RegExp }[] = [
  { name: 'customer', re: /^\/customers\/([^/]+)$/ },
  { name: 'contact', re: /^\/contacts\/([^/]+)$/ },
  { name: 'opportunity', re: /^\/opportunities\/([^/]+)$/ },
];

export const customerPath = (id: string) => `/customers/${encodeURIComponent(id)}`;
export const contactPath = (id: string) => `/contacts/${encodeURIComponent(id)}`;

/** The route for a path; null for paths the dashboard does not have. */
export function routeOf(path: string): RouteMatch | null {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  for (const [name, p] of Object.entries(ROUTES))
    if (p === clean) return { name: name as RouteName, id: null };
  for (const d of DETAILS) {
    const m = d.re.exec(clean);
    if (m?.[1]) {
      try {
        return { name: d.name, id: decodeURIComponent(m[1]) };
      } catch {
        return null;
      }
    }
  }
  return null;
}

const listeners = new Set<() => void>();

/** Client-side navigation: the server answers index.html for every route, so URLs can be shared. */
export function navigate(path: string): void {
  if (path === location.pathname) return;
  history.pushState(null, '', path);
  for (const l of listeners) l();
}

/** The current path, updated on navigate() and back/forward. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    listeners.add(update);
    addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      removeEventListener('popstate', update);
    };
  }, []);
  return path;
}
