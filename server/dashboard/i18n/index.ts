import { createTranslator, type PluralKeyOf, type Translator } from '@rapport/shared/i18n';
import { en, type MessageKey } from './en.ts';
import { zhCN } from './zh-CN.ts';

export type { MessageKey };
export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];

export const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };
/** Each language names itself in the switcher. */
export const LANG_NAMES: Record<Lang, string> = { en: 'English', 'zh-CN': '简体中文' };

export type { Params } from '@rapport/shared/i18n';
export type PluralKey = PluralKeyOf<MessageKey>;
export type Translate = Translator<MessageKey, Lang>;

/** A translator for one language; {name} placeholders are filled from params (numbers localised). */
export function createT(lang: Lang): Translate {
  return createTranslator(lang, CATALOGUES[lang]);
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
