// Coalesces bursts of page mutations into one rescan: a trailing debounce (Gmail and LinkedIn mutate in
// bursts of hundreds of records), capped by maxWait so a page that never settles is still rescanned, and
// run in an animation frame so the scan reads layout the page has just finished.

export type BatchOptions = {
  /** Quiet time before a run (ms). */
  delay: number;
  /** Longest a run may be put off while mutations keep coming (ms). */
  maxWait: number;
  /** Runs the callback before the next paint; tests pass a synchronous one. */
  frame?: (cb: () => void) => void;
  now?: () => number;
};

export type Batcher = {
  schedule(): void;
  /** Stops any pending run (teardown, or a new visit that scans at once). */
  cancel(): void;
  readonly pending: boolean;
};

const nextFrame = (cb: () => void) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => cb());
  else setTimeout(cb, 0);
};

export function createBatcher(run: () => void, options: BatchOptions): Batcher {
  const frame = options.frame ?? nextFrame;
  const now = options.now ?? (() => Date.now());
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstAt = 0;
  let generation = 0;

  const fire = () => {
    timer = undefined;
    const mine = generation;
    frame(() => {
      if (mine === generation) run();
    });
  };

  return {
    schedule() {
      if (timer === undefined) firstAt = now();
      else if (now() - firstAt >= options.maxWait) return;
      else clearTimeout(timer);
      const wait = Math.min(options.delay, Math.max(0, firstAt + options.maxWait - now()));
      timer = setTimeout(fire, wait);
    },
    cancel() {
      generation++;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
    get pending() {
      return timer !== undefined;
    },
  };
}
