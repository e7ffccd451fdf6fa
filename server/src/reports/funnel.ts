import { z } from '@hono/zod-openapi';
import { inWindow } from '@rapport/shared/domain/dates';
import { conversion } from '@rapport/shared/domain/satisfaction';
import { formatMoney, type Money, mulRateBps } from '@rapport/shared/money';
import { OPEN_OPPORTUNITY_STAGES, OPPORTUNITY_STAGES, type OpportunityStage } from '@rapport/shared/settings';
import { teamSettingsOf } from '../accounts/settings.ts';
import type { Clock } from '../lib/clock.ts';
import type { Store } from '../store/store.ts';
import { loadDeals } from './deals.ts';
import { optionalRepScope, type Viewer } from './scope.ts';
import { type ReportWindow, resolveReportWindow, WindowQuery } from './window.ts';

export const FunnelQuery = WindowQuery.extend({ ownerId: z.string().max(100).optional() });
export type FunnelQuery = z.infer<typeof FunnelQuery>;

export interface StageFigures {
  stage: OpportunityStage;
  count: number;
  amount: string;
  /** Win probability in whole percent (team setting). */
  probability: number;
  /** amount × probability. */
  weighted: string;
}

export interface FunnelReport {
  window: ReportWindow;
  ownerId: string | null;
  /** Open stages: every open opportunity now; won and lost: those closed in the window. */
  stages: StageFigures[];
  pipeline: { count: number; amount: string; weighted: string };
  conversion: { won: number; lost: number; rate: number | null };
}

const OPEN = new Set<string>(OPEN_OPPORTUNITY_STAGES);

/** Opportunities by stage with weighted amounts, and conversion won / (won + lost) in the window. */
export async function funnelReport(
  store: Store,
  clock: Clock,
  viewer: Viewer,
  q: FunnelQuery,
): Promise<FunnelReport> {
  const { teamId } = viewer;
  const ownerId = optionalRepScope(viewer, q.ownerId);
  const window = await resolveReportWindow(store, clock, teamId, q);
  const range = { from: window.from, to: window.to };
  const probabilities = (await teamSettingsOf(store, teamId)).stageProbabilities;
  const deals = await loadDeals(store, teamId, ownerId);
  const sums = new Map<OpportunityStage, { count: number; amount: Money; weighted: Money }>(
    OPPORTUNITY_STAGES.map((s) => [s, { count: 0, amount: 0n, weighted: 0n }]),
  );
  for (const o of deals) {
    const counted = OPEN.has(o.stage) || (o.closedOn !== null && inWindow(o.closedOn, range));
    if (!counted) continue;
    const sum = sums.get(o.stage) as { count: number; amount: Money; weighted: Money };
    const amount = o.amount;
    sum.count += 1;
    sum.amount += amount;
    sum.weighted += mulRateBps(amount, probabilities[o.stage] * 100);
  }
  const stages = OPPORTUNITY_STAGES.map((stage): StageFigures => {
    const s = sums.get(stage) as { count: number; amount: Money; weighted: Money };
    return {
      stage,
      count: s.count,
      amount: formatMoney(s.amount),
      probability: probabilities[stage],
      weighted: formatMoney(s.weighted),
    };
  });
  let pipeline = { count: 0, amount: 0n, weighted: 0n };
  for (const stage of OPEN_OPPORTUNITY_STAGES) {
    const s = sums.get(stage) as { count: number; amount: Money; weighted: Money };
    pipeline = {
      count: pipeline.count + s.count,
      amount: pipeline.amount + s.amount,
      weighted: pipeline.weighted + s.weighted,
    };
  }
  return {
    window,
    ownerId: ownerId ?? null,
    stages,
    pipeline: {
      count: pipeline.count,
      amount: formatMoney(pipeline.amount),
      weighted: formatMoney(pipeline.weighted),
    },
    conversion: {
      won: sums.get('won')?.count ?? 0,
      lost: sums.get('lost')?.count ?? 0,
      rate: conversion(
        deals.map((d) => ({ stage: d.stage, closeDate: d.closedOn })),
        range,
      ),
    },
  };
}
