import { newId } from '@rapport/shared/ids';
import { describe, expect, it } from 'vitest';
import { backgroundHarness, FROM_PAGE } from './testing.ts';

describe('customer.orders', () => {
  it('says order history needs a connection when the server cannot be reached', async () => {
    const h = await backgroundHarness();
    h.services.fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const res = await h.call({ type: 'customer.orders', customerId: newId() });
    expect(res).toEqual({
      ok: false,
      error: { code: 'offline', message: 'Offline — order history needs a connection' },
    });
  });

  it('needs a signed-in side panel, and names a customer the server does not have', async () => {
    const signedOut = await backgroundHarness({ signedIn: false });
    expect(await signedOut.call({ type: 'customer.orders', customerId: newId() })).toMatchObject({
      ok: false,
      error: { code: 'signed_out' },
    });
    const h = await backgroundHarness();
    expect(await h.call({ type: 'customer.orders', customerId: newId() }, FROM_PAGE)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // The fake sync server knows no customers: a 404.
    expect(await h.call({ type: 'customer.orders', customerId: newId() })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await h.call({ type: 'customer.orders', customerId: 'SM-1' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_message' },
    });
  });

  it('validates the answer: a malformed one is an error, not data', async () => {
    const h = await backgroundHarness();
    h.services.fetch = async () => Response.json({ customer: { id: 'x' }, orders: 'none' });
    const res = await h.call({ type: 'customer.orders', customerId: newId() });
    expect(res).toMatchObject({ ok: false, error: { code: 'server' } });
  });
});
