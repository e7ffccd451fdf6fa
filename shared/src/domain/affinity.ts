import type { Money } from '../money.ts';
import { getOrInsert } from './collections.ts';
import { ratio } from './ratio.ts';

/** Spend of one group (a customer, a segment) on one category (or sub-category). */
export interface SpendRow {
  group: string;
  category: string;
  /** Revenue of the group's lines in the category; rows ≤ 0 (returns, credits) are left out. */
  spend: Money;
}

export interface AffinityRow {
  group: string;
  category: string;
  spend: Money;
  /** spend / the group's spend: how much of its buying goes to this category (display ratio). */
  share: number;
  /** The category's spend / everyone's spend. */
  baseShare: number;
  /**
   * share / baseShare = spend × total / (group spend × category spend), from exact sums: 2 means the
   * group buys this category twice as much as the whole base does.
   */
  lift: number;
}

/** Category affinity per group, each group's rows by spend descending (ties by category). */
export function categoryAffinity(rows: Iterable<SpendRow>): Map<string, AffinityRow[]> {
  const cells = new Map<string, Map<string, Money>>();
  const byGroup = new Map<string, Money>();
  const byCategory = new Map<string, Money>();
  let total = 0n;
  for (const r of rows) {
    if (r.spend <= 0n) continue;
    const g = getOrInsert(cells, r.group, () => new Map<string, Money>());
    g.set(r.category, (g.get(r.category) ?? 0n) + r.spend);
    byGroup.set(r.group, (byGroup.get(r.group) ?? 0n) + r.spend);
    byCategory.set(r.category, (byCategory.get(r.category) ?? 0n) + r.spend);
    total += r.spend;
  }
  const out = new Map<string, AffinityRow[]>();
  for (const [group, cats] of cells) {
    const g = byGroup.get(group) ?? 0n;
    const list = [...cats].map(([category, spend]) => {
      const c = byCategory.get(category) ?? 0n;
      return {
        group,
        category,
        spend,
        share: ratio(spend, g) ?? 0,
        baseShare: ratio(c, total) ?? 0,
        lift: ratio(spend * total, g * c) ?? 0,
      };
    });
    list.sort((a, b) => (a.spend > b.spend ? -1 : a.spend < b.spend ? 1 : a.category < b.category ? -1 : 1));
    out.set(group, list);
  }
  return out;
}

/** The card's one line from a group's affinity rows: "buys mostly Chairs (62 % of spend)"; null without spend. */
export function buysMostly(rows: readonly AffinityRow[]): string | null {
  const top = rows[0];
  if (!top) return null;
  return `buys mostly ${top.category} (${Math.round(top.share * 100)} % of spend)`;
}
