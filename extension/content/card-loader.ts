// The card is not in the content scripts: it (with Preact and the whole string catalogue) is
// entrypoints/card.ts, built as its own script and run in this frame on the first open. Until then a
// LazyCard stands in with the CardController's surface; opens and captures wait for the load.
import type { CardController, CardDeps, createCard, OpenCard } from './card.ts';
import type { Send } from './messaging.ts';

/** What card.js registers on the content scripts' shared global (they share one isolated world). */
export type CardModule = { createCard: typeof createCard };
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
  private loading: Promise<CardController | null> | null = null;
  private pending: OpenCard | null = null;
  private gone = false;

  constructor(
    private readonly deps: LazyCardDeps,
    private readonly load: LoadCard,
  ) {}

  /** Open, or asked to open while the card script loads. */
  get isOpen(): boolean {
    return this.pending !== null || (this.real?.isOpen ?? false);
  }

  /** The card's shadow root while open (tests, e2e). */
  get root(): ShadowRoot | null {
    return this.real?.root ?? null;
  }

  /** Resolves once a requested load has finished (or failed). */
  async ready(): Promise<void> {
    await this.loading;
  }

  open(request: OpenCard): void {
    if (this.gone) return;
    if (this.real) {
      this.real.open(request);
      return;
    }
    this.pending = request;
    this.loading ??= this.load().then(
      ({ createCard }) => {
        if (!this.gone) this.real = createCard(this.deps);
        return this.real;
      },
      (error: unknown) => {
        console.warn('Rapport: the card did not load', error);
        this.loading = null; // the next open tries again
        return null;
      },
    );
    void this.loading.then((real) => {
      const request = this.pending;
      this.pending = null;
      if (real && request && !this.gone) real.open(request);
    });
  }

  /** Saves the open card's unknown person as shown (the shortcut and "Save as contact"). */
  async captureNow(): Promise<boolean> {
    await this.loading;
    return (await this.real?.captureNow()) ?? false;
  }

  close(): void {
    this.pending = null;
    this.real?.close();
  }

  destroy(): void {
    this.gone = true;
    this.pending = null;
    this.real?.destroy();
  }
}
