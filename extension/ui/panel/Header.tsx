import { SyncIndicator } from '../components/SyncIndicator.tsx';
import { useUi } from '../context.ts';
import type { TabView } from '../route.ts';

const TABS: TabView[] = ['people', 'followups', 'sync', 'settings'];

export function Header({ active }: { active: TabView }) {
  const { t, navigate } = useUi();
  return (
    <header class="app-header">
      <div class="brand-row">
        <span class="brand">
          <img src="/icon/32.png" alt="" width={20} height={20} />
          {t('app.name')}
        </span>
        <SyncIndicator onClick={() => navigate({ view: 'sync' })} />
      </div>
      <nav class="tabs" aria-label={t('app.name')}>
        {TABS.map((tab) => (
          <button
            key={tab}
            type="button"
            class={tab === active ? 'tab active' : 'tab'}
            aria-current={tab === active ? 'page' : undefined}
            onClick={() => navigate({ view: tab })}
          >
            {t(`nav.${tab}`)}
          </button>
        ))}
      </nav>
    </header>
  );
}
