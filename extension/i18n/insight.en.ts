/** English strings of the card's insight lines (churn risk, "buys mostly", who knows them best). */
export const insightEn = {
  'insight.churn': 'Churn risk {score}/100',
  'insight.late': 'late — usually orders every {days} days, last {since} days ago',
  'insight.onTime': 'on time — usually every {days} days',
  'insight.noInterval': 'no usual interval yet',
  'insight.buysMostly': 'Buys mostly {category} ({pct} % of spend)',
  'insight.askKind': 'Ask {name} — {count} {kind} this quarter',
  'insight.ask': 'Ask {name}',
  'insight.you': 'you',
  'insight.teammate': 'a teammate',
  'insight.kind.email': 'emails',
  'insight.kind.call': 'calls',
  'insight.kind.meeting': 'meetings',
  'insight.kind.social': 'social messages',
} as const;
