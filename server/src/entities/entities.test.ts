import { stateFromEntity } from '@rapport/shared/sync/changes';
import { formatHlc, parseHlc } from '@rapport/shared/sync/hlc';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../lib/clock.ts';
import { newId } from '../testing/ids.ts';
import { seedTeam } from '../testing/test-app.ts';
import { forEachStore } from '../testing/test-store.ts';
import { rowColumns, rowIdentities } from './columns.ts';
import { writeDenial } from './permissions.ts';
import { saveRows, writeWithVersion } from './save.ts';
import { createServerHlc, nextHlc } from './server-hlc.ts';

const HLC = formatHlc({ wall: Date.parse('2026-01-15T09:00:00.000Z'), counter: 0, node: 'test' });

describe('row columns and identities', () => {
  it('derive owner, links, search text and identity values from a contact', () => {
    const data = {
      name: 'Sean Miller',
      emails: ['sean@acme.com'],
      phones: ['+1 415-555-0132'],
      handles: [
        { network: 'linkedin', id: 'sean-m' },
        { network: 'wechat', id: 'seanwx' },
      ],
      title: 'CFO',
      tags: ['VIP'],
      ownerId: 'u1',
      customerId: 'c1',
      deletedAt: null,
    };
    expect(rowColumns('contact', data)).toEqual({
      ownerId: 'u1',
      customerId: 'c1',
      contactId: null,
      search: 'sean miller\nsean@acme.com\n+1 415-555-0132\nsean-m\nseanwx\ncfo\nvip',
    });
    expect(rowIdentities('contact', data)).toEqual([
      { kind: 'email', value: 'sean@acme.com' },
      { kind: 'phone', value: '+14155550132' },
      { kind: 'linkedin', value: 'sean-m' },
    ]);
    expect(rowIdentities('contact', { ...data, deletedAt: '2026-01-01T00:00:00.000Z' })).toEqual([]);
    expect(rowColumns('interaction', { authorId: 'u2', contactId: 'k1', subject: 'Hi' }).ownerId).toBe('u2');
    expect(rowIdentities('customer', { externalId: 'SM-20320', emails: [], domains: ['acme.com'] })).toEqual([
      { kind: 'externalId', value: 'SM-20320' },
      { kind: 'domain', value: 'acme.com' },
    ]);
  });
});

describe('writeDenial', () => {
  const rep = { id: 'r', role: 'rep' as const };
  const lead = { id: 'l', role: 'lead' as const };
  it('follows the role rules', () => {
    const own = { ownerId: 'r' };
    const other = { ownerId: 'x' };
    const table: [Parameters<typeof writeDenial>, boolean][] = [
      [[rep, 'contact', 'create', null, own], true],
      [[rep, 'contact', 'create', null, { ownerId: null }], true],
      [[rep, 'contact', 'create', null, other], false],
      [[rep, 'contact', 'update', own, own], true],
      [[rep, 'contact', 'update', own, other], false],
      [[rep, 'contact', 'update', other, other], false],
      [[rep, 'customer', 'delete', own, null], true],
      [[rep, 'opportunity', 'delete', other, null], false],
      [[rep, 'interaction', 'create', null, { authorId: 'r' }], true],
      [[rep, 'interaction', 'create', null, { authorId: 'x' }], false],
      [[rep, 'interaction', 'delete', { authorId: 'x' }, null], false],
      [[rep, 'company', 'create', null, {}], true],
      [[rep, 'company', 'update', {}, {}], false],
      [[rep, 'product', 'create', null, {}], false],
      [[lead, 'contact', 'update', other, own], true],
      [[lead, 'product', 'create', null, {}], true],
      [[lead, 'customerMetrics', 'update', {}, {}], false],
    ];
    for (const [args, allowed] of table)
      expect({ args, allowed: writeDenial(...args) === null }).toEqual({ args, allowed });
  });
});

describe('server HLC', () => {
  it('stamps later than anything already in the row, even from a clock running ahead', () => {
    const hlc = createServerHlc(manualClock('2026-01-15T09:00:00.000Z'));
    const ahead = formatHlc({ wall: Date.parse('2026-03-01T00:00:00.000Z'), counter: 7, node: 'client' });
    const state = { id: 'x', fields: { name: { v: 'A', t: ahead } }, sets: {}, deleted: null };
    const next = nextHlc(hlc, state);
    expect(next > ahead).toBe(true);
    expect(parseHlc(next).node).toMatch(/^srv-[0-9a-f]{8}$/);
    // the row's clock did not move the server's: a write to another row takes the server's time
    expect(parseHlc(nextHlc(hlc, null)).wall).toBe(Date.parse('2026-01-15T09:00:00.000Z'));
    // a row stamped at the end of the representable range cannot be beaten; the write keeps its own time
    const end = { id: 'y', fields: { name: { v: 'A', t: '9999999999999:zzzz:x' } }, sets: {}, deleted: null };
    expect(parseHlc(nextHlc(hlc, end)).wall).toBe(Date.parse('2026-01-15T09:00:00.000Z'));
  });
});

forEachStore('saveRows and writeWithVersion', (ctx) => {
  const contact = (name: string, email: string) =>
    stateFromEntity('contact', { id: newId(), name, emails: [email], source: 'manual' }, HLC);

  it('writes a batch under one version and reports unique identities already taken', async () => {
    const team = await seedTeam(ctx.store);
    const first = contact('First', 'same@x.test');
    const second = contact('Second', 'same@x.test');
    const saved = await writeWithVersion(ctx.store, team.id, async (tx, version) => ({
      result: await saveRows(
        tx,
        team.id,
        version,
        [
          { entity: 'contact', state: first },
          { entity: 'contact', state: second },
        ],
        'now',
      ),
      changed: true,
    }));
    expect(saved.map((s) => [s.record.data.name, s.record.version, s.duplicates])).toEqual([
      ['First', 1, []],
      ['Second', 1, [{ kind: 'email', value: 'same@x.test', id: second.id, heldBy: first.id }]],
    ]);
    expect((await ctx.store.teams.get(team.id))?.version).toBe(1);
  });

  it('bumps the team version only when asked, and not at all when the callback throws', async () => {
    const team = await seedTeam(ctx.store);
    await writeWithVersion(ctx.store, team.id, async () => ({ result: null, changed: false }));
    expect((await ctx.store.teams.get(team.id))?.version).toBe(0);
    await expect(
      writeWithVersion(ctx.store, team.id, async (tx, version) => {
        await saveRows(tx, team.id, version, [{ entity: 'contact', state: contact('X', 'x@x.test') }], 'now');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await ctx.store.teams.get(team.id))?.version).toBe(0);
    expect(
      await ctx.store.identities.lookup(team.id, [{ kind: 'email', value: 'x@x.test' }], 'contact'),
    ).toEqual([]);
  });

  it('refuses a state that is not a valid entity', async () => {
    const team = await seedTeam(ctx.store);
    const bad = { id: newId(), fields: { source: { v: 'manual', t: HLC } }, sets: {}, deleted: null }; // no name
    await expect(
      writeWithVersion(ctx.store, team.id, async (tx, version) => ({
        result: await saveRows(tx, team.id, version, [{ entity: 'contact', state: bad }], 'now'),
        changed: true,
      })),
    ).rejects.toThrow(/cannot be materialised/);
  });
});
