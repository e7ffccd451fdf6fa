// A person as a page shows them, reduced to what a lookup needs: raw identities (normalised by the
// background), each clipped to the lookup message's limits so one hostile 10,000-character name
// cannot make a whole batch invalid. The lookup schema (sync/messages.ts) uses the same limits.
import { TEXT_LIMITS } from '../limits.ts';
import { truncateText } from '../text.ts';

export const PAGE_IDENTITY_LIMITS = {
  email: TEXT_LIMITS.email,
  linkedin: TEXT_LIMITS.url,
  linkedinMember: TEXT_LIMITS.url,
  x: TEXT_LIMITS.url,
  phone: TEXT_LIMITS.phone,
  name: TEXT_LIMITS.name,
} as const;

type Field = keyof typeof PAGE_IDENTITY_LIMITS;
const FIELDS = Object.keys(PAGE_IDENTITY_LIMITS) as Field[];

/** The identity fields of a lookup (at least one is set). */
export type PageIdentityFields = { [K in Field]?: string };

/** The identity to look up, or null when the person has nothing to be recognised by. */
export function pageIdentity(person: { [K in Field]?: string | null }): PageIdentityFields | null {
  const identity: PageIdentityFields = {};
  for (const field of FIELDS) {
    const value = person[field]?.trim();
    if (value) identity[field] = truncateText(value, PAGE_IDENTITY_LIMITS[field]);
  }
  return FIELDS.some((f) => identity[f] !== undefined) ? identity : null;
}

/** Equal keys for equal identities: one lookup and one cache entry however often a person appears. */
export function identityKey(identity: PageIdentityFields): string {
  return JSON.stringify(FIELDS.map((f) => identity[f] ?? null));
}
