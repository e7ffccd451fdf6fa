// The server's { error: { code, message, details } } reaches the UI through the real message path:
// fakeBrowser's runtime messaging, the background's listener and router, the UI's send(), on
// fake-indexeddb; the UI then says the code (and a validation error's fields) in its language.
import { newId } from '@rapport/shared/ids';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createT } from '../i18n/index.ts';
import { CommandFailed, send } from '../messaging/client.ts';
import { errorText } from '../ui/errors.ts';
import { handlers } from './handlers.ts';
import { createMessageListener } from './router.ts';
import { backgroundHarness } from './testing.ts';

beforeEach(() => fakeBrowser.reset());

const zh = createT('zh-CN');

async function failure(run: () => Promise<unknown>): Promise<CommandFailed> {
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CommandFailed);
  return error as CommandFailed;
}

/** A background on fakeBrowser whose server answers every request with `status` and `body`. */
async function backgroundAnswering(status: number, body: unknown) {
  const h = await backgroundHarness();
  h.services.fetch = async () => Response.json(body, { status });
  fakeBrowser.runtime.onMessage.addListener(
    createMessageListener(handlers, h.services, 'chrome-extension://test-extension-id') as never,
  );
  return h;
}

describe('the server’s error code through the background', () => {
  it('passes on a 404’s code and message, and the Chinese side panel says it', async () => {
    await backgroundAnswering(404, {
      error: { code: 'not_found', message: 'No customer 42', details: null },
    });
    const error = await failure(() => send({ type: 'customer.orders', customerId: newId() }));
    expect([error.code, error.message]).toEqual(['not_found', 'No customer 42']);
    expect(errorText(error, zh, 'zh-CN')).toBe('未找到，可能已被删除。');
    expect(errorText(error, createT('en'), 'en')).toBe('No customer 42');
  });

  it('passes on a validation error’s details, so each field’s reason is translated', async () => {
    const details = {
      target: 'query',
      issues: [{ path: 'limit', message: 'Too big', code: 'too_big', origin: 'number', maximum: 200 }],
    };
    await backgroundAnswering(400, { error: { code: 'validation_failed', message: 'Bad query', details } });
    const error = await failure(() => send({ type: 'customer.orders', customerId: newId() }));
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual(details);
    expect(errorText(error, zh, 'zh-CN')).toBe('部分字段无效。 limit: 不能大于 200');
  });

  it('passes on a refusal of the role (403) with the server’s code', async () => {
    await backgroundAnswering(403, {
      error: { code: 'forbidden', message: 'Reps see their own', details: null },
    });
    const forbidden = await failure(() => send({ type: 'customer.orders', customerId: newId() }));
    expect(forbidden.code).toBe('forbidden');
    expect(errorText(forbidden, zh, 'zh-CN')).toBe('你的角色无权执行此操作。');
  });

  it('keeps its own code when the answer is not an API error body (zod-checked), and offline stays offline', async () => {
    // A proxy's HTML 404: no server code to pass on.
    const h = await backgroundAnswering(404, { nope: true });
    const odd = await failure(() => send({ type: 'customer.orders', customerId: newId() }));
    expect(odd.code).toBe('client');
    expect(odd.details).toBeNull();
    // A body that claims an error with a bad code shape is not passed on either.
    h.services.fetch = async () =>
      Response.json({ error: { code: 'Not Found!', message: 'x', details: null } }, { status: 404 });
    expect((await failure(() => send({ type: 'customer.orders', customerId: newId() }))).code).toBe('client');
    h.services.fetch = async () =>
      Response.json({ error: { code: 'unavailable', message: 'busy', details: null } }, { status: 503 });
    expect((await failure(() => send({ type: 'customer.orders', customerId: newId() }))).code).toBe(
      'offline',
    );
  });
});
