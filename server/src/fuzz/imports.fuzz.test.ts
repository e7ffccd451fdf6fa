// Import fuzz: order and contact files (CSV and vCard) truncated, mis-encoded, with the wrong
// delimiter, oversized, or carrying NUL bytes, through the real import routes on SQLite and Postgres.
// Every answer is below 500: a clear 4xx refusal that wrote nothing, or a 200 that reports the bad
// rows and whose counts match exactly what was stored (nothing half-written).
import { isDeepStrictEqual } from 'node:util';
import { ErrorBody } from '@rapport/shared/schemas/api';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { csvOf } from '../imports/test-kit.ts';
import { fixtureCsv } from '../routes/reports/fixture.ts';
import type { Team } from '../store/store.ts';
import { createTestApp, seedTeam, type TestApp } from '../testing/test-app.ts';
import { forEachStore } from '../testing/test-store.ts';
import { snapshot } from './world.ts';

const SEED = 20261207;
const RUNS = 25;

const CONTACTS_CSV = csvOf(
  ['Name', 'Email', 'Phone', 'Company', 'Title'],
  [
    ['Zoë Ångström', 'zoe@acme.test', '+14155550132', 'Acme', 'CFO'],
    ['李雷', 'li@acme.test', '', 'Acme', '采购'],
    ['Bob "The" Builder', 'bob@build.test', '', '', ''],
  ],
);
const VCARDS = [
  'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström\r\nEMAIL:zoe@vc.test\r\nTEL:+14155550199\r\nORG:Acme\r\nEND:VCARD',
  'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:李雷\r\nEMAIL;TYPE=work:li@vc.test\r\nEND:VCARD',
].join('\r\n');

type Corruption = (bytes: Buffer) => Buffer;

const latin1 = (b: Buffer) => Buffer.from(b.toString('utf8'), 'latin1');
const corruptions: fc.Arbitrary<{ name: string; apply: Corruption }> = fc.oneof(
  fc
    .nat()
    .map((n) => ({ name: `truncated at ${n}`, apply: (b: Buffer) => b.subarray(0, n % (b.length + 1)) })),
  fc.constant({
    name: 'UTF-16LE with BOM',
    apply: (b: Buffer) =>
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('utf8'), 'utf16le')]),
  }),
  fc.constant({
    name: 'UTF-16LE without BOM',
    apply: (b: Buffer) => Buffer.from(b.toString('utf8'), 'utf16le'),
  }),
  fc.constant({ name: 'Latin-1 bytes of UTF-8 text', apply: (b: Buffer) => Buffer.from(latin1(b)) }),
  fc.constant({ name: 'double BOM', apply: (b: Buffer) => Buffer.concat([Buffer.from('\uFEFF\uFEFF'), b]) }),
  fc.constantFrom(';', '\t', '|', ' ').map((d) => ({
    name: `delimiter ${JSON.stringify(d)}`,
    apply: (b: Buffer) => Buffer.from(b.toString('utf8').replaceAll(',', d)),
  })),
  fc.nat().map((n) => ({
    name: `NUL at ${n}`,
    apply: (b: Buffer) => {
      const at = n % (b.length + 1);
      return Buffer.concat([b.subarray(0, at), Buffer.from([0]), b.subarray(at)]);
    },
  })),
  fc.nat().map((n) => ({
    name: `invalid byte at ${n}`,
    apply: (b: Buffer) => {
      const at = n % (b.length + 1);
      return Buffer.concat([b.subarray(0, at), Buffer.from([0xc3, 0x28, 0xff]), b.subarray(at)]);
    },
  })),
  fc.constant({ name: 'unbalanced quote', apply: (b: Buffer) => Buffer.concat([Buffer.from('"'), b]) }),
  fc.constant({
    name: '2 MB cell',
    apply: (b: Buffer) => {
      const text = b.toString('utf8');
      const cut = text.indexOf('\n') + 1;
      return Buffer.from(`${text.slice(0, cut)}${'x'.repeat(2 * 1024 * 1024)}${text.slice(cut)}`);
    },
  }),
  fc.constant({
    name: '5,000 columns',
    apply: (b: Buffer) =>
      Buffer.from(`${Array.from({ length: 5000 }, (_, i) => `c${i}`).join(',')}\n${b.toString('utf8')}`),
  }),
  fc.constant({ name: 'empty', apply: () => Buffer.alloc(0) }),
  fc.constant({ name: 'only blank lines', apply: () => Buffer.from('\r\n\r\n\n') }),
  fc.constant({
    name: 'binary',
    apply: () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
  }),
);

