// Page people as the background's lookup wants them: raw identities, clipped to the message limits so one
// hostile 10,000-character name cannot make the whole batch invalid.
import type { PageIdentity } from '@rapport/shared/sync/messages';
import { truncateText } from '@rapport/shared/text';
import type { Person } from '../sites/types.ts';

const LIMITS = { email: 320, linkedin: 2048, linkedinMember: 2048, x: 2048, phone: 60, name: 300 } as const;
type Field = keyof typeof LIMITS;
const FIELDS = Object.keys(LIMITS) as Field[];

export type PersonIdentity = Pick<Person, 'name' | 'email' | 'linkedin' | 'linkedinMember' | 'x' | 'phone'>;

/** The identity to look up, or null when the person has nothing to be recognised by. */
export function pageIdentity(person: Partial<PersonIdentity>): PageIdentity | null {
  const identity: PageIdentity = {};
  for (const field of FIELDS) {
    const value = person[field]?.trim();
    if (value) identity[field] = truncateText(value, LIMITS[field]);
  }
  return FIELDS.some((f) => identity[f] !== undefined) ? identity : null;
}

/** Equal keys for equal identities: one lookup and one cache entry however often a person appears. */
export function identityKey(identity: PageIdentity): string {
  return JSON.stringify(FIELDS.map((f) => identity[f] ?? null));
}
