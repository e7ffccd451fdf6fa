import { describe, expect, it } from 'vitest';
import { phoneMatch, phoneQuery, phoneRegion, significantDigits, storedPhone } from './phone-match.ts';

describe('phoneQuery', () => {
  it.each([
    // typed, region, E.164 (hand-read: US +1 NANP, CN +86 mobile 11 digits), significant digits
    ['4155550100', 'US', '+14155550100', '4155550100'],
    ['415-555-0100', 'US', '+14155550100', '4155550100'],
    ['415.555.0100', 'US', '+14155550100', '4155550100'],
    ['(646) 555-0142', 'US', '+16465550142', '6465550142'],
    ['+86 138 0013 8000', 'US', '+8613800138000', '8613800138000'],
    ['+86 138 0013 8000', null, '+8613800138000', '8613800138000'],
    ['138 0013 8000', 'CN', '+8613800138000', '13800138000'],
    ['tel:+1 (415) 555-0100', null, '+14155550100', '14155550100'],
    ['020 7946 0018', 'GB', '+442079460018', '2079460018'],
    // without a region a national number has no E.164, only its digits
    ['4155550100', null, null, '4155550100'],
    ['(646) 555-0142', null, null, '6465550142'],
  ])('%s in %s -> %s / %s', (typed, region, e164, digits) => {
    expect(phoneQuery(typed, region)).toEqual({ e164, digits });
  });

  it.each(['jane@acme.com', 'Jane', 'SM-20320', '123', '', '  ', 'tel:', '12a4567'])(
    '%j is not a phone query',
    (typed) => {
      expect(phoneQuery(typed, 'US')).toBeNull();
    },
  );
});

describe('phoneMatch', () => {
  const q = (typed: string, region: string | null) => {
    const query = phoneQuery(typed, region);
    if (!query) throw new Error(`${typed} is no phone query`);
    return query;
  };

  it('matches every common way of typing a stored E.164 number, exactly with the region', () => {
    for (const typed of ['4155550100', '415-555-0100', '(415) 555-0100', '415.555.0100', '+1 415 555 0100'])
      expect(phoneMatch('+14155550100', q(typed, 'US'), 'US')).toBe('exact');
    expect(phoneMatch('+16465550142', q('(646) 555-0142', 'US'), 'US')).toBe('exact');
    expect(phoneMatch('+8613800138000', q('+86 138 0013 8000', 'US'), 'US')).toBe('exact');
    expect(phoneMatch('+8613800138000', q('138-0013-8000', 'CN'), 'CN')).toBe('exact');
  });

  it('falls back to the digits suffix without a region', () => {
    // "4155550100" (10 digits) ends "14155550100"
    expect(phoneMatch('+14155550100', q('415-555-0100', null), null)).toBe('suffix');
    // "13800138000" (11) ends "8613800138000"
    expect(phoneMatch('+8613800138000', q('13800138000', null), null)).toBe('suffix');
    // typed without the area code: 7 digits "5550100"
    expect(phoneMatch('+14155550100', q('555-0100', null), null)).toBe('suffix');
  });

  it('matches a stored number that never parsed by its digits', () => {
    // stored "(212) 555-0199" (a vCard without a region): digits "2125550199"
    expect(phoneMatch('(212) 555-0199', q('+1 212 555 0199', null), null)).toBe('suffix');
    expect(phoneMatch('(212) 555-0199', q('212.555.0199', null), null)).toBe('suffix');
    // with the region both read as +12125550199
    expect(phoneMatch('(212) 555-0199', q('212-555-0199', 'US'), 'US')).toBe('exact');
    // UK trunk 0 is not significant: "02079460018" -> "2079460018" ends "442079460018"
    expect(phoneMatch('020 7946 0018', q('+44 20 7946 0018', null), null)).toBe('suffix');
  });

  it('refuses other numbers and too-short suffixes', () => {
    // same last 7 digits, other area code: "4155550100" does not end "16465550100"
    expect(phoneMatch('+16465550100', q('415-555-0100', 'US'), 'US')).toBeNull();
    expect(phoneMatch('+16465550100', q('415-555-0100', null), null)).toBeNull();
    // 6 digits are too few for a suffix match
    expect(phoneMatch('+14155550100', q('550100', null), null)).toBeNull();
    expect(phoneMatch('+8613800138000', q('+86 138 0013 8001', null), null)).toBeNull();
  });
});

describe('phoneRegion', () => {
  it('takes the user override, then the team default, and only supported regions', () => {
    expect(phoneRegion('cn', 'US')).toBe('CN');
    expect(phoneRegion(null, 'US')).toBe('US');
    expect(phoneRegion(undefined, null)).toBeNull();
    expect(phoneRegion('ZZ', 'GB')).toBe('GB');
  });
});

describe('storedPhone and significantDigits', () => {
  it('stores E.164 when the number parses in the region, else as given', () => {
    expect(storedPhone('(415) 555-0100', 'US')).toBe('+14155550100');
    expect(storedPhone('138 0013 8000', 'CN')).toBe('+8613800138000');
    expect(storedPhone(' (415) 555-0100 ', null)).toBe('(415) 555-0100');
    expect(significantDigits('00 49 30 901820')).toBe('4930901820');
  });
});
