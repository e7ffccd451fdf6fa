import { createTranslator, type PluralKeyOf, type Translator } from '@rapport/shared/i18n';
// Type-only: content scripts use this module, and a value import would put zod in every page bundle.
import type { UiLanguage } from '@rapport/shared/sync/local-settings';

import { en, type MessageKey } from './en.ts';
import { zhCN } from './zh-CN.ts';

export type { MessageKey };

export const CATALOGUES: Record<UiLanguage, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

export type { Params } from '@rapport/shared/i18n';
export type PluralKey = PluralKeyOf<MessageKey>;
export type Translate = Translator<MessageKey, UiLanguage>;

/** A translator for one language; {name} placeholders are filled from params (numbers localised). */
export function createT(lang: UiLanguage): Translate {
  return createTranslator(lang, CATALOGUES[lang]);
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
