import { describe, expect, it } from 'vitest';
import {
  isOpenTicket,
  resolutionHours,
  serviceSummary,
  type TicketFacts,
  ticketStatusChange,
} from './tickets.ts';

const base = (over: Partial<TicketFacts>): TicketFacts => ({
  id: 't',
  category: 'delivery',
  status: 'open',
  createdAt: '2026-03-01T00:00:00.000Z',
  resolvedAt: null,
  satisfaction: null,
  assigneeId: null,
  history: [],
  deletedAt: null,
  ...over,
});

describe('ticketStatusChange', () => {
  const open = base({ history: [{ status: 'open', at: '2026-03-01T00:00:00.000Z', by: 'u1' }] });

  it('appends a history entry and stamps resolvedAt on resolution', () => {
    const change = ticketStatusChange(open, 'resolved', 'u2', '2026-03-02T06:00:00.000Z');
    expect(change).toEqual({
      status: 'resolved',
      resolvedAt: '2026-03-02T06:00:00.000Z',
      history: [
        { status: 'open', at: '2026-03-01T00:00:00.000Z', by: 'u1' },
        { status: 'resolved', at: '2026-03-02T06:00:00.000Z', by: 'u2' },
      ],
    });
  });

  it('keeps the first resolution time when closing, clears it when reopening, and ignores no-ops', () => {
    const resolved = base({ status: 'resolved', resolvedAt: '2026-03-02T06:00:00.000Z' });
    expect(ticketStatusChange(resolved, 'closed', 'u2', '2026-03-05T00:00:00.000Z')?.resolvedAt).toBe(
      '2026-03-02T06:00:00.000Z',
    );
    expect(ticketStatusChange(resolved, 'open', 'u2', '2026-03-05T00:00:00.000Z')?.resolvedAt).toBeNull();
    expect(ticketStatusChange(open, 'open', 'u2', '2026-03-05T00:00:00.000Z')).toBeNull();
  });
});

describe('isOpenTicket and resolutionHours', () => {
  it('open and in-progress are open; deleted ones are not', () => {
    expect(isOpenTicket(base({ status: 'in-progress' }))).toBe(true);
    expect(isOpenTicket(base({ status: 'resolved' }))).toBe(false);
    expect(isOpenTicket(base({ deletedAt: '2026-03-02T00:00:00.000Z' }))).toBe(false);
  });
  it('counts hours from creation to resolution', () => {
    expect(resolutionHours(base({ resolvedAt: '2026-03-02T06:00:00.000Z' }))).toBe(30);
    expect(resolutionHours(base({}))).toBeNull();
  });
});

describe('serviceSummary', () => {
  // Window March 2026; now = 2026-03-20T00:00Z.
  const tickets: TicketFacts[] = [
    // delivery: resolved after 30 h (score 2) and after 10 h (score 5), one still open since 03-18 (2 days)
    base({
      id: 'a',
      status: 'resolved',
      resolvedAt: '2026-03-02T06:00:00.000Z',
      satisfaction: 2,
      assigneeId: 'u1',
    }),
    base({
      id: 'b',
      status: 'closed',
      createdAt: '2026-03-10T00:00:00.000Z',
      resolvedAt: '2026-03-10T10:00:00.000Z',
      satisfaction: 5,
      assigneeId: 'u1',
    }),
    base({ id: 'c', createdAt: '2026-03-18T00:00:00.000Z', assigneeId: 'u2' }),
    // billing: created in February, resolved in March after 48 h without a score
    base({
      id: 'd',
      category: 'billing',
      status: 'resolved',
      createdAt: '2026-02-28T00:00:00.000Z',
      resolvedAt: '2026-03-02T00:00:00.000Z',
    }),
    // billing: open since January (over 30 days), unassigned; in progress
    base({ id: 'e', category: 'billing', status: 'in-progress', createdAt: '2026-01-05T00:00:00.000Z' }),
    // deleted: never counted
    base({ id: 'f', deletedAt: '2026-03-03T00:00:00.000Z' }),
  ];
  const s = serviceSummary(
    tickets,
    { from: '2026-03-01', to: '2026-04-01' },
    new Date('2026-03-20T00:00:00Z'),
    ['product-quality', 'delivery'],
  );

  it('figures per category: opened and resolved in the window, resolution hours, satisfaction', () => {
    expect(s.byCategory).toEqual([
      {
        category: 'product-quality',
        opened: 0,
        resolved: 0,
        medianResolutionHours: null,
        meanResolutionHours: null,
        satisfaction: null,
        satisfactionCount: 0,
      },
      {
        category: 'delivery',
        opened: 3,
        resolved: 2,
        medianResolutionHours: 20, // (10 + 30) / 2
        meanResolutionHours: 20,
        satisfaction: 3.5, // (2 + 5) / 2
        satisfactionCount: 2,
      },
      {
        category: 'billing',
        opened: 0,
        resolved: 1,
        medianResolutionHours: 48,
        meanResolutionHours: 48,
        satisfaction: null,
        satisfactionCount: 0,
      },
    ]);
    expect(s.total).toEqual({
      opened: 3,
      resolved: 3,
      medianResolutionHours: 30, // 10, 30, 48
      meanResolutionHours: 88 / 3,
      satisfaction: 3.5,
      satisfactionCount: 2,
    });
  });

  it('status snapshot, open per assignee and open ages', () => {
    expect(s.byStatus).toEqual({ open: 1, 'in-progress': 1, resolved: 2, closed: 1 });
    expect(s.byAssignee).toEqual([
      { assigneeId: null, open: 1, resolved: 1 },
      { assigneeId: 'u2', open: 1, resolved: 0 },
      { assigneeId: 'u1', open: 0, resolved: 2 },
    ]);
    expect(s.openAges).toEqual({ 'under-1d': 0, '1-3d': 1, '3-7d': 0, '7-30d': 0, 'over-30d': 1 });
  });
});
