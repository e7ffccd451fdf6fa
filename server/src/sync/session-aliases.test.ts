import { expect, it } from 'vitest';
import { createServerHlc } from '../entities/server-hlc.ts';
import { manualClock } from '../lib/clock.ts';
import { newId } from '../testing/ids.ts';
import { createTestApp, seedTeam } from '../testing/test-app.ts';
import { forEachStore } from '../testing/test-store.ts';
import { PushSession } from './session.ts';

/**
 * A push writes its aliases with its rows (at flush), so until then the database's chains stop
 * short of this push's own merges. An id first resolved after such a merge follows the stored chain
 * and then the push's own aliases.
 */
forEachStore('push session aliases', (ctx) => {
  it("resolves a stored alias chain through the push's unwritten merges", async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const rep = await t.member(team, 'rep');
    const [a, b, c] = [newId(), newId(), newId()];
    await ctx.store.aliases.add(team.id, { entity: 'contact', fromId: c, toId: b, version: 1 });
    const clock = manualClock();
    const resolved = await ctx.store.transaction(async (tx) => {
      const session = new PushSession({
        tx,
        teamId: team.id,
        user: rep.user,
        version: 2,
        hlc: createServerHlc(clock),
        at: clock.now().toISOString(),
      });
      await session.addAlias('contact', b, a);
      const early = await session.resolve('contact', c);
      await session.flush();
      return { early, stored: await tx.aliases.resolve(team.id, 'contact', [c]) };
    });
    expect(resolved.early).toBe(a);
    // Once flushed, the database's chain says the same.
    expect(resolved.stored.get(c)).toBe(a);
  });
});
