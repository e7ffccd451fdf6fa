// The lookup cache: badge data per identity key for the current visit, and ONE lookup.people message
// per batch of people not known yet (split only past the message's 500-person limit). After a failed
// lookup (background restarting, extension updated) the next waits a while.

import { identityKey, pageIdentity } from '@rapport/shared/identity/page-identity';
import type { BadgeData, PageIdentity } from '@rapport/shared/sync/messages';
import type { PagePerson } from './capture.ts';
import type { Send } from './messaging.ts';

export const MAX_LOOKUP = 500;
const LOOKUP_RETRY_MS = 5000;

export type LookupCacheDeps = {
  send: Send;
  /** These keys' answers arrived (badges re-render). */
  answered(keys: ReadonlySet<string>): void;
  /** Try again later (after a failure). */
  schedule(): void;
  /** Aborted when the page is torn down. */
  life: AbortSignal;
};

export class LookupCache {
  private readonly cache = new Map<string, BadgeData | null>();
  private readonly inflight = new Set<string>();
  private lookupRetryAt = 0;

  constructor(private readonly deps: LookupCacheDeps) {}

  /** undefined: not looked up yet; null: nobody in Rapport. */
  get(key: string): BadgeData | null | undefined {
    return this.cache.get(key);
  }

  /** Whether the key is neither answered nor being asked for. */
  wants(key: string): boolean {
    return !this.cache.has(key) && !this.inflight.has(key);
  }

  /** Forget every answer (a new visit, or something badges show changed). */
  clear(): void {
    this.cache.clear();
    this.inflight.clear();
  }

  /** One lookup.people per batch (split only past the message's 500-person limit). */
  async lookup(need: Map<string, PageIdentity>, signal: AbortSignal): Promise<void> {
    if (need.size === 0 || Date.now() < this.lookupRetryAt) return;
    const entries = [...need];
    for (const [key] of entries) this.inflight.add(key);
    try {
      for (let i = 0; i < entries.length; i += MAX_LOOKUP) {
        const chunk = entries.slice(i, i + MAX_LOOKUP);
        const { results } = await this.deps.send('lookup.people', {
          people: chunk.map(([, identity]) => identity),
        });
        if (signal.aborted || this.deps.life.aborted) return;
        if (!Array.isArray(results) || results.length !== chunk.length) {
          throw new Error(
            `lookup.people answered ${String(results?.length)} results for ${chunk.length} people`,
          );
        }
        const keys = new Set<string>();
        chunk.forEach(([key], j) => {
          this.cache.set(key, results[j] ?? null);
          keys.add(key);
        });
        this.deps.answered(keys);
      }
    } catch (error) {
      // Pages that mutate constantly (Gmail) would otherwise ask a failing background many times a second.
      this.lookupRetryAt = Date.now() + LOOKUP_RETRY_MS;
      const retry = setTimeout(() => this.deps.schedule(), LOOKUP_RETRY_MS);
      this.deps.life.addEventListener('abort', () => clearTimeout(retry), { once: true });
      throw error;
    } finally {
      if (!signal.aborted) for (const [key] of entries) this.inflight.delete(key);
    }
  }

  /** The badge data for one person found by a command (cached, else one lookup). */
  async one(person: PagePerson): Promise<BadgeData | null> {
    const identity = pageIdentity(person);
    if (!identity) return null;
    const key = identityKey(identity);
    if (this.cache.has(key)) return this.cache.get(key) ?? null;
    const { results } = await this.deps.send('lookup.people', { people: [identity] });
    const found = results[0] ?? null;
    this.cache.set(key, found);
    return found;
  }
}
