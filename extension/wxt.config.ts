import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'Rapport',
    description: 'Profit-aware CRM badges and notes in Gmail, LinkedIn, X and any page.',
    permissions: ['storage', 'alarms'],
  },
});
