import { describe, expect, it } from 'vitest';
import { en } from '../../../dashboard/i18n/en.ts';
import { zhCN } from '../../../dashboard/i18n/zh-CN.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dashboard message catalogues', () => {
  it('have the same keys in English and Chinese', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same {placeholders} in both languages', () => {
    const mismatched = Object.entries(en)
      .filter(
        ([key, text]) => placeholders(text).join() !== placeholders(zhCN[key as keyof typeof en]).join(),
      )
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it('translate every string (no English left in the Chinese catalogue)', () => {
    const CJK = /[\u3400-\u9fff]/;
    // Strings that are only placeholders and punctuation need no translation.
    const untranslated = Object.entries(zhCN).filter(
      ([, text]) => !CJK.test(text) && /[A-Za-z]{3,}/.test(text.replace(/\{\w+\}/g, '')),
    );
    expect(untranslated).toEqual([]);
  });
});
