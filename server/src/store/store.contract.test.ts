import { describe, expect, it } from 'vitest';
import { newId, uniqueEmail } from '../testing/ids.ts';
import { forEachStore } from '../testing/test-store.ts';
import { big, int, TransactionMisuseError, toPgPlaceholders, UniqueViolationError } from './driver.ts';
import { migrations } from './migrations/index.ts';
import { runMigrations } from './migrations/run-migrations.ts';
import type { RowRecord, RowWrite, Store } from './store.ts';
import { START_POSITION } from './store.ts';

const AT = '2026-03-01T10:00:00.000Z';

async function makeTeam(store: Store, name = 'Team') {
  return store.teams.create({ id: newId(), name, settings: { currency: 'USD' }, at: AT });
}

async function makeUser(store: Store, teamId: string, role: 'rep' | 'lead' | 'admin' = 'rep') {
  return store.users.create({
    id: newId(),
    teamId,
    email: uniqueEmail(role),
    name: role,
    role,
    passwordHash: 'x',
    at: AT,
  });
}

function row(
  entity: string,
  id: string,
  data: Record<string, unknown>,
  extra: Partial<RowWrite> = {},
): RowWrite {
  return {
    entity,
    id,
    state: { fields: data },
    data,
    deletedAt: null,
    ownerId: null,
    customerId: null,
    contactId: null,
    search: String(data.name ?? '').toLowerCase(),
    updatedAt: AT,
    ...extra,
  };
}

describe('toPgPlaceholders', () => {
  it('numbers ? outside quotes only', () => {
    expect(toPgPlaceholders("SELECT ? , '?' , \"a?\" WHERE x = ? AND y LIKE ? ESCAPE '\\'")).toBe(
      "SELECT $1 , '?' , \"a?\" WHERE x = $2 AND y LIKE $3 ESCAPE '\\'",
    );
  });
});

