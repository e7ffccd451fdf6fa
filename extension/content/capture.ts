// What a capture sends: the person as the page shows them, clipped to the message limits, with the site
// and page they came from. Normalisation, duplicate merging and the company (from a work-email domain)
// happen in the background.

import { type Channel, channelOfPlace } from '@rapport/shared/channels';
import type { CapturedPerson } from '@rapport/shared/sync/messages';
import { truncateText } from '@rapport/shared/text';
import type { SiteAdapter } from '../sites/types.ts';

export type SiteId = SiteAdapter['id'];

/** A person as a page shows them: what a badge, a card and a capture know. */
export type PagePerson = {
  name: string | null;
  email: string | null;
  linkedin: string | null;
  /** A LinkedIn member id shown beside the public id: saved as a second handle. */
  linkedinMember?: string | null;
  x: string | null;
  title?: string | null;
  /** A profile's own tagline (LinkedIn's headline), kept apart from the job title. */
  headline?: string | null;
  company?: string | null;
  location?: string | null;
  profileUrl?: string | null;
};

const SOURCE: Record<SiteId, CapturedPerson['source']> = {
  gmail: 'gmail',
  linkedin: 'linkedin',
  x: 'x',
  generic: 'web',
};

/** The channel of a note logged from this site. */
export const channelFor = (site: SiteId): Channel => channelOfPlace(SOURCE[site]);

const clip = (value: string | null | undefined, max: number): string | undefined => {
  const v = value?.replace(/\s+/g, ' ').trim();
  return v ? truncateText(v, max) : undefined;
};

/** Only web addresses are kept as the source (not chrome-extension:, file: or javascript: URLs). */
function webUrl(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href.slice(0, 2048) : undefined;
  } catch {
    return undefined;
  }
}

/** The contact.capture person for `person` named `name`, seen on `pageUrl` of `site`. */
export function capturedPerson(
  person: PagePerson,
  name: string,
  site: SiteId,
  pageUrl: string,
): CapturedPerson {
  const fields: Partial<CapturedPerson> = {
    email: clip(person.email, 320),
    linkedin: clip(person.linkedin, 2048),
    linkedinMember: clip(person.linkedinMember, 2048),
    x: clip(person.x, 2048),
    title: clip(person.title, 300),
    headline: clip(person.headline, 300),
    company: clip(person.company, 300),
    location: clip(person.location, 300),
    sourceUrl: webUrl(person.profileUrl) ?? webUrl(pageUrl),
  };
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return { name: clip(name, 300) ?? '', source: SOURCE[site], ...defined };
}
