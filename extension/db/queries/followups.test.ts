import { describe, expect, it } from 'vitest';
import { updateLocalSettings } from '../settings.ts';
import { writeState } from '../sync-state.ts';
import { openTestDb } from '../testing.ts';
import { readContext } from './context.ts';
import { addContact, addCustomer, addInteraction, addMetrics } from './fixtures.ts';
import { listFollowUps, upcomingHolidays } from './followups.ts';

const NOW = new Date('2026-03-20T10:00:00.000Z'); // 18:00 in Shanghai
const ME = '0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9c01';
const SOMEONE_ELSE = '0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9c0e';

async function seed() {
  const db = openTestDb();
  await updateLocalSettings(db, { timeZone: 'Asia/Shanghai' });
  await writeState(db, 'account', {
    serverUrl: 'https://crm.example.com',
    token: 't',
    expiresAt: null,
    user: {
      id: ME,
      teamId: ME,
      email: 'rep@acme.com',
      name: 'Rita',
      role: 'rep',
      active: true,
      timeZone: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    },
    team: {
      id: ME,
      name: 'Acme Sales',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    },
  });
  const a = await addCustomer(db, { name: 'Alpha Inc' });
  const b = await addCustomer(db, { name: 'Beta Ltd' });
  const c = await addCustomer(db, { name: 'Gamma Co' });
  await addMetrics(db, a, { tier: 'A' });
  await addMetrics(db, b, { tier: 'B' });
  await addMetrics(db, c, { tier: 'C' });
  const ids: Record<string, string> = {};
  // Overdue A: last contact Mar 1 (Shanghai) + 14 = Mar 15.
  ids.p1 = await addContact(db, { name: 'Pat One', customerId: a });
  await addInteraction(db, ids.p1, '2026-03-01T01:00:00.000Z');
  // Overdue B: Feb 1 + 30 = Mar 3.
  ids.p2 = await addContact(db, { name: 'Pat Two', customerId: b });
  await addInteraction(db, ids.p2, '2026-02-01T00:00:00.000Z');
  // Due today: scheduled.
  ids.p3 = await addContact(db, { name: 'Pat Three', customerId: a, followUpOn: '2026-03-20' });
  await addInteraction(db, ids.p3, '2026-03-19T00:00:00.000Z');
  // Soon, tier C: Jan 20 + 60 = Mar 21.
  ids.p4 = await addContact(db, { name: 'Pat Four', customerId: c });
  await addInteraction(db, ids.p4, '2026-01-20T00:00:00.000Z');
  // Soon, no customer: scheduled Mar 22.
  ids.p5 = await addContact(db, { name: 'Pat Five', followUpOn: '2026-03-22' });
  // Birthday today (no cadence).
  ids.p6 = await addContact(db, { name: 'Pat Six', birthday: '1990-03-20' });
  // OK: Mar 10 + 30 = Apr 9.
  ids.p7 = await addContact(db, { name: 'Pat Seven', customerId: b });
  await addInteraction(db, ids.p7, '2026-03-10T00:00:00.000Z');
  // Someone else's overdue contact: not in a rep's list.
  ids.p8 = await addContact(db, { name: 'Pat Eight', customerId: a, ownerId: SOMEONE_ELSE });
  return { db, ids };
}

describe('listFollowUps', () => {
  it('lists overdue first, then by tier, then by due date, with birthdays, in the user zone', async () => {
    const { db, ids } = await seed();
    const items = await listFollowUps(db, await readContext(db, NOW), { limit: 100, includeSoon: true });
    expect(items.map((i) => [i.contactId, i.status, i.tier, i.dueOn, i.greeting])).toEqual([
      [ids.p1, 'overdue', 'A', '2026-03-15', null],
      [ids.p2, 'overdue', 'B', '2026-03-03', null],
      [ids.p3, 'due', 'A', '2026-03-20', null],
      [ids.p4, 'soon', 'C', '2026-03-21', null],
      [ids.p6, 'due', 'none', '2026-03-20', 'birthday'],
      [ids.p5, 'soon', 'none', '2026-03-22', null],
    ]);
    expect(items[0]).toMatchObject({ name: 'Pat One', customerName: 'Alpha Inc' });
  });

  it('leaves out what is only due soon unless asked, and honours the limit', async () => {
    const { db, ids } = await seed();
    const ctx = await readContext(db, NOW);
    expect(
      (await listFollowUps(db, ctx, { limit: 100, includeSoon: false })).map((i) => i.contactId),
    ).toEqual([ids.p1, ids.p2, ids.p3, ids.p6]);
    expect((await listFollowUps(db, ctx, { limit: 2, includeSoon: false })).map((i) => i.contactId)).toEqual([
      ids.p1,
      ids.p2,
    ]);
  });

  it('shows leads the whole team', async () => {
    const { db, ids } = await seed();
    const ctx = await readContext(db, NOW);
    const lead = {
      ...ctx,
      account: ctx.account && { ...ctx.account, user: { ...ctx.account.user, role: 'lead' as const } },
    };
    expect(
      (await listFollowUps(db, lead, { limit: 100, includeSoon: false })).map((i) => i.contactId),
    ).toContain(ids.p8);
  });
});

describe('upcomingHolidays', () => {
  it('lists the team holidays in the coming days (lunar ones from the shared calendar)', async () => {
    const db = openTestDb();
    const ctx = await readContext(db, new Date('2026-09-20T00:00:00.000Z'));
    expect(upcomingHolidays(ctx, 14).map((h) => [h.holidayId, h.date])).toEqual([
      ['mid-autumn', '2026-09-25'],
    ]);
  });
});
