import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { CATALOGUES, createT, resolveLanguage } from './index.ts';
import { zhCN } from './zh-CN.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('catalogues', () => {
  it('have exactly the same keys in every language', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders and leave nothing empty', () => {
    for (const [lang, catalogue] of Object.entries(CATALOGUES)) {
      for (const [key, text] of Object.entries(catalogue)) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
        expect(placeholders(text), `${lang} ${key}`).toEqual(placeholders(en[key as keyof typeof en]));
      }
    }
  });

  it('have both plural forms wherever one exists', () => {
    for (const key of Object.keys(en)) {
      if (key.endsWith('.one')) expect(Object.hasOwn(en, key.replace(/\.one$/, '.other')), key).toBe(true);
    }
  });
});

describe('createT', () => {
  it('fills placeholders, localising numbers, and picks plural forms', () => {
    const t = createT('en');
    expect(t('people.noMatch', { query: 'zed' })).toBe('No contact matches “zed”.');
    expect(t.plural('status.pending', 1)).toBe('1 change waiting');
    expect(t.plural('status.pending', 1234)).toBe('1,234 changes waiting');
    expect(createT('zh-CN').plural('status.pending', 2)).toBe('2 项更改待上传');
  });
});

describe('resolveLanguage', () => {
  it('prefers the setting, then the browser languages, then English', () => {
    expect(resolveLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(resolveLanguage(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(resolveLanguage(null, ['fr-FR', 'en-GB'])).toBe('en');
    expect(resolveLanguage(null, ['fr-FR'])).toBe('en');
  });
});