forEachStore('store contract', (ctx) => {
  it('migrations are idempotent: a second run applies nothing', async () => {
    expect(await runMigrations(ctx.store.db as never, migrations)).toEqual([]);
    const r = await ctx.store.db.get<{ n: unknown }>('SELECT COUNT(*) AS n FROM schema_migrations');
    expect(int(r?.n)).toBe(migrations.length);
  });

  it('keeps 64-bit money exact', async () => {
    const team = await makeTeam(ctx.store);
    const huge = 9_007_199_254_740_993n; // 2^53 + 1: a float would lose the last unit
    await ctx.store.db.run(
      `INSERT INTO order_lines (team_id, id, line_key, customer_id, order_id, ordered_at, quantity, revenue, profit, currency, created_at)
       VALUES (?, 'id1', 'L1', 'c', 'o', '2026-01-01', 1.5, ?, ?, 'USD', ?)`,
      [team.id, huge, -huge, AT],
    );
    const r = await ctx.store.db.get<{ revenue: unknown; profit: unknown; total: unknown }>(
      'SELECT revenue, profit, SUM(revenue) AS total FROM order_lines WHERE team_id = ? GROUP BY revenue, profit',
      [team.id],
    );
    expect(big(r?.revenue)).toBe(huge);
    expect(big(r?.profit)).toBe(-huge);
    expect(big(r?.total)).toBe(huge);
  });

  describe('teams', () => {
    it('creates, reads, renames and stores settings JSON', async () => {
      const team = await makeTeam(ctx.store, 'Acme');
      expect(await ctx.store.teams.get(team.id)).toEqual(team);
      expect(team.version).toBe(0);
      const renamed = await ctx.store.teams.rename(team.id, 'Acme Ltd', '2026-03-02T00:00:00.000Z');
      expect(renamed?.name).toBe('Acme Ltd');
      const withSettings = await ctx.store.teams.setSettings(
        team.id,
        { currency: 'EUR', nested: { a: [1, 2] } },
        AT,
      );
      expect(withSettings?.settings).toEqual({ currency: 'EUR', nested: { a: [1, 2] } });
      expect((await ctx.store.teams.findByName('Acme Ltd')).map((t) => t.id)).toContain(team.id);
      expect(await ctx.store.teams.get(newId())).toBeUndefined();
    });

    it('the default team is the first created', async () => {
      const first = (await ctx.store.teams.list())[0];
      expect((await ctx.store.teams.getDefault())?.id).toBe(first?.id);
    });

    it('lock() refuses to run outside a transaction', async () => {
      const team = await makeTeam(ctx.store);
      await expect(ctx.store.teams.lock(team.id)).rejects.toThrow(/inside store.transaction/);
    });

    it('concurrent version bumps under the team lock never lose an increment', async () => {
      const team = await makeTeam(ctx.store);
      const bump = () =>
        ctx.store.transaction(async (tx) => {
          const v = await tx.teams.lock(team.id);
          await new Promise((r) => setTimeout(r, 2)); // give the other transactions a chance to interleave
          await tx.teams.setVersion(team.id, v + 1);
          return v + 1;
        });
      const results = await Promise.all(Array.from({ length: 8 }, bump));
      expect([...results].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect((await ctx.store.teams.get(team.id))?.version).toBe(8);
    });
  });

  describe('transactions', () => {
    it('roll back every write when the callback throws', async () => {
      const team = await makeTeam(ctx.store);
      await expect(
        ctx.store.transaction(async (tx) => {
          await tx.teams.rename(team.id, 'changed', AT);
          await tx.rows.put(team.id, 1, [row('contact', newId(), { name: 'Ann' })]);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await ctx.store.teams.get(team.id))?.name).toBe('Team');
      expect(await ctx.store.rows.after(team.id, START_POSITION, 10)).toEqual([]);
    });

    it('nested transaction() joins the outer one', async () => {
      const team = await makeTeam(ctx.store);
      await expect(
        ctx.store.transaction(async (tx) => {
          await tx.transaction((inner) => inner.teams.rename(team.id, 'inner', AT));
          throw new Error('outer fails');
        }),
      ).rejects.toThrow('outer fails');
      expect((await ctx.store.teams.get(team.id))?.name).toBe('Team');
    });

    it('using the root store inside a transaction is an error, not a deadlock', async () => {
      const team = await makeTeam(ctx.store);
      await expect(ctx.store.transaction(() => ctx.store.teams.get(team.id))).rejects.toBeInstanceOf(
        TransactionMisuseError,
      );
      // and the store still works afterwards
      expect((await ctx.store.teams.get(team.id))?.id).toBe(team.id);
    });

    it('a transaction store cannot be used after it finished', async () => {
      let leaked: Store | undefined;
      await ctx.store.transaction(async (tx) => {
        leaked = tx;
      });
      await expect(leaked!.teams.list()).rejects.toThrow(/already finished/);
    });
  });

  describe('users and tokens', () => {
    it('login emails are unique across teams, case-insensitively', async () => {
      const a = await makeTeam(ctx.store);
      const b = await makeTeam(ctx.store);
      const email = uniqueEmail('dup');
      await ctx.store.users.create({
        id: newId(),
        teamId: a.id,
        email,
        name: 'A',
        role: 'rep',
        passwordHash: 'h',
        at: AT,
      });
      await expect(
        ctx.store.users.create({
          id: newId(),
          teamId: b.id,
          email: email.toUpperCase(),
          name: 'B',
          role: 'rep',
          passwordHash: 'h',
          at: AT,
        }),
      ).rejects.toBeInstanceOf(UniqueViolationError);
      const found = await ctx.store.users.findByEmail(email.toUpperCase());
      expect(found?.teamId).toBe(a.id);
      expect(found?.passwordHash).toBe('h');
    });

    it('get/list/update are scoped by team', async () => {
      const a = await makeTeam(ctx.store);
      const b = await makeTeam(ctx.store);
      const user = await makeUser(ctx.store, a.id, 'lead');
      expect(await ctx.store.users.get(b.id, user.id)).toBeUndefined();
      expect(await ctx.store.users.update(b.id, user.id, { name: 'hijack' }, AT)).toBeUndefined();
      expect((await ctx.store.users.get(a.id, user.id))?.name).toBe('lead');
      expect(await ctx.store.users.list(b.id)).toEqual([]);
      const updated = await ctx.store.users.update(
        a.id,
        user.id,
        { role: 'admin', active: false },
        '2026-03-05T00:00:00.000Z',
      );
      expect(updated).toMatchObject({ role: 'admin', active: false, updatedAt: '2026-03-05T00:00:00.000Z' });
      expect(await ctx.store.users.countActive(a.id, 'admin')).toBe(0);
    });

    it('resolves a token only while unexpired and the user is active', async () => {
      const team = await makeTeam(ctx.store);
      const user = await makeUser(ctx.store, team.id);
      const tokenHash = `h-${newId()}`;
      await ctx.store.tokens.create({
        tokenHash,
        userId: user.id,
        teamId: team.id,
        createdAt: AT,
        expiresAt: '2026-03-02T10:00:00.000Z',
      });
      const session = await ctx.store.tokens.resolve(tokenHash, '2026-03-02T09:59:59.999Z');
      expect(session?.user.id).toBe(user.id);
      expect(session?.team.id).toBe(team.id);
      expect(await ctx.store.tokens.resolve(tokenHash, '2026-03-02T10:00:00.000Z')).toBeUndefined();
      await ctx.store.users.update(team.id, user.id, { active: false }, AT);
      expect(await ctx.store.tokens.resolve(tokenHash, AT)).toBeUndefined();
      expect(await ctx.store.tokens.deleteForUser(team.id, user.id)).toBe(1);
    });

    it('counts login failures per email + address, per address and per email inside the window', async () => {
      const email = uniqueEmail('rl');
      const other = uniqueEmail('rl2');
      const ip = `10.1.${Math.floor(Math.random() * 250)}.1`;
      const fail = (e: string, address: string, at: string) =>
        ctx.store.loginAttempts.recordFailure({ id: newId(), email: e, ip: address, at });
      for (const at of ['2026-03-01T10:00:00.000Z', '2026-03-01T10:05:00.000Z', '2026-03-01T10:20:00.000Z'])
        await fail(email, ip, at);
      await fail(email, '10.0.0.2', '2026-03-01T10:20:00.000Z');
      await fail(other, ip, '2026-03-01T10:21:00.000Z');
      const since = '2026-03-01T10:04:59.999Z';
      const counts = await ctx.store.loginAttempts.counts(email, ip, since, since);
      expect(counts).toEqual({
        pair: { count: 2, oldest: '2026-03-01T10:05:00.000Z', latest: '2026-03-01T10:20:00.000Z' },
        address: { count: 3, oldest: '2026-03-01T10:05:00.000Z', latest: '2026-03-01T10:21:00.000Z' },
        account: { count: 3, oldest: '2026-03-01T10:05:00.000Z', latest: '2026-03-01T10:20:00.000Z' },
        knownAddress: false,
      });
      await ctx.store.loginAttempts.recordSuccess(email, ip, '2026-03-01T10:30:00.000Z');
      const after = await ctx.store.loginAttempts.counts(email, ip, since, since);
      expect([after.pair.count, after.address.count, after.account.count, after.knownAddress]).toEqual([
        0,
        1,
        1,
        true,
      ]);
      expect(
        (await ctx.store.loginAttempts.counts(email, ip, since, '2026-03-01T10:30:00.000Z')).knownAddress,
      ).toBe(false);
      expect(
        await ctx.store.loginAttempts.purge('2026-03-01T10:20:30.000Z', '2026-03-01T10:30:00.001Z'),
      ).toBe(2);
      const purged = await ctx.store.loginAttempts.counts(email, ip, AT, AT);
      expect([purged.address.count, purged.knownAddress]).toEqual([1, false]);
    });
  });

  describe('rows', () => {
    it('put() inserts and replaces; get/getMany are team-scoped', async () => {
      const a = await makeTeam(ctx.store);
      const b = await makeTeam(ctx.store);
      const id = newId();
      await ctx.store.rows.put(a.id, 1, [
        row('contact', id, { name: 'Ann', emails: ['ann@x.test'] }, { ownerId: 'u1' }),
      ]);
      await ctx.store.rows.put(a.id, 2, [row('contact', id, { name: 'Ann B' }, { ownerId: 'u2' })]);
      const got = await ctx.store.rows.get(a.id, 'contact', id);
      expect(got).toMatchObject({
        version: 2,
        data: { name: 'Ann B' },
        ownerId: 'u2',
        state: { fields: { name: 'Ann B' } },
      });
      expect(await ctx.store.rows.get(b.id, 'contact', id)).toBeUndefined();
      expect(await ctx.store.rows.getMany(b.id, 'contact', [id])).toEqual([]);
      expect((await ctx.store.rows.getMany(a.id, 'contact', [id, newId()])).map((r) => r.id)).toEqual([id]);
    });

    it('putExisting() stores what put() stores: updated in place, moved keys, new rows, customers, other teams', async () => {
      const a = await makeTeam(ctx.store);
      const b = await makeTeam(ctx.store);
      const [same, moved, fresh, revived, cust] = Array.from({ length: 5 }, () => newId());
      await ctx.store.rows.put(a.id, 1, [
        row('customerMetrics', same!, { name: 'm1' }, { customerId: 'c1' }),
        row('customerMetrics', moved!, { name: 'm2' }, { customerId: 'c2', ownerId: 'u1' }),
        row('customerMetrics', revived!, { name: 'm3' }, { customerId: 'c3', deletedAt: AT }),
        row('customer', cust!, { name: 'Acme' }),
      ]);
      // The same id in another team must not be touched by team a's update.
      await ctx.store.rows.put(b.id, 1, [row('customerMetrics', same!, { name: 'b' }, { customerId: 'c1' })]);
      const writes = [
        row('customerMetrics', same!, { name: 'old' }, { customerId: 'c1' }),
        row(
          'customerMetrics',
          same!,
          { name: 'M1' },
          { customerId: 'c1', updatedAt: '2026-02-02T00:00:00.000Z' },
        ),
        row('customerMetrics', moved!, { name: 'M2' }, { customerId: 'c9', ownerId: null }),
        row('customerMetrics', fresh!, { name: 'M4' }, { customerId: 'c4' }),
        row('customerMetrics', revived!, { name: 'M3' }, { customerId: 'c3' }),
        row('customer', cust!, { name: 'Acme Two' }),
      ];
      await ctx.store.rows.putExisting(a.id, 2, writes);
      const strip = ({ teamId: _t, ...r }: RowRecord) => r;
      const got = (await ctx.store.rows.after(a.id, START_POSITION, 100)).map(strip);
      expect(got).toHaveLength(5);
      expect(got.every((r) => r.version === 2)).toBe(true);
      expect(
        Object.fromEntries(
          got.map((r) => [r.id, [r.data.name, r.ownerId, r.customerId, r.deletedAt, r.search]]),
        ),
      ).toEqual({
        [same!]: ['M1', null, 'c1', null, 'm1'],
        [moved!]: ['M2', null, 'c9', null, 'm2'],
        [fresh!]: ['M4', null, 'c4', null, 'm4'],
        [revived!]: ['M3', null, 'c3', null, 'm3'],
        [cust!]: ['Acme Two', null, null, null, 'acme two'],
      });
      expect((await ctx.store.rows.get(a.id, 'customerMetrics', same!))?.updatedAt).toBe(
        '2026-02-02T00:00:00.000Z',
      );
      expect(
        (await ctx.store.rows.list(a.id, 'customerMetrics', { customerId: 'c9', limit: 10 })).map(
          (r) => r.id,
        ),
      ).toEqual([moved]);
      expect(await ctx.store.rows.get(b.id, 'customerMetrics', same!)).toMatchObject({
        version: 1,
        data: { name: 'b' },
      });
    });

    it('after() pages by (version, entity, id) even when one version stamps many rows', async () => {
      const team = await makeTeam(ctx.store);
      const ids = Array.from({ length: 7 }, () => newId()).sort();
      await ctx.store.rows.put(
        team.id,
        1,
        ids.slice(0, 5).map((id) => row('contact', id, { name: id })),
      );
      await ctx.store.rows.put(team.id, 1, [row('company', ids[5]!, { name: 'c' })]);
      await ctx.store.rows.put(team.id, 2, [row('contact', ids[6]!, { name: 'late' })]);
      const seen: string[] = [];
      let position = START_POSITION;
      for (;;) {
        const page = await ctx.store.rows.after(team.id, position, 2);
        if (page.length === 0) break;
        for (const r of page) seen.push(`${r.version}:${r.entity}:${r.id}`);
        const last = page[page.length - 1]!;
        position = { version: last.version, entity: last.entity, id: last.id };
      }
      expect(seen).toEqual([
        `1:company:${ids[5]}`,
        ...ids.slice(0, 5).map((id) => `1:contact:${id}`),
        `2:contact:${ids[6]}`,
      ]);
    });

    it('statesAfter() pages like after(), with each state as JSON text of the stored state', async () => {
      const team = await makeTeam(ctx.store);
      const ids = Array.from({ length: 3 }, () => newId()).sort();
      await ctx.store.rows.put(team.id, 1, [row('contact', ids[0]!, { name: 'a' })]);
      await ctx.store.rows.put(
        team.id,
        2,
        ids.slice(1).map((id) => row('contact', id, { name: id })),
      );
      const full = await ctx.store.rows.after(team.id, { version: 1, entity: '', id: '' }, 10);
      const text = await ctx.store.rows.statesAfter(team.id, { version: 1, entity: '', id: '' }, 10);
      expect(text.map((r) => [r.version, r.entity, r.id])).toEqual(
        full.map((r) => [r.version, r.entity, r.id]),
      );
      expect(text.map((r) => typeof r.state)).toEqual(['string', 'string', 'string']);
      expect(text.map((r) => JSON.parse(r.state))).toEqual(full.map((r) => r.state));
      expect(
        await ctx.store.rows.statesAfter(team.id, { version: 2, entity: 'contact', id: ids[2]! }, 10),
      ).toEqual([]);
    });

    it('orders entity and id byte-wise in both engines', async () => {
      const team = await makeTeam(ctx.store);
      await ctx.store.rows.put(team.id, 1, [
        row('alpha', 'b-1', {}),
        row('Zeta', 'a-1', {}),
        row('alpha', 'B-1', {}),
        row('alpha', 'b1', {}),
      ]);
      const order = (await ctx.store.rows.after(team.id, START_POSITION, 10)).map(
        (r) => `${r.entity}/${r.id}`,
      );
      expect(order).toEqual(['Zeta/a-1', 'alpha/B-1', 'alpha/b-1', 'alpha/b1']);
    });

    it('put() with a repeated id keeps the last write', async () => {
      const team = await makeTeam(ctx.store);
      const id = newId();
      await ctx.store.rows.put(team.id, 3, [
        row('contact', id, { name: 'first' }),
        row('contact', id, { name: 'second' }),
      ]);
      expect((await ctx.store.rows.get(team.id, 'contact', id))?.data).toEqual({ name: 'second' });
    });

    it('list() filters, searches literally, hides tombstones and pages newest first', async () => {
      const team = await makeTeam(ctx.store);
      const [c1, c2, c3, c4] = Array.from({ length: 4 }, () => newId()).sort();
      await ctx.store.rows.put(team.id, 1, [
        row('contact', c1!, { name: 'Sean Miller' }, { ownerId: 'u1', customerId: 'cust1' }),
        row('contact', c2!, { name: '100% Maria_Lopez' }, { ownerId: 'u2' }),
        row('contact', c3!, { name: 'Sean Gone' }, { deletedAt: AT }),
        row('contact', c4!, { name: 'Zed' }, { ownerId: 'u1' }),
      ]);
      const ids = async (q: Parameters<Store['rows']['list']>[2]) =>
        (await ctx.store.rows.list(team.id, 'contact', q)).map((r) => r.id);
      expect(await ids({ limit: 10 })).toEqual([c4, c2, c1]);
      expect(await ids({ limit: 10, search: 'SEAN' })).toEqual([c1]);
      expect(await ids({ limit: 10, search: 'sean', includeDeleted: true })).toEqual([c3, c1]);
      expect(await ids({ limit: 10, search: '100%' })).toEqual([c2]);
      expect(await ids({ limit: 10, search: 'a_l' })).toEqual([c2]);
      expect(await ids({ limit: 10, search: 'n_m' })).toEqual([]);
      expect(await ids({ limit: 10, ownerId: 'u1' })).toEqual([c4, c1]);
      expect(await ids({ limit: 10, customerId: 'cust1' })).toEqual([c1]);
      expect(await ids({ limit: 2 })).toEqual([c4, c2]);
      expect(await ids({ limit: 2, before: c2 })).toEqual([c1]);
      expect((await ctx.store.rows.ownedBy(team.id, ['contact'], 'u1')).map((r) => r.id)).toEqual([c1, c4]);
    });

    it('purgeDeleted() removes tombstones up to a version', async () => {
      const team = await makeTeam(ctx.store);
      const [a, b, c] = [newId(), newId(), newId()];
      await ctx.store.rows.put(team.id, 1, [row('contact', a, {}, { deletedAt: AT }), row('contact', b, {})]);
      await ctx.store.rows.put(team.id, 2, [row('contact', c, {}, { deletedAt: AT })]);
      expect(await ctx.store.rows.purgeDeleted(team.id, 1)).toBe(1);
      expect((await ctx.store.rows.after(team.id, START_POSITION, 10)).map((r) => r.id).sort()).toEqual(
        [b, c].sort(),
      );
    });
  });

  describe('identities and aliases', () => {
    it('replace() claims free values, reports values held by another row, and releases dropped ones', async () => {
      const team = await makeTeam(ctx.store);
      const [older, newer] = [newId(), newId()];
      expect(
        await ctx.store.identities.replace(team.id, 'contact', older, [
          { kind: 'email', value: 'sean@x.test' },
        ]),
      ).toEqual([]);
      const conflicts = await ctx.store.identities.replace(team.id, 'contact', newer, [
        { kind: 'email', value: 'sean@x.test' },
        { kind: 'linkedin', value: 'sean-m' },
        { kind: 'linkedin', value: 'sean-m' },
      ]);
      expect(conflicts).toEqual([{ kind: 'email', value: 'sean@x.test', id: newer, heldBy: older }]);
      expect(await ctx.store.identities.listFor(team.id, 'contact', newer)).toEqual([
        { kind: 'linkedin', value: 'sean-m' },
      ]);
      // the older row drops its email: the value becomes free
      await ctx.store.identities.replace(team.id, 'contact', older, [{ kind: 'phone', value: '+15550100' }]);
      expect(
        await ctx.store.identities.lookup(team.id, [{ kind: 'email', value: 'sean@x.test' }], 'contact'),
      ).toEqual([]);
      const holders = await ctx.store.identities.lookup(
        team.id,
        [
          { kind: 'phone', value: '+15550100' },
          { kind: 'linkedin', value: 'sean-m' },
        ],
        'contact',
      );
      expect(holders.map((h) => h.id).sort()).toEqual([older, newer].sort());
      // another team never sees these values
      const other = await makeTeam(ctx.store);
      expect(
        await ctx.store.identities.lookup(other.id, [{ kind: 'linkedin', value: 'sean-m' }], 'contact'),
      ).toEqual([]);
      await ctx.store.identities.removeFor(team.id, 'contact', newer);
      expect(await ctx.store.identities.listFor(team.id, 'contact', newer)).toEqual([]);
    });

    it('replaceMany() handles a batch: claims, clashes within the batch, releases', async () => {
      const team = await makeTeam(ctx.store);
      const ids = Array.from({ length: 450 }, () => newId()); // more than one internal batch
      const rows = ids.map((id, i) => ({ id, identities: [{ kind: 'email', value: `p${i}@x.test` }] }));
      rows.push({ id: ids[0]!, identities: [{ kind: 'email', value: 'p0@x.test' }] });
      const twin = newId();
      rows.push({
        id: twin,
        identities: [
          { kind: 'email', value: 'p449@x.test' },
          { kind: 'phone', value: '+1555' },
        ],
      });
      const clashes = await ctx.store.identities.replaceMany(team.id, 'contact', rows);
      expect(clashes).toEqual([{ kind: 'email', value: 'p449@x.test', id: twin, heldBy: ids[449] }]);
      expect(await ctx.store.identities.listFor(team.id, 'contact', twin)).toEqual([
        { kind: 'phone', value: '+1555' },
      ]);
      await ctx.store.identities.replaceMany(team.id, 'contact', [
        { id: ids[449]!, identities: [] },
        { id: ids[1]!, identities: [{ kind: 'email', value: 'new@x.test' }] },
      ]);
      const held = await ctx.store.identities.lookup(
        team.id,
        [
          { kind: 'email', value: 'p449@x.test' },
          { kind: 'email', value: 'p1@x.test' },
          { kind: 'email', value: 'new@x.test' },
          { kind: 'email', value: 'p2@x.test' },
        ],
        'contact',
      );
      expect(held.map((h) => [h.value, h.id])).toEqual([
        ['new@x.test', ids[1]],
        ['p2@x.test', ids[2]],
      ]);
    });

    it('the same value may identify a contact and a customer', async () => {
      const team = await makeTeam(ctx.store);
      const [contact, customer] = [newId(), newId()];
      await ctx.store.identities.replace(team.id, 'contact', contact, [{ kind: 'email', value: 'a@b.test' }]);
      expect(
        await ctx.store.identities.replace(team.id, 'customer', customer, [
          { kind: 'email', value: 'a@b.test' },
        ]),
      ).toEqual([]);
      expect(
        await ctx.store.identities.lookup(team.id, [{ kind: 'email', value: 'a@b.test' }], 'customer'),
      ).toEqual([{ entity: 'customer', kind: 'email', value: 'a@b.test', id: customer }]);
    });

    it('lookup() of one entity answers every kind at once, in order, only for that entity and team', async () => {
      const team = await makeTeam(ctx.store);
      const other = await makeTeam(ctx.store);
      const [jane, sean, acme] = [newId(), newId(), newId()];
      // More values than one statement takes on Postgres (5,000 pairs), of several kinds and awkward text.
      const many = Array.from({ length: 5_003 }, (_, i) => ({
        entity: 'contact',
        kind: i % 2 === 0 ? 'email' : 'phone',
        value: i % 2 === 0 ? `p${i}@x.test` : `+1555${String(i).padStart(7, '0')}`,
        id: jane,
      }));
      const awkward = { entity: 'contact', kind: 'linkedin', value: `o'brien-"q"-\\-é-中`, id: sean };
      await ctx.store.identities.applyChanges(team.id, {
        remove: [],
        add: [...many, awkward, { entity: 'customer', kind: 'email', value: 'p0@x.test', id: acme }],
      });
      await ctx.store.identities.applyChanges(other.id, {
        remove: [],
        add: [{ entity: 'contact', kind: 'x', value: 'sean', id: sean }],
      });
      const asked = [
        { kind: 'x', value: 'sean' },
        { kind: awkward.kind, value: awkward.value },
        { kind: 'email', value: 'nobody@x.test' },
        ...many.map(({ kind, value }) => ({ kind, value })),
        { kind: 'email', value: 'p0@x.test' },
      ];
      const found = await ctx.store.identities.lookup(team.id, asked, 'contact');
      const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
      expect(found).toEqual([...many, awkward].sort((a, b) => cmp(a.kind, b.kind) || cmp(a.value, b.value)));
      expect(
        await ctx.store.identities.lookup(team.id, [{ kind: 'email', value: 'p0@x.test' }], 'customer'),
      ).toEqual([{ entity: 'customer', kind: 'email', value: 'p0@x.test', id: acme }]);
      expect(await ctx.store.identities.lookup(team.id, [], 'contact')).toEqual([]);
    });

    it('resolve() follows alias chains; after() pages by version', async () => {
      const team = await makeTeam(ctx.store);
      const [a, b, c, d] = [newId(), newId(), newId(), newId()];
      await ctx.store.aliases.add(team.id, { entity: 'contact', fromId: b, toId: a, version: 1 });
      await ctx.store.aliases.add(team.id, { entity: 'contact', fromId: c, toId: b, version: 2 });
      const resolved = await ctx.store.aliases.resolve(team.id, 'contact', [a, b, c, d]);
      expect(Object.fromEntries(resolved)).toEqual({ [b]: a, [c]: a });
      expect((await ctx.store.aliases.after(team.id, 1, 10)).map((x) => x.fromId)).toEqual([c]);
      expect((await ctx.store.aliases.resolve(team.id, 'customer', [b])).size).toBe(0);
    });
  });

  describe('sync clients', () => {
    it('records the owning user, last mutation id and a per-mutation log', async () => {
      const team = await makeTeam(ctx.store);
      const user = await makeUser(ctx.store, team.id);
      const clientId = newId();
      await ctx.store.syncClients.create({ clientId, teamId: team.id, userId: user.id, at: AT });
      await ctx.store.syncClients.setLastMutationId(clientId, 2, '2026-03-01T10:01:00.000Z');
      expect(await ctx.store.syncClients.get(clientId)).toMatchObject({ userId: user.id, lastMutationId: 2 });
      const entry = { clientId, teamId: team.id, name: 'contact.upsert', at: AT };
      await ctx.store.syncClients.log([
        { ...entry, mutationId: 1, status: 'applied', reason: null },
        { ...entry, mutationId: 2, status: 'rejected', reason: 'forbidden' },
      ]);
      await ctx.store.syncClients.log([{ ...entry, mutationId: 2, status: 'applied', reason: null }]);
      expect(
        (await ctx.store.syncClients.logAfter(clientId, 1, 10)).map((e) => [
          e.mutationId,
          e.status,
          e.reason,
        ]),
      ).toEqual([[2, 'rejected', 'forbidden']]);
      await expect(
        ctx.store.syncClients.create({ clientId, teamId: team.id, userId: user.id, at: AT }),
      ).rejects.toBeInstanceOf(UniqueViolationError);
    });
  });
});
