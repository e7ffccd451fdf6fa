import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';
import { anyUuidSchema, uuidSchema } from './schemas/ids.ts';

describe('ids', () => {
  it('newId gives distinct lower-case UUIDv7s that sort by creation', () => {
    const ids = Array.from({ length: 50 }, () => newId());
    for (const id of ids) expect(uuidSchema.parse(id)).toBe(id);
    expect(new Set(ids).size).toBe(50);
    expect([...ids].sort()).toEqual(ids);
  });

  it('uuidSchema rejects v4, upper-case and garbage', () => {
    expect(uuidSchema.safeParse('3b241101-e2bb-4255-8caf-4136c566a962').success).toBe(false);
    expect(uuidSchema.safeParse('0190F2A4-6C1E-7A3B-9C4D-5E6F7A8B9C0D').success).toBe(false);
    expect(uuidSchema.safeParse('not-an-id').error?.issues[0]?.message).toMatch(/UUIDv7/);
    expect(uuidSchema.safeParse(42).error?.issues[0]?.message).toBe('expected an id (a UUIDv7 string)');
  });

  it('anyUuidSchema accepts a v4 client id', () => {
    expect(anyUuidSchema.parse('3b241101-e2bb-4255-8caf-4136c566a962')).toBe(
      '3b241101-e2bb-4255-8caf-4136c566a962',
    );
    expect(anyUuidSchema.safeParse('3b241101-e2bb-0255-8caf-4136c566a962').success).toBe(false);
  });
});
