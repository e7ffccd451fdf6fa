import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addContact, addCustomer, addInteraction, addMetrics, addTask } from '../db/queries/fixtures.ts';
import { updateLocalSettings } from '../db/settings.ts';
import { createT } from '../i18n/index.ts';
import { MORNING_NOTIFICATION, morningCheck, morningSummary } from './morning.ts';
import { backgroundHarness } from './testing.ts';

async function seed(now: string) {
  const harness = await backgroundHarness({ now });
  const { db } = harness;
  await updateLocalSettings(db, { timeZone: 'Asia/Shanghai' });
  const a = await addCustomer(db, { name: 'Alpha Inc' });
  await addMetrics(db, a, { tier: 'A' });
  for (const name of ['Ann Alpha', 'Bob Alpha', 'Cy Alpha']) {
    const id = await addContact(db, { name, customerId: a });
    await addInteraction(db, id, '2026-02-01T00:00:00.000Z');
  }
  await addContact(db, { name: 'Dee Due', followUpOn: '2026-03-20' });
  return harness;
}

const created = () =>
  fakeBrowser.notifications.getAllCreateOptions() as Record<string, { title: string; message: string }>;

describe('morning notification', () => {
  it('raises ONE notification per day for everything overdue or due, in the user language', async () => {
    // 09:00 in Shanghai.
    const { services } = await seed('2026-03-20T01:00:00.000Z');
    expect(await morningCheck(services)).toBe(true);
    expect(Object.keys(created())).toEqual([MORNING_NOTIFICATION]);
    expect(created()[MORNING_NOTIFICATION]).toMatchObject({
      title: '3 A-tier customers overdue',
      message: '3 overdue · 1 due today\nAnn Alpha (A), Bob Alpha (A), Cy Alpha (A), +1 more',
    });
    expect(await morningCheck(services)).toBe(false);
  });

  it('counts the tasks a lead gave the user that are overdue or due today, and names them', async () => {
    const { services, db, user } = await backgroundHarness({ now: '2026-03-20T01:00:00.000Z' });
    await updateLocalSettings(db, { timeZone: 'Asia/Shanghai' });
    await addTask(db, { title: 'Call Acme about the renewal', due: '2026-03-20', assigneeId: user.id });
    await addTask(db, { title: 'Send the Q1 report', due: '2026-03-18', assigneeId: user.id });
    // Not counted: due tomorrow, done, or someone else's.
    await addTask(db, { title: 'Tomorrow', due: '2026-03-21', assigneeId: user.id });
    await addTask(db, {
      title: 'Done',
      due: '2026-03-19',
      assigneeId: user.id,
      done: true,
      doneAt: '2026-03-19T02:00:00.000Z',
    });
    await addTask(db, {
      title: 'Not mine',
      due: '2026-03-19',
      assigneeId: '0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9c09',
    });
    expect(await morningCheck(services)).toBe(true);
    expect(created()[MORNING_NOTIFICATION]).toEqual(
      expect.objectContaining({
        title: '2 tasks due',
        message: '2 tasks\nSend the Q1 report, Call Acme about the renewal',
      }),
    );
  });

  it('waits for the morning in the user zone, and respects the setting', async () => {
    // 07:00 in Shanghai.
    const early = await seed('2026-03-19T23:00:00.000Z');
    expect(await morningCheck(early.services)).toBe(false);
    const off = await seed('2026-03-20T01:00:00.000Z');
    await updateLocalSettings(off.db, { notifications: false });
    expect(await morningCheck(off.services)).toBe(false);
    expect(created()).toEqual({});
  });

  it('summarises in Chinese too', () => {
    const t = createT('zh-CN');
    const summary = morningSummary(
      [
        {
          contactId: '0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9c02',
          name: '王芳',
          customerName: null,
          tier: 'B',
          status: 'due',
          dueOn: '2026-03-20',
          greeting: null,
        },
      ],
      t,
    );
    expect(summary).toEqual({ title: '今天有 1 项跟进到期', message: '1 项今天到期\n王芳 (B)' });
  });
});
