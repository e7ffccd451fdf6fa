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

export { createPageT, type PageKey, type PageTranslate, resolveLanguage } from './page.ts';
