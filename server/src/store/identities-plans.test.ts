import { expect, it } from 'vitest';
import { newId } from '../testing/ids.ts';
import { planSteps, recordingDb } from '../testing/plans.ts';
import { forEachStore } from '../testing/test-store.ts';
import { type IdentityHolder, identitiesRepo } from './repos/identities.ts';
import { rowQueriesRepo } from './repos/row-queries.ts';

/**
 * Every statement the repositories send to `identities` is found through an index: the primary key
 * (team_id, entity, kind, value) or identities_row (team_id, entity, id). Migration 016 dropped the
 * (team_id, kind, value) index; a statement that stops naming the entity would scan the team's (or
 * the table's) identities, and this fails. The statements are the repositories' own, recorded while
 * they run, then explained with the same parameters.
 */
forEachStore('identities: every statement searches an index', (ctx) => {
  it('reads, claims and releases without scanning', async () => {
    const { store } = ctx;
    const team = async (name: string) =>
      (await store.teams.create({ id: newId(), name, settings: {}, at: '2026-03-01T00:00:00.000Z' })).id;
    const holders = (entity: string, n: number): IdentityHolder[] =>
      Array.from({ length: n }, (_, i) => [
        { entity, kind: 'email', value: `p${i}@${entity}.test`, id: `${entity}-${i}` },
        { entity, kind: 'phone', value: `+1555${String(i).padStart(6, '0')}`, id: `${entity}-${i}` },
      ]).flat();
    // Five teams of 1,500 contacts and 500 customers (two values each): large enough that Postgres
    // searches by value rather than reading a team's values, small beside the table.
    const teams: string[] = [];
    for (let t = 0; t < 5; t++) {
      teams.push(await team(`t${t}`));
      await store.identities.applyChanges(teams[t] as string, {
        remove: [],
        add: [...holders('contact', 1_500), ...holders('customer', 500)],
      });
    }
    const teamId = teams[2] as string;
    if (store.dialect === 'postgres') await store.db.exec('ANALYZE identities');

    const { db, sent } = recordingDb(
      store.db,
      (sql) => /\bidentities\b/.test(sql) && !/^\s*INSERT/i.test(sql),
    );
    const identities = identitiesRepo(db);
    const rowQueries = rowQueriesRepo(db);

    const asked = [
      { kind: 'email', value: 'p3@contact.test' },
      { kind: 'phone', value: '+1555000004' },
      { kind: 'email', value: 'nobody@x.test' },
    ];
    expect((await identities.lookup(teamId, asked, 'contact')).map((h) => h.id)).toEqual([
      'contact-3',
      'contact-4',
    ]);
    expect((await identities.heldByMany(teamId, 'contact', ['contact-7'])).length).toBe(2);
    expect(await identities.listFor(teamId, 'customer', 'customer-1')).toEqual([
      { kind: 'email', value: 'p1@customer.test' },
      { kind: 'phone', value: '+1555000001' },
    ]);
    // Drops one value (by kind, value and row), claims a held one (a clash), releases a whole row.
    expect(
      await identities.replaceMany(teamId, 'contact', [
        { id: 'contact-8', identities: [{ kind: 'email', value: 'p8@contact.test' }] },
        { id: 'contact-9', identities: [{ kind: 'email', value: 'p3@contact.test' }] },
        { id: 'contact-10', identities: [] },
      ]),
    ).toEqual([{ kind: 'email', value: 'p3@contact.test', id: 'contact-9', heldBy: 'contact-3' }]);
    await identities.removeFor(teamId, 'contact', 'contact-11');
    await identities.applyChanges(teamId, {
      remove: [{ entity: 'contact', kind: 'email', value: 'p12@contact.test', id: 'contact-12' }],
      add: [],
    });
    expect(await rowQueries.holders(teamId, 'customer', 'email', ['p2@customer.test'])).toEqual(
      new Map([['p2@customer.test', 'customer-2']]),
    );
    // 1,500 contacts, less contact-9..12's emails (9 gave its own up for a value it could not claim).
    expect((await rowQueries.identityValues(teamId, 'contact', 'email')).length).toBe(1_496);

    // SELECT by value, SELECT by row, DELETE by value, by value and row, by rows; both SELECT forms on Postgres.
    expect(sent.length).toBeGreaterThanOrEqual(9);
    for (const statement of sent) {
      const { sql } = statement;
      const plan = await planSteps(store.db, statement);
      // Found by value (not by row): the search must reach the value, not filter the team's values.
      const byValue = /\bvalue (=|IN)/.test(sql) && !/\bid (=|IN)/.test(sql);
      if (store.dialect === 'sqlite') {
        // The primary key of this rowid table is the unique index sqlite_autoindex_identities_1.
        const steps = plan.filter((d) => /\bidentities\b/.test(d));
        expect(steps.length, sql).toBeGreaterThan(0);
        for (const step of steps)
          expect(step, sql).toMatch(
            /^SEARCH identities USING (COVERING )?INDEX (sqlite_autoindex_identities_1|identities_row) \(team_id=\? AND entity=\?/,
          );
        if (byValue) for (const step of steps) expect(step, sql).toMatch(/kind=\? AND value=\?\)$/);
      } else {
        const text = plan.join('\n');
        expect(text, sql).not.toMatch(/Seq Scan on identities/);
        expect(text, sql).toMatch(/(Index|Index Only|Bitmap Index) Scan (using|on) identities_(pkey|row)/);
        // The pairs' join (lookup) may read the team's values of the entity through identities_row
        // and hash them instead (json_array_elements is estimated at 100 rows): a range of one
        // team and entity, as before migration 016, which never used identities_value for it.
        if (byValue && !/json_array_elements/.test(sql))
          expect(text, sql).toMatch(/Index Cond: .*\(value = /);
      }
    }
  });
});
