import { runContentScript } from '../content/run.ts';
import { linkedin } from '../sites/linkedin.ts';

export default defineContentScript({
  matches: ['https://www.linkedin.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    runContentScript(ctx, linkedin);
  },
});
