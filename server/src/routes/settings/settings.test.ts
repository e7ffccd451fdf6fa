import { defaultTeamSettings } from '@rapport/shared/settings';
import { expect, it } from 'vitest';
import { createTestApp, seedTeam } from '../../testing/test-app.ts';
import { read, settingsApi } from '../../testing/test-client.ts';
import { forEachStore } from '../../testing/test-store.ts';

forEachStore('settings', (ctx) => {
  it('members read every setting with defaults filled in', async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const rep = await t.member(team, 'rep');
    const res = await read(settingsApi(t, rep.token).$get());
    expect(res.status).toBe(200);
    expect(res.body.settings).toEqual(defaultTeamSettings());
    expect(res.body.settings.tierWindow).toEqual({ kind: 'trailing', days: 365 });
  });

  it('leads and admins change settings; reps cannot', async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const rep = await t.member(team, 'rep');
    const lead = await t.member(team, 'lead');
    expect((await read(settingsApi(t, rep.token).$patch({ json: { currency: 'EUR' } }))).status).toBe(403);
    expect((await read(settingsApi(t, rep.token).$put({ json: {} }))).status).toBe(403);
    const patched = await read(
      settingsApi(t, lead.token).$patch({ json: { currency: 'EUR', tierWindow: { kind: 'all' } } }),
    );
    expect(patched.status).toBe(200);
    expect(patched.body.settings).toMatchObject({
      currency: 'EUR',
      tierWindow: { kind: 'all' },
      tierThresholds: { a: 70, b: 90 },
    });
    const again = await read(settingsApi(t, lead.token).$patch({ json: { tierThresholds: { a: 60 } } }));
    expect(again.body.settings).toMatchObject({ currency: 'EUR', tierThresholds: { a: 60, b: 90 } });
    // PUT replaces: what is omitted returns to its default
    const put = await read(settingsApi(t, lead.token).$put({ json: { cadenceDays: { A: 7 } } }));
    expect(put.status).toBe(200);
    expect(put.body.settings).toEqual({
      ...defaultTeamSettings(),
      cadenceDays: { ...defaultTeamSettings().cadenceDays, A: 7 },
    });
    expect((await read(settingsApi(t, rep.token).$get())).body.settings.cadenceDays.A).toBe(7);
  });

  it('refuses invalid settings with the field named, and keeps the old ones', async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const admin = await t.member(team, 'admin');
    const bad = await read(
      settingsApi(t, admin.token).$patch({ json: { tierThresholds: { a: 95, b: 90 } } }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.details.issues[0].path).toBe('tierThresholds.a');
    const unknown = await read(settingsApi(t, admin.token).$patch({ json: { colour: 'red' } }));
    expect(unknown.status).toBe(400);
    const currency = await read(settingsApi(t, admin.token).$put({ json: { currency: 'usd' } }));
    expect(currency.status).toBe(400);
    expect((await read(settingsApi(t, admin.token).$get())).body.settings).toEqual(defaultTeamSettings());
  });

  it('a misspelled key, at the top or nested, is a 400 naming it and resets nothing', async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const admin = await t.member(team, 'admin');
    await read(settingsApi(t, admin.token).$patch({ json: { currency: 'EUR' } }));
    // Raw: a misspelt key on purpose, which the typed body refuses to compile.
    const typo = await t.request('PUT', '/api/v1/settings', { token: admin.token, json: { curency: 'EUR' } });
    expect(typo.status).toBe(400);
    expect(typo.body.error).toEqual({
      code: 'validation_failed',
      message: 'Invalid request body: unknown setting curency',
      details: { target: 'body', issues: [{ path: 'curency', message: 'not a setting' }] },
    });
    for (const json of [{ cadenceDays: { AA: 7 } }, { tierWindow: { kind: 'all', days: 30 } }]) {
      // Raw: unknown nested keys on purpose, which the typed body refuses to compile.
      const nested = await t.request('PATCH', '/api/v1/settings', { token: admin.token, json });
      expect(nested.status).toBe(400);
      expect(nested.body.error.message).toMatch(
        /^Invalid request body: unknown setting (cadenceDays.AA|tierWindow.days)$/,
      );
    }
    const long = await read(
      settingsApi(t, admin.token).$patch({
        json: { ticketCategories: [{ id: 'late', label: 'x'.repeat(1024 * 1024) }] },
      }),
    );
    expect(long.status).toBe(400);
    expect((await read(settingsApi(t, admin.token).$get())).body.settings).toEqual({
      ...defaultTeamSettings(),
      currency: 'EUR',
    });
  });
});
