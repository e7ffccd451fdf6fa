import { TeamSettings } from '@rapport/shared/schemas/settings';
import { PullResponse, PushResponse } from '@rapport/shared/sync/protocol';
import { z } from 'zod';
import { noteServerTime } from '../db/outbox.ts';
import type { RapportDB } from '../db/schema.ts';
import { writeTeamSettings } from '../db/settings.ts';
import { type Account, ensureClientId, readState, writeState } from '../db/sync-state.ts';
import { applyPullPage, applyPushResult, EpochChangedError, realignOutbox } from './apply-server-replies.ts';
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff.ts';
import { API, type Fetch, HttpError, requestJson, serverOrigin } from './http.ts';

export interface SyncClientOptions {
  db: RapportDB;
  fetch: Fetch;
  /** Wall clock in ms (tests drive it). */
  now?: () => number;
  /** In [0, 1), for backoff jitter. */
  random?: () => number;
  /** Mutations per push request. */
  pushBatchSize?: number;
  /** Rows per pull page. */
  pullLimit?: number;
  backoff?: BackoffOptions;
  /** Called after a sync round that brought rows or aliases from the server (pages may refresh). */
  onPulled?: () => void;
  /** Called with the outcome of every round (e.g. to open the live poke stream once signed in). */
  onDone?: (result: SyncResult) => void;
}

export type SyncResult =
  | { outcome: 'synced' }
  | { outcome: 'signed-out' }
  /** Backing off after failures; not tried (pass force to try anyway). */
  | { outcome: 'waiting'; retryAt: number }
  | { outcome: 'failed'; code: string; message: string; retryAt: number }
  /** Local data was wiped meanwhile; nothing was written. */
  | { outcome: 'aborted' };

/** The 409 mutation_gap body names the server's lastMutationId in error.details. */
const GapBody = z
  .object({ error: z.object({ details: z.object({ lastMutationId: z.int().min(0) }) }) })
  .transform((b) => b.error.details.lastMutationId);

const MAX_GAP_RETRIES = 3;
const TeamSettingsResponse = z.object({ settings: TeamSettings });

/**
 * Pushes the outbox and pulls the team's rows. All progress lives in IndexedDB (outbox, cookie,
 * acknowledged id), so a new instance on the same database — a restarted MV3 worker — resumes
 * where the last one stopped; every step is safe to repeat (the server skips mutation ids it has).
 */
export class ExtensionSyncClient {
  private readonly db: RapportDB;
  private readonly fetch: Fetch;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly pushBatchSize: number;
  private readonly pullLimit: number;
  private readonly backoff: BackoffOptions;
  private running: Promise<SyncResult> | null = null;
  private readonly onPulled: () => void;
  private readonly onDone: (result: SyncResult) => void;
  /** Rows and aliases the current round pulled. */
  private pulledCount = 0;

  constructor(options: SyncClientOptions) {
    this.db = options.db;
    this.fetch = options.fetch;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.pushBatchSize = options.pushBatchSize ?? 200;
    this.pullLimit = options.pullLimit ?? 1000;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.onPulled = options.onPulled ?? (() => {});
    this.onDone = options.onDone ?? (() => {});
  }

