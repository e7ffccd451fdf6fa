import { describe, expect, it } from 'vitest';
import { createTranslator } from './i18n.ts';

const en = {
  greeting: 'Hello {name}',
  'items.one': '{count} item',
  'items.other': '{count} items',
  'only.other': '{count} things',
} as const;
type Key = keyof typeof en;

describe('createTranslator', () => {
  it('fills placeholders, localising numbers and leaving unknown ones visible', () => {
    const t = createTranslator<Key, 'en'>('en', en);
    expect(t('greeting', { name: 'Ann' })).toBe('Hello Ann');
    expect(t('greeting')).toBe('Hello {name}');
    expect(t('items.other', { count: 12345 })).toBe('12,345 items');
  });

  it('picks the plural form by Intl.PluralRules and falls back to .other', () => {
    const t = createTranslator<Key, 'en'>('en', en);
    expect(t.plural('items', 1)).toBe('1 item');
    expect(t.plural('items', 2)).toBe('2 items');
    expect(t.plural('only', 1)).toBe('1 things');
    const zh = createTranslator<Key, 'zh-CN'>('zh-CN', en);
    // Chinese has only the "other" form.
    expect(zh.plural('items', 1)).toBe('1 items');
    expect(zh.lang).toBe('zh-CN');
  });
});
