import { newId } from '@rapport/shared/ids';
import { describe, expect, it } from 'vitest';
import { readState } from '../db/sync-state.ts';
import { backgroundHarness, FROM_PAGE } from './testing.ts';

describe('panel.route', () => {
  it("records the popup's view for the side panel to open on, from extension pages only", async () => {
    const h = await backgroundHarness();
    const id = newId();
    expect(await h.ok({ type: 'panel.route', route: `customer/${id}` })).toEqual({ ok: true });
    expect(await readState(h.db, 'uiRoute')).toEqual({
      route: `customer/${id}`,
      at: Date.parse('2026-03-20T10:00:00.000Z'),
    });
    expect(await h.call({ type: 'panel.route', route: 'followups' }, FROM_PAGE)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    for (const route of ['customer/SM-1', 'javascript:alert(1)', 'contact/', 'admin'])
      expect(await h.call({ type: 'panel.route', route }), route).toMatchObject({
        ok: false,
        error: { code: 'invalid_message' },
      });
    expect((await readState(h.db, 'uiRoute'))?.route).toBe(`customer/${id}`);
  });
});
