/** Mailbox providers whose domain says nothing about the employer (never auto-create a Company). */
const FREE_MAIL_DOMAINS = new Set([
  'me.com',
  'mac.com',
  'proton.me',
  'pm.me',
  'mail.ru',
  'bk.ru',
  'list.ru',
  'inbox.ru',
  'rambler.ru',
  'ukr.net',
  'qq.com',
  'foxmail.com',
  '163.com',
  '126.com',
  'yeah.net',
  'sina.com',
  'sina.cn',
  'sohu.com',
  'aliyun.com',
  '139.com',
  '189.cn',
  'tom.com',
  'naver.com',
  'daum.net',
  'hanmail.net',
  'rediffmail.com',
  'web.de',
  't-online.de',
  'freenet.de',
  'libero.it',
  'orange.fr',
  'free.fr',
  'laposte.net',
  'wanadoo.fr',
  'btinternet.com',
  'comcast.net',
  'verizon.net',
  'att.net',
  'sbcglobal.net',
  'seznam.cz',
  'wp.pl',
  'o2.pl',
  'interia.pl',
  'hey.com',
  'fastmail.com',
  'fastmail.fm',
  'zohomail.com',
  'tutanota.com',
  'tuta.io',
  'mail.com',
  'email.com',
  'hushmail.com',
  'msn.com',
  'passport.com',
]);

/** Brands that run free mail under many country domains (hotmail.co.uk, yahoo.com.tw, gmx.de…). */
const FREE_MAIL_BRANDS = new Set([
  'gmail',
  'googlemail',
  'outlook',
  'hotmail',
  'live',
  'msn',
  'windowslive',
  'yahoo',
  'ymail',
  'rocketmail',
  'icloud',
  'aol',
  'aim',
  'protonmail',
  'proton',
  'gmx',
  'yandex',
  'ya',
  'zoho',
]);

// What may follow a brand: a generic or country TLD, or a country's second level (co.uk, com.br, ne.jp).
const SUFFIX_AFTER_BRAND = /^(?:com|net|org|[a-z]{2}|(?:co|com|net|org|ne|or)\.[a-z]{2})$/;

/** True for a free-mail domain (lower-case), e.g. "gmail.com", "hotmail.co.uk", "qq.com"; false for "live.acme.com". */
export function isFreeMailDomain(domain: string): boolean {
  if (FREE_MAIL_DOMAINS.has(domain)) return true;
  const dot = domain.indexOf('.');
  if (dot < 0) return false;
  return FREE_MAIL_BRANDS.has(domain.slice(0, dot)) && SUFFIX_AFTER_BRAND.test(domain.slice(dot + 1));
}
