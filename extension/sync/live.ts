import { Poke } from '@rapport/shared/sync/protocol';
import { createParser } from 'eventsource-parser';
import type { RapportDB } from '../db/schema.ts';
import { readState } from '../db/sync-state.ts';
import { type BackoffOptions, backoffDelay } from './backoff.ts';
import { API, type Fetch, serverOrigin } from './http.ts';

export interface LivePokesOptions {
  db: RapportDB;
  fetch: Fetch;
  /** A poke from another client arrived: pull now. */
  onPoke: () => void;
  random?: () => number;
  /** Between reconnects after the stream fails or ends. */
  backoff?: BackoffOptions;
}

const RECONNECT: BackoffOptions = { baseMs: 2_000, maxMs: 60_000 };

/**
 * The server's live poke stream (GET /sync/events, server-sent events, read with fetch because
 * a service worker has no EventSource). Each poke not caused by this client's own push asks for a
 * pull, so a change made elsewhere reaches open pages in seconds; the periodic alarm stays the
 * fallback while the stream is down or the worker sleeps. start() is idempotent; stop() ends it.
 */
export class LivePokes {
  private abort: AbortController | null = null;
  private failures = 0;
  private retry: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: LivePokesOptions) {}

  get connected(): boolean {
    return this.abort !== null;
  }

  /** Connects when signed in and not connected yet. */
  async start(): Promise<void> {
    if (this.abort || this.retry) return;
    // Claimed before the first await, so two calls at once open one stream.
    const abort = new AbortController();
    this.abort = abort;
    const { db, fetch } = this.options;
    const account = await readState(db, 'account');
    if (!account?.token) {
      if (this.abort === abort) this.abort = null;
      return;
    }
    const clientId = (await readState(db, 'clientId')) ?? null;
    try {
      const response = await fetch(`${serverOrigin(account.serverUrl)}${API}/sync/events`, {
        method: 'GET',
        headers: { accept: 'text/event-stream', authorization: `Bearer ${account.token}` },
        signal: abort.signal,
      });
      if (!response.ok || !response.body) throw new Error(`events answered ${response.status}`);
      await this.read(response.body, clientId);
    } catch {
      // Offline, signed out or the server restarted: try again later (polling covers the gap).
    } finally {
      if (this.abort === abort) {
        this.abort = null;
        if (!abort.signal.aborted) this.reconnectLater();
      }
    }
  }

  stop(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.abort?.abort();
    this.abort = null;
    this.failures = 0;
  }

  private async read(body: ReadableStream<Uint8Array>, clientId: string | null): Promise<void> {
    const parser = createParser({
      onEvent: (event) => {
        if (event.event !== 'poke') return;
        let data: unknown;
        try {
          data = JSON.parse(event.data);
        } catch {
          return;
        }
        const poke = Poke.safeParse(data);
        if (!poke.success) return;
        this.failures = 0;
        if (poke.data.clientId === null || poke.data.clientId !== clientId) this.options.onPoke();
      },
    });
    const decoder = new TextDecoder();
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      parser.feed(decoder.decode(value, { stream: true }));
    }
  }

  private reconnectLater(): void {
    this.failures += 1;
    const delay = backoffDelay(
      this.failures,
      this.options.random ?? Math.random,
      this.options.backoff ?? RECONNECT,
    );
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.start();
    }, delay);
  }
}