interface Target {
  name: string;
  /** Only order imports have a dry run. */
  dryRun: boolean;
  url: string;
  contentType: string;
  base: (t: World) => Buffer;
  /** Rows stored by a successful import, from its summary. */
  stored: (summary: Record<string, unknown>) => number;
  count: (t: World) => Promise<number>;
}

interface World {
  t: TestApp;
  team: Team;
  token: string;
  repEmail: string;
}

const targets: Target[] = [
  {
    name: 'orders CSV',
    dryRun: true,
    url: '/api/v1/imports/orders',
    contentType: 'text/csv',
    base: (w) => Buffer.from(fixtureCsv(w.repEmail, w.repEmail)),
    stored: (s) => (s.lines as { new: number }).new,
    count: (w) => w.t.store.orderLines.count(w.team.id),
  },
  {
    name: 'contacts CSV',
    dryRun: false,
    url: '/api/v1/imports/contacts?format=csv',
    contentType: 'text/csv',
    base: () => Buffer.from(CONTACTS_CSV),
    stored: (s) => s.created as number,
    count: async (w) => (await w.t.store.rowQueries.live(w.team.id, 'contact')).length,
  },
  {
    name: 'contacts vCard',
    dryRun: false,
    url: '/api/v1/imports/contacts?format=vcard',
    contentType: 'text/vcard',
    base: () => Buffer.from(VCARDS),
    stored: (s) => s.created as number,
    count: async (w) => (await w.t.store.rowQueries.live(w.team.id, 'contact')).length,
  },
];

forEachStore('import fuzz', (ctx) => {
  let world: World;
  beforeAll(async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store, 'Import fuzz');
    const lead = await t.member(team, 'lead');
    const rep = await t.member(team, 'rep');
    world = { t, team, token: lead.token, repEmail: rep.user.email };
  });

  for (const target of targets) {
    it(`${target.name}: damaged files get per-row errors or one clear 4xx, never a 500 or a half-write`, async () => {
      const failures: string[] = [];
      await fc.assert(
        fc.asyncProperty(corruptions, fc.boolean(), async (corruption, wantDryRun) => {
          const dryRun = target.dryRun && wantDryRun;
          // Each run imports into a fresh state so a re-import of the same rows is not "unchanged".
          await world.t.store.db.run('DELETE FROM order_lines WHERE team_id = ?', [world.team.id]);
          const before = await snapshot(world.t.store);
          const countBefore = await target.count(world);
          const file = corruption.apply(target.base(world));
          const url = target.dryRun ? `${target.url}?dryRun=${dryRun}` : target.url;
          const res = await world.t.app.request(url, {
            method: 'POST',
            headers: { authorization: `Bearer ${world.token}`, 'content-type': target.contentType },
            body: new Uint8Array(file),
          });
          const body = (await res.json()) as Record<string, unknown>;
          const where = `${corruption.name}${dryRun ? ' (dry run)' : ''}`;
          if (res.status >= 500) failures.push(`${where}: ${res.status} ${JSON.stringify(body)}`);
          else if (res.status >= 400) {
            if (!ErrorBody.safeParse(body).success)
              failures.push(`${where}: ${res.status} without the error shape`);
            if (!isDeepStrictEqual(await snapshot(world.t.store), before))
              failures.push(`${where}: refused with ${res.status} but stored data changed`);
          } else {
            const stored = (await target.count(world)) - countBefore;
            const expected = dryRun ? 0 : target.stored(body);
            if (stored !== expected)
              failures.push(`${where}: summary says ${expected} stored, ${stored} were`);
            if (!Array.isArray(body.errors)) failures.push(`${where}: a 200 without per-row errors`);
          }
        }),
        { seed: SEED, numRuns: RUNS },
      );
      expect(failures).toEqual([]);
    }, 120_000);
  }
});
