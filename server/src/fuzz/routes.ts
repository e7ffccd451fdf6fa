// Bad requests for every operation of the OpenAPI document (not a test file). Requests to a writing
// route (POST, PUT, PATCH, DELETE) always carry at least one invalid part, so the only right answer
// is a 4xx and no change; reads may also get generated queries that happen to be valid.
import fc from 'fast-check';
import {
  badDate,
  badJsonText,
  badPathSegment,
  badQueryValue,
  badText,
  badValue,
  DATE_FIELDS,
  deepJson,
} from './inputs.ts';
import { T0, type World } from './world.ts';

export interface Operation {
  method: string;
  /** OpenAPI path, e.g. /api/v1/contacts/{id}. */
  path: string;
  query: string[];
  json: boolean;
  /** Top-level body properties named by the schema (records and unions name none). */
  bodyProps: string[];
}

export interface FuzzRequest {
  method: string;
  url: string;
  body?: string;
  contentType?: string;
  /** A multipart upload instead of `body`: a file named `fileName` holding `body`, and an options field. */
  form?: { fileName: string; options: string };
  as: 'rep' | 'lead' | 'admin';
}

interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
}
interface OpenApiOperation {
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}

export function operations(doc: unknown): Operation[] {
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries((doc as OpenApiDoc).paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      const json = op.requestBody?.content['application/json'];
      ops.push({
        method: method.toUpperCase(),
        path,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        json: json !== undefined,
        bodyProps: Object.keys(json?.schema?.properties ?? {}),
      });
    }
  }
  return ops;
}

export const writes = (op: Operation) => op.method !== 'GET';

/** A leaf path inside a template that a bad value may replace. */
type Path = (string | number)[];

interface Template {
  body: Record<string, unknown>;
  /** Paths to corrupt besides the top-level keys (deep fields such as a push's patch values). */
  deep?: Path[];
}

const createdAt = '2026-01-02T00:00:00Z';

/** Valid bodies per operation ("POST /api/v1/contacts"); a bad edit then makes each one invalid. */
function templates(w: World): Record<string, Template> {
  const { ids } = w.a;
  const entity: Record<string, Record<string, unknown>> = {
    contacts: {
      name: 'Fuzz Person',
      emails: ['fuzz@a.test'],
      title: 'CFO',
      tags: ['vip'],
      birthday: '1980-02-01',
      followUpOn: '2026-03-01',
      customerId: ids.customers,
      createdAt,
    },
    customers: { name: 'Fuzz Co', kind: 'company', externalId: 'FZ-1', domains: ['fuzz.test'], createdAt },
    companies: { name: 'Fuzz Inc', domains: ['fuzzinc.test'], createdAt },
    interactions: {
      contactId: ids.contacts,
      kind: 'note',
      channel: 'phone',
      direction: 'out',
      at: T0,
      subject: 'Hello',
      createdAt,
    },
    opportunities: { title: 'Deal', amount: '100.50', stage: 'lead', closeDate: '2026-05-01', createdAt },
    tickets: {
      title: 'Late',
      channel: 'email',
      category: 'delivery',
      severity: 'low',
      status: 'resolved',
      resolvedAt: T0,
      createdAt,
    },
    surveys: { contactId: ids.contacts, date: '2026-01-10', nps: 9, createdAt },
    products: { name: 'Chair', externalId: 'FZ-P', standardMargin: '0.3', createdAt },
    tasks: { title: 'Call back', due: '2026-02-01', note: 'About the quote', createdAt },
  };
  const out: Record<string, Template> = {};
  for (const [path, body] of Object.entries(entity)) {
    out[`POST /api/v1/${path}`] = { body };
    const { createdAt: _c, ...patch } = body;
    out[`PATCH /api/v1/${path}/{id}`] = { body: patch };
  }
  const password = 'a long enough password 1';
  const mutation = { v: 'Fuzz', t: '1767225600000:0000:fuzzclient' };
  return {
    ...out,
    'POST /api/v1/auth/login': { body: { email: w.a.rep.user.email, password } },
    'PATCH /api/v1/auth/me': { body: { name: 'Me', timeZone: 'Europe/Paris' } },
    'POST /api/v1/auth/password': { body: { currentPassword: password, newPassword: `${password}!` } },
    'POST /api/v1/users': { body: { email: 'new@a.test', name: 'New', role: 'rep', password } },
    'PATCH /api/v1/users/{id}': { body: { name: 'Renamed', role: 'lead' } },
    'POST /api/v1/users/{id}/password': { body: { password } },
    'POST /api/v1/users/{id}/reassign': { body: { toUserId: w.a.lead.user.id, entities: ['contact'] } },
    'PATCH /api/v1/teams/current': { body: { name: 'Renamed team' } },
    'POST /api/v1/teams': { body: { name: 'New team', admin: { email: 'boss@n.test', name: 'Boss' } } },
    'PUT /api/v1/settings': {
      body: { currency: 'EUR', cadenceDays: { A: 7 }, tierWindow: { kind: 'all' } },
      deep: [['cadenceDays', 'A'], ['tierWindow', 'kind'], ['ticketCategories']],
    },
    'PATCH /api/v1/settings': {
      body: { currency: 'EUR', ticketCategories: [{ id: 'late', label: 'Late' }] },
      deep: [
        ['ticketCategories', 0, 'label'],
        ['ticketCategories', 0, 'id'],
      ],
    },
    'POST /api/v1/sync/push': {
      body: {
        clientId: '0197f000-0000-7000-8000-00000000f022',
        mutations: [
          {
            id: 1,
            name: 'contact.upsert',
            args: { id: '0197f000-0000-7000-8000-00000000c011', patch: { fields: { name: mutation } } },
          },
        ],
      },
      deep: [
        ['mutations', 0, 'args', 'patch', 'fields', 'name', 'v'],
        ['mutations', 0, 'args', 'patch', 'fields', 'name', 't'],
        ['mutations', 0, 'args', 'id'],
        ['mutations', 0, 'name'],
        ['mutations', 0, 'id'],
      ],
    },
  };
}

