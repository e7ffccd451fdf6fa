import { describe, expect, it } from 'vitest';
import { ContactPreferences } from './contact.ts';
import { formatZodError } from './errors.ts';
import {
  birthdaySchema,
  domainName,
  emailAddress,
  handleSchema,
  isoDateTime,
  marginString,
  monthKeySchema,
  optionalText,
  phoneNumber,
  tagSchema,
} from './primitives.ts';

const errorOf = (schema: { safeParse(v: unknown): { error?: import('zod').ZodError } }, value: unknown) => {
  const error = schema.safeParse(value).error;
  return error ? formatZodError(error) : null;
};

describe('isoDateTime', () => {
  it('stores the canonical UTC form', () => {
    expect(isoDateTime.parse('2026-01-31T09:30:00Z')).toBe('2026-01-31T09:30:00.000Z');
    expect(isoDateTime.parse('2026-01-31T09:30:00.5+08:00')).toBe('2026-01-31T01:30:00.500Z');
    expect(isoDateTime.parse('2024-02-29T23:59:59.999Z')).toBe('2024-02-29T23:59:59.999Z');
  });
  it('rejects dates that do not exist and non-ISO text', () => {
    for (const bad of [
      '2026-02-29T10:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01 10:00:00',
      '2026-01-01',
      'Jan 1 2026',
    ]) {
      expect(errorOf(isoDateTime, bad)).toBe(
        '(root): expected an existing ISO-8601 date-time such as "2026-01-31T09:30:00.000Z"',
      );
    }
  });
  it('refuses years outside 1900–2200, also when the offset would carry past 9999', () => {
    for (const bad of ['0001-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '2201-01-01T00:00:00Z']) {
      expect(errorOf(isoDateTime, bad)).toBe(`(root): ${JSON.stringify(bad)} is outside the years 1900–2200`);
    }
    expect(errorOf(isoDateTime, '9999-12-31T23:00:00-02:00')).toContain('outside the years 1900–2200');
    expect(isoDateTime.parse('1900-01-01T00:00:00Z')).toBe('1900-01-01T00:00:00.000Z');
  });
  it('fails validation, never throws, on text that does not parse', () => {
    for (const bad of ['', '\u0000', 'x'.repeat(100_000)])
      expect(isoDateTime.safeParse(bad).success).toBe(false);
  });
});

describe('calendar fields', () => {
  it('birthday accepts MM-DD (Feb 29 too) or an existing full date', () => {
    expect(birthdaySchema.parse('02-29')).toBe('02-29');
    expect(birthdaySchema.parse('1988-07-14')).toBe('1988-07-14');
    for (const bad of ['02-30', '13-01', '1987-02-29', '7-14'])
      expect(errorOf(birthdaySchema, bad)).toBe(
        "(root): expected a birthday 'MM-DD' or 'YYYY-MM-DD' that exists",
      );
  });
  it('month keys', () => {
    expect(monthKeySchema.parse('2026-12')).toBe('2026-12');
    expect(monthKeySchema.safeParse('2026-13').success).toBe(false);
  });
});

describe('identity fields fold input and reject the rest', () => {
  it('email', () => {
    expect(emailAddress.parse(' Sean.Miller@ACME.com ')).toBe('sean.miller@acme.com');
    expect(errorOf(emailAddress, 'sean@acme')).toBe(
      '(root): "sean@acme" is not an email address (e.g. "jane@acme.com")',
    );
  });
  it('domain', () => {
    expect(domainName.parse('https://www.Acme.co.uk/contact')).toBe('acme.co.uk');
    expect(domainName.safeParse('acme').success).toBe(false);
  });
  it('phone: E.164 when international, the national text otherwise', () => {
    expect(phoneNumber.parse('+44 20 7946 0018')).toBe('+442079460018');
    expect(phoneNumber.parse(' (415)  555-0132 ')).toBe('(415) 555-0132');
    expect(errorOf(phoneNumber, 'call me')).toBe(
      '(root): "call me" is not a phone number (e.g. "+14155550132")',
    );
  });
  it('handles per network', () => {
    expect(handleSchema.parse({ network: 'x', id: 'https://x.com/Jack' })).toEqual({
      network: 'x',
      id: 'jack',
    });
    expect(handleSchema.parse({ network: 'linkedin', id: 'Jane-Doe' })).toEqual({
      network: 'linkedin',
      id: 'jane-doe',
    });
    expect(handleSchema.parse({ network: 'wechat', id: ' wxid_Ab12 ' })).toEqual({
      network: 'wechat',
      id: 'wxid_Ab12',
    });
    expect(handleSchema.parse({ network: 'github', id: '@Octocat' })).toEqual({
      network: 'github',
      id: 'octocat',
    });
    expect(errorOf(handleSchema, { network: 'x', id: 'https://x.com/home' })).toBe(
      'id: "https://x.com/home" is not a valid x handle',
    );
    expect(errorOf(handleSchema, { network: 'myspace', id: 'tom' })).toBe(
      'network: network must be one of linkedin, x, wechat, github, other',
    );
  });
  it('tags and margins', () => {
    expect(tagSchema.parse('  key account ')).toBe('key account');
    expect(errorOf(tagSchema, 'a\nb')).toBe('(root): tag must be a single line');
    expect(marginString.parse('-0.25')).toBe('-0.25');
    expect(errorOf(marginString, '1.2')).toBe('(root): a margin cannot exceed 1 (100%)');
    expect(marginString.safeParse('35%').success).toBe(false);
  });
});

describe('optionalText', () => {
  it('takes up to 2,000 characters (TEXT_LIMITS.shortNote) unless told, trimmed, null for none', () => {
    const giftNotes = optionalText('giftNotes');
    expect(giftNotes.parse(`  ${'x'.repeat(2000)}  `)).toHaveLength(2000);
    expect(giftNotes.parse(null)).toBeNull();
    expect(errorOf(giftNotes, 'x'.repeat(2001))).toBe('(root): giftNotes must be at most 2000 characters');
    expect(errorOf(optionalText('street', 500), 'x'.repeat(501))).toBe(
      '(root): street must be at most 500 characters',
    );
  });

  it("holds a contact's gift notes to 2,000 characters", () => {
    const prefs = { channel: null, language: null, interests: [], giftNotes: 'y'.repeat(2001) };
    expect(errorOf(ContactPreferences, prefs)).toBe('giftNotes: giftNotes must be at most 2000 characters');
  });
});

describe('remembered answers (the check and the overwrite share one normalise / one date parse)', () => {
  // Interleaved so that every value follows a different one: a remembered answer must never be
  // given for another string. Expected values are written out, not computed by the schemas.
  it('email: each value gets its own answer, whatever came before', () => {
    const cases: [string, string | null][] = [
      [' Jane@Acme.COM ', 'jane@acme.com'],
      ['jane@acme.com', 'jane@acme.com'],
      ['not an email', null],
      ['jane@acme.com', 'jane@acme.com'],
      ['not an email', null],
      ['mailto:Bo@Example.co.uk?subject=hi', 'bo@example.co.uk'],
      ['bo@example', null],
      ['bo@example.co.uk', 'bo@example.co.uk'],
    ];
    for (const round of [cases, [...cases].reverse()])
      for (const [input, stored] of round) {
        const r = emailAddress.safeParse(input);
        expect(r.success ? r.data : null, input).toBe(stored);
      }
  });

  it('date-times: each value gets its own canonical form, year check and refusal', () => {
    const cases: [string, string | null][] = [
      ['2026-01-31T09:30:00+02:00', '2026-01-31T07:30:00.000Z'],
      ['2026-01-31T07:30:00.000Z', '2026-01-31T07:30:00.000Z'],
      ['yesterday', null],
      ['2026-01-31T09:30:00+02:00', '2026-01-31T07:30:00.000Z'],
      ['1899-12-31T23:59:59Z', null],
      ['2026-02-30T00:00:00Z', null],
      ['1900-01-01T00:00:00-01:00', '1900-01-01T01:00:00.000Z'],
      ['yesterday', null],
      ['2200-12-31T23:59:59.999Z', '2200-12-31T23:59:59.999Z'],
    ];
    for (const round of [cases, [...cases].reverse(), cases])
      for (const [input, stored] of round) {
        const r = isoDateTime.safeParse(input);
        expect(r.success ? r.data : null, input).toBe(stored);
      }
  });
});
