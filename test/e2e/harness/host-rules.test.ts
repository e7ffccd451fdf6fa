import { describe, expect, it } from 'vitest';
import { hostResolverRules } from './host-rules.ts';

describe('hostResolverRules', () => {
  it('maps the given hosts, sends every other name nowhere and keeps loopback reachable', () => {
    expect(hostResolverRules({ 'mail.google.com': 8443, 'www.linkedin.com': '127.0.0.1:8443' })).toBe(
      'MAP mail.google.com 127.0.0.1:8443, MAP www.linkedin.com 127.0.0.1:8443, MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    );
    expect(hostResolverRules({})).toBe('MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1');
  });

  it('rejects URLs and targets without a port', () => {
    expect(() => hostResolverRules({ 'https://x.com/': 1 })).toThrow(/not a hostname/);
    expect(() => hostResolverRules({ 'x.com': '127.0.0.1' })).toThrow(/host:port/);
  });
});