function setAt(root: Record<string, unknown>, path: Path, value: unknown): Record<string, unknown> {
  const copy = structuredClone(root);
  let at: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    if (next === null || typeof next !== 'object') {
      at[key] = value; // an earlier edit replaced this branch: the bad value goes here instead
      return copy;
    }
    at = next as Record<string | number, unknown>;
  }
  at[path[path.length - 1]!] = value;
  return copy;
}

/** An edit that makes a body invalid: a bad value at a field, or a key the schema does not know. */
type Edit = { path: Path; value: unknown } | { unknownKey: string };

/** Body fields that name a record: another team's id there must be refused like a bad value. */
const REFERENCES: Record<string, string> = {
  contactId: 'contacts',
  customerId: 'customers',
  companyId: 'companies',
  ownerId: 'users',
  authorId: 'users',
  toUserId: 'users',
};

function editArbitrary(fields: Path[], world: World): fc.Arbitrary<Edit> {
  const unknown = fc
    .constantFrom('shoeSize', 'namee', 'createdat', '__proto__', 'settings', '')
    .map((unknownKey) => ({ unknownKey }) as Edit);
  // A body with no known field (a POST whose body is all optional, e.g. {}): only unknown keys.
  if (fields.length === 0) return unknown;
  const valueAt = fc.constantFrom(...fields).chain((path) => {
    const field = String(path[path.length - 1]);
    const foreign = REFERENCES[field] ? world.b.ids[REFERENCES[field]] : undefined;
    const values = [
      ...(DATE_FIELDS.has(field) ? [badDate] : []),
      ...(foreign ? [fc.constant(foreign)] : []),
      badValue,
    ];
    return fc.oneof(...values).map((value) => ({ path, value }) as Edit);
  });
  return fc.oneof({ arbitrary: valueAt, weight: 4 }, unknown);
}

function applyEdits(body: Record<string, unknown>, edits: Edit[]): string {
  let out = body;
  for (const e of edits) {
    if ('unknownKey' in e) {
      // JSON.parse keeps "__proto__" as an own key, as a client's parser would send it.
      out = { ...out, ...JSON.parse(`{${JSON.stringify(e.unknownKey)}: 1}`) };
    } else out = setAt(out, e.path, e.value);
  }
  return JSON.stringify(out);
}

function jsonBodyArbitrary(
  op: Operation,
  template: Template | undefined,
  world: World,
): fc.Arbitrary<string> {
  const base = template?.body ?? {};
  const fields: Path[] = [
    ...new Set([...Object.keys(base), ...op.bodyProps].filter((k) => k !== 'updatedAt' && k !== 'deletedAt')),
  ].map((k) => [k]);
  const deep = template?.deep ?? [];
  const edited = fc
    .array(editArbitrary([...fields, ...deep], world), { minLength: 1, maxLength: 3 })
    .map((edits) => applyEdits(base, edits));
  return fc.oneof(
    { arbitrary: edited, weight: 6 },
    badJsonText,
    fc.constant(`\uFEFF${JSON.stringify(base)}`),
    fc.constant(deepJson(100_000, JSON.stringify(base))),
    fc.constant(
      `${JSON.stringify(base).slice(0, -1)}${Object.keys(base).length ? ',' : ''}"deep":${deepJson(100_000)}}`,
    ),
  );
}

