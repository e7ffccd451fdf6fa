import { type MarginTier, productMarginTier } from '@rapport/shared/domain/commission';
import type { Product } from '@rapport/shared/schemas/order';
import type { MarginTiers } from '@rapport/shared/settings';
import { teamSettingsOf } from '../accounts/settings.ts';
import type { Clock } from '../lib/clock.ts';
import type { LineTotals, LineWindow } from '../store/repos/order-lines.ts';
import type { Store } from '../store/store.ts';
import { type MoneyFigures, moneyFigures } from './money-figures.ts';
import { type ReportWindow, resolveReportWindow, type WindowQuery } from './window.ts';

export interface ProductFigures extends MoneyFigures {
  productId: string;
  externalId: string | null;
  name: string;
  category: string | null;
  subCategory: string | null;
  standardMargin: string | null;
  tier: MarginTier;
}

export interface ProductMarginReport {
  window: ReportWindow;
  bounds: MarginTiers;
  tiers: Record<MarginTier, MoneyFigures & { products: number }>;
  products: ProductFigures[];
}

/** Each product's margin tier over a window by the shared rule, from exact per-product sums. */
export async function productTiersOver(
  store: Store,
  teamId: string,
  range: LineWindow,
  bounds: MarginTiers,
): Promise<{
  tiers: Map<string, MarginTier>;
  totals: Map<string, LineTotals>;
  products: Map<string, Product>;
}> {
  const [totals, products] = await Promise.all([
    store.orderLines.totalsBy(teamId, 'product', range),
    store.rowQueries.live<Product>(teamId, 'product'),
  ]);
  const byId = new Map(products.map((p) => [p.id, p]));
  const tiers = new Map<string, MarginTier>();
  for (const id of new Set([...totals.keys(), ...byId.keys()])) {
    const t = totals.get(id);
    tiers.set(
      id,
      productMarginTier(
        { standardMargin: byId.get(id)?.standardMargin, revenue: t?.revenue ?? 0n, profit: t?.profit ?? 0n },
        bounds,
      ),
    );
  }
  return { tiers, totals, products: byId };
}

/** Product margins and their high/medium/low tiers in a window, with each tier's totals. */
export async function productMarginReport(
  store: Store,
  clock: Clock,
  teamId: string,
  q: WindowQuery,
): Promise<ProductMarginReport> {
  const window = await resolveReportWindow(store, clock, teamId, q);
  const bounds = (await teamSettingsOf(store, teamId)).marginTiers;
  const { tiers, totals, products } = await productTiersOver(
    store,
    teamId,
    { from: window.from, to: window.to },
    bounds,
  );
  const sums: Record<MarginTier, LineTotals & { products: number }> = {
    high: { revenue: 0n, profit: 0n, orders: 0, lines: 0, lastOrderAt: null, products: 0 },
    medium: { revenue: 0n, profit: 0n, orders: 0, lines: 0, lastOrderAt: null, products: 0 },
    low: { revenue: 0n, profit: 0n, orders: 0, lines: 0, lastOrderAt: null, products: 0 },
  };
  const rows: { figures: ProductFigures; profit: bigint }[] = [];
  for (const [id, tier] of tiers) {
    const t = totals.get(id);
    const p = products.get(id);
    const sum = sums[tier];
    sum.revenue += t?.revenue ?? 0n;
    sum.profit += t?.profit ?? 0n;
    sum.lines += t?.lines ?? 0;
    sum.products += 1;
    rows.push({
      profit: t?.profit ?? 0n,
      figures: {
        productId: id,
        externalId: p?.externalId ?? null,
        name: p?.name ?? (id === '' ? '(no product)' : '(deleted product)'),
        category: p?.category ?? null,
        subCategory: p?.subCategory ?? null,
        standardMargin: p?.standardMargin ?? null,
        tier,
        ...moneyFigures(t),
      },
    });
  }
  rows.sort((a, b) =>
    a.profit === b.profit
      ? a.figures.productId < b.figures.productId
        ? -1
        : 1
      : a.profit > b.profit
        ? -1
        : 1,
  );
  // Orders are distinct per product; summed over a tier they would double count, so tiers show lines only.
  const tierFigures = (s: LineTotals & { products: number }) => ({
    ...moneyFigures({ ...s, orders: 0 }),
    products: s.products,
  });
  return {
    window,
    bounds,
    tiers: { high: tierFigures(sums.high), medium: tierFigures(sums.medium), low: tierFigures(sums.low) },
    products: rows.map((r) => r.figures),
  };
}
