import { describe, expect, it } from 'vitest';
import { isFreeMailDomain } from './free-mail.ts';
import {
  companyDomainFromEmail,
  isLinkedinMemberId,
  linkedinIdFromUrl,
  normaliseDomain,
  normaliseEmail,
  normaliseLinkedinId,
  normaliseName,
  normalisePhone,
  xHandle,
} from './normalize.ts';

describe('normaliseEmail', () => {
  it.each([
    ['  Sean.Miller@Acme-Corp.COM ', 'sean.miller@acme-corp.com'],
    ['mailto:Li.Wei@Example.cn?subject=Quote', 'li.wei@example.cn'],
    ["o'brien+crm@mail.example.co.uk", "o'brien+crm@mail.example.co.uk"],
    ['info@www.acme.com', 'info@www.acme.com'],
  ])('%s -> %s', (raw, expected) => {
    expect(normaliseEmail(raw)).toBe(expected);
    expect(normaliseEmail(expected)).toBe(expected);
  });

  it.each([
    '',
    'sean',
    'sean@',
    '@acme.com',
    'sean@acme',
    'sean..miller@acme.com',
    '.sean@acme.com',
    'sean@-acme.com',
    'Sean Miller <sean@acme.com>',
    'sean@acme.c0m',
    `${'a'.repeat(65)}@acme.com`,
  ])('rejects %j', (raw) => expect(normaliseEmail(raw)).toBeNull());
});

describe('normaliseDomain', () => {
  it('strips scheme, www, path, port and trailing dot', () => {
    expect(normaliseDomain('https://www.Acme.co.uk:8443/about?x=1')).toBe('acme.co.uk');
    expect(normaliseDomain('acme.com.')).toBe('acme.com');
    expect(normaliseDomain('xn--fiqs8s.xn--fiqz9s')).toBe('xn--fiqs8s.xn--fiqz9s');
  });
  it('rejects non-hosts', () => {
    for (const raw of ['localhost', 'acme', 'acme..com', '-acme.com', 'acme.123', ''])
      expect(normaliseDomain(raw)).toBeNull();
  });
});

describe('companyDomainFromEmail', () => {
  it('keeps work domains', () => {
    expect(companyDomainFromEmail('Jane@EU.Acme.com')).toBe('eu.acme.com');
    expect(companyDomainFromEmail('li@huawei.com')).toBe('huawei.com');
    expect(companyDomainFromEmail('bob@live.acme.com')).toBe('live.acme.com');
  });
  it.each([
    'sean@gmail.com',
    'sean@googlemail.com',
    'x@outlook.com',
    'x@hotmail.co.uk',
    'x@live.com',
    'x@yahoo.com.tw',
    'x@yahoo.co.jp',
    'x@icloud.com',
    'x@me.com',
    'x@aol.com',
    'x@protonmail.com',
    'x@proton.me',
    'x@gmx.de',
    'x@mail.ru',
    'x@yandex.ru',
    'x@qq.com',
    'x@163.com',
    'x@126.com',
    'x@sina.com',
    'x@foxmail.com',
  ])('null for free mail %s', (email) => expect(companyDomainFromEmail(email)).toBeNull());
  it('null for an invalid address', () => expect(companyDomainFromEmail('not an email')).toBeNull());
  it('isFreeMailDomain does not match look-alike company domains', () => {
    expect(isFreeMailDomain('gmail.acme.com')).toBe(false);
    expect(isFreeMailDomain('yahoo-inc.com')).toBe(false);
    expect(isFreeMailDomain('outlook.com.br')).toBe(true);
  });
});

