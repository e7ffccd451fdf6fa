import { describe, expect, it } from 'vitest';
import { type Poke, PokeHub } from './pokes.ts';

describe('PokeHub', () => {
  it('delivers pokes to the listeners of that team only, until they unsubscribe', () => {
    const hub = new PokeHub();
    const a: Poke[] = [];
    const b: Poke[] = [];
    const stopA = hub.subscribe('team-a', (p) => a.push(p));
    hub.subscribe('team-b', (p) => b.push(p));
    hub.poke('team-a', { version: 3, clientId: 'c1' });
    hub.poke('team-c', { version: 9, clientId: null });
    expect(a).toEqual([{ version: 3, clientId: 'c1' }]);
    expect(b).toEqual([]);
    stopA();
    hub.poke('team-a', { version: 4, clientId: null });
    expect(a).toHaveLength(1);
    expect([hub.listenerCount('team-a'), hub.listenerCount('team-b')]).toEqual([0, 1]);
  });

  it('holds many connections of one team without warnings', () => {
    const hub = new PokeHub();
    const warnings: unknown[] = [];
    const onWarning = (w: unknown) => warnings.push(w);
    process.on('warning', onWarning);
    const stops = Array.from({ length: 50 }, () => hub.subscribe('team', () => {}));
    expect(hub.listenerCount('team')).toBe(50);
    for (const stop of stops) stop();
    process.off('warning', onWarning);
    expect(warnings).toEqual([]);
  });
});
