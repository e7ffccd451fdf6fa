import { describe, expect, it } from 'vitest';
import { handlers } from '../../extension/background/handlers.ts';
import { dispatch } from '../../extension/background/router.ts';
import type { Sender } from '../../extension/background/services.ts';
import { MEMBERS_MAX_AGE_MS, memberNames } from '../../extension/db/queries/members.ts';
import { readState } from '../../extension/db/sync-state.ts';
import { expectSynced, SEAN, STORES, twoClients, worldPerTest } from './world.ts';

// The card's "ask Sam — 12 emails this quarter" names the teammate: the extension caches the team's
// member list from the real server's GET /api/v1/users and the shared relationship rule picks the
// member. On both stores.

const PANEL: Sender = { fromPage: false, url: 'chrome-extension://test/sidepanel.html' };
const newWorld = worldPerTest();

for (const store of STORES) {
  describe(`teammate names on the card [${store}]`, () => {
    it('names the teammate who knows the contact best, from a cached member list; offline keeps the cache', async () => {
      const world = await newWorld({ seed: 7, clients: 2, store });
      const [a, b] = twoClients(world);
      const { contactId } = await a.capture({ ...SEAN, source: 'gmail' });
      await expectSynced(a, b);
      // B (the teammate) writes three emails to Sean in the last days; A none.
      const at = (daysAgo: number) => new Date(a.services.now() - daysAgo * 86_400_000).toISOString();
      const logged = await dispatch(
        handlers,
        b.services,
        {
          type: 'interaction.log',
          contactId,
          entries: [1, 2, 3].map((d) => ({ kind: 'email', channel: 'email', direction: 'out', at: at(d) })),
          explicit: true,
        },
        PANEL,
      );
      expect(logged, JSON.stringify(logged)).toMatchObject({ ok: true });
      await expectSynced(b, a);

      const card = async () => {
        const res = await dispatch(handlers, a.services, { type: 'contact.get', id: contactId }, PANEL);
        if (!res.ok) throw new Error(JSON.stringify(res));
        return (
          res.data as {
            knowsBest: { memberId: string; self: boolean; name: string | null; kind: string; count: number };
          }
        ).knowsBest;
      };
      expect(await card()).toMatchObject({
        memberId: b.user.id,
        self: false,
        name: b.user.name,
        kind: 'email',
        count: 3,
      });
      expect(b.user.name).toBe('User 1 (lead)');
      const cached = await readState(a.db, 'members');
      expect(cached?.list.map((m) => m.id).sort()).toEqual([a.user.id, b.user.id].sort());

      // Offline and the cache stale: the card still names B from the cache, and the cache is kept.
      world.net.heal(false);
      world.net.setOffline(0, true);
      world.advance(MEMBERS_MAX_AGE_MS + 1);
      expect((await card()).name).toBe(b.user.name);
      expect((await memberNames(a.db)).get(b.user.id)).toBe(b.user.name);
    });
  });
}
