import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as core from './core.ts';

const here = dirname(fileURLToPath(import.meta.url));

// Static `import … from`, `import '…'` and `export … from`; `import type`/`export type` are erased
// at build time and cost nothing, so they are skipped. An import whose every name is `type X` is
// still followed: with verbatimModuleSyntax it stays as a side-effect import.
const STATIC = /^\s*(?:import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

/** Every file the module graph from `entry` reaches through relative imports, and the packages it names. */
function walk(entry: string): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>(); // package specifier -> first file importing it
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(STATIC)) {
      if (spec === undefined) continue;
      if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec));
      else if (!packages.has(spec)) packages.set(spec, file);
    }
  }
  return { files, packages };
}

const rel = (file: string) => file.slice(here.length + 1);

describe('@rapport/shared/core', () => {
  it('never reaches zod through its static imports', () => {
    const { files, packages } = walk(resolve(here, 'core.ts'));
    const zod = [...packages].filter(([spec]) => spec === 'zod' || spec.startsWith('zod/'));
    expect(zod.map(([spec, file]) => `${rel(file)} imports ${spec}`)).toEqual([]);
    // The only packages the core may pull in (none of them depends on zod).
    expect([...packages.keys()].sort()).toEqual(['libphonenumber-js/min', 'lunar-typescript', 'uuidv7']);
    expect(files.size).toBeGreaterThan(20);
    expect([...files].map(rel)).not.toContain('schemas/index.ts');
  });

  it('the walker does find zod where it is (the full index)', () => {
    const { packages } = walk(resolve(here, 'index.ts'));
    expect(packages.has('zod')).toBe(true);
  });

  it('exposes the pure API: money, dates, ids, settings, identity, text, hlc', () => {
    expect(core.sumMoney([core.parseMoney('0.1'), core.parseMoney('0.2')])).toBe(3000n);
    expect(core.formatMoney(core.parseMoney('957.5775'))).toBe('957.5775');
    expect(core.addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(core.isUuidV7('0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9c0d')).toBe(true);
    expect(core.isUuidV7('0190F2A4-6C1E-7A3B-9C4D-5E6F7A8B9C0D')).toBe(false);
    expect(core.defaultTeamSettings().cadenceDays.A).toBe(14);
    expect(core.normaliseEmail(' Ann@Example.COM ')).toBe('ann@example.com');
    expect(core.truncateText('abc', 2)).toBe('ab');
    expect(core.compareHlc('1767225600000:0001:a', '1767225600000:0000:b')).toBe(1);
    for (const name of ['moneyString', 'uuidSchema', 'isoDate', 'hlcString', 'TeamSettings', 'Holiday'])
      expect(core, name).not.toHaveProperty(name);
  });
});
