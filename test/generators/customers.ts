// The customers a synthetic Superstore file sells to. Derived from (seed, count) only, so the same
// customers (and their contact emails) come back however many rows are generated.
import { SEGMENTS, type Segment } from './catalogue.ts';
import { asciiFold, emailFor, randomName, UniqueNames } from './people.ts';
import { createRng, scatter } from './prng.ts';

export interface SuperstoreCustomer {
  /** "SM-20320": initials and five digits, unique within the set. */
  id: string;
  name: string;
  segment: Segment;
  /** The customer's contact address, lower-case and unique within the set. */
  email: string;
  /** Buys big-ticket items at deep discounts: among the highest revenue, yet a loss in total. */
  losing: boolean;
  /** Relative order frequency. */
  weight: number;
}

export const MAX_CUSTOMERS = 90_000;
const ID_NUMBERS = 90_000;

/** The customer of the design handbook's example: highest revenue, negative profit, tier D. */
const SEAN_MILLER = { first: 'Sean', last: 'Miller', full: 'Sean Miller', number: 20_320 };

/** One customer in a hundred (always including the first) is a money-losing big spender. */
export const isLosingCustomer = (index: number): boolean => index % 100 === 0;

function idNumber(index: number, seed: number): number {
  if (index === 0) return SEAN_MILLER.number;
  const n = 10_000 + scatter(index, ID_NUMBERS, seed);
  // Index 0 gave up its scattered number to Sean Miller, so whoever drew 20320 takes that one.
  return n === SEAN_MILLER.number ? 10_000 + scatter(0, ID_NUMBERS, seed) : n;
}

const initial = (word: string): string => asciiFold(word).charAt(0).toUpperCase();

export function superstoreCustomers(options: { customers: number; seed: number }): SuperstoreCustomer[] {
  const { customers: count, seed } = options;
  if (!Number.isInteger(count) || count < 1 || count > MAX_CUSTOMERS) {
    throw new Error(`customers must be an integer from 1 to ${MAX_CUSTOMERS}, got ${count}`);
  }
  const rng = createRng(seed, 'customers');
  const emails = new UniqueNames();
  const result: SuperstoreCustomer[] = [];
  for (let i = 0; i < count; i++) {
    const name = i === 0 ? SEAN_MILLER : randomName(rng);
    const segment: Segment = i === 0 ? 'Home Office' : rng.weighted(SEGMENTS);
    const losing = isLosingCustomer(i);
    const u = rng.next();
    result.push({
      id: `${initial(name.first)}${initial(name.last)}-${idNumber(i, seed)}`,
      name: name.full,
      segment,
      email: emailFor(name, segment === 'Corporate', rng, emails),
      losing,
      weight: losing ? 3 : 0.4 + 1.6 * u * u,
    });
  }
  return result;
}
