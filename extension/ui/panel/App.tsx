import { useEffect, useMemo, useState } from 'preact/hooks';
import { readContext } from '../../db/queries/context.ts';
import { readState } from '../../db/sync-state.ts';
import { createT, resolveLanguage } from '../../i18n/index.ts';
import { type Ui, UiContext } from '../context.ts';
import { db } from '../data.ts';
import { useLiveQuery, useNow } from '../hooks/use-live-query.ts';
import { formatRoute, parseRoute, type Route, type TabView } from '../route.ts';
import { ContactView } from './ContactView.tsx';
import { CustomerLookupView } from './CustomerLookup.tsx';
import { FollowUpsView } from './FollowUpsView.tsx';
import { Header } from './Header.tsx';
import { PeopleView } from './PeopleView.tsx';
import { SettingsView } from './SettingsView.tsx';
import { SyncView } from './SyncView.tsx';

const OPENED_AT = Date.now();

/** The side panel: People (search, contact detail), Follow-ups, Sync, Settings. */
export function App() {
  const now = useNow();
  const { data: ctx, error } = useLiveQuery(() => readContext(db, new Date()), []);
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  const lang = resolveLanguage(ctx?.local.language ?? null, navigator.languages);
  const t = useMemo(() => createT(lang), [lang]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('app.name');
  }, [lang, t]);
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  // A notification click asks the background to open the follow-ups; an open panel follows too.
  const { data: asked } = useLiveQuery(() => readState(db, 'uiRoute'), []);
  useEffect(() => {
    if (asked && asked.at > OPENED_AT - 10_000) setRoute(parseRoute(asked.route));
  }, [asked?.at]);

  if (error) return <p class="error view">{error.message}</p>;
  if (!ctx) return null;
  const navigate = (next: Route) => {
    history.replaceState(null, '', formatRoute(next));
    setRoute(next);
  };
  const ui: Ui = { t, lang, ctx, now, navigate };
  const tab: TabView = route.view === 'contact' || route.view === 'customer' ? 'people' : route.view;
  return (
    <UiContext.Provider value={ui}>
      <Header active={tab} />
      <main>
        {route.view === 'people' ? <PeopleView /> : null}
        {route.view === 'contact' ? <ContactView id={route.id} /> : null}
        {route.view === 'customer' ? <CustomerLookupView id={route.id} /> : null}
        {route.view === 'followups' ? <FollowUpsView /> : null}
        {route.view === 'sync' ? <SyncView /> : null}
        {route.view === 'settings' ? <SettingsView /> : null}
      </main>
    </UiContext.Provider>
  );
}
