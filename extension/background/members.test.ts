import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { backgroundHarness, FROM_PAGE } from './testing.ts';

beforeEach(() => fakeBrowser.reset());

async function team() {
  const h = await backgroundHarness();
  const sam = h.server.addUser('sam@acme.com', 'secret-pass', 'Sam Support');
  const ann = h.server.addUser('ann@acme.com', 'secret-pass', 'Ann Agent');
  const { contactId } = await h.ok({
    type: 'contact.capture',
    person: { name: 'Sean Miller', email: 'sean@acme.com', source: 'gmail' },
  });
  return { ...h, sam, ann, contactId };
}

const ticket = (contactId: string, extra: Record<string, unknown> = {}) => ({
  type: 'ticket.create' as const,
  contactId,
  title: 'Invoice charged twice',
  category: 'billing',
  severity: 'medium',
  channel: 'email',
  ...extra,
});

describe('team members for the assignee picker', () => {
  it('lists the team from GET /users, you first then by name, and caches it for an hour', async () => {
    const h = await team();
    const first = await h.ok({ type: 'team.members' }, FROM_PAGE);
    expect(first).toEqual({
      me: h.user.id,
      members: [
        { id: h.user.id, name: 'Rita Rep' },
        { id: h.ann.id, name: 'Ann Agent' },
        { id: h.sam.id, name: 'Sam Support' },
      ],
    });
    const asked = () => h.server.log.filter((l) => l === 'GET /api/v1/users').length;
    expect(asked()).toBe(1);
    // Within the hour: the cache, no request.
    h.setNow('2026-03-20T10:59:00.000Z');
    await h.ok({ type: 'team.members' });
    expect(asked()).toBe(1);
    // After it, offline: the cached list still answers.
    h.setNow('2026-03-20T11:00:00.000Z');
    h.server.faults.push({ type: 'network', path: '/users' });
    expect((await h.ok({ type: 'team.members' })).members).toHaveLength(3);
    expect(asked()).toBe(2);
    // Online again: a newcomer shows.
    const bo = h.server.addUser('bo@acme.com', 'secret-pass', 'Bo Backoffice');
    expect((await h.ok({ type: 'team.members' })).members.map((m) => m.id)).toEqual([
      h.user.id,
      h.ann.id,
      bo.id,
      h.sam.id,
    ]);
  });

  it('offline with nothing cached offers only you', async () => {
    const h = await team();
    h.server.faults.push({ type: 'network', path: '/users' });
    expect(await h.ok({ type: 'team.members' })).toEqual({
      me: h.user.id,
      members: [{ id: h.user.id, name: 'Rita Rep' }],
    });
  });

  it('assigns a new ticket to a teammate, reassigns it, and refuses strangers without writing', async () => {
    const h = await team();
    const created = await h.ok(ticket(h.contactId, { assigneeId: h.sam.id }), FROM_PAGE);
    expect(created.ticket).toMatchObject({ assigneeId: h.sam.id, ownerId: h.user.id });
    const moved = await h.ok({
      type: 'ticket.update',
      id: created.ticket.id,
      changes: { assigneeId: h.ann.id },
    });
    expect(moved.ticket.assigneeId).toBe(h.ann.id);
    const nobody = await h.ok(ticket(h.contactId, { assigneeId: null }));
    expect(nobody.ticket.assigneeId).toBeNull();

    const outbox = await h.db.outbox.count();
    const tickets = await h.db.tickets.count();
    const stranger = '0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9cff';
    const refused = await h.call(ticket(h.contactId, { assigneeId: stranger }));
    expect(refused).toEqual({
      ok: false,
      error: { code: 'invalid', message: `assigneeId ${stranger} is not a member of your team` },
    });
    const refusedUpdate = await h.call({
      type: 'ticket.update',
      id: created.ticket.id,
      changes: { assigneeId: stranger },
    });
    expect(refusedUpdate.ok).toBe(false);
    expect(await h.db.outbox.count()).toBe(outbox);
    expect(await h.db.tickets.count()).toBe(tickets);
    expect((await h.db.tickets.get(created.ticket.id))?.data?.assigneeId).toBe(h.ann.id);
  });
});
