// Identity normalisation is shared with the server (duplicate detection must agree), so the adapters
// use the shared normalisers and only add what is page-specific: which links count as profile links.
import { xHandle } from '@rapport/shared/identity/normalize';

export { linkedinIdFromUrl, normaliseEmail, xHandle } from '@rapport/shared/identity/normalize';

const X_HOSTS = new Set([
  'x.com',
  'twitter.com',
  'www.x.com',
  'www.twitter.com',
  'mobile.twitter.com',
  'mobile.x.com',
]);

/**
 * The handle of a *profile* link ("https://twitter.com/NinaPark", "/JulesCarver" on x.com). Status,
 * photo, share and intent links are not profile links, so only a single path segment counts.
 */
export function xProfileHandle(url: URL): string | null {
  if (!X_HOSTS.has(url.hostname.toLowerCase())) return null;
  const segments = url.pathname.split('/').filter(Boolean);
  if (segments.length !== 1) return null;
  return xHandle(`https://x.com/${segments[0]}`);
}

/** "@Dana_Quill" inside text (quoted posts show the handle without a link). */
export function xHandleInText(text: string | null): string | null {
  const match = text ? /(?:^|\s)@([A-Za-z0-9_]{1,15})(?![A-Za-z0-9_])/.exec(text) : null;
  return match?.[1] ? xHandle(match[1]) : null;
}