describe('linkedinIdFromUrl', () => {
  it.each([
    ['https://www.linkedin.com/in/Sean-Miller-4b1a2c3/', 'sean-miller-4b1a2c3'],
    ['https://www.linkedin.com/in/sean-miller-4b1a2c3?trk=public_profile_browsemap', 'sean-miller-4b1a2c3'],
    ['https://uk.linkedin.com/in/jane-doe/fr', 'jane-doe'],
    ['https://www.linkedin.com/in/jane-doe/?locale=de_DE', 'jane-doe'],
    ['linkedin.com/in/jane-doe/details/experience/', 'jane-doe'],
    ['/in/jos%C3%A9-garc%C3%ADa/', 'josé-garcía'],
    ['https://www.linkedin.com/in/%E7%8E%8B%E8%8A%B3-a1b2c3/', '王芳-a1b2c3'],
    ['https://www.linkedin.com/mwlite/in/Wei-Li', 'wei-li'],
    ['https://www.linkedin.com/in/jane-doe#experience', 'jane-doe'],
  ])('%s -> %s', (url, id) => expect(linkedinIdFromUrl(url)).toBe(id));

  it.each([
    'https://www.linkedin.com/company/acme/',
    'https://www.linkedin.com/feed/',
    'https://www.linkedin.com/pub/jane-doe/1/2/3',
    'https://www.linkedin.com/in/',
    'https://evil.com/in/jane-doe',
    'https://www.linkedin.com.evil.com/in/jane-doe',
    'https://www.linkedin.com/in/%E0%A4%A/',
  ])('null for %s', (url) => expect(linkedinIdFromUrl(url)).toBeNull());

  it('normaliseLinkedinId folds a bare id', () => {
    expect(normaliseLinkedinId('Jane-Doe')).toBe('jane-doe');
    expect(normaliseLinkedinId('a b')).toBeNull();
  });

  it('keeps member ids case-exact, in URLs and bare, and stays idempotent', () => {
    const member = 'ACoAAFx7QkZbW2pLmNoPqRsTuVwXyZa1b2c3d4e';
    expect(normaliseLinkedinId(member)).toBe(member);
    expect(normaliseLinkedinId(normaliseLinkedinId(member) ?? '')).toBe(member);
    expect(linkedinIdFromUrl(`https://www.linkedin.com/in/${member}?miniProfileUrn=x`)).toBe(member);
    expect(isLinkedinMemberId(member)).toBe(true);
    // A vanity id that merely starts like one is still folded: the prefix must be exact and the id long.
    expect(normaliseLinkedinId('Acoa-Smith')).toBe('acoa-smith');
    expect(normaliseLinkedinId('ACoA-short')).toBe('acoa-short');
    expect(isLinkedinMemberId('acoaafx7qkzbw2plmnopqrstuvwxyza1b2c3d4e')).toBe(false);
  });
});

describe('xHandle', () => {
  it.each([
    ['@ElonFan_42', 'elonfan_42'],
    ['ElonFan_42', 'elonfan_42'],
    ['https://x.com/ElonFan_42', 'elonfan_42'],
    ['https://twitter.com/ElonFan_42/status/1790000000000000000', 'elonfan_42'],
    ['https://mobile.twitter.com/jack?s=21', 'jack'],
    ['x.com/jack/', 'jack'],
  ])('%s -> %s', (raw, handle) => expect(xHandle(raw)).toBe(handle));

  it.each([
    'https://x.com/home',
    'https://x.com/search?q=crm',
    'https://x.com/i/flow/login',
    'https://twitter.com/explore',
    'https://x.com/hashtag/sales',
    'https://x.com/',
    '@this_handle_is_too_long',
    '@bad-handle',
    'https://example.com/jack',
  ])('null for %s', (raw) => expect(xHandle(raw)).toBeNull());
});

describe('normalisePhone', () => {
  it('international input needs no country', () => {
    expect(normalisePhone('+1 (415) 555-0132')).toBe('+14155550132');
    expect(normalisePhone('+86 138 0013 8000')).toBe('+8613800138000');
    expect(normalisePhone('tel:+44 20 7946 0018')).toBe('+442079460018');
    expect(normalisePhone('+1 415 555 0132 ext. 12')).toBe('+14155550132');
  });
  it('national input uses the default country', () => {
    expect(normalisePhone('(415) 555-0132', 'US')).toBe('+14155550132');
    expect(normalisePhone('020 7946 0018', 'gb')).toBe('+442079460018');
    expect(normalisePhone('13800138000', 'CN')).toBe('+8613800138000');
    expect(normalisePhone('0049 30 901820', 'DE')).toBe('+4930901820');
  });
  it('null without a country, for invalid numbers and for unknown countries', () => {
    expect(normalisePhone('(415) 555-0132')).toBeNull();
    expect(normalisePhone('12345', 'US')).toBeNull();
    expect(normalisePhone('+1 999 555 0132')).toBeNull();
    expect(normalisePhone('(415) 555-0132', 'ZZ')).toBeNull();
    expect(normalisePhone('call me')).toBeNull();
  });
  it('answers a repeated number from its memo, keyed by country as well as text', () => {
    for (let round = 0; round < 3; round++) {
      expect(normalisePhone('(415) 555-0132', 'US')).toBe('+14155550132');
      expect(normalisePhone('(415) 555-0132')).toBeNull();
      expect(normalisePhone('020 7946 0018', 'GB')).toBe('+442079460018');
      expect(normalisePhone('020 7946 0018', 'US')).toBeNull();
    }
  });
});

describe('normaliseName', () => {
  it.each([
    ['  Seán  Miller ', 'sean miller'],
    ['SEAN MILLER', 'sean miller'],
    ["Seán O'Miller-Smith (He/Him)", 'sean omiller smith'],
    ['Dr. Jürgen Groß', 'dr jurgen gross'],
    ['Zoë  Ångström 🚀', 'zoe angstrom'],
    ['王　芳', '王 芳'],
    ['ガルシア', 'ガルシア'],
    ['', ''],
  ])('%j -> %j', (raw, folded) => expect(normaliseName(raw)).toBe(folded));
});
