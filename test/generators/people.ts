// Name and address helpers shared by the customer and contact generators.
import { COMPANY_DOMAINS, FIRST_NAMES, FREE_MAIL_DOMAINS, LAST_NAMES } from './catalogue.ts';
import type { Rng } from './prng.ts';

/** "Chloé Núñez" -> "Chloe Nunez": ids, emails and handles stay ASCII like real ones. */
export function asciiFold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

/** Lower-case ASCII letters and digits only ("Van Huff" -> "vanhuff", "O'Briant" -> "obriant"). */
export function slug(text: string): string {
  return asciiFold(text)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export interface PersonName {
  first: string;
  last: string;
  full: string;
}

export function randomName(rng: Rng): PersonName {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  return { first, last, full: `${first} ${last}` };
}

/**
 * Hands out values that are unique within one generated set: the first request for a base gets it
 * as is, later ones get a numeric suffix ("sean.miller", "sean.miller2", …).
 */
export class UniqueNames {
  readonly #counts = new Map<string, number>();
  readonly #issued = new Set<string>();

  take(base: string, join = ''): string {
    let n = this.#counts.get(base) ?? 0;
    let candidate = n === 0 ? base : `${base}${join}${n + 1}`;
    while (this.#issued.has(candidate)) {
      n++;
      candidate = `${base}${join}${n + 1}`;
    }
    this.#counts.set(base, n + 1);
    this.#issued.add(candidate);
    return candidate;
  }
}

/** A unique, lower-case address: a work domain for company people, else a free-mail one. */
export function emailFor(name: PersonName, work: boolean, rng: Rng, unique: UniqueNames): string {
  const domain = rng.pick(work ? COMPANY_DOMAINS : FREE_MAIL_DOMAINS);
  const local = unique.take(`${slug(name.first)}.${slug(name.last)}`);
  return `${local}@${domain}`;
}
