// Type-only: content scripts use this module, and a value import would put zod in every page bundle.
import type { UiLanguage } from '@rapport/shared/sync/local-settings';
import { en, type MessageKey } from './en.ts';
import { zhCN } from './zh-CN.ts';

export type { MessageKey };

export const CATALOGUES: Record<UiLanguage, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

export type Params = Record<string, string | number>;
/** Keys that come in plural forms ("x.one", "x.other"), named without the form. */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}.other` ? Base : never }[MessageKey];

export interface Translate {
  (key: MessageKey, params?: Params): string;
  /** The form for `count` (Intl.PluralRules), with {count} filled in. */
  plural(key: PluralKey, count: number, params?: Params): string;
  readonly lang: UiLanguage;
  /** The language's catalogue (e.g. to check whether an optional key exists). */
  readonly catalogue: Readonly<Record<MessageKey, string>>;
}

/** A translator for one language; {name} placeholders are filled from params (numbers localised). */
export function createT(lang: UiLanguage): Translate {
  const catalogue = CATALOGUES[lang];
  const numbers = new Intl.NumberFormat(lang);
  const rules = new Intl.PluralRules(lang);
  const fill = (text: string, params: Params = {}) =>
    text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const v = params[name];
      return v === undefined ? whole : typeof v === 'number' ? numbers.format(v) : v;
    });
  const t = ((key: MessageKey, params?: Params) => fill(catalogue[key], params)) as Translate;
  t.plural = (key, count, params) => {
    const form = `${key}.${rules.select(count)}` as MessageKey;
    return fill(catalogue[form] ?? catalogue[`${key}.other` as MessageKey], { ...params, count });
  };
  Object.assign(t, { lang, catalogue });
  return t;
}

/** The setting when given, else the first browser language we have (zh-* -> zh-CN), else English. */
export function resolveLanguage(setting: UiLanguage | null, preferred: readonly string[]): UiLanguage {
  if (setting) return setting;
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
    if (Object.hasOwn(CATALOGUES, tag)) return tag as UiLanguage;
  }
  return 'en';
}
