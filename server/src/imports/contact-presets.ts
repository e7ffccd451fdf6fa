import type { DraftColumn } from './contact-csv.ts';
import { foldHeader } from './order-columns.ts';

// Contact exports of common tools, recognised by headers only they write, and read as they are.
export const CONTACT_PRESETS = ['google', 'outlook', 'linkedin', 'hubspot'] as const;
export type ContactPreset = (typeof CONTACT_PRESETS)[number];

const has = (headers: Set<string>, ...names: string[]) => names.every((n) => headers.has(foldHeader(n)));

/** The tool that wrote a header row, or null. */
export function presetOf(record: readonly string[]): ContactPreset | null {
  const h = new Set(record.map(foldHeader));
  if (has(h, 'Connected On') && (has(h, 'URL') || has(h, 'Email Address'))) return 'linkedin';
  if (has(h, 'E-mail 1 - Value') || has(h, 'Given Name', 'Group Membership')) return 'google';
  if (has(h, 'E-mail Address', 'First Name') && (has(h, 'Business Phone') || has(h, 'Job Title')))
    return 'outlook';
  if (has(h, 'Record ID') && (has(h, 'Contact owner') || has(h, 'Lifecycle Stage') || has(h, 'Email')))
    return 'hubspot';
  return null;
}

const PRESET_HEADERS: Record<ContactPreset, Record<string, DraftColumn>> = {
  google: {
    Name: 'name',
    'Given Name': 'firstName',
    'Family Name': 'lastName',
    'First Name': 'firstName',
    'Last Name': 'lastName',
    'Organization Name': 'company',
    'Organization Title': 'title',
    'Group Membership': 'tags',
    Labels: 'tags',
    Birthday: 'birthday',
    Notes: 'notes',
  },
  outlook: {
    // Outlook's "Title" is the courtesy title (Mr., Dr.); the job is "Job Title".
    Title: 'ignore',
    'Job Title': 'title',
    'E-mail Address': 'emails',
    'E-mail 2 Address': 'emails',
    'E-mail 3 Address': 'emails',
    'E-mail Display Name': 'ignore',
    'Mobile Phone': 'phones',
    'Business Phone': 'phones',
    'Home Phone': 'phones',
    'Business City': 'location',
    'Web Page': 'url',
    'Business Phone 2': 'phones',
    'Home Phone 2': 'phones',
    'Other Phone': 'phones',
    'Business Fax': 'phones',
    'Business Street': 'ignore',
    'Business State': 'ignore',
    'Business Postal Code': 'ignore',
    'Business Country/Region': 'ignore',
    'Home Street': 'ignore',
    'Home City': 'ignore',
    'Home State': 'ignore',
    'Home Postal Code': 'ignore',
    'Home Country/Region': 'ignore',
    Categories: 'tags',
    Notes: 'notes',
  },
  linkedin: {
    URL: 'linkedin',
    'Email Address': 'emails',
    Position: 'title',
    'Connected On': 'ignore',
  },
  hubspot: {
    'Record ID': 'ignore',
    'Phone Number': 'phones',
    'Mobile Phone Number': 'phones',
    'Company Name': 'company',
    'Job Title': 'title',
    'Contact owner': 'owner',
    'LinkedIn URL': 'linkedin',
    'Twitter Username': 'x',
    'Website URL': 'url',
    'Street Address': 'ignore',
    'State/Region': 'ignore',
    'Postal Code': 'ignore',
    'Country/Region': 'ignore',
  },
};

/** The preset's header meanings, by folded header (empty for none). */
export function presetColumns(preset: ContactPreset | null): Record<string, DraftColumn> {
  if (!preset) return {};
  return Object.fromEntries(Object.entries(PRESET_HEADERS[preset]).map(([h, c]) => [foldHeader(h), c]));
}
