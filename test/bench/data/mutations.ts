// The outbox of a busy extension: new contacts (from the synthetic 100k-contact set) each followed by
// one logged email, as mutation envelopes with consecutive ids, the way the extension pushes them.
import { newId } from '@rapport/shared/ids';
import type { Contact } from '@rapport/shared/schemas/contact';
import type { NewInteraction } from '@rapport/shared/schemas/interaction';
import { patchFromChanges } from '@rapport/shared/sync/changes';
import { formatHlc } from '@rapport/shared/sync/hlc';
import type { MutationEnvelope } from '@rapport/shared/sync/mutations';
import { MAX_PUSH_MUTATIONS } from '@rapport/shared/sync/protocol';
import { generateContacts, type SyntheticContact } from '../../generators/contacts.ts';

/** 2026-01-01T00:00:00Z: client writes are stamped from here on, one ms apart. */
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const CLIENT_NODE = 'bench-client';

export interface OutboxOptions {
  /** Total mutations (even: one contact.upsert and one interaction.add per contact). */
  count: number;
  /** Owner of the contacts and author of the interactions (the pushing user). */
  userId: string;
  seed?: number;
}

/** A contact as a salesperson's extension captures it (every field set, as the capture card does). */
export function contactFrom(
  p: SyntheticContact,
  ownerId: string,
): Omit<Contact, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt'> {
  return {
    name: p.name,
    emails: p.emails,
    phones: p.phones,
    handles: [
      ...(p.linkedin ? [{ network: 'linkedin' as const, id: p.linkedin }] : []),
      ...(p.x ? [{ network: 'x' as const, id: p.x }] : []),
    ],
    customerId: null,
    companyId: null,
    title: p.title,
    ownerId,
    tags: [],
    preferences: { channel: 'email', language: 'en', interests: [], giftNotes: null },
    birthday: null,
    source: 'gmail',
    sourceUrl: 'https://mail.google.com/mail/u/0/#inbox',
    followUpOn: null,
    location: null,
  };
}

function email(contactId: string, authorId: string, i: number, at: string): NewInteraction {
  return {
    id: newId(),
    contactId,
    customerId: null,
    kind: 'email',
    channel: 'email',
    direction: 'in',
    at,
    subject: `Re: quote ${i}`,
    summary: 'Thanks for the numbers, we will confirm the order next week.',
    body: null,
    sourceUrl: null,
    // Auto-logged Gmail messages carry their message id, so the server's "logged before?" check runs.
    sourceKey: `18c${i.toString(16).padStart(13, '0')}`,
    authorId,
    supersedes: null,
  };
}

/** `count` mutations with ids 1…count: contact.upsert then interaction.add for each new contact. */
export function benchOutbox({ count, userId, seed = 7 }: OutboxOptions): MutationEnvelope[] {
  if (!Number.isInteger(count) || count < 2 || count % 2 !== 0)
    throw new Error(`benchOutbox needs an even count ≥ 2, got ${count}`);
  const out: MutationEnvelope[] = [];
  let i = 0;
  for (const person of generateContacts(count / 2, { seed })) {
    const t = formatHlc({ wall: T0 + i, counter: 0, node: CLIENT_NODE });
    const id = newId();
    out.push({
      id: out.length + 1,
      name: 'contact.upsert',
      args: { id, patch: patchFromChanges('contact', null, contactFrom(person, userId), t) },
    });
    const at = new Date(T0 + i).toISOString();
    const interaction = email(id, userId, i, at);
    out.push({
      id: out.length + 1,
      name: 'interaction.add',
      args: { interaction, t: formatHlc({ wall: T0 + i, counter: 1, node: CLIENT_NODE }) },
    });
    i += 1;
  }
  return out;
}

/** The outbox as push bodies of at most MAX_PUSH_MUTATIONS each (what the client sends). */
export function pushBatches(
  clientId: string,
  mutations: readonly MutationEnvelope[],
): { clientId: string; mutations: MutationEnvelope[] }[] {
  const out: { clientId: string; mutations: MutationEnvelope[] }[] = [];
  for (let i = 0; i < mutations.length; i += MAX_PUSH_MUTATIONS)
    out.push({ clientId, mutations: mutations.slice(i, i + MAX_PUSH_MUTATIONS) });
  return out;
}
