import { runContentScript } from '../content/run.ts';
import { generic } from '../sites/generic.ts';

// "Any page": not in the manifest. background/capture-menus.ts injects it on a context-menu click or the
// shortcut (activeTab), or registers it for a site the user granted (optional host permission).
export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    runContentScript(ctx, generic);
  },
});
