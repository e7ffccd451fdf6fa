// fast-check arbitraries of bad input (not a test file). Every value in BAD_VALUES is invalid wherever
// a field accepts it, so a body carrying one must be refused; the date pools are invalid for date
// fields only.
import fc from 'fast-check';

export const MB = 1024 * 1024;
const EMOJI = '\u{1F91D}';

/** Arrays nested `depth` deep around `inner` (keep depth ≤ 1,000: JSON.stringify recurses). */
export function nested(depth: number, inner: unknown = 1): unknown {
  let v = inner;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

/** Text that breaks the text rule: NUL bytes and unpaired surrogates (a split emoji, either half). */
export const badText = fc.constantFrom(
  'Null\0Byte',
  '\0',
  `Deal ${EMOJI}`.slice(0, 6),
  EMOJI.slice(1),
  `x${EMOJI.slice(1)}${EMOJI.slice(0, 1)}y`,
);

/** Values no field accepts. */
export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  badText,
  fc.constant('x'.repeat(MB)),
  fc.constant(`${'名'.repeat(MB / 2)}`),
  fc.constant(nested(1_000)),
  fc.constant(-1e308),
  fc.constant(-(2 ** 63)),
  fc.constant({ $gt: '' }),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}')),
);

export const DATE_FIELDS = new Set([
  'createdAt',
  'at',
  'resolvedAt',
  'date',
  'closeDate',
  'followUpOn',
  'birthday',
  'from',
  'to',
  'compareFrom',
  'compareTo',
]);

/** Dates that do not exist or fall outside the accepted years, and non-dates. */
export const badDate = fc.constantFrom(
  '0001-01-01',
  '9999-12-31',
  '0000-01-01',
  '1899-12-31',
  '2201-01-01',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '9999-12-31T23:00:00-02:00',
  '+275760-09-13T00:00:00Z',
  '2026-02-30T10:00:00Z',
  '2026-02-30',
  '',
  'yesterday',
  '1e308',
);

/** Query-string values (raw, already percent-encoded where needed). */
export const badQueryValue = fc.oneof(
  fc.constantFrom(
    '',
    '%00',
    'a%00b',
    '%ED%A0%80', // a surrogate encoded as if UTF-8 (CESU-8)
    '%F0%9F%A4',
    '%',
    '%zz',
    '0001-01-01',
    '9999-12-31',
    '1899-12-31',
    '-1',
    '0',
    '1e308',
    'NaN',
    'Infinity',
    '99999999999999999999',
    '..%2F..%2Fetc%2Fpasswd',
    '../../etc/passwd',
    'true',
    '[object Object]',
    '%5B%5D',
    '%FE%FF',
  ),
  fc.constant('x'.repeat(8_000)),
);

/** Path segments that are not ids of the caller's records. */
export const badPathSegment = fc.constantFrom(
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fpackage.json',
  '..%5C..%5Cwindows',
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%',
  'not-an-id',
  '00000000-0000-0000-0000-000000000000',
  '0197f000-0000-7000-8000-000000000000',
  'x'.repeat(2_000),
  '%20',
);

/** Malformed JSON texts and JSON that is not an object. */
export const badJsonText = fc.constantFrom(
  '{',
  '{"a":',
  '[1,]',
  "{'a':1}",
  '{"a":1}}',
  'nul',
  '\0',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '"\\udfff"',
  '[]',
  'null',
  '0',
  '"text"',
  'true',
  '{"a":1,"a":2',
);

/** JSON text nested far deeper than any stringify could write: `depth` arrays around `innerJson`. */
export function deepJson(depth: number, innerJson = '1'): string {
  return `${'['.repeat(depth)}${innerJson}${']'.repeat(depth)}`;
}
