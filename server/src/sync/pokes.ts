import { EventEmitter } from 'node:events';
import type { Poke } from '@rapport/shared/sync/protocol';

export type { Poke };

export type PokeListener = (poke: Poke) => void;

/**
 * In-process fan-out of "the team changed" to SSE connections, keyed by team id. One server process
 * holds every connection, so nothing crosses processes; clients still poll with backoff when the
 * stream is down.
 */
export class PokeHub {
  readonly #emitter = new EventEmitter();

  constructor() {
    // One listener per open connection; many members of one team may be connected at once.
    this.#emitter.setMaxListeners(0);
  }

  /** Call after the write's transaction has committed, never inside it (a rollback would lie). */
  poke(teamId: string, poke: Poke): void {
    this.#emitter.emit(teamId, poke);
  }

  /** Returns the unsubscribe function. */
  subscribe(teamId: string, listener: PokeListener): () => void {
    this.#emitter.on(teamId, listener);
    return () => {
      this.#emitter.off(teamId, listener);
    };
  }

  listenerCount(teamId: string): number {
    return this.#emitter.listenerCount(teamId);
  }
}

/** The process's hub: a push pokes it after its commit, every other writer through writeWithVersion (entities/save.ts). */
export const pokes = new PokeHub();

export function pokeTeam(teamId: string, version: number, clientId: string | null = null): void {
  pokes.poke(teamId, { version, clientId });
}
