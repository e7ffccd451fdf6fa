import { describe, expect, it } from 'vitest';
import { newId } from '../../testing/ids.ts';
import { createTestApp, seedTeam } from '../../testing/test-app.ts';
import { restClient as api, read } from '../../testing/test-client.ts';
import { forEachStore } from '../../testing/test-store.ts';
import { hlc, SyncClient, upsert } from '../sync/sync-kit.ts';

forEachStore('tasks and quotes', (ctx) => {
  async function setup() {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const lead = await t.member(team, 'lead');
    const rep = await t.member(team, 'rep', { name: 'Rita Rep' });
    const rep2 = await t.member(team, 'rep', { name: 'Raj Rep' });
    return { t, team, lead, rep, rep2 };
  }

  describe('tasks', () => {
    it('a lead assigns a task to a rep; the rep ticks it done; defaults fill createdBy and done', async () => {
      const { t, lead, rep } = await setup();
      const created = await read(
        api(t, lead.token).tasks.$post({
          json: {
            title: 'Call Acme about the renewal',
            due: '2026-01-20',
            assigneeId: rep.user.id,
            note: 'Ask for Q2',
          },
        }),
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        assigneeId: rep.user.id,
        createdBy: lead.user.id,
        done: false,
        doneAt: null,
        contactId: null,
        due: '2026-01-20',
      });
      const done = await read(
        api(t, rep.token).tasks[':id'].$patch({
          param: { id: created.body.id },
          json: { done: true, doneAt: '2026-01-15T10:00:00Z' },
        }),
      );
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ done: true, doneAt: '2026-01-15T10:00:00.000Z' });
      const mine = await read(api(t, rep.token).tasks.$get({ query: { ownerId: rep.user.id } }));
      expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([created.body.id]);
    });

    it('refuses what a rep may not do and bad input, changing nothing', async () => {
      const { t, lead, rep, rep2, team } = await setup();
      const other = await read(
        api(t, rep.token).tasks.$post({
          json: { title: 'For Raj', due: '2026-01-20', assigneeId: rep2.user.id },
        }),
      );
      expect([other.status, other.body.error.message]).toEqual([
        403,
        'only a lead or admin may assign a task to someone else',
      ]);
      const leads = await read(
        api(t, lead.token).tasks.$post({
          json: { title: 'Raj’s', due: '2026-01-20', assigneeId: rep2.user.id },
        }),
      );
      const touch = await read(
        api(t, rep.token).tasks[':id'].$patch({ param: { id: leads.body.id }, json: { done: true } }),
      );
      expect([touch.status, touch.body.error.message]).toEqual([
        403,
        'a rep may only change tasks assigned to them',
      ]);
      const forged = await read(
        api(t, lead.token).tasks.$post({
          json: { title: 'x', due: '2026-01-20', assigneeId: rep.user.id, createdBy: rep2.user.id },
        }),
      );
      expect(forged.status).toBe(403);
      for (const [json, path] of [
        [{ title: 'x', due: '2026-02-30' }, 'due'],
        [{ title: '', due: '2026-02-01' }, 'title'],
        [{ title: 'x', due: '2026-02-01', assigneeId: newId() }, 'assigneeId'],
        [{ title: 'x', due: '2026-02-01', done: 'yes' }, 'done'],
        [{ title: 'x', due: '2026-02-01', priority: 'high' }, 'priority'],
      ] as const) {
        const res = await read(api(t, lead.token).tasks.$post({ json }));
        expect([res.status, JSON.stringify(res.body.error)]).toEqual([400, expect.stringContaining(path)]);
      }
      expect((await ctx.store.rowQueries.live(team.id, 'task')).length).toBe(1);
    });

    it('syncs: a rep pushes done on their task; a push assigning someone else is rejected with its reason', async () => {
      const { t, lead, rep, rep2, team } = await setup();
      const task = await read(
        api(t, lead.token).tasks.$post({
          json: { title: 'Visit', due: '2026-01-20', assigneeId: rep.user.id },
        }),
      );
      const c = new SyncClient(t, rep.token);
      const stranger = newId();
      const res = await c.push(
        upsert('task', task.body.id, task.body, { done: true, doneAt: '2026-01-15T09:00:00.000Z' }, hlc(1)),
        upsert(
          'task',
          stranger,
          null,
          { title: 'x', due: '2026-01-21', assigneeId: rep2.user.id, createdBy: rep.user.id, done: false },
          hlc(2),
        ),
      );
      expect(res.body.results).toEqual([
        { id: 1, status: 'applied' },
        {
          id: 2,
          status: 'rejected',
          reason: 'only a lead or admin may assign a task to someone else',
          code: 'forbidden',
        },
      ]);
      expect((await ctx.store.rows.get(team.id, 'task', task.body.id))?.data).toMatchObject({ done: true });
      expect(await ctx.store.rows.get(team.id, 'task', stranger)).toBeUndefined();
    });
  });

  describe('opportunity quotes', () => {
    it('stores quote lines as one field and refuses bad lines with the path', async () => {
      const { t, rep } = await setup();
      const line = {
        productId: null,
        description: 'Chair',
        quantity: 3,
        unitPrice: '19.99',
        discountPct: '10',
      };
      const opp = await read(
        api(t, rep.token).opportunities.$post({
          json: { title: 'Chairs', amount: '53.973', stage: 'proposal', quote: [line] },
        }),
      );
      expect(opp.status).toBe(201);
      expect(opp.body.quote).toEqual([line]);
      for (const [bad, path] of [
        [{ ...line, quantity: 0 }, 'quote[0].quantity'],
        [{ ...line, discountPct: '120' }, 'quote[0].discountPct'],
        [{ ...line, unitPrice: '-1' }, 'quote[0].unitPrice'],
        [{ ...line, unitPrice: '1.23456' }, 'quote[0].unitPrice'],
        [{ ...line, colour: 'red' }, 'quote[0]'],
      ] as const) {
        const res = await read(
          api(t, rep.token).opportunities[':id'].$patch({
            param: { id: opp.body.id },
            json: { quote: [bad] },
          }),
        );
        expect([res.status, JSON.stringify(res.body.error)]).toEqual([400, expect.stringContaining(path)]);
      }
      const got = await read(api(t, rep.token).opportunities[':id'].$get({ param: { id: opp.body.id } }));
      expect(got.body.quote).toEqual([line]);
    });
  });

  it('conflicting offline edits from two clients converge: a quote whole by last writer, other fields one by one', async () => {
    const { t, lead, rep, team } = await setup();
    const opp = await read(
      api(t, lead.token).opportunities.$post({
        json: { title: 'Chairs', amount: '100', stage: 'proposal', ownerId: rep.user.id },
      }),
    );
    const task = await read(
      api(t, lead.token).tasks.$post({
        json: { title: 'Visit', due: '2026-01-20', assigneeId: rep.user.id },
      }),
    );
    const line = (description: string) => ({
      productId: null,
      description,
      quantity: 1,
      unitPrice: '10',
      discountPct: '0',
    });
    const a = new SyncClient(t, lead.token);
    const b = new SyncClient(t, rep.token);
    // Both were offline; the rep's quote is the later edit, the lead's stage move is the only one.
    const fromA = [
      upsert(
        'opportunity',
        opp.body.id,
        opp.body,
        { stage: 'negotiation', quote: [line('A1'), line('A2')] },
        hlc(10, 'a'),
      ),
      upsert('task', task.body.id, task.body, { due: '2026-01-25' }, hlc(10, 'a')),
    ];
    const fromB = [
      upsert(
        'opportunity',
        opp.body.id,
        opp.body,
        { title: 'Office chairs', quote: [line('B1')] },
        hlc(20, 'b'),
      ),
      upsert(
        'task',
        task.body.id,
        task.body,
        { done: true, doneAt: '2026-01-15T09:00:00.000Z' },
        hlc(11, 'b'),
      ),
    ];
    // B reaches the server first; A's older quote must not win by arriving later.
    await b.push(...fromB);
    await a.push(...fromA);
    const o = (await ctx.store.rows.get(team.id, 'opportunity', opp.body.id))?.data;
    expect(o).toMatchObject({ title: 'Office chairs', stage: 'negotiation', quote: [line('B1')] });
    const k = (await ctx.store.rows.get(team.id, 'task', task.body.id))?.data;
    expect(k).toMatchObject({ due: '2026-01-25', done: true });
    const pa = await a.pullAll();
    const pb = await b.pullAll();
    for (const key of [`opportunity:${opp.body.id}`, `task:${task.body.id}`]) {
      expect(pa.rows.get(key)?.state).toBeDefined();
      expect(pa.rows.get(key)?.state).toEqual(pb.rows.get(key)?.state);
    }
  });
});
