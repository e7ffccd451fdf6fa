import type { FunctionComponent } from 'preact';
import type { MessageKey } from '../../i18n/index.ts';
import { useApp, useI18n } from '../context.ts';
import { ROUTES, type RouteName, routeOf, usePath } from '../route.ts';
import { Customers } from '../screens/customers.tsx';
import { ImportOrders } from '../screens/import.tsx';
import { NotFound } from '../screens/not-found.tsx';
import { Overview } from '../screens/overview.tsx';
import { Reps } from '../screens/reps.tsx';
import { Satisfaction } from '../screens/satisfaction.tsx';
import { Settings } from '../screens/settings.tsx';
import { LangSwitch } from './lang-switch.tsx';
import { Link } from './link.tsx';

const NAV: { route: RouteName; label: MessageKey; manage?: true }[] = [
  { route: 'overview', label: 'nav.overview' },
  { route: 'customers', label: 'nav.customers' },
  { route: 'reps', label: 'nav.reps' },
  { route: 'satisfaction', label: 'nav.satisfaction' },
  { route: 'import', label: 'nav.import', manage: true },
  { route: 'settings', label: 'nav.settings', manage: true },
];

const SCREENS: Record<RouteName, FunctionComponent> = {
  overview: Overview,
  customers: Customers,
  reps: Reps,
  satisfaction: Satisfaction,
  import: ImportOrders,
  settings: Settings,
};

/** Sidebar navigation, the signed-in user, and the current screen. */
export function Shell() {
  const { t } = useI18n();
  const { session, canManage, signOut } = useApp();
  const route = routeOf(usePath());
  const Screen = route ? SCREENS[route] : NotFound;
  return (
    <div class="shell">
      <a class="skip" href="#main">
        {t('nav.skip')}
      </a>
      <aside class="side">
        <div class="side-inner">
          <p class="brand">
            <span class="logo" aria-hidden="true">
              R
            </span>
            Rapport
          </p>
          <p class="team">{session.team.name}</p>
          <nav aria-label={t('nav.label')}>
            <ul>
              {NAV.filter((n) => canManage || !n.manage).map((n) => (
                <li key={n.route}>
                  <Link href={ROUTES[n.route]} class="nav-link" current={route === n.route}>
                    {t(n.label)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div class="me">
            <p class="me-name">{session.user.name}</p>
            <p class="me-role">
              {t(`role.${session.user.role}`)} · {session.user.email}
            </p>
            <LangSwitch />
            <button type="button" class="button ghost" onClick={signOut}>
              {t('nav.signOut')}
            </button>
          </div>
        </div>
      </aside>
      <main id="main" tabIndex={-1}>
        <Screen />
      </main>
    </div>
  );
}
