import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { backgroundHarness, FROM_PAGE } from './testing.ts';

beforeEach(() => fakeBrowser.reset());

async function withContact() {
  const h = await backgroundHarness();
  const { contactId } = await h.ok({
    type: 'contact.capture',
    person: { name: 'Sean Miller', email: 'sean@acme.com', source: 'gmail' },
  });
  return { ...h, contactId };
}

describe('tickets through the background', () => {
  it('logs a ticket offline with its first history entry, marks the badge, and the marker goes on resolution', async () => {
    const h = await withContact();
    const { ticket } = await h.ok(
      {
        type: 'ticket.create',
        contactId: h.contactId,
        title: 'Chairs arrived broken',
        category: 'delivery',
        severity: 'high',
        channel: 'email',
        description: 'Two of the six chairs have cracked legs.',
        sourceUrl: 'https://mail.google.com/mail/u/0/#inbox/FMfc123',
      },
      FROM_PAGE,
    );
    expect(ticket).toMatchObject({
      contactId: h.contactId,
      status: 'open',
      assigneeId: h.user.id,
      ownerId: h.user.id,
      description: 'Two of the six chairs have cracked legs.',
      sourceUrl: 'https://mail.google.com/mail/u/0/#inbox/FMfc123',
      history: [{ status: 'open', at: '2026-03-20T10:00:00.000Z', by: h.user.id }],
    });
    expect(await h.db.outbox.count()).toBeGreaterThan(0);

    const look = async () =>
      (await h.ok({ type: 'lookup.people', people: [{ email: 'Sean@Acme.com' }] }, FROM_PAGE)).results[0];
    expect((await look())?.openTickets).toEqual([
      { id: ticket.id, title: 'Chairs arrived broken', severity: 'high', status: 'open' },
    ]);

    h.setNow('2026-03-21T16:00:00.000Z');
    const resolved = await h.ok({
      type: 'ticket.update',
      id: ticket.id,
      changes: { status: 'resolved', resolution: 'Sent two new chairs', satisfaction: 4 },
    });
    expect(resolved.ticket).toMatchObject({
      status: 'resolved',
      resolvedAt: '2026-03-21T16:00:00.000Z',
      satisfaction: 4,
      history: [
        { status: 'open', at: '2026-03-20T10:00:00.000Z', by: h.user.id },
        { status: 'resolved', at: '2026-03-21T16:00:00.000Z', by: h.user.id },
      ],
    });
    expect((await look())?.openTickets).toBeUndefined();

    // It reaches the server through the outbox.
    await h.services.sync.sync({ force: true });
    expect(h.server.row('ticket', ticket.id)).toBeDefined();
    const listed = await h.ok({ type: 'tickets.list', contactId: h.contactId });
    expect(listed.tickets.map((k) => k.id)).toEqual([ticket.id]);
    expect(listed.categories.map((c) => c.id)).toContain('delivery');
  });

  it('refuses bad input with a clear message and writes nothing', async () => {
    const h = await withContact();
    const before = await h.db.outbox.count();
    const create = {
      type: 'ticket.create',
      contactId: h.contactId,
      title: 'X',
      category: 'delivery',
      severity: 'high',
      channel: 'email',
    };
    const bad = async (raw: Record<string, unknown>, text: string) => {
      const res = await h.call(raw);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.message).toContain(text);
    };
    await bad({ ...create, severity: 'urgent' }, 'severity must be one of low, medium, high, critical');
    await bad({ ...create, title: '   ' }, 'title must not be empty');
    await bad(
      { ...create, category: 'late-delivery' },
      '"late-delivery" is not one of the team\'s ticket categories',
    );
    await bad({ type: 'ticket.update', id: h.contactId, changes: {} }, 'change at least one field');
    await bad(
      { type: 'ticket.update', id: h.contactId, changes: { satisfaction: 7 } },
      'satisfaction must be 1–5',
    );
    await bad({ type: 'ticket.update', id: h.contactId, changes: { status: 'resolved' } }, 'No ticket');
    await bad({ type: 'survey.record', contactId: h.contactId }, 'a survey response needs csat, nps or both');
    await bad({ type: 'survey.record', contactId: h.contactId, nps: 11 }, 'nps must be 0–10');
    expect(await h.db.outbox.count()).toBe(before);
    expect(await h.db.tickets.count()).toBe(0);
  });

  it('records a CSAT/NPS answer dated today in the user zone', async () => {
    const h = await withContact();
    const { surveyId } = await h.ok({ type: 'survey.record', contactId: h.contactId, csat: 5, nps: 9 });
    await h.services.sync.sync({ force: true });
    expect(h.server.row('surveyResponse', surveyId)?.fields).toMatchObject({
      csat: { v: 5 },
      nps: { v: 9 },
      date: { v: '2026-03-20' },
    });
  });

  it('records the weekly pulse once a week, the reminder dismissible until next Monday', async () => {
    const h = await withContact(); // Friday 2026-03-20
    expect(await h.ok({ type: 'pulse.status' })).toEqual({ due: true, lastDate: null });
    expect(await h.ok({ type: 'pulse.dismiss' })).toEqual({ due: false, lastDate: null });
    h.setNow('2026-03-23T09:00:00.000Z'); // Monday: due again
    expect((await h.ok({ type: 'pulse.status' })).due).toBe(true);
    const { pulseId } = await h.ok({ type: 'pulse.record', score: 4, comment: 'Busy but fine' });
    expect(await h.ok({ type: 'pulse.status' })).toEqual({ due: false, lastDate: '2026-03-23' });
    const bad = await h.call({ type: 'pulse.record', score: 6 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('score must be 1–5');
    const outbox = await h.db.outbox.toArray();
    expect(outbox.find((m) => m.name === 'pulse.add')?.args).toMatchObject({
      pulse: {
        id: pulseId,
        userId: h.user.id,
        date: '2026-03-23',
        score: 4,
        comment: 'Busy but fine',
        shared: false,
      },
    });
  });
});
