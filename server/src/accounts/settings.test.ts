import { expect, it } from 'vitest';
import { seedTeam } from '../testing/test-app.ts';
import { forEachStore } from '../testing/test-store.ts';
import { teamSettings, teamSettingsOf } from './settings.ts';

it('reads stored settings over defaults, all defaults without a team, and drops a field a newer rule refuses', () => {
  expect(teamSettings(undefined)).toMatchObject({ currency: 'USD', tierThresholds: { a: 70, b: 90 } });
  expect(teamSettings({ settings: { currency: 'EUR' } })).toMatchObject({
    currency: 'EUR',
    tierThresholds: { a: 70, b: 90 },
  });
  // A stored value a later release no longer takes falls back to its default alone.
  expect(teamSettings({ settings: { currency: 'euro', tierThresholds: { a: 60, b: 80 } } })).toMatchObject({
    currency: 'USD',
    tierThresholds: { a: 60, b: 80 },
  });
});

forEachStore('team settings by id', (ctx) => {
  it("reads the team's stored settings, and defaults for an id without a team", async () => {
    const team = await seedTeam(ctx.store);
    await ctx.store.teams.setSettings(team.id, { currency: 'JPY' }, '2026-01-15T09:00:00.000Z');
    expect((await teamSettingsOf(ctx.store, team.id)).currency).toBe('JPY');
    expect((await teamSettingsOf(ctx.store, 'no-such-team')).currency).toBe('USD');
  });
});
