import { expect, it } from 'vitest';
import { createTestApp, seedTeam, type TestApp } from '../../testing/test-app.ts';
import { restClient as api, read, reportRoute, routeClient } from '../../testing/test-client.ts';
import { forEachStore } from '../../testing/test-store.ts';
import { pipelineRouter } from './pipeline.index.ts';

const pipelineApi = (t: TestApp, token: string) =>
  routeClient(t, '/pipeline', pipelineRouter, token).api.v1.pipeline;

forEachStore('pipeline report', (ctx) => {
  it('the issue example: pipeline 15,000, weighted 8,750, conversion 1/2 with undated won and lost deals', async () => {
    const t = createTestApp(ctx.store); // today is 2026-01-15
    const team = await seedTeam(ctx.store);
    const lead = await t.member(team, 'lead', { name: 'Lena Lead' });
    const rep = await t.member(team, 'rep', { name: 'Rita Rep' });
    const post = async (
      path: 'opportunities' | 'tasks',
      json: Record<string, unknown>,
      token = lead.token,
    ) => {
      const res = await read(api(t, token)[path].$post({ json }));
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    await post('opportunities', {
      title: 'Desks',
      amount: '10000',
      stage: 'proposal',
      ownerId: rep.user.id,
      closeDate: '2026-01-28',
    });
    await post('opportunities', { title: 'Chairs', amount: '5000', stage: 'negotiation' });
    const won = await post('opportunities', { title: 'Lamps', amount: '2000', stage: 'qualified' });
    const lost = await post('opportunities', { title: 'Rugs', amount: '700', stage: 'lead' });
    // Closed later without a close date: they close on the day the stage changed.
    t.clock.advance(2 * 24 * 3600_000); // 2026-01-17
    for (const [id, stage] of [
      [won, 'won'],
      [lost, 'lost'],
    ] as const)
      expect(
        (await read(api(t, lead.token).opportunities[':id'].$patch({ param: { id }, json: { stage } })))
          .status,
      ).toBe(200);
    // Retitling later does not move the day it closed.
    t.clock.advance(20 * 24 * 3600_000); // 2026-02-06
    await read(
      api(t, lead.token).opportunities[':id'].$patch({
        param: { id: won },
        json: { title: 'Lamps (signed)' },
      }),
    );
    await post('tasks', { title: 'Chase the desks', due: '2026-02-01', assigneeId: rep.user.id });
    await post('tasks', { title: 'Send brochure', due: '2026-03-01', assigneeId: rep.user.id });

    const res = await read(
      pipelineApi(t, lead.token).$get({ query: { from: '2026-01-01', to: '2026-02-01' } }),
    );
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({
      count: 2,
      amount: '15000.00',
      weighted: '8750.00',
      won: 1,
      lost: 1,
      wonAmount: '2000.00',
      conversion: 0.5,
    });
    expect(res.body.stages.map((s: { count: number }) => s.count)).toEqual([0, 0, 1, 1, 1, 1]);
    expect(res.body.stages[2]).toEqual({
      stage: 'proposal',
      count: 1,
      amount: '10000.00',
      weighted: '5000.00',
    });
    // reached: lead 4, qualified 3, proposal 3, negotiation 2, won 1
    expect(res.body.steps.map((s: { rate: number }) => s.rate)).toEqual([3 / 4, 1, 2 / 3, 1 / 2]);
    const closed = await read(api(t, lead.token).opportunities[':id'].$get({ param: { id: won } }));
    expect(closed.body.closeDate).toBeNull();
    expect(res.body.forecast).toEqual([
      { ownerId: lead.user.id, name: 'Lena Lead', month: '2026-01', weighted: '0.00', won: '2000.00' },
      { ownerId: rep.user.id, name: 'Rita Rep', month: '2026-01', weighted: '5000.00', won: '0.00' },
      // No close date: the month after today (2026-02-06).
      { ownerId: lead.user.id, name: 'Lena Lead', month: '2026-03', weighted: '3750.00', won: '0.00' },
    ]);
    expect(res.body.closingThisMonth).toEqual([]);
    expect(res.body.openTasks).toEqual([{ assigneeId: rep.user.id, name: 'Rita Rep', open: 2, overdue: 1 }]);

    // The coefficient's conversion factor now sees the undated deals too.
    const coefficient = await read(
      reportRoute(t, 'coefficient', lead.token).$get({ query: { from: '2026-01-01', to: '2026-02-01' } }),
    );
    expect(coefficient.body.factors.conversion).toBe(0.5);

    // A rep may look at themselves only.
    const repView = await read(pipelineApi(t, rep.token).$get({ query: { ownerId: lead.user.id } }));
    expect(repView.status).toBe(403);
    const bad = await read(pipelineApi(t, lead.token).$get({ query: { from: '2026-13-01' } }));
    expect([bad.status, bad.body.error.code]).toEqual([400, 'validation_failed']);
  });
});
