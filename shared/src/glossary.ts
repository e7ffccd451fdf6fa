// The domain's words in every UI language, translated once: the extension's and the dashboard's
// catalogues take these terms from here (i18n tests check it). Zod-free and side-effect-free; each group
// is its own export, so the content scripts' badge strings (extension/i18n/page.ts) ship only the
// follow-up words they use.
import type { FollowUpStatus } from './domain/followup.ts';
import type { SegmentOrNone } from './domain/rfm.ts';
import type { InteractionKind } from './schemas/interaction.ts';
import type { TicketSeverity, TicketStatus } from './schemas/pipeline.ts';
import type { OpportunityStage } from './settings.ts';

export type GlossaryLanguage = 'en' | 'zh-CN';
type Terms<K extends string> = Record<GlossaryLanguage, Record<K, string>>;

/** "Tier A": the badges ship it, so it stands alone. */
export const TIER_TERMS = {
  en: { tier: 'Tier {tier}' },
  'zh-CN': { tier: '{tier} 级' },
} as const satisfies Terms<'tier'>;

/** Single terms. */
export const TERMS = {
  en: {
    tierWindow: 'Tier window',
    profit: 'Profit',
    revenue: 'Revenue',
    margin: 'Margin',
    commission: 'Commission',
    followUp: 'Follow-up',
    coefficient: 'CRM coefficient',
    unassigned: 'Unassigned',
    customer: 'Customer',
    orders: 'Orders',
  },
  'zh-CN': {
    tierWindow: '等级窗口',
    profit: '利润',
    revenue: '收入',
    margin: '利润率',
    commission: '提成',
    followUp: '跟进',
    coefficient: 'CRM 系数',
    unassigned: '未分配',
    customer: '客户',
    orders: '订单数',
  },
} as const satisfies Terms<string>;

/** A contact's follow-up state (the badges ship these). */
export const FOLLOW_UP_TERMS = {
  en: { overdue: 'Overdue', due: 'Due today', soon: 'Due soon', ok: 'On track', none: 'No cadence' },
  'zh-CN': { overdue: '已逾期', due: '今天到期', soon: '即将到期', ok: '正常', none: '无跟进周期' },
} as const satisfies Terms<FollowUpStatus>;

export const STAGE_TERMS = {
  en: {
    lead: 'Lead',
    qualified: 'Qualified',
    proposal: 'Proposal',
    negotiation: 'Negotiation',
    won: 'Won',
    lost: 'Lost',
  },
  'zh-CN': {
    lead: '线索',
    qualified: '已确认',
    proposal: '方案/报价',
    negotiation: '谈判',
    won: '赢单',
    lost: '丢单',
  },
} as const satisfies Terms<OpportunityStage>;

export const TICKET_STATUS_TERMS = {
  en: { open: 'Open', 'in-progress': 'In progress', resolved: 'Resolved', closed: 'Closed' },
  'zh-CN': { open: '待处理', 'in-progress': '处理中', resolved: '已解决', closed: '已关闭' },
} as const satisfies Terms<TicketStatus>;

export const SEVERITY_TERMS = {
  en: { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' },
  'zh-CN': { low: '低', medium: '中', high: '高', critical: '紧急' },
} as const satisfies Terms<TicketSeverity>;

/** The default ticket categories (a team's own categories keep the label it gave them). */
export const TICKET_CATEGORY_TERMS = {
  en: {
    'product-quality': 'Product quality',
    delivery: 'Delivery',
    billing: 'Billing',
    'service-attitude': 'Service attitude',
    other: 'Other',
  },
  'zh-CN': {
    'product-quality': '产品质量',
    delivery: '物流配送',
    billing: '账单',
    'service-attitude': '服务态度',
    other: '其他',
  },
} as const satisfies Terms<string>;

/** What an interaction was (timelines, log forms, filters); zh-CN 会面 as in the relationship insight lines. */
export const KIND_TERMS = {
  en: {
    email: 'Email',
    call: 'Call',
    meeting: 'Meeting',
    social: 'Social',
    note: 'Note',
    greeting: 'Greeting',
    'complaint-update': 'Complaint update',
    campaign: 'Campaign',
  },
  'zh-CN': {
    email: '邮件',
    call: '电话',
    meeting: '会面',
    social: '社交互动',
    note: '备注',
    greeting: '问候',
    'complaint-update': '投诉进展',
    campaign: '营销活动',
  },
} as const satisfies Terms<InteractionKind>;

/** RFM segments (and `none`: no order in the window). */
export const SEGMENT_TERMS = {
  en: {
    champions: 'Champions',
    loyal: 'Loyal',
    potential: 'Potential',
    new: 'New',
    'at-risk': 'At risk',
    'cant-lose': "Can't lose",
    hibernating: 'Hibernating',
    lost: 'Lost',
    other: 'Other',
    none: 'No order',
  },
  'zh-CN': {
    champions: '冠军客户',
    loyal: '忠诚客户',
    potential: '潜力客户',
    new: '新客户',
    'at-risk': '有流失风险',
    'cant-lose': '不能失去',
    hibernating: '休眠客户',
    lost: '已流失',
    other: '其他',
    none: '无订单',
  },
} as const satisfies Terms<SegmentOrNone>;

function prefixed<P extends string, K extends string>(prefix: P, terms: Record<K, string>) {
  return Object.fromEntries(Object.entries(terms).map(([k, v]) => [`${prefix}.${k}`, v])) as Record<
    `${P}.${K}`,
    string
  >;
}

/** A customer's figures (the columns of its rows, the sections of its card) as catalogue keys under a UI's prefix. */
export function figureTerms<P extends string>(prefix: P, lang: GlossaryLanguage) {
  const { revenue, profit, margin, orders } = TERMS[lang];
  return prefixed(prefix, { revenue, profit, margin, orders });
}

/**
 * The grouped terms as catalogue keys (`stage.won`, `ticketStatus.open`, `severity.high`,
 * `ticketCategory.delivery`, `segment.champions`, `followUp.overdue`, `kind.call`), for a UI catalogue to spread in.
 */
export function glossaryCatalogue(lang: GlossaryLanguage) {
  return {
    ...prefixed('followUp', FOLLOW_UP_TERMS[lang]),
    ...prefixed('stage', STAGE_TERMS[lang]),
    ...prefixed('ticketStatus', TICKET_STATUS_TERMS[lang]),
    ...prefixed('severity', SEVERITY_TERMS[lang]),
    ...prefixed('ticketCategory', TICKET_CATEGORY_TERMS[lang]),
    ...prefixed('segment', SEGMENT_TERMS[lang]),
    ...prefixed('kind', KIND_TERMS[lang]),
  };
}
export type GlossaryKey = keyof ReturnType<typeof glossaryCatalogue>;
