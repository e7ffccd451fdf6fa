// Large synthetic contact sets (100k+) for sync, search and badge-lookup tests. Values are already in
// Rapport's normalised forms: lower-case emails, LinkedIn public ids, X handles without
// "@", E.164 phones. Emails, LinkedIn ids and X handles are unique within a set, so any duplicate a
// test wants is one it makes on purpose.
import { AREA_CODES, FREE_MAIL_DOMAINS, JOB_TITLES } from './catalogue.ts';
import type { SuperstoreCustomer } from './customers.ts';
import { emailFor, type PersonName, randomName, slug, UniqueNames } from './people.ts';
import { createRng, type Rng, scatter } from './prng.ts';

export interface SyntheticContact {
  name: string;
  firstName: string;
  lastName: string;
  emails: string[];
  phones: string[];
  /** LinkedIn public id, as in linkedin.com/in/<id>/. */
  linkedin: string | null;
  linkedinUrl: string | null;
  /** X handle without "@". */
  x: string | null;
  /** The work-email domain, for Company records; null for free-mail people. */
  companyDomain: string | null;
  title: string | null;
  /** Set for the contacts that stand for Superstore customers. */
  customerId: string | null;
}

export interface ContactOptions {
  seed?: number;
  /** The first contacts are these customers' people: same name and email, customerId set. */
  customers?: readonly SuperstoreCustomer[];
}

const LINKEDIN_SUFFIXES = 16 ** 6;

function phone(rng: Rng): string {
  return `+1${rng.pick(AREA_CODES)}555${String(rng.int(0, 9999)).padStart(4, '0')}`;
}

function splitName(full: string): PersonName {
  const at = full.indexOf(' ');
  return { first: full.slice(0, at), last: full.slice(at + 1), full };
}

/** Lazily yields n contacts; `Array.from(generateContacts(100_000))` for a set in memory. */
export function* generateContacts(n: number, options: ContactOptions = {}): Generator<SyntheticContact> {
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`generateContacts needs a non-negative integer count, got ${n}`);
  const seed = options.seed ?? 1;
  const customers = options.customers ?? [];
  const rng = createRng(seed, 'contacts');
  const emails = new UniqueNames();
  const handles = new UniqueNames();
  // Customer emails are taken first so no synthetic stranger collides with them.
  for (const c of customers) emails.take(c.email.split('@')[0] ?? c.email);

  for (let i = 0; i < n; i++) {
    const customer = customers[i];
    const name = customer ? splitName(customer.name) : randomName(rng);
    const work = customer ? customer.segment === 'Corporate' : rng.chance(0.55);
    const list: string[] = [];
    if (customer) list.push(customer.email);
    else if (rng.chance(0.9)) list.push(emailFor(name, work, rng, emails));
    if (rng.chance(0.2)) list.push(emailFor(name, !work, rng, emails));
    const companyDomain =
      list.map((e) => e.split('@')[1] ?? '').find((d) => !FREE_MAIL_DOMAINS.includes(d)) ?? null;

    const linkedin = rng.chance(0.75)
      ? `${slug(name.first)}-${slug(name.last)}-${scatter(i, LINKEDIN_SUFFIXES, seed).toString(16).padStart(6, '0')}`
      : null;
    // X allows 15 characters: letters, digits and underscores.
    const x = rng.chance(0.4)
      ? handles.take(`${slug(name.first)}${slug(name.last)}`.slice(0, 12), '_')
      : null;
    const phones = rng.chance(0.6) ? [phone(rng), ...(rng.chance(0.15) ? [phone(rng)] : [])] : [];

    yield {
      name: name.full,
      firstName: name.first,
      lastName: name.last,
      emails: list,
      phones,
      linkedin,
      linkedinUrl: linkedin ? `https://www.linkedin.com/in/${linkedin}/` : null,
      x,
      companyDomain,
      title: companyDomain ? rng.pick(JOB_TITLES) : null,
      customerId: customer?.id ?? null,
    };
  }
}
