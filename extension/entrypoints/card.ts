import { createCard } from '../content/card.ts';
import { CARD_GLOBAL, type CardModule } from '../content/card-loader.ts';
import { capturePage, menu, openFromBadge } from '../content/page-commands.ts';

// The card and the page commands that open it, with Preact and the whole string catalogue, kept out of the content scripts: the
// background runs this file in a page's frame (scripting.executeScript, the content scripts' isolated
// world) the first time a card opens there, and the page's LazyCard picks it up from the global.
export default defineUnlistedScript(() => {
  const card: CardModule = { createCard, openFromBadge, capturePage, menu };
  (globalThis as { [CARD_GLOBAL]?: CardModule })[CARD_GLOBAL] = card;
});
