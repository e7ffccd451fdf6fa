import { describe, expect, it } from 'vitest';
import { matchesNameSearch, nameKey } from './name-key.ts';

describe('nameKey', () => {
  it('lower-cases the whole of Unicode, keeps accents and CJK', () => {
    expect(nameKey('Émile ZÉRO')).toBe('émile zéro');
    expect(nameKey('ΑΒΓ')).toBe('αβγ');
    expect(nameKey('王小明 Ltd')).toBe('王小明 ltd');
    expect(nameKey('emile')).not.toBe(nameKey('Émile'));
  });
  it('matches a search in the name or the external id, case-insensitively', () => {
    expect(matchesNameSearch('ÉMI', 'Émile Zéro', null)).toBe(true);
    expect(matchesNameSearch('emi', 'Émile Zéro', null)).toBe(false);
    expect(matchesNameSearch('c-1', 'Ann', 'C-10')).toBe(true);
    expect(matchesNameSearch('小明', '王小明', null)).toBe(true);
    expect(matchesNameSearch('x', 'Ann', null)).toBe(false);
  });
});
