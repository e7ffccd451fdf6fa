import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/** Sites whose pages get badges; content scripts (a later task) match these. */
const SITE_HOSTS = [
  'https://mail.google.com/*',
  'https://www.linkedin.com/*',
  'https://x.com/*',
  'https://twitter.com/*',
];

/** Page-side bundles: the content scripts and the card script they load (entrypoints/card.ts). */
const inPage = (e: { type: string; name: string }) => e.type === 'content-script' || e.name === 'card';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // The background and extension pages use webextension-polyfill (the module aliases wxt/browser to
    // it). Page bundles only call runtime.sendMessage/onMessage/connect and getURL, which Chrome's
    // promise-returning chrome.* and Firefox's browser.* do natively: there wxt/browser stays WXT's
    // ~80-byte native shim, which saves every page ~3 KB gzip.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every(inPage)) return;
      const alias = config.resolve?.alias;
      if (Array.isArray(alias)) {
        (config.resolve as { alias: unknown }).alias = alias.filter(
          (a: { find: unknown }) => a.find !== 'wxt/browser',
        );
      } else if (alias) delete (alias as Record<string, string>)['wxt/browser'];
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // IndexedDB needs no permission; sidePanel is added by WXT for Chromium (Firefox gets sidebar_action).
    // contextMenus/activeTab/scripting/commands: capture on any page without a broad host permission
    // (background/capture-menus.ts injects the any-page script into the tab the user acted in).
    permissions: ['alarms', 'notifications', 'contextMenus', 'activeTab', 'scripting'],
    commands: {
      'capture-person': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Capture the person on this page',
      },
    },
    host_permissions: SITE_HOSTS,
    // The team's server origin and "capture on any page" are asked for at runtime, one origin at a time.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: 'Rapport' },
    ...(browser === 'firefox'
      ? {
          // Firefox builds MV2: optional host permissions are optional_permissions there.
          optional_permissions: ['https://*/*', 'http://*/*'],
          browser_specific_settings: {
            gecko: {
              id: 'rapport@rapport.invalid',
              strict_min_version: '115.0',
              // Contacts, email subjects/snippets and page details go to the team's own server.
              data_collection_permissions: {
                required: ['personallyIdentifyingInfo', 'personalCommunications', 'websiteContent'],
              },
            },
          },
        }
      : {}),
  }),
});
