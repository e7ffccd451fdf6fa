import { channelOfPlace } from '@rapport/shared/channels';
import { companyClues, matchCompany } from '@rapport/shared/domain/company-match';
import { normalisePhone } from '@rapport/shared/identity/normalize';
import { phoneRegion } from '@rapport/shared/identity/phone-match';
import { newId } from '@rapport/shared/ids';
import type { Contact, ContactSource } from '@rapport/shared/schemas/contact';
import { type Handle, httpUrl, phoneNumber } from '@rapport/shared/schemas/primitives';
import { patchFromChanges } from '@rapport/shared/sync/changes';
import type { CapturedPerson } from '@rapport/shared/sync/messages';
import { type WriteContext, writeLocal } from '../db/outbox.ts';
import { findContacts, type LookupIdentity, normaliseIdentity } from '../db/queries/lookup.ts';
import { liveData } from '../db/records.ts';
import { readLocalSettings, readTeamSettings } from '../db/settings.ts';
import { readState } from '../db/sync-state.ts';
import { addInteractions } from './interactions.ts';
import { authorOf, type BackgroundServices, CommandError, type Sender } from './services.ts';

const clean = (s: string | undefined): string | null => {
  const t = s?.trim();
  return t ? t : null;
};

/** Keeps what validates: a page's odd phone or URL must not fail the whole capture. */
function validOrNull<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  value: unknown,
): T | null {
  if (value === null || value === undefined) return null;
  const r = schema.safeParse(value);
  return r.success ? r.data : null;
}

function identityLists(person: CapturedPerson, identity: LookupIdentity, phoneCountry: string | null) {
  // E.164 when the number parses (with the user's region for national numbers), else as written.
  const e164 = person.phone ? normalisePhone(person.phone, phoneCountry ?? undefined) : null;
  const phone = e164 ?? validOrNull(phoneNumber, person.phone);
  const handles: Handle[] = [];
  if (identity.linkedin) handles.push({ network: 'linkedin', id: identity.linkedin });
  // A member id shown beside the public id is the same person: both handles find the contact later.
  if (identity.linkedinMember && identity.linkedinMember !== identity.linkedin)
    handles.push({ network: 'linkedin', id: identity.linkedinMember });
  if (identity.x) handles.push({ network: 'x', id: identity.x });
  return { emails: identity.email ? [identity.email] : [], phones: phone ? [phone] : [], handles };
}

const union = <T>(a: readonly T[], b: readonly T[], key: (v: T) => string): T[] => [
  ...new Map([...a, ...b].map((v) => [key(v), v])).values(),
];

/** The company for a captured person, by the shared rule (work-email domain, then name), created when new. */
async function companyFor(
  w: WriteContext,
  name: string | null,
  email: string | null,
): Promise<string | null> {
  const clues = companyClues(name, email ? [email] : []);
  if (clues === null) return null;
  const live = async (index: 'nameKey' | 'domains', key: string) =>
    (await w.db.companies.where(index).equals(key).toArray()).map(liveData).find((c) => c !== null)?.id;
  const match = await matchCompany(clues, {
    byDomain: (d) => live('domains', d),
    byName: (k) => live('nameKey', k),
  });
  if ('id' in match) return match.id;
  const id = newId();
  await w.mutate('company.upsert', {
    id,
    patch: patchFromChanges('company', null, match.create, w.tick()),
  });
  return id;
}

export interface CaptureResult {
  contactId: string;
  created: boolean;
  merged: boolean;
}

/**
 * Saves a person seen on a page (or typed in the side panel). A live contact with the same
 * normalised email, LinkedIn id, X handle or phone gets the new details merged in; otherwise a
 * contact is created. An optional note is logged with it, all in one local write.
 */
export async function captureContact(
  services: BackgroundServices,
  person: CapturedPerson,
  note: string | undefined,
  sender: Sender,
): Promise<CaptureResult> {
  const { db } = services;
  const settings = await readLocalSettings(db);
  if (sender.fromPage && settings.paused)
    throw new CommandError('paused', 'Capture is paused (Settings → Pause capture)');
  const account = await readState(db, 'account');
  // National numbers ("(415) 555-0100") are stored E.164 in the user's region, else the team's.
  const region = phoneRegion(settings.phoneCountry, (await readTeamSettings(db)).phoneRegion);
  const identity = normaliseIdentity(person, region);
  const lists = identityLists(person, identity, region);
  const result = await writeLocal(
    db,
    async (w): Promise<CaptureResult> => {
      const [existing] = await findContacts(db, [{ ...identity, name: null }]);
      const title = clean(person.title);
      const headline = clean(person.headline);
      const location = clean(person.location);
      let contactId: string;
      let created = false;
      if (existing) {
        contactId = existing.id;
        const after: Partial<Contact> = {
          emails: union(existing.emails, lists.emails, (e) => e),
          phones: union(existing.phones, lists.phones, (p) => p.replace(/\D/g, '')),
          handles: union(existing.handles, lists.handles, (h) => `${h.network}:${h.id}`),
          title: title ?? existing.title,
          headline: headline ?? existing.headline ?? null,
          location: location ?? existing.location,
          companyId: existing.companyId ?? (await companyFor(w, clean(person.company), identity.email)),
          sourceUrl: existing.sourceUrl ?? validOrNull(httpUrl, person.sourceUrl),
        };
        const patch = patchFromChanges('contact', existing, after, w.tick());
        if (patch.fields || patch.sets) await w.mutate('contact.upsert', { id: contactId, patch });
      } else {
        contactId = newId();
        created = true;
        const contact: Partial<Contact> = {
          name: person.name.trim(),
          ...lists,
          customerId: null,
          companyId: await companyFor(w, clean(person.company), identity.email),
          title,
          headline,
          ownerId: account?.user.id ?? null,
          tags: [],
          preferences: { channel: null, language: null, interests: [], giftNotes: null },
          birthday: null,
          source: person.source as ContactSource,
          sourceUrl: validOrNull(httpUrl, person.sourceUrl),
          followUpOn: null,
          location,
        };
        await w.mutate('contact.upsert', {
          id: contactId,
          patch: patchFromChanges('contact', null, contact, w.tick()),
        });
      }
      if (note?.trim()) {
        await addInteractions(
          w,
          contactId,
          [{ kind: 'note', channel: channelOfPlace(person.source), direction: 'out', summary: note.trim() }],
          { captureBodies: settings.captureBodies, authorId: authorOf(account?.user.id) },
        );
      }
      return { contactId, created, merged: !created };
    },
    services.now,
  );
  services.requestSync();
  return result;
}
