import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BundleFile, silentLog } from './lib/results.ts';
import { bundleSuite, CONTENT_SCRIPTS_DIR, measureBundles } from './suites/bundle.ts';
import type { SuiteContext } from './suites/context.ts';

/** Each content script's budget, gzip -9 (README, Speed). */
const BUDGET = 15_000;

let files: BundleFile[] = [];

beforeAll(async () => {
  // CI builds the extension first; locally, build it when nothing is there yet.
  const { bundles } = await bundleSuite({ log: silentLog } as SuiteContext, { build: true });
  expect(bundles?.note).toBeUndefined();
  files = measureBundles(CONTENT_SCRIPTS_DIR);
}, 180_000);

describe('content scripts in the Chromium build', () => {
  it('are the four page scripts, each at most 15 KB gzip', () => {
    expect(files.map((f) => f.file)).toEqual(['gmail.js', 'linkedin.js', 'page.js', 'x.js']);
    const over = files.filter((f) => f.gzipBytes > BUDGET).map((f) => `${f.file}: ${f.gzipBytes} B gzip`);
    expect(over).toEqual([]);
  });

  it('leave the card, its strings and Preact to card.js, loaded on the first open', () => {
    const card = join(CONTENT_SCRIPTS_DIR, '..', 'card.js');
    expect(existsSync(card)).toBe(true);
    expect(readFileSync(card, 'utf8')).toContain('Save as contact');
    for (const { file } of files) {
      const code = readFileSync(join(CONTENT_SCRIPTS_DIR, file), 'utf8');
      expect(code, file).not.toContain('Save as contact'); // a card string
      expect(code, file).not.toContain('__H'); // Preact's hooks slot: no Preact in the page scripts
      expect(code, file).toContain('page.badge.known'); // the badge strings are there
    }
  });
});