/** A query string of generated values for the declared parameters, sometimes with an unknown one. */
function queryArbitrary(op: Operation, valid: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<string> {
  const names = [...op.query, '__fuzz'];
  return fc
    .uniqueArray(fc.constantFrom(...names), { maxLength: Math.min(names.length, 4) })
    .chain((chosen) =>
      fc.tuple(
        ...chosen.map((name) =>
          (DATE_FIELDS.has(name) ? fc.oneof(badDate.map(encodeURIComponent), badQueryValue) : badQueryValue)
            .chain((bad) => (valid[name] ? fc.oneof(fc.constant(bad), valid[name]) : fc.constant(bad)))
            .map((value) => `${name}=${value}`),
        ),
      ),
    )
    .map((pairs) => (pairs.length > 0 ? `?${pairs.join('&')}` : ''));
}

const REST_PATH = /^\/api\/v1\/([a-z-]+)\/\{id\}/;

export function requestArbitrary(op: Operation, world: World): fc.Arbitrary<FuzzRequest> {
  const tpl = templates(world)[`${op.method} ${op.path}`];
  const resource = REST_PATH.exec(op.path)?.[1];
  const ownId = resource ? world.a.ids[resource] : undefined;
  const otherId = resource ? world.b.ids[resource] : undefined;
  // Own ids only where the request is refused for another reason (a bad body) or only reads.
  const idChoices: fc.Arbitrary<string>[] = [badPathSegment];
  if (otherId) idChoices.push(fc.constant(otherId));
  if (ownId && op.method !== 'DELETE' && (op.method === 'GET' || op.json)) idChoices.push(fc.constant(ownId));
  const path = op.path.includes('{id}')
    ? fc.oneof(...idChoices).map((id) => op.path.replace('{id}', id))
    : fc.constant(op.path);
  const valid: Record<string, fc.Arbitrary<string>> = {
    from: fc.constantFrom('1900-01-01', '2016-01-01', '2200-01-01'),
    to: fc.constantFrom('2017-01-01', '2200-12-31'),
    allTime: fc.constantFrom('true', 'false'),
    limit: fc.constantFrom('1', '500'),
    ownerId: fc.constantFrom(world.a.rep.user.id, world.b.rep.user.id),
    customerId: fc.constant(world.b.ids.customers!),
    contactId: fc.constant(world.b.ids.contacts!),
    search: fc.constantFrom('a', 'B Contact', '%25', '_'),
  };
  const query = queryArbitrary(op, valid);
  const as = fc.constantFrom('rep' as const, 'lead' as const, 'admin' as const);
  if (op.json) {
    return fc
      .record({ path, query, body: jsonBodyArbitrary(op, tpl, world), as })
      .map(({ path, query, body, as }) => ({
        method: op.method,
        url: path + query,
        body,
        contentType: 'application/json',
        as,
      }));
  }
  if (op.path.startsWith('/api/v1/imports/') && op.method === 'POST') {
    // Real files are the import fuzz's job; here the query, the file name or the options field alone
    // must make any upload a refusal.
    const badQuery = fc
      .tuple(fc.constantFrom(...op.query), fc.constantFrom('%00', 'a%00b', '%ED%A0%80'))
      .map(([name, value]) => `?${name}=${value}`);
    const raw = fc
      .record({ path, query: badQuery, body: fc.oneof(badJsonText, fc.constant('a,b\n1,2\n')), as })
      .map(({ path, query, body, as }) => ({
        method: op.method,
        url: path + query,
        body,
        contentType: 'text/csv',
        as,
      }));
    const badForm = fc.oneof(
      badText.map((t) => ({ fileName: `orders${t}.csv`, options: '{}' })),
      fc.tuple(badText, fc.constantFrom('columns', 'rates', '__proto__')).map(([t, key]) => ({
        fileName: 'orders.csv',
        options: `{${JSON.stringify(key)}:${JSON.stringify({ [`Order ID${t}`]: 'orderId' })}}`,
      })),
      badJsonText.map((options) => ({ fileName: 'orders.csv', options })),
    );
    const multipart = fc.record({ path, form: badForm, as }).map(({ path, form, as }) => ({
      method: op.method,
      url: path,
      body: 'Order ID,Sales\nO-1,1\n',
      form,
      as,
    }));
    return fc.oneof(raw, multipart);
  }
  return fc
    .record({ path, query, as })
    .map(({ path, query, as }) => ({ method: op.method, url: path + query, as }));
}
