import { describe, expect, it } from 'vitest';
import { commandEntries } from './index.ts';

describe('the command table', () => {
  it('loads, for every entry, the command of the same name', async () => {
    for (const entry of commandEntries) expect((await entry.load()).name).toBe(entry.name);
  });
  it('names each command once', () => {
    const names = commandEntries.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('team list');
  });
});
