import { expect, it } from 'vitest';
import { seedWorld } from '../fuzz/world.ts';
import { newId } from '../testing/ids.ts';
import { forEachStore } from '../testing/test-store.ts';

forEachStore('REST references stay in the team', (ctx) => {
  it("another team's record or member, or no record at all, is a 400 naming the field; nothing is stored", async () => {
    const { t, a, b } = await seedWorld(ctx.store);
    const at = '2026-01-05T09:30:00.000Z';
    const note = { kind: 'note', channel: 'phone', direction: 'out', at };
    const cases: [string, Record<string, unknown>, string][] = [
      ['contacts', { name: 'X', customerId: b.ids.customers }, 'customerId'],
      ['contacts', { name: 'X', companyId: b.ids.companies }, 'companyId'],
      ['contacts', { name: 'X', ownerId: b.rep.user.id }, 'ownerId'],
      ['customers', { name: 'X', kind: 'company', ownerId: newId() }, 'ownerId'],
      ['interactions', { ...note, contactId: b.ids.contacts }, 'contactId'],
      ['interactions', { ...note, contactId: a.ids.contacts, customerId: b.ids.customers }, 'customerId'],
      ['opportunities', { title: 'D', amount: '1', stage: 'lead', contactId: b.ids.contacts }, 'contactId'],
      ['surveys', { contactId: b.ids.contacts, date: '2026-01-10', nps: 9 }, 'contactId'],
    ];
    const before = await ctx.store.rows.after(a.team.id, { version: 0, entity: '', id: '' }, 10_000);
    for (const [path, json, field] of cases) {
      const res = await t.request('POST', `/api/v1/${path}`, { token: a.lead.token, json });
      expect([path, field, res.status, res.body.error?.details?.[0]?.path]).toEqual([
        path,
        field,
        400,
        field,
      ]);
    }
    const patch = await t.request('PATCH', `/api/v1/contacts/${a.ids.contacts}`, {
      token: a.lead.token,
      json: { customerId: b.ids.customers },
    });
    expect(patch.status).toBe(400);
    expect(await ctx.store.rows.after(a.team.id, { version: 0, entity: '', id: '' }, 10_000)).toEqual(before);
    const own = await t.request('POST', '/api/v1/contacts', {
      token: a.lead.token,
      json: { name: 'Fine', customerId: a.ids.customers, ownerId: a.rep.user.id },
    });
    expect(own.status).toBe(201);
  });
});
