export type Route =
  | { view: 'people' }
  | { view: 'contact'; id: string }
  | { view: 'customer'; id: string }
  | { view: 'followups' }
  | { view: 'sync' }
  | { view: 'settings' };

export type TabView = 'people' | 'followups' | 'sync' | 'settings';

/** "#followups", "#contact/<id>" … (the notification and popup open the panel on a view). */
export function parseRoute(hash: string): Route {
  const [view, id] = hash.replace(/^#/, '').split('/');
  if (view === 'contact' && id) return { view: 'contact', id };
  if (view === 'customer' && id) return { view: 'customer', id };
  if (view === 'followups' || view === 'sync' || view === 'settings') return { view };
  return { view: 'people' };
}

export function formatRoute(route: Route): string {
  return route.view === 'contact' || route.view === 'customer'
    ? `#${route.view}/${route.id}`
    : `#${route.view}`;
}