  /** One sync round (push, pull, team settings). Concurrent calls share the round under way. */
  sync(options: { force?: boolean } = {}): Promise<SyncResult> {
    this.running ??= this.run(options.force ?? false)
      .then((result) => {
        this.onDone(result);
        return result;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async run(force: boolean): Promise<SyncResult> {
    const { db } = this;
    const account = await readState(db, 'account');
    if (!account?.token) return { outcome: 'signed-out' };
    const backoff = await readState(db, 'backoff');
    if (!force && backoff?.retryAt != null && backoff.retryAt > this.now())
      return { outcome: 'waiting', retryAt: backoff.retryAt };
    const epoch = (await readState(db, 'epoch')) ?? 0;
    await writeState(db, 'syncingSince', this.now());
    this.pulledCount = 0;
    try {
      const clientId = await db.transaction('rw', db.syncState, async () => await ensureClientId(db));
      await this.push(account, clientId, epoch);
      await this.pull(account, clientId, epoch);
      await this.pullTeamSettings(account, epoch);
      await db.transaction('rw', db.syncState, async () => {
        await writeState(db, 'lastSyncAt', new Date(this.now()).toISOString());
        await writeState(db, 'lastError', undefined);
        await writeState(db, 'backoff', undefined);
      });
      return { outcome: 'synced' };
    } catch (error) {
      return this.failed(error, account, backoff?.failures ?? 0);
    } finally {
      await writeState(db, 'syncingSince', undefined);
      if (this.pulledCount > 0) this.onPulled();
    }
  }

  private async failed(error: unknown, account: Account, failures: number): Promise<SyncResult> {
    const { db } = this;
    if (error instanceof EpochChangedError) return { outcome: 'aborted' };
    const at = new Date(this.now()).toISOString();
    if (error instanceof HttpError && error.kind === 'auth') {
      await db.transaction('rw', db.syncState, async () => {
        const current = await readState(db, 'account');
        // Only the session that failed is signed out (not one signed in meanwhile).
        if (current?.token === account.token) await writeState(db, 'account', { ...current, token: null });
        await writeState(db, 'lastError', { code: 'auth', message: error.message, at });
        await writeState(db, 'backoff', undefined);
      });
      return { outcome: 'signed-out' };
    }
    const code = error instanceof HttpError ? error.kind : 'internal';
    const message = error instanceof Error ? error.message : String(error);
    if (!(error instanceof HttpError)) console.error('Rapport sync failed', error);
    const count = failures + 1;
    const delay =
      error instanceof HttpError && error.retryAfterMs !== null
        ? error.retryAfterMs
        : backoffDelay(count, this.random, this.backoff);
    const retryAt = this.now() + delay;
    const serverCode = error instanceof HttpError ? error.apiError?.code : undefined;
    await db.transaction('rw', db.syncState, async () => {
      await writeState(db, 'lastError', { code, message, ...(serverCode ? { serverCode } : {}), at });
      await writeState(db, 'backoff', { failures: count, retryAt });
    });
    return { outcome: 'failed', code, message, retryAt };
  }

  private url(account: Account, path: string): string {
    return `${serverOrigin(account.serverUrl)}${API}${path}`;
  }

  private async push(account: Account, clientId: string, epoch: number): Promise<void> {
    const { db } = this;
    let gapRetries = 0;
    for (;;) {
      const batch = await db.outbox.orderBy('id').limit(this.pushBatchSize).toArray();
      const first = batch[0];
      if (first === undefined) return;
      let response: PushResponse;
      const sentAt = this.now();
      try {
        response = await requestJson(
          this.fetch,
          {
            method: 'POST',
            url: this.url(account, '/sync/push'),
            token: account.token,
            body: { clientId, mutations: batch.map(({ id, name, args }) => ({ id, name, args })) },
          },
          PushResponse,
          this.now(),
        );
      } catch (error) {
        if (!(error instanceof HttpError) || error.kind !== 'gap') throw error;
        const serverLast = GapBody.safeParse(error.body);
        if (!serverLast.success)
          throw new HttpError(
            'server',
            `409 without the server's lastMutationId: ${error.message}`,
            409,
            error.body,
          );
        if (++gapRetries > MAX_GAP_RETRIES)
          throw new HttpError(
            'server',
            `mutation ids still out of step after ${MAX_GAP_RETRIES} realignments`,
            409,
          );
        await realignOutbox(db, serverLast.data, epoch);
        continue;
      }
      if (response.lastMutationId < first.id) {
        throw new HttpError(
          'server',
          `push of mutations ${first.id}… acknowledged only up to ${response.lastMutationId}`,
          200,
          response,
        );
      }
      await noteServerTime(db, response.serverTime, sentAt, this.now());
      await applyPushResult(db, response, epoch, new Date(this.now()));
    }
  }

  private async pull(account: Account, clientId: string, epoch: number): Promise<void> {
    const { db } = this;
    let restart = false;
    for (;;) {
      const cookie = restart ? undefined : await readState(db, 'cookie');
      const query = new URLSearchParams({ clientId, limit: String(this.pullLimit) });
      if (cookie) query.set('cookie', cookie);
      let page: PullResponse;
      const sentAt = this.now();
      try {
        page = await requestJson(
          this.fetch,
          { method: 'GET', url: this.url(account, `/sync/pull?${query}`), token: account.token },
          PullResponse,
          this.now(),
        );
      } catch (error) {
        // A cookie the server does not accept (another server, a restored database): start over,
        // replacing every local row, as a reset would.
        if (cookie && error instanceof HttpError && error.kind === 'client' && error.status === 400) {
          restart = true;
          continue;
        }
        throw error;
      }
      if (restart) {
        page = { ...page, reset: true };
        restart = false;
      }
      await noteServerTime(db, page.serverTime, sentAt, this.now());
      await applyPullPage(db, page, epoch, this.now);
      this.pulledCount += page.rows.length + page.aliases.length;
      if (!page.hasMore) return;
      if (page.cookie === cookie)
        throw new HttpError('server', 'pull says more rows wait but its cookie did not move', 200, null);
    }
  }

  /**
   * The team's settings (cadence, tier window, holidays, currency). An answer this client cannot
   * read keeps the last copy and does not stop the sync; auth and transient errors do.
   */
  private async pullTeamSettings(account: Account, epoch: number): Promise<void> {
    const { db } = this;
    let settings: TeamSettings;
    try {
      ({ settings } = await requestJson(
        this.fetch,
        { method: 'GET', url: this.url(account, '/settings'), token: account.token },
        TeamSettingsResponse,
        this.now(),
      ));
    } catch (error) {
      if (error instanceof HttpError && (error.kind === 'auth' || error.transient)) throw error;
      console.warn('Rapport: team settings unavailable', error);
      return;
    }
    await db.transaction('rw', db.settings, db.syncState, async () => {
      if (((await readState(db, 'epoch')) ?? 0) !== epoch)
        throw new EpochChangedError('local data was wiped during sync');
      await writeTeamSettings(db, settings);
    });
  }
}
