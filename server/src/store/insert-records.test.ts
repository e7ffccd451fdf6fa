// insertRecords (driver.ts) writes rows as one JSON parameter on Postgres and as a VALUES list on
// SQLite: the same rows must come back on both, whatever the values hold.
import { expect, it } from 'vitest';
import { newId, uniqueEmail } from '../testing/ids.ts';
import { forEachStore } from '../testing/test-store.ts';
import { insertRecords, int, UniqueViolationError } from './driver.ts';

const AT = '2026-03-01T10:00:00.000Z';

forEachStore('insertRecords', (ctx) => {
  it('stores text, nulls, large integers and awkward characters exactly, and reports conflicts', async () => {
    const teamId = newId();
    await ctx.store.teams.create({ id: teamId, name: 'Team', settings: { currency: 'USD' }, at: AT });
    const user = await ctx.store.users.create({
      id: newId(),
      teamId,
      email: uniqueEmail('rep'),
      name: 'Rep',
      role: 'rep',
      passwordHash: 'x',
      at: AT,
    });
    const clientId = newId();
    await ctx.store.syncClients.create({ clientId, teamId, userId: user.id, at: AT });
    const reasons = [null, 'it\'s "quoted" \\ back\nslash', '中文 é 🎉', '', '{"not":"json"}', '[1,2]'];
    const rows = reasons.map((reason, i) => [
      clientId,
      2 ** 40 + i,
      teamId,
      'contact.upsert',
      'rejected',
      reason,
      AT,
    ]);
    const columns = ['client_id', 'mutation_id', 'team_id', 'name', 'status', 'reason', 'at'];
    const types = ['text', 'bigint', 'text', 'text', 'text', 'text', 'text'];
    expect(await insertRecords(ctx.store.db, 'mutation_log', columns, types, rows)).toBe(reasons.length);
    const stored = await ctx.store.db.all<{ mutation_id: unknown; reason: string | null }>(
      'SELECT mutation_id, reason FROM mutation_log WHERE client_id = ? ORDER BY mutation_id',
      [clientId],
    );
    expect(stored.map((r) => [int(r.mutation_id), r.reason])).toEqual(
      reasons.map((r, i) => [2 ** 40 + i, r]),
    );
    await expect(
      insertRecords(ctx.store.db, 'mutation_log', columns, types, [rows[0] as (typeof rows)[number]]),
    ).rejects.toBeInstanceOf(UniqueViolationError);
    const again = rows.slice(0, 2);
    expect(
      await insertRecords(
        ctx.store.db,
        'mutation_log',
        columns,
        types,
        again,
        'ON CONFLICT (client_id, mutation_id) DO NOTHING',
      ),
    ).toBe(0);
  });
});
