import type { lookupEn } from './lookup.en.ts';

// 快速查询文案（侧边栏与弹出窗口）：合并进 zh-CN.ts。
export const lookupZhCN: Record<keyof typeof lookupEn, string> = {
  'lookup.label': '查询客户',
  'lookup.placeholder': '电话、邮箱、客户编号或姓名',
  'lookup.people': '联系人',
  'lookup.customers': '客户',
  'lookup.noMatch': '没有与“{query}”匹配的结果。',
  'lookup.noContact': '尚无联系人',
  'lookup.contacts': '{count} 位联系人',
  'lookup.back': '← 返回',
  'lookup.openTickets': '未解决的工单',
  'lookup.noOpenTickets': '没有未解决的工单。',
  'lookup.lastInteractions': '最近互动',
  'lookup.noInteractions': '尚未记录互动。',
  'lookup.contactsTitle': '联系人',
  'lookup.orders': '订单',
  'lookup.ordersShown': '最新 {shown} 笔，共 {total} 笔订单',
  'lookup.noOrders': '暂无订单。',
  'lookup.byMonth': '按月订单',
  'lookup.date': '日期',
  'lookup.order': '订单',
  'lookup.month': '月份',
  'lookup.count': '订单数',
  'lookup.offline': '离线 — 订单记录需要联网。',
  'lookup.loadingOrders': '正在加载订单记录…',
  'lookup.notFound': '本地数据中没有这位客户。',
};
