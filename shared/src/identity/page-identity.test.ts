import { describe, expect, it } from 'vitest';
import { identityKey, pageIdentity } from './page-identity.ts';

describe('pageIdentity', () => {
  it('keeps the non-blank fields, trimmed, and clips each to its message limit', () => {
    expect(pageIdentity({ name: '  Ann Lee ', email: 'ann@acme.test', x: '   ', phone: null })).toEqual({
      name: 'Ann Lee',
      email: 'ann@acme.test',
    });
    const long = pageIdentity({ name: 'n'.repeat(10_000), phone: '1'.repeat(100) });
    expect(long?.name).toHaveLength(300);
    expect(long?.phone).toHaveLength(60);
  });

  it('is null for a person with nothing to be recognised by', () => {
    expect(pageIdentity({ name: ' ', email: null })).toBeNull();
  });

  it('gives equal keys for equal identities whatever the field order', () => {
    expect(identityKey({ email: 'a@b.test', name: 'A' })).toBe(identityKey({ name: 'A', email: 'a@b.test' }));
    expect(identityKey({ email: 'a@b.test' })).not.toBe(identityKey({ email: 'a@b.test', name: 'A' }));
  });
});
