import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'rpt_';

/** An opaque bearer token (256 random bits). Only its hash is stored. */
export function newToken(): string {
  return `${PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** SHA-256 is enough for 256-bit random tokens (no brute force to slow down), and lookups stay indexable. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
