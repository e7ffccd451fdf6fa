import { describe, expect, it } from 'vitest';
import { TeamQueue } from './team-queue.ts';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('TeamQueue', () => {
  it('runs one team’s work one at a time, other teams alongside', async () => {
    const queue = new TeamQueue();
    const log: string[] = [];
    const work = (team: string, name: string) =>
      queue.run(team, async () => {
        log.push(`${name} in`);
        await tick();
        log.push(`${name} out`);
      });
    await Promise.all([work('t1', 'a'), work('t1', 'b'), work('t2', 'x')]);
    expect(log.indexOf('a out')).toBeLessThan(log.indexOf('b in'));
    // t2 did not wait for t1.
    expect(log.indexOf('x in')).toBeLessThan(log.indexOf('a out'));
  });

  it('goes on after a failure', async () => {
    const queue = new TeamQueue();
    const failed = queue.run('t', () => Promise.reject(new Error('boom')));
    const next = queue.run('t', async () => 'ran');
    await expect(failed).rejects.toThrow('boom');
    expect(await next).toBe('ran');
  });
});
