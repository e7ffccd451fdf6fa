import { useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { readContext } from '../../db/queries/context.ts';
import { listFollowUps } from '../../db/queries/followups.ts';
import { quickLookup } from '../../db/queries/quick-lookup.ts';
import { createT, resolveLanguage } from '../../i18n/index.ts';
import { send } from '../../messaging/client.ts';
import { StatusDot, TierChip } from '../components/chips.tsx';
import { SyncIndicator } from '../components/SyncIndicator.tsx';
import { type Ui, UiContext } from '../context.ts';
import { db } from '../data.ts';
import { formatDay } from '../format.ts';
import { useLiveQuery, useNow } from '../hooks/use-live-query.ts';
import { LookupResults } from '../panel/LookupView.tsx';
import type { Route } from '../route.ts';

interface PanelApis {
  sidePanel?: { open(options: { windowId: number }): Promise<void> };
  sidebarAction?: { open(): Promise<void> };
}

/** Opens the side panel (Chromium) or sidebar (Firefox) from this click, then closes the popup. */
async function openPanel(route?: Route): Promise<void> {
  // The panel follows a route the background records (as for a notification click).
  if (route && route.view !== 'people')
    void send({ type: 'panel.route', route: 'id' in route ? `${route.view}/${route.id}` : route.view });
  const api = browser as unknown as PanelApis;
  const win = await browser.windows.getCurrent();
  if (api.sidePanel && win.id !== undefined) await api.sidePanel.open({ windowId: win.id });
  else if (api.sidebarAction) await api.sidebarAction.open();
  window.close();
}

/** The toolbar popup: sync state and what is due today, with a way into the side panel. */
export function Popup() {
  const now = useNow();
  const { data: ctx } = useLiveQuery(() => readContext(db, new Date()), []);
  const { data: items } = useLiveQuery(
    async () => (ctx ? listFollowUps(db, ctx, { limit: 6, includeSoon: false }) : undefined),
    [ctx],
  );
  const [query, setQuery] = useState('');
  const { data: found } = useLiveQuery(
    async () => (ctx && query.trim() ? quickLookup(db, query, ctx, 8) : null),
    [query, ctx],
  );
  const lang = resolveLanguage(ctx?.local.language ?? null, navigator.languages);
  const t = useMemo(() => createT(lang), [lang]);
  if (!ctx) return null;
  const ui: Ui = { t, lang, ctx, now, navigate: (route) => void openPanel(route) };
  return (
    <UiContext.Provider value={ui}>
      <div class="popup-body">
        <div class="brand-row">
          <span class="brand">
            <img src="/icon/32.png" alt="" width={20} height={20} />
            {t('app.name')}
          </span>
          <SyncIndicator onClick={() => void openPanel()} />
        </div>
        <input
          type="search"
          class="search"
          aria-label={t('lookup.label')}
          placeholder={t('lookup.placeholder')}
          value={query}
          // biome-ignore lint/a11y/noAutofocus: the popup opens to look someone up
          autoFocus
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        {query.trim() ? (
          found ? (
            <LookupResults
              result={found}
              query={query}
              onOpenCustomer={(id) => void openPanel({ view: 'customer', id })}
            />
          ) : null
        ) : items === undefined ? null : items.length === 0 ? (
          <p class="muted">{t('popup.nothing')}</p>
        ) : (
          <ul class="people">
            {items.map((i) => (
              <li key={`${i.contactId}:${i.greeting ?? ''}`}>
                <button type="button" class="person" onClick={() => void openPanel()}>
                  <TierChip tier={i.tier} />
                  <span class="person-main">
                    <span class="person-name">{i.name}</span>
                    <span class="person-sub">
                      {[
                        i.greeting === 'birthday' ? t('followups.birthday') : null,
                        i.customerName,
                        i.dueOn ? formatDay(i.dueOn, lang) : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                  </span>
                  <StatusDot status={i.status} />
                </button>
              </li>
            ))}
          </ul>
        )}
        <button type="button" class="primary wide" onClick={() => void openPanel()}>
          {t('popup.openPanel')}
        </button>
      </div>
    </UiContext.Provider>
  );
}
