import { expect, it } from 'vitest';
import { LOGIN_LIMIT } from '../../accounts/login-limit.ts';
import { MINUTE_MS } from '../../lib/clock.ts';
import { passwordGate } from '../../lib/password-gate.ts';
import { uniqueEmail } from '../../testing/ids.ts';
import {
  type ApiResponse,
  createTestApp,
  seedTeam,
  seedUser,
  TEST_PASSWORD,
  type TestApp,
} from '../../testing/test-app.ts';
import { authApi, read } from '../../testing/test-client.ts';
import { forEachStore } from '../../testing/test-store.ts';

let nextIp = 0;
/** A fresh address per call, so tests do not share address counts. */
const freshIp = () => {
  nextIp += 1;
  return `10.${(nextIp >> 16) & 255}.${(nextIp >> 8) & 255}.${nextIp & 255}`;
};

const login = (t: TestApp, email: string, password: string, ip: string) =>
  read(authApi(t, undefined, ip).login.$post({ json: { email, password } }));

const statuses = (rs: { status: number }[]) =>
  rs.reduce<Record<number, number>>((acc, r) => {
    acc[r.status] = (acc[r.status] ?? 0) + 1;
    return acc;
  }, {});

function expectLimited(res: ApiResponse) {
  expect(res.status).toBe(429);
  const retry = Number(res.headers.get('retry-after'));
  expect(retry).toBeGreaterThanOrEqual(1);
  expect(res.body.error).toEqual({
    code: 'rate_limited',
    message: expect.stringMatching(/^Too many failed sign-in attempts; try again in \d+ (s|min)$/),
    details: { retryAfterSeconds: retry },
  });
}

forEachStore('login rate limits', (ctx) => {
  async function setup() {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const user = await seedUser(ctx.store, team.id, 'rep');
    return { t, user };
  }

  it('per email + address: 5 failures, then a doubling wait; the right password waits too; a success clears it', async () => {
    const { t, user } = await setup();
    const ip = freshIp();
    for (let i = 0; i < LOGIN_LIMIT.freeFailures; i++)
      expect((await login(t, user.email, `wrong ${i}`, ip)).status).toBe(401);
    const blocked = await login(t, user.email, TEST_PASSWORD, ip);
    expectLimited(blocked);
    expect(blocked.headers.get('retry-after')).toBe('1');
    // another address, and another email from this address, go through
    expect((await login(t, user.email, TEST_PASSWORD, freshIp())).status).toBe(200);
    expect((await login(t, uniqueEmail('other'), 'x', ip)).status).toBe(401);
    t.clock.advance(1000);
    expect((await login(t, user.email, 'wrong 5', ip)).status).toBe(401);
    expect((await login(t, user.email, TEST_PASSWORD, ip)).headers.get('retry-after')).toBe('2');
    t.clock.advance(2000);
    expect((await login(t, user.email, 'wrong 6', ip)).status).toBe(401);
    expect((await login(t, user.email, TEST_PASSWORD, ip)).headers.get('retry-after')).toBe('4');
    t.clock.advance(4000);
    expect((await login(t, user.email, TEST_PASSWORD, ip)).status).toBe(200);
    // the success cleared the pair: five free failures again
    for (let i = 0; i < LOGIN_LIMIT.freeFailures; i++)
      expect((await login(t, user.email, `again ${i}`, ip)).status).toBe(401);
    expectLimited(await login(t, user.email, 'again', ip));
  });

  it('the wait never exceeds 5 minutes, however many failures', async () => {
    const { t, user } = await setup();
    const ip = freshIp();
    for (let i = 0; i < 14; i++) {
      const res = await login(t, user.email, `wrong ${i}`, ip);
      if (res.status === 429) {
        t.clock.advance(Number(res.headers.get('retry-after')) * 1000);
        i -= 1;
      } else expect(res.status).toBe(401);
    }
    expect(Number((await login(t, user.email, TEST_PASSWORD, ip)).headers.get('retry-after'))).toBe(300);
    t.clock.advance(5 * MINUTE_MS);
    expect((await login(t, user.email, TEST_PASSWORD, ip)).status).toBe(200);
  });

  it('holds under concurrency: of 40 simultaneous wrong passwords from one address, 5 are checked', async () => {
    const { t, user } = await setup();
    const ip = freshIp();
    const checks = passwordGate.checksStarted;
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login(t, user.email, `guess ${i}`, ip)),
    );
    expect(statuses(results)).toEqual({ 401: 5, 429: 35 });
    for (const r of results.filter((r) => r.status === 429)) expectLimited(r);
    // refused before hashing: only the five let through ran scrypt
    expect(passwordGate.checksStarted - checks).toBe(5);
  });

  it('per account across addresses: of 100 simultaneous guesses from 100 addresses, 20 are checked; the owner keeps their known address', async () => {
    const { t, user } = await setup();
    const home = freshIp();
    expect((await login(t, user.email, TEST_PASSWORD, home)).status).toBe(200);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => login(t, user.email, `guess ${i}`, freshIp())),
    );
    expect(statuses(results)).toEqual({ 401: LOGIN_LIMIT.perAccount, 429: 100 - LOGIN_LIMIT.perAccount });
    for (const r of results.filter((r) => r.status === 429)) expectLimited(r);
    // the owner signs in from their usual address; an address never used before waits out the window
    expect((await login(t, user.email, TEST_PASSWORD, home)).status).toBe(200);
    const stranger = await login(t, user.email, TEST_PASSWORD, freshIp());
    expectLimited(stranger);
    expect(stranger.headers.get('retry-after')).toBe(String(LOGIN_LIMIT.windowMs / 1000));
    t.clock.advance(LOGIN_LIMIT.windowMs);
    expect((await login(t, user.email, TEST_PASSWORD, freshIp())).status).toBe(200);
  });

  it('per address across emails: of 40 simultaneous logins with different emails from one address, 30 are checked', async () => {
    const { t, user } = await setup();
    const ip = freshIp();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login(t, uniqueEmail(`spray${i}`), 'password1', ip)),
    );
    expect(statuses(results)).toEqual({ 401: LOGIN_LIMIT.perAddress, 429: 40 - LOGIN_LIMIT.perAddress });
    // the address is held back for new accounts, not for others elsewhere
    expectLimited(await login(t, user.email, TEST_PASSWORD, ip));
    expect((await login(t, user.email, TEST_PASSWORD, freshIp())).status).toBe(200);
  });

  it('a real login answers while 100 unknown-email logins run, and they run no password hash', async () => {
    const { t, user } = await setup();
    const order: string[] = [];
    const checks = passwordGate.checksStarted;
    const flood = Array.from({ length: 100 }, (_, i) =>
      login(t, uniqueEmail(`ghost${i}`), 'password1', freshIp()).then((r) => {
        order.push('unknown');
        return r;
      }),
    );
    const real = login(t, user.email, TEST_PASSWORD, freshIp()).then((r) => {
      order.push('real');
      return r;
    });
    const [results, mine] = await Promise.all([Promise.all(flood), real]);
    expect(mine.status).toBe(200);
    expect(statuses(results)).toEqual({ 401: 100 });
    // unknown emails wait as long as a check takes, without taking a hashing slot: the real login,
    // sent last, is answered before most of them (it used to wait behind all 100 hashes)
    expect(order.indexOf('real')).toBeLessThan(50);
    // at most one calibration run besides the real check
    expect(passwordGate.checksStarted - checks).toBeLessThanOrEqual(2);
  });
});
