import { describe, expect, it } from 'vitest';
import { updateLocalSettings } from '../settings.ts';
import { openTestDb } from '../testing.ts';
import { readContext } from './context.ts';
import { addContact, addCustomer, addInteraction, addMetrics } from './fixtures.ts';
import { churnScoreToday } from './followup-order.ts';
import { listFollowUps } from './followups.ts';

const NOW = new Date('2026-03-20T10:00:00.000Z'); // 2026-03-20 in Shanghai

// Churn scores as of 2026-03-20 (shared churnScore weights: lateness 40, tier 20, satisfaction 20, complaints 20):
//   Alpha (A): last order Mar 10 (10 days), interval 30 -> lateness 0; A 0; no CSAT 10; 0        -> 10, value 4 × 10 = 40
//   Beta (B):  last order Jan 19 (60 days), interval 20 -> ratio 3: 40; B 5; CSAT 0.5: 10; 1 open: 10 -> 65, value 3 × 65 = 195
//   Gamma (C): last order Feb 18 (30 days), interval 20 -> 40 × (1.5 − 1)/2 = 10; C 10; CSAT 1: 0; 0 -> 20, value 2 × 20 = 40
//   Delta (A): no churn inputs (metrics written before them)                                     -> unknown, value 0
async function seed() {
  const db = openTestDb();
  await updateLocalSettings(db, { timeZone: 'Asia/Shanghai' });
  const alpha = await addCustomer(db, { name: 'Alpha Inc' });
  const beta = await addCustomer(db, { name: 'Beta Ltd' });
  const gamma = await addCustomer(db, { name: 'Gamma Co' });
  const delta = await addCustomer(db, { name: 'Delta AG' });
  const churn = (
    lastOrderAt: string,
    interval: number,
    satisfaction: number | null,
    openComplaints: number,
  ) => ({
    lastOrderAt,
    interval,
    satisfaction,
    openComplaints,
  });
  await addMetrics(db, alpha, { tier: 'A', churn: churn('2026-03-10', 30, null, 0) });
  await addMetrics(db, beta, { tier: 'B', churn: churn('2026-01-19', 20, 0.5, 1) });
  await addMetrics(db, gamma, { tier: 'C', churn: churn('2026-02-18', 20, 1, 0) });
  await addMetrics(db, delta, { tier: 'A' });
  const ids: Record<string, string> = {};
  // All overdue but the last (cadence A 14, B 30, C 60 days from the last interaction, Shanghai days).
  ids.alpha = await addContact(db, { name: 'Ann Alpha', customerId: alpha });
  await addInteraction(db, ids.alpha, '2026-03-01T01:00:00.000Z'); // due Mar 15
  ids.beta = await addContact(db, { name: 'Ben Beta', customerId: beta });
  await addInteraction(db, ids.beta, '2026-02-01T01:00:00.000Z'); // due Mar 3
  ids.gamma = await addContact(db, { name: 'Gil Gamma', customerId: gamma });
  await addInteraction(db, ids.gamma, '2026-01-01T01:00:00.000Z'); // due Mar 2
  ids.delta = await addContact(db, { name: 'Dora Delta', customerId: delta });
  await addInteraction(db, ids.delta, '2026-03-02T01:00:00.000Z'); // due Mar 16
  ids.gammaDue = await addContact(db, { name: 'Gus Gamma', customerId: gamma });
  await addInteraction(db, ids.gammaDue, '2026-01-19T01:00:00.000Z'); // due today, Mar 20
  return { db, ids, alpha, beta };
}

describe('follow-up order: high-value customers at risk first', () => {
  it('orders overdue first, then tier value × churn score, then tier and due date (real Dexie)', async () => {
    const { db, ids } = await seed();
    const ctx = await readContext(db, NOW);
    const items = await listFollowUps(db, ctx, { limit: 100, includeSoon: false });
    expect(items.map((i) => [i.contactId, i.status, i.tier, i.dueOn])).toEqual([
      [ids.beta, 'overdue', 'B', '2026-03-03'], // 195
      [ids.alpha, 'overdue', 'A', '2026-03-15'], // 40, tier A before C
      [ids.gamma, 'overdue', 'C', '2026-03-02'], // 40
      [ids.delta, 'overdue', 'A', '2026-03-16'], // unknown: 0
      [ids.gammaDue, 'due', 'C', '2026-03-20'], // not overdue: after every overdue item
    ]);
  });

  it('scores as the card does: to today in the user zone, or to the as-of day of historical data', async () => {
    const { db } = await seed();
    const ctx = await readContext(db, NOW);
    const window = { from: '2015-02-09', to: '2016-02-09', asOf: '2016-02-08', historical: false };
    const metrics = {
      customerId: 'x',
      revenue: '1.00',
      profit: '1.00',
      orders: 3,
      margin: '1.0000',
      tier: 'C' as const,
      lastOrderAt: '2016-01-07',
      monthProfits: [],
      window,
      churn: { lastOrderAt: '2016-01-07', interval: 17, satisfaction: null, openComplaints: 0 },
    };
    // Historical: 32 days to 2016-02-08 against 17: 40 × (32/17 − 1)/2 = 17.65; C 10; no CSAT 10 -> 37.65 -> 38.
    expect(churnScoreToday({ ...metrics, window: { ...window, historical: true } }, ctx)).toBe(38);
    // Today (2026-03-20): far beyond 3 × 17 days -> 40 + 10 + 10 = 60.
    expect(churnScoreToday(metrics, ctx)).toBe(60);
    expect(churnScoreToday({ ...metrics, churn: null }, ctx)).toBeNull();
    expect(churnScoreToday(null, ctx)).toBeNull();
  });
});
