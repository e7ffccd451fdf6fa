// Sends generated bad requests to every operation of the real app's OpenAPI document, in-process, on
// SQLite and Postgres, as team A's rep, lead and admin. Every answer must be below 500; every refusal
// exactly { error: { code, message, details } }; a writing route must refuse; and no stored fact of
// team A or B may change. Bounded: a fixed seed and a fixed number of runs per operation.
import { ErrorBody } from '@rapport/shared/schemas/api';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachStore } from '../testing/test-store.ts';
import { type FuzzRequest, type Operation, operations, requestArbitrary, writes } from './routes.ts';
import { seedWorld, snapshot, spareToken, type World } from './world.ts';

const SEED = 20261206;
const RUNS_PER_OPERATION = 30;
/** The whole sweep's time budget per store, shared out evenly: a loaded CI box stops early, not late. */
const BUDGET_MS = 70_000;
const OPENAPI_INFO = { openapi: '3.0.3', info: { title: 'Rapport', version: 'fuzz' } };

interface Answer {
  status: number;
  contentType: string;
  body: unknown;
}

async function send(world: World, req: FuzzRequest): Promise<Answer> {
  const member = world.a[req.as];
  const token = req.url.startsWith('/api/v1/auth/logout')
    ? await spareToken(world.t, member.user)
    : member.token;
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  let body: string | FormData | undefined = req.body;
  if (req.form) {
    body = new FormData();
    body.set('file', new File([req.body ?? ''], req.form.fileName, { type: 'text/csv' }));
    body.set('options', req.form.options);
  } else if (req.contentType) headers['content-type'] = req.contentType;
  const res = await world.t.app.request(req.url, { method: req.method, headers, body }, {
    incoming: { socket: { remoteAddress: '127.0.0.1' } },
  } as never);
  const contentType = res.headers.get('content-type') ?? '';
  if (contentType.includes('event-stream')) {
    await res.body?.cancel();
    return { status: res.status, contentType, body: null };
  }
  const text = await res.text();
  return { status: res.status, contentType, body: contentType.includes('json') ? JSON.parse(text) : text };
}

function describeRequest(req: FuzzRequest): string {
  const body =
    req.body === undefined
      ? ''
      : ` ${req.body.length > 200 ? `${req.body.slice(0, 200)}… (${req.body.length} chars)` : req.body}`;
  const form = req.form ? ` (multipart ${JSON.stringify(req.form)})` : '';
  return `${req.as}: ${req.method} ${req.url.length > 200 ? `${req.url.slice(0, 200)}…` : req.url}${body}${form}`;
}

/** What the answer got wrong, or null. */
function fault(op: Operation, answer: Answer): string | null {
  if (answer.status >= 500) return `answered ${answer.status}: ${JSON.stringify(answer.body)}`;
  if (answer.status >= 400) {
    if (!answer.contentType.includes('application/json')) return `a ${answer.status} that is not JSON`;
    const shape = ErrorBody.safeParse(answer.body);
    if (!shape.success) return `a ${answer.status} whose body is not { error: { code, message, details } }`;
    return null;
  }
  if (!writes(op) || op.path === '/api/v1/auth/logout') return null;
  if (op.path === '/api/v1/sync/push') {
    // A well-formed push is answered per mutation: each must have been refused, none applied.
    const results = (answer.body as { results?: { status: string }[] }).results ?? [];
    return results.some((r) => r.status === 'applied')
      ? `applied a bad mutation: ${JSON.stringify(answer.body)}`
      : null;
  }
  return `accepted bad input (${answer.status}): ${JSON.stringify(answer.body).slice(0, 300)}`;
}

forEachStore('API fuzz', (ctx) => {
  let world: World;
  let ops: Operation[] = [];
  beforeAll(async () => {
    world = await seedWorld(ctx.store);
    ops = operations(world.t.app.getOpenAPIDocument(OPENAPI_INFO));
  }, 60_000);

  it('covers every operation of the OpenAPI document', () => {
    expect(ops.length).toBeGreaterThan(60);
  });

  describe('every operation', () => {
    it('answers bad requests with a JSON 4xx and changes nothing', async () => {
      const failures: string[] = [];
      const msPerOperation = Math.floor(BUDGET_MS / ops.length);
      let sent = 0;
      for (const op of ops) {
        const before = await snapshot(ctx.store);
        await fc.assert(
          fc.asyncProperty(requestArbitrary(op, world), async (req) => {
            const answer = await send(world, req);
            sent += 1;
            const problem = fault(op, answer);
            if (problem) failures.push(`${describeRequest(req)} → ${problem}`);
          }),
          { seed: SEED, numRuns: RUNS_PER_OPERATION, interruptAfterTimeLimit: msPerOperation },
        );
        const after = await snapshot(ctx.store);
        try {
          expect(after).toEqual(before);
        } catch {
          failures.push(`${op.method} ${op.path}: stored data changed`);
        }
      }
      console.info(`API fuzz [${ctx.kind}]: ${sent} requests to ${ops.length} operations`);
      expect(failures).toEqual([]);
      // However loaded the box, the sweep must have tried every operation a few times.
      expect(sent).toBeGreaterThanOrEqual(ops.length * 5);
    }, 180_000);
  });
});
