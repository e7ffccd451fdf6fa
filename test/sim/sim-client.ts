import type { User as StoreUser } from '@rapport/server/store/store';
import type { CapturedPerson } from '@rapport/shared/sync/messages';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { captureContact } from '../../extension/background/capture.ts';
import { eraseContact, updateContact } from '../../extension/background/contacts.ts';
import { logInteractions } from '../../extension/background/interactions.ts';
import { type BackgroundServices, CommandError } from '../../extension/background/services.ts';
import { liveData } from '../../extension/db/records.ts';
import { RapportDB } from '../../extension/db/schema.ts';
import { writeState } from '../../extension/db/sync-state.ts';
import { ExtensionSyncClient, type SyncResult } from '../../extension/sync/client.ts';
import type { Fetch } from '../../extension/sync/http.ts';
import type { Oracle } from './oracle.ts';
import type { Rng } from './prng.ts';

export const SERVER_URL = 'https://crm.example.com';

/** Shared pools, small so that clients collide on emails (server-side duplicate merging). */
const EMAILS = Array.from({ length: 14 }, (_, i) => `person${i}@acme${i % 3}.com`);
const LINKEDIN = Array.from({ length: 6 }, (_, i) => `https://www.linkedin.com/in/lead-${i}/`);
const TAGS = ['vip', 'churn-risk', 'event', 'partner', 'q3'];
const NAMES = ['Sean Miller', 'Ada Lovelace', 'Grace Hopper', 'Li Wei', 'Zhang Min', 'Alan Turing'];
const TITLES = ['CEO', 'Buyer', 'CTO', null];

/** One extension: its own IndexedDB, signed in as one user, writing through the background's functions. */
export class SimClient {
  readonly db: RapportDB;
  readonly sync: ExtensionSyncClient;
  /** What the background's handlers get: pass it to captureContact, logInteractions, … */
  readonly services: BackgroundServices;

  constructor(
    readonly index: number,
    readonly user: StoreUser,
    readonly token: string,
    fetch: Fetch,
    now: () => number,
    rng: Rng,
    private readonly oracle: Oracle,
  ) {
    this.db = new RapportDB({ name: `sim-${index}`, indexedDB: new IDBFactory(), IDBKeyRange });
    this.sync = new ExtensionSyncClient({
      db: this.db,
      fetch,
      now,
      random: rng.next,
      pushBatchSize: 4,
      pullLimit: 7,
    });
    this.services = { db: this.db, fetch, now, sync: this.sync, requestSync: () => {} };
    // Outbox entries are read as they are written: a sync running meanwhile may acknowledge and
    // drop them before the op returns.
    this.db.outbox.hook('creating', (_key, entry) => {
      this.written?.push({ id: entry.id, name: entry.name, args: entry.args });
    });
  }

  private written: Array<{ id: number; name: string; args: unknown }> | null = null;

  async signIn(team: { id: string; name: string; createdAt: string; updatedAt: string }): Promise<void> {
    const { id, teamId, email, name, role, active, timeZone, createdAt, updatedAt } = this.user;
    await writeState(this.db, 'account', {
      serverUrl: SERVER_URL,
      token: this.token,
      expiresAt: null,
      user: { id, teamId, email, name, role, active, timeZone, createdAt, updatedAt },
      team,
    });
  }

  /** One random side-panel action; returns a line for the step log. */
  async randomOp(rng: Rng): Promise<string> {
    this.written = [];
    try {
      const line = await this.op(rng);
      for (const entry of this.written) this.oracle.record(this.index, entry);
      return line;
    } catch (error) {
      // A sync running alongside may have pulled an erase of the contact this op picked.
      if (error instanceof CommandError && error.code === 'not_found') return `skipped: ${error.message}`;
      throw error;
    } finally {
      this.written = null;
    }
  }

  private async liveContacts() {
    return (await this.db.contacts.toArray()).map(liveData).filter((c) => c !== null);
  }

  private async op(rng: Rng): Promise<string> {
    const contacts = await this.liveContacts();
    const r = rng.next();
    if (contacts.length === 0 || r < 0.25) {
      const email = rng.chance(0.8) ? rng.pick(EMAILS) : undefined;
      const linkedin = email === undefined || rng.chance(0.2) ? rng.pick(LINKEDIN) : undefined;
      const person = {
        name: rng.pick(NAMES),
        source: 'manual' as const,
        ...(email ? { email } : {}),
        ...(linkedin ? { linkedin } : {}),
        ...(rng.chance(0.5) ? { title: 'Buyer' } : {}),
      };
      const note = rng.chance(0.3) ? `met at step ${rng.int(1000)}` : undefined;
      const res = await this.capture(person, note);
      return `capture ${email ?? ''} ${linkedin ?? ''} -> ${res.contactId} created=${res.created}${note ? ' +note' : ''}`;
    }
    const c = rng.pick(contacts);
    if (r < 0.4) {
      const name = rng.pick(NAMES);
      const title = rng.pick(TITLES);
      await updateContact(this.services, c.id, { name, title });
      return `edit ${c.id} name=${name} title=${title}`;
    }
    if (r < 0.55) {
      const email = rng.pick(EMAILS);
      const emails = c.emails.includes(email) ? c.emails.filter((e) => e !== email) : [...c.emails, email];
      await updateContact(this.services, c.id, { emails });
      return `${emails.includes(email) ? 'add' : 'remove'} email ${email} on ${c.id}`;
    }
    if (r < 0.68) {
      const tag = rng.pick(TAGS);
      const tags = c.tags.includes(tag) ? c.tags.filter((t) => t !== tag) : [...c.tags, tag];
      await updateContact(this.services, c.id, { tags });
      return `${tags.includes(tag) ? 'add' : 'remove'} tag ${tag} on ${c.id}`;
    }
    if (r < 0.93) {
      const summary = `call ${rng.int(1_000_000)}`;
      const [res] = await this.logCall(c.id, summary);
      return `log ${res?.interactionId} on ${c.id}`;
    }
    await eraseContact(this.services, c.id);
    return `erase ${c.id}`;
  }

  /** The side panel's "Save contact" (contact.capture). */
  capture(person: CapturedPerson, note?: string) {
    return captureContact(this.services, person, note, { fromPage: false });
  }

  /** The side panel's "Log interaction" with a call. */
  logCall(contactId: string, summary = 'call') {
    return logInteractions(
      this.services,
      contactId,
      [{ kind: 'call', channel: 'phone', direction: 'out', summary }],
      { fromPage: false },
    );
  }

  syncNow(): Promise<SyncResult> {
    return this.sync.sync({ force: true });
  }
}
