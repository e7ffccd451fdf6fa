// Messages fuzz: every content-script ↔ background command type, with generated invalid payloads, through
// the real background dispatch (handlers, Dexie on fake-indexeddb, a fake server). Every one must get a
// clear { ok: false, error: { code: 'invalid_message', message } } and leave IndexedDB as it was.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { COMMAND_TYPES, commandSchemas } from '../messaging/commands.ts';
import { backgroundHarness, FROM_PAGE, FROM_PANEL } from './testing.ts';

const SEED = 20261208;
const RUNS_PER_TYPE = 40;
const EMOJI = '\u{1F91D}';

/** Values no command field accepts. */
const badValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom('Null\0Byte', '\0', `Deal ${EMOJI}`.slice(0, 6), EMOJI.slice(1)), weight: 4 },
  fc.constant('x'.repeat(1024 * 1024)),
  fc.constant(-1e308),
  fc.constant(Number.NaN),
  fc.constant({ $gt: '' }),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true}}')),
  fc.constant(Array.from({ length: 2_000 }, () => ({ name: '\uD800' }))),
);

type Path = (string | number)[];

/** A valid payload per command (contactId filled in later) and the text fields inside it worth breaking. */
function templates(contactId: string): Record<string, { body: Record<string, unknown>; deep?: Path[] }> {
  return {
    'lookup.people': {
      body: { people: [{ name: 'Ann Page', email: 'ann@acme.test' }] },
      deep: [
        ['people', 0, 'name'],
        ['people', 0, 'email'],
        ['people', 0, 'linkedin'],
      ],
    },
    'contact.capture': {
      body: {
        person: { name: 'Bo Li', email: 'bo@acme.test', title: 'CFO', source: 'gmail' },
        note: 'Met at the fair',
      },
      deep: [['person', 'name'], ['person', 'title'], ['person', 'company'], ['note']],
    },
    'interaction.log': {
      body: {
        contactId,
        entries: [
          {
            kind: 'email',
            channel: 'email',
            direction: 'in',
            subject: 'Hi',
            summary: 'Snippet',
            sourceKey: 'gm-1',
          },
        ],
      },
      deep: [
        ['entries', 0, 'subject'],
        ['entries', 0, 'summary'],
        ['entries', 0, 'sourceKey'],
        ['entries', 0, 'at'],
      ],
    },
    'contact.get': { body: { id: contactId } },
    'contact.search': { body: { query: 'Ann' } },
    'contact.update': {
      body: { id: contactId, changes: { title: 'CEO', tags: ['vip'] } },
      deep: [
        ['changes', 'title'],
        ['changes', 'tags', 0],
        ['changes', 'name'],
      ],
    },
    'contact.link': { body: { contactId, customerId: null } },
    'contact.erase': { body: { id: contactId } },
    'followups.list': { body: { limit: 10 } },
    'settings.get': { body: {} },
    'settings.set': {
      body: { changes: { timeZone: 'Europe/Paris' } },
      deep: [
        ['changes', 'timeZone'],
        ['changes', 'serverUrl'],
      ],
    },
    'sync.status': { body: {} },
    'sync.now': { body: {} },
    'card.load': { body: {} },
    'auth.signIn': {
      body: { serverUrl: 'https://crm.example.com', email: 'rep@acme.com', password: 'secret-pass' },
    },
    'auth.signOut': { body: { wipe: false } },
    'sync.dismissRejected': { body: { mutationIds: [1] } },
    'customer.orders': { body: { customerId: contactId, limit: 5 } },
    'panel.route': { body: { route: `customer/${contactId}` } },
    'ticket.create': {
      body: {
        contactId,
        title: 'Broken',
        category: 'delivery',
        severity: 'high',
        channel: 'email',
        description: 'It broke',
      },
      deep: [['title'], ['description'], ['sourceUrl'], ['category']],
    },
    'ticket.update': {
      body: { id: contactId, changes: { status: 'resolved', resolution: 'Fixed' } },
      deep: [
        ['changes', 'resolution'],
        ['changes', 'title'],
        ['changes', 'satisfaction'],
      ],
    },
    'tickets.list': { body: { contactId } },
    'pulse.record': {
      body: { score: 4, comment: 'Good week', shared: false },
      deep: [['comment'], ['score']],
    },
    'pulse.status': { body: {} },
    'pulse.dismiss': { body: {} },
    'survey.record': { body: { contactId, csat: 4, comment: 'Fine' }, deep: [['comment'], ['nps']] },
  };
}

function setAt(root: Record<string, unknown>, path: Path, value: unknown): void {
  let at: Record<string | number, unknown> = root;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    if (next === null || typeof next !== 'object') {
      at[key] = value;
      return;
    }
    at = next as Record<string | number, unknown>;
  }
  Object.defineProperty(at, path[path.length - 1]!, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** A valid payload for `type` with one to three fields replaced by bad values or unknown fields added. */
function badPayload(type: string, contactId: string): fc.Arbitrary<Record<string, unknown>> {
  const template = templates(contactId)[type];
  if (!template) throw new Error(`no template for ${type}: add one`);
  const shape = (commandSchemas[type as keyof typeof commandSchemas].request as unknown as z.ZodObject).shape;
  const paths: Path[] = [
    ...Object.keys(shape)
      .filter((k) => k !== 'type')
      .map((k) => [k]),
    ...(template.deep ?? []),
  ];
  const edit = fc.oneof(
    ...(paths.length > 0 ? [{ arbitrary: fc.tuple(fc.constantFrom(...paths), badValue), weight: 4 }] : []),
    { arbitrary: fc.tuple(fc.constantFrom<Path>(['extra'], ['typ'], ['__proto__']), badValue), weight: 1 },
  );
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
    const payload: Record<string, unknown> = { type, ...structuredClone(template.body) };
    for (const [path, value] of edits) setAt(payload, path, value);
    return payload;
  });
}

async function dump(db: Awaited<ReturnType<typeof backgroundHarness>>['db']) {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}

describe('messages fuzz', () => {
  it('covers every command type', () => {
    expect(COMMAND_TYPES.length).toBeGreaterThanOrEqual(14);
  });

  for (const type of COMMAND_TYPES) {
    it(`${type}: invalid payloads get a clear error and change nothing`, async () => {
      const { call, db, ok } = await backgroundHarness();
      const { contactId } = await ok({
        type: 'contact.capture',
        person: { name: 'Ann Page', email: 'ann@acme.test', source: 'gmail' },
      });
      const before = await dump(db);
      const faults: string[] = [];
      await fc.assert(
        fc.asyncProperty(
          badPayload(type, contactId),
          fc.constantFrom(FROM_PAGE, FROM_PANEL),
          async (payload, sender) => {
            const response = await call(payload, sender);
            if (
              response.ok ||
              response.error.code !== 'invalid_message' ||
              !response.error.message.startsWith('invalid ')
            )
              faults.push(
                `${JSON.stringify(payload).slice(0, 200)} → ${JSON.stringify(response).slice(0, 200)}`,
              );
          },
        ),
        { seed: SEED, numRuns: RUNS_PER_TYPE },
      );
      expect(faults).toEqual([]);
      expect(await dump(db)).toEqual(before);
    }, 60_000);
  }
});
