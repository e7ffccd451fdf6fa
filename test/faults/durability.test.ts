// Kill -9 mid-stream, five rounds per database: every push answered 200 before the kill survives the
// restart, and every client resumes exactly once (see durability.ts). Short rounds here; `pnpm bench`
// runs long ones. SQLite runs in WAL mode with synchronous=NORMAL: a commit is in the WAL file (the
// operating system's cache) before the push answers, so killing the process loses nothing; only a
// power cut may lose the last commits, which this test cannot simulate.
import { STORE_KINDS } from '@rapport/server/testing/test-store';
import { describe, expect, it } from 'vitest';
import { runDurability } from './durability.ts';

describe.each(STORE_KINDS)('kill -9 during a stream of pushes [%s]', (store) => {
  it('keeps every acknowledged push and lets each client resume, 5 rounds', async () => {
    const seed = Date.now() % 100_000;
    const rounds = await runDurability({
      store,
      rounds: 5,
      clients: 4,
      killAfterMs: { min: 500, max: 2000 },
      seed,
    });
    const context = `seed ${seed}: ${JSON.stringify(rounds)}`;
    expect(
      rounds.map((r) => r.problems),
      context,
    ).toEqual(rounds.map(() => []));
    expect(
      rounds.map((r) => r.missing),
      context,
    ).toEqual([0, 0, 0, 0, 0]);
    // The kill really came mid-stream: pushes had been answered, and some were cut off.
    for (const r of rounds) expect(r.acknowledgedPushes, context).toBeGreaterThan(0);
    expect(
      rounds.reduce((n, r) => n + r.inFlight, 0),
      context,
    ).toBeGreaterThan(0);
  }, 180_000);
});
