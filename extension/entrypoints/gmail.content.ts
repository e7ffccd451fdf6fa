import { runContentScript } from '../content/run.ts';
import { gmail } from '../sites/gmail.ts';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    runContentScript(ctx, gmail);
  },
});
