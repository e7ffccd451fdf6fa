// The card is not in the content scripts: it (with Preact and the whole string catalogue) is
// entrypoints/card.ts, built as its own script and run in this frame on the first open. Until then a
// LazyCard stands in: page commands (content/page-commands.ts, also in card.js) run once it has loaded.
import type { CardController, CardDeps, createCard } from './card.ts';
import type { Send } from './messaging.ts';
import type * as commands from './page-commands.ts';

/** What card.js registers on the content scripts' shared global (they share one isolated world). */
export type CardModule = {
  createCard: typeof createCard;
  openFromBadge: typeof commands.openFromBadge;
  capturePage: typeof commands.capturePage;
  menu: typeof commands.menu;
};
export type LoadCard = () => Promise<CardModule>;
export type LazyCardDeps = Omit<CardDeps, 't'>;

export const CARD_GLOBAL = Symbol.for('rapport.card');
type Slot = { [CARD_GLOBAL]?: CardModule };

/**
 * Loads the card through the background: it runs card.js in this tab and frame with
 * scripting.executeScript (an extension file in the isolated world, so page CSP does not apply and
 * nothing is web-accessible), and card.js registers itself on the global.
 */
export function loadCardFromBackground(send: Send, win: Window): LoadCard {
  return async () => {
    const slot = win as unknown as Slot;
    if (!slot[CARD_GLOBAL]) await send('card.load', {});
    const card = slot[CARD_GLOBAL];
    if (!card) throw new Error('The card script did not register');
    return card;
  };
}

export class LazyCard {
  private real: CardController | null = null;
  private module: CardModule | null = null;
  private loading: Promise<CardModule | null> | null = null;
  /** Commands waiting for the card script; they count as an open card. */
  private waiting = 0;
  /** Bumped by close() and destroy(): commands that were waiting then do nothing. */
  private generation = 0;
  private gone = false;

  constructor(
    private readonly deps: LazyCardDeps,
    private readonly load: LoadCard,
  ) {}

  /** Open, or about to open once the card script has loaded. */
  get isOpen(): boolean {
    return this.waiting > 0 || (this.real?.isOpen ?? false);
  }

  /** The card's shadow root while open (tests, e2e). */
  get root(): ShadowRoot | null {
    return this.real?.root ?? null;
  }

  /** Resolves once a requested load has finished (or failed). */
  async ready(): Promise<void> {
    await this.loading;
  }

  /**
   * Runs a page command with the card script's commands and the page's one card, loading the script
   * first if needed; nothing runs when the card was closed or the page torn down meanwhile.
   */
  async withCard(run: (commands: CardModule, card: CardController) => void | Promise<void>): Promise<void> {
    if (this.gone) return;
    const generation = this.generation;
    this.waiting++;
    try {
      this.loading ??= this.load().then(
        (module) => module,
        (error: unknown) => {
          console.warn('Rapport: the card did not load', error);
          this.loading = null; // the next use tries again
          return null;
        },
      );
      const module = await this.loading;
      if (!module || this.gone || generation !== this.generation) return;
      this.module = module;
      this.real ??= module.createCard(this.deps);
    } finally {
      this.waiting--;
    }
    await run(this.module, this.real);
  }

  close(): void {
    this.generation++;
    this.real?.close();
  }

  destroy(): void {
    this.gone = true;
    this.generation++;
    this.real?.destroy();
  }
}
