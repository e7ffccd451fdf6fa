// A push reads and writes in a few statements per kind, however many of its mutations merge into
// duplicates stored by an earlier push: the rows they merge into are read with the identity lookup's
// answer (one query), and the aliases are written with the rows (one multi-row statement). Counted at
// the drivers (testing/driver-statements.ts), as test/bench/profile-push.ts does.
import { expect, it } from 'vitest';
import { createContact, hlc, SyncClient } from '../routes/sync/sync-kit.ts';
import { countDriverStatements } from '../testing/driver-statements.ts';
import { newId } from '../testing/ids.ts';
import { createTestApp, seedTeam } from '../testing/test-app.ts';
import { forEachStore } from '../testing/test-store.ts';

/** Counts the statements sent through the drivers while `fn` runs. */
async function statementsDuring(dialect: 'sqlite' | 'postgres', fn: () => Promise<void>): Promise<number> {
  const counter = countDriverStatements(dialect);
  try {
    await fn();
  } finally {
    counter.stop();
  }
  return counter.count();
}

forEachStore('push statements', (ctx) => {
  it('merging many new contacts into stored duplicates costs no statement per merge', async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const rep = await t.member(team, 'rep');
    const client = new SyncClient(t, rep.token);
    const stored = Array.from({ length: 200 }, () => newId());
    const first = await client.push(
      ...stored.map((id, i) =>
        createContact(id, { name: `Stored ${i}`, emails: [`p${i}@acme.test`], ownerId: rep.user.id }, hlc(i)),
      ),
    );
    expect(first.status).toBe(200);

    /** A push of `count` new contacts, each with the email of a stored one (merged into it). */
    const duplicates = async (from: number, count: number) => {
      const ids = Array.from({ length: count }, () => newId());
      let status = 0;
      let results: { status: string }[] = [];
      const statements = await statementsDuring(ctx.store.dialect, async () => {
        const res = await client.push(
          ...ids.map((id, i) =>
            createContact(
              id,
              { name: `Copy ${from + i}`, emails: [`p${from + i}@acme.test`], ownerId: rep.user.id },
              hlc(1000 + from + i),
            ),
          ),
        );
        status = res.status;
        results = res.body.results;
      });
      expect(status).toBe(200);
      expect(results.every((r) => r.status === 'applied')).toBe(true);
      return { ids, statements };
    };
    const few = await duplicates(0, 10);
    const many = await duplicates(10, 150);
    // Before: one read of the stored row and one alias insert per merge (≈300 more for 150).
    expect(many.statements).toBeLessThanOrEqual(few.statements + 4);

    const aliases = await ctx.store.db.all<{ from_id: string; to_id: string }>(
      'SELECT from_id, to_id FROM aliases WHERE team_id = ?',
      [team.id],
    );
    const to = new Map(aliases.map((a) => [a.from_id, a.to_id]));
    expect(aliases).toHaveLength(160);
    for (const [i, id] of [...few.ids, ...many.ids].entries()) expect(to.get(id)).toBe(stored[i]);
  });
});
