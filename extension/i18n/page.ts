// The strings the in-page badge path needs (content scripts ship only these; the card, loaded on first
// open, and the extension pages use the whole catalogue, which spreads these in). A key used by a badge
// lives here, once per language.
import { FOLLOW_UP_TERMS, TIER_TERMS } from '@rapport/shared/glossary';
import { createTranslator, type Translator } from '@rapport/shared/i18n';
// Type-only: a value import would put zod in every page bundle.
import type { UiLanguage } from '@rapport/shared/sync/local-settings';

export const enPage = {
  'page.someone': 'this person',
  'page.badge.known': '{name} in Rapport: {tier}, profit {profit}. Follow-up: {followUp}',
  'page.badge.unknown': 'Save {name} to Rapport',
  'page.badge.unlinked': '{name} in Rapport: no customer linked. Follow-up: {followUp}',
  'page.badge.tickets.one': '{count} open ticket: {title}',
  'page.badge.tickets.other': '{count} open tickets, first: {title}',
  'tier.label': TIER_TERMS.en.tier,
  'tier.none': 'No orders in the tier window',
  'tier.unlinked': 'No customer linked',
  'fu.overdue': FOLLOW_UP_TERMS.en.overdue,
  'fu.due': FOLLOW_UP_TERMS.en.due,
  'fu.soon': FOLLOW_UP_TERMS.en.soon,
  'fu.ok': FOLLOW_UP_TERMS.en.ok,
  'fu.none': FOLLOW_UP_TERMS.en.none,
  'fu.dueOn': 'due {date}',
} as const;

export type PageKey = keyof typeof enPage;

export const zhCNPage: Record<PageKey, string> = {
  'page.someone': '此人',
  'page.badge.known': 'Rapport 中的 {name}：{tier}，利润 {profit}。跟进：{followUp}',
  'page.badge.unknown': '将 {name} 保存到 Rapport',
  'page.badge.unlinked': 'Rapport 中的 {name}：未关联客户。跟进：{followUp}',
  'page.badge.tickets.one': '{count} 个未结工单：{title}',
  'page.badge.tickets.other': '{count} 个未结工单，首个：{title}',
  'tier.label': TIER_TERMS['zh-CN'].tier,
  'tier.none': '等级窗口内无订单',
  'tier.unlinked': '未关联客户',
  'fu.overdue': FOLLOW_UP_TERMS['zh-CN'].overdue,
  'fu.due': FOLLOW_UP_TERMS['zh-CN'].due,
  'fu.soon': FOLLOW_UP_TERMS['zh-CN'].soon,
  'fu.ok': FOLLOW_UP_TERMS['zh-CN'].ok,
  'fu.none': FOLLOW_UP_TERMS['zh-CN'].none,
  'fu.dueOn': '{date} 到期',
};

export const UI_LANGUAGES = ['en', 'zh-CN'] as const satisfies readonly UiLanguage[];

/** Translates the badge path's keys; a whole-catalogue Translate fits wherever this is asked for. */
export type PageTranslate = Translator<PageKey, UiLanguage>;

const PAGE_CATALOGUES: Record<UiLanguage, Record<PageKey, string>> = { en: enPage, 'zh-CN': zhCNPage };

export function createPageT(lang: UiLanguage): PageTranslate {
  return createTranslator(lang, PAGE_CATALOGUES[lang]);
}

/** The setting when given, else the first browser language we have (zh-* -> zh-CN), else English. */
export function resolveLanguage(setting: UiLanguage | null, preferred: readonly string[]): UiLanguage {
  if (setting) return setting;
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
    if ((UI_LANGUAGES as readonly string[]).includes(tag)) return tag as UiLanguage;
  }
  return 'en';
}
