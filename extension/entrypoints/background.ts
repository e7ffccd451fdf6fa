import { startBackground } from '../background/index.ts';

export default defineBackground(() => {
  startBackground();
});
