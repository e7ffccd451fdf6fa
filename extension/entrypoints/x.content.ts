import { runContentScript } from '../content/run.ts';
import { x } from '../sites/x.ts';

export default defineContentScript({
  matches: ['https://x.com/*', 'https://twitter.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    runContentScript(ctx, x);
  },
});
