import type { Migration } from './migration.ts';

/**
 * Login rate limits per address and per account: an index to count failures by address, and the
 * addresses each account has signed in from (a known address is not held back by limits that
 * strangers elsewhere could trip).
 */
export const loginAddresses: Migration = {
  version: 2,
  name: 'login-addresses',
  up() {
    return `
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);
CREATE TABLE login_addresses (
  email TEXT NOT NULL,
  ip TEXT NOT NULL,
  last_success_at TEXT NOT NULL,
  PRIMARY KEY (email, ip)
);
CREATE INDEX login_addresses_at ON login_addresses (last_success_at);
`;
  },
};
