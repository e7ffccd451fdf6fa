import type { FunctionComponent } from 'preact';
import type { MessageKey } from '../../i18n/index.ts';
import { useApp, useI18n } from '../context.ts';
import { type DetailName, ROUTES, type RouteName, routeOf, usePath } from '../route.ts';
import { Campaigns } from '../screens/campaigns.tsx';
import { ContactPage } from '../screens/contact.tsx';
import { CustomerPage } from '../screens/customer.tsx';
import { Customers } from '../screens/customers.tsx';
import { ImportOrders } from '../screens/import.tsx';
import { NotFound } from '../screens/not-found.tsx';
import { OpportunityPage } from '../screens/opportunity.tsx';
import { Overview } from '../screens/overview.tsx';
import { Pipeline } from '../screens/pipeline.tsx';
import { Reps } from '../screens/reps.tsx';
import { Satisfaction } from '../screens/satisfaction.tsx';
import { Segments } from '../screens/segments.tsx';
import { Service } from '../screens/service.tsx';
import { Settings } from '../screens/settings.tsx';
import { Team } from '../screens/team.tsx';
import { Trends } from '../screens/trends.tsx';
import { useKeyboard } from './keyboard.ts';
import { LangSwitch } from './lang-switch.tsx';
import { Link } from './link.tsx';

const NAV: { route: RouteName; label: MessageKey; manage?: true }[] = [
  { route: 'overview', label: 'nav.overview' },
  { route: 'customers', label: 'nav.customers' },
  { route: 'segments', label: 'nav.segments' },
  { route: 'trends', label: 'nav.trends' },
  { route: 'campaigns', label: 'nav.campaigns' },
  { route: 'reps', label: 'nav.reps' },
  { route: 'satisfaction', label: 'nav.satisfaction' },
  { route: 'pipeline', label: 'nav.pipeline' },
  { route: 'service', label: 'nav.service' },
  { route: 'team', label: 'nav.team', manage: true },
  { route: 'import', label: 'nav.import', manage: true },
  { route: 'settings', label: 'nav.settings', manage: true },
];

const DETAIL_SCREENS: Record<DetailName, FunctionComponent<{ id: string }>> = {
  customer: CustomerPage,
  contact: ContactPage,
  opportunity: OpportunityPage,
};
/** The menu entry a detail page belongs to. */
const DETAIL_PARENT: Record<DetailName, RouteName> = {
  customer: 'customers',
  contact: 'customers',
  opportunity: 'pipeline',
};

const SCREENS: Record<RouteName, FunctionComponent> = {
  overview: Overview,
  customers: Customers,
  segments: Segments,
  trends: Trends,
  campaigns: Campaigns,
  reps: Reps,
  satisfaction: Satisfaction,
  pipeline: Pipeline,
  service: Service,
  team: Team,
  import: ImportOrders,
  settings: Settings,
};

/** Sidebar navigation, the signed-in user, and the current screen. */
export function Shell() {
  const { t } = useI18n();
  const { session, canManage, signOut } = useApp();
  const match = routeOf(usePath());
  useKeyboard();
  let screen = <NotFound />;
  let route: RouteName | null = null;
  if (match?.id != null && match.name in DETAIL_SCREENS) {
    const Detail = DETAIL_SCREENS[match.name as DetailName];
    route = DETAIL_PARENT[match.name as DetailName];
    screen = <Detail key={match.id} id={match.id} />;
  } else if (match && match.name in SCREENS) {
    route = match.name as RouteName;
    const Screen = SCREENS[route];
    screen = <Screen />;
  }
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
            <p class="keys-hint">{t('nav.keys')}</p>
            <button type="button" class="button ghost" onClick={signOut}>
              {t('nav.signOut')}
            </button>
          </div>
        </div>
      </aside>
      <main id="main" tabIndex={-1}>
        {screen}
      </main>
    </div>
  );
}
