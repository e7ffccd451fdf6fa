import type { insightEn } from './insight.en.ts';

/** 卡片洞察行（流失风险、主要购买品类、谁最了解此人）的简体中文文字。 */
export const insightZhCN: Record<keyof typeof insightEn, string> = {
  'insight.churn': '流失风险 {score}/100',
  'insight.late': '逾期——通常每 {days} 天下单一次，上次在 {since} 天前',
  'insight.onTime': '按时——通常每 {days} 天下单一次',
  'insight.noInterval': '尚无通常下单间隔',
  'insight.buysMostly': '主要购买{category}（占消费 {pct}%）',
  'insight.askKind': '问 {name}——本季度 {count} 次{kind}',
  'insight.ask': '问 {name}',
  'insight.you': '你自己',
  'insight.teammate': '一位同事',
  'insight.kind.email': '邮件',
  'insight.kind.call': '电话',
  'insight.kind.meeting': '会面',
  'insight.kind.social': '社交消息',
};
