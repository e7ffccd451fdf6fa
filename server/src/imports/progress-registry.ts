import type { ImportProgress } from './orders.ts';

/** An import's progress as a client polls it. */
export interface ProgressState extends ImportProgress {
  finished: boolean;
  updatedAt: string;
}

/** How long a finished import's last state stays readable (the screen's last poll). */
const KEEP_MS = 60_000;
/** Imports followed at once; the oldest are forgotten first. */
const MAX_ENTRIES = 1000;

/**
 * The progress of running imports by team and a client-chosen id, in this process's memory: the
 * upload request reports into it, and GET …/imports/progress/{id} reads it while the upload runs.
 * Keys are per team, so one team never reads another's.
 */
export class ImportProgressRegistry {
  readonly #entries = new Map<string, ProgressState>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  #key = (teamId: string, id: string) => `${teamId}\u0000${id}`;

  /** A reporter for one import; call finish() when it ends, however it ends. */
  track(teamId: string, id: string): { report: (p: ImportProgress) => void; finish: () => void } {
    const key = this.#key(teamId, id);
    const set = (p: ImportProgress, finished: boolean) => {
      this.#entries.delete(key);
      this.#entries.set(key, { ...p, finished, updatedAt: this.now().toISOString() });
      if (this.#entries.size > MAX_ENTRIES) {
        const oldest = this.#entries.keys().next().value;
        if (oldest !== undefined) this.#entries.delete(oldest);
      }
    };
    set({ phase: 'reading', done: 0, total: 0 }, false);
    return {
      report: (p) => set(p, false),
      finish: () => {
        const last = this.#entries.get(key);
        set(last ?? { phase: 'metrics', done: 0, total: 0 }, true);
        setTimeout(() => {
          if (this.#entries.get(key)?.finished) this.#entries.delete(key);
        }, KEEP_MS).unref();
      },
    };
  }

  get(teamId: string, id: string): ProgressState | null {
    return this.#entries.get(this.#key(teamId, id)) ?? null;
  }
}

/** The server process's registry. */
export const importProgress = new ImportProgressRegistry();
