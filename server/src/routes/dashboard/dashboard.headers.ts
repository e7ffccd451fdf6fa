/**
 * The dashboard's Content-Security-Policy: everything from this origin only, no inline scripts or
 * styles (the build emits files; Preact sets styles through the CSSOM, which CSP allows), no
 * framing. connect-src 'self' keeps API calls on this server.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers on every dashboard response. */
export const DASHBOARD_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': DASHBOARD_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Vite names files under /assets/ by content hash: they never change, so cache them for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html (and SPA routes) must be revalidated so a new build is picked up at once. */
export const REVALIDATE = 'no-cache';
/** Other files in dist (favicon): a day. */
export const SHORT = 'public, max-age=86400';
