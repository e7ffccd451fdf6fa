import { useEffect, useState } from 'preact/hooks';

export const ROUTES = {
  overview: '/',
  customers: '/customers',
  reps: '/reps',
  satisfaction: '/satisfaction',
  import: '/import',
  settings: '/settings',
} as const;
export type RouteName = keyof typeof ROUTES;

/** The route for a path; null for paths the dashboard does not have. */
export function routeOf(path: string): RouteName | null {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  for (const [name, p] of Object.entries(ROUTES)) if (p === clean) return name as RouteName;
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
