import {
  isLinkedinMemberId,
  linkedinIdFromUrl,
  normaliseEmail,
  normaliseLinkedinId,
  normaliseName,
  normalisePhone,
  xHandle,
} from '@rapport/shared/identity/normalize';
import { phoneRegion } from '@rapport/shared/identity/phone-match';
import type { Contact } from '@rapport/shared/schemas/contact';
import { phoneKey } from '@rapport/shared/schemas/primitives';
import type { BadgeData, PageIdentity } from '@rapport/shared/sync/messages';
import { liveData } from '../records.ts';
import type { ContactRecord, RapportDB } from '../schema.ts';
import type { ReadContext } from './context.ts';
import { summarise } from './people.ts';

/** The identities of a page person in stored (normalised) form; null where absent or unreadable. */
export interface LookupIdentity {
  email: string | null;
  linkedin: string | null;
  /** A LinkedIn member id ("ACoAA…", case-exact) shown beside the public id; stored in the same handles. */
  linkedinMember?: string | null;
  x: string | null;
  phone: string | null;
  name: string | null;
}

function memberId(raw: string | undefined): string | null {
  const id = raw ? (linkedinIdFromUrl(raw) ?? normaliseLinkedinId(raw)) : null;
  return id && isLinkedinMemberId(id) ? id : null;
}

export function normaliseIdentity(p: Partial<PageIdentity>, phoneCountry: string | null): LookupIdentity {
  const phone = p.phone ? normalisePhone(p.phone, phoneCountry ?? undefined) : null;
  const name = p.name ? normaliseName(p.name) : '';
  return {
    email: p.email ? normaliseEmail(p.email) : null,
    linkedin: p.linkedin ? (linkedinIdFromUrl(p.linkedin) ?? normaliseLinkedinId(p.linkedin)) : null,
    linkedinMember: memberId(p.linkedinMember),
    x: p.x ? xHandle(p.x) : null,
    phone: phone ? phoneKey(phone) : null,
    name: name === '' ? null : name,
  };
}

type Key = 'email' | 'linkedin' | 'linkedinMember' | 'x' | 'phone';
const INDEX: Record<Key, 'emails' | 'linkedin' | 'x' | 'phones'> = {
  email: 'emails',
  linkedin: 'linkedin',
  // Member ids and public ids are both LinkedIn handles of a contact.
  linkedinMember: 'linkedin',
  x: 'x',
  phone: 'phones',
};
/**
 * Identities only, strongest first. A name never finds a contact: a badge shows a customer's tier and
 * money, and strangers who share a known contact's name (a "find a different <name>" box) must not get
 * it. Same-name customers are only ever suggested as links, on the card of a contact found by identity.
 */
const ORDER: Key[] = ['email', 'linkedin', 'linkedinMember', 'x', 'phone'];

/** Finds live contacts for many identities with one indexed query per identity kind (names are ignored). */
export async function findContacts(
  db: RapportDB,
  identities: LookupIdentity[],
): Promise<Array<Contact | null>> {
  const maps = {} as Record<Key, Map<string, Contact>>;
  await Promise.all(
    ORDER.map(async (key) => {
      const values = [
        ...new Set(identities.map((i) => i[key] ?? null).filter((v): v is string => v !== null)),
      ];
      const map = new Map<string, Contact>();
      if (values.length > 0) {
        const records: ContactRecord[] = await db.contacts.where(INDEX[key]).anyOf(values).toArray();
        // The oldest contact wins a shared identity, as the server merges newer into older.
        records.sort((a, b) => (a.id < b.id ? -1 : 1));
        for (const r of records) {
          const c = liveData(r);
          if (!c) continue;
          for (const v of r[INDEX[key]]) if (!map.has(v)) map.set(v, c);
        }
      }
      maps[key] = map;
    }),
  );
  return identities.map((identity) => {
    for (const key of ORDER) {
      const v = identity[key] ?? null;
      const found = v === null ? undefined : maps[key].get(v);
      if (found) return found;
    }
    return null;
  });
}

/** Badge data for each page person (null: nobody known), in one read transaction. */
export async function lookupPeople(
  db: RapportDB,
  people: PageIdentity[],
  ctx: ReadContext,
): Promise<Array<BadgeData | null>> {
  return db.transaction('r', db.tables, async () => {
    const matches = await findContacts(
      db,
      people.map((p) => normaliseIdentity(p, phoneRegion(ctx.local.phoneCountry, ctx.team.phoneRegion))),
    );
    const unique = [
      ...new Map(matches.filter((c): c is Contact => c !== null).map((c) => [c.id, c])).values(),
    ];
    const badges = new Map((await summarise(db, unique, ctx)).map((s) => [s.contact.id, s.badge]));
    return matches.map((c) => (c ? (badges.get(c.id) ?? null) : null));
  });
}
