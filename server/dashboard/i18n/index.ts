import { en, type MessageKey } from './en.ts';
import { zhCN } from './zh-CN.ts';

export type { MessageKey };
export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];

export const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };
/** Each language names itself in the switcher. */
export const LANG_NAMES: Record<Lang, string> = { en: 'English', 'zh-CN': '简体中文' };

export type Params = Record<string, string | number>;
/** Keys with plural forms ("x.one", "x.other"), named without the form. */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}.other` ? Base : never }[MessageKey];

export interface Translate {
  (key: MessageKey, params?: Params): string;
  /** The form for `count` (Intl.PluralRules), with {count} filled in. */
  plural(key: PluralKey, count: number, params?: Params): string;
  readonly lang: Lang;
}

/** A translator for one language; {name} placeholders are filled from params (numbers localised). */
export function createT(lang: Lang): Translate {
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
  Object.assign(t, { lang });
  return t;
}

const STORE_KEY = 'rapport.lang';

/** The saved choice, else the first browser language we have (zh-* -> zh-CN), else English. */
export function initialLang(): Lang {
  const saved = localStorage.getItem(STORE_KEY);
  if (saved === 'en' || saved === 'zh-CN') return saved;
  for (const tag of navigator.languages) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

/** The language is a display preference, not a secret: it outlives the session. */
export function saveLang(lang: Lang): void {
  localStorage.setItem(STORE_KEY, lang);
}
