// @vitest-environment happy-dom
// Meta-test: every adapter is registered and frozen in several vintages, and no selector is dead.
// Pages are never fetched live (refined-github's live selector test had to be skipped, #9314).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterFor, adapters } from './registry.ts';
import { fixtureNames, type LoadedFixture, loadFixture } from './testing/fixtures.ts';

const SITES = ['gmail', 'linkedin', 'x', 'generic'] as const;
const loaded: LoadedFixture[] = [];

beforeAll(() => {
  for (const site of SITES) for (const name of fixtureNames(site)) loaded.push(loadFixture(site, name));
});
afterAll(async () => {
  await Promise.all(loaded.map((fx) => fx.close()));
});

describe('registry', () => {
  it('registers every site adapter, most specific first and generic last', () => {
    expect(adapters.map((a) => a.id)).toEqual(['gmail', 'linkedin', 'x', 'generic']);
  });

  it.each([
    ['https://mail.google.com/mail/u/0/#inbox', 'gmail'],
    ['https://www.linkedin.com/in/ana-lima/', 'linkedin'],
    ['https://de.linkedin.com/in/ana-lima', 'linkedin'],
    ['https://x.com/eve_1', 'x'],
    ['https://twitter.com/eve_1', 'x'],
    ['https://mobile.twitter.com/eve_1', 'x'],
    ['https://shop.example/about', 'generic'],
    ['https://linkedin.com.evil.example/in/ana/', 'generic'],
  ])('%s -> %s', (url, id) => expect(adapterFor(new URL(url))?.id).toBe(id));

  it('has no adapter for browser and extension pages', () => {
    expect(adapterFor(new URL('chrome://extensions/'))).toBeNull();
    expect(adapterFor(new URL('file:///tmp/a.html'))).toBeNull();
  });
});

describe.each(SITES)('%s selectors', (site) => {
  const adapter = adapters.find((a) => a.id === site);

  it('has fixtures from at least two vintages', () => {
    const years = new Set(loaded.filter((fx) => fx.site === site).map((fx) => fx.year));
    expect(years.size).toBeGreaterThanOrEqual(2);
  });

  it('has no dead selectors, and reports which fallback each fixture uses', () => {
    expect(adapter).toBeDefined();
    // Generic runs on any page, so any fixture may exercise it; site selectors need their own site's pages.
    const pages = loaded.filter((fx) => site === 'generic' || fx.site === site);
    const report: string[] = [];
    for (const [field, chain] of Object.entries(adapter?.selectors ?? {})) {
      for (const selector of chain) {
        const hits = pages.filter((fx) => fx.doc.querySelector(selector) !== null);
        expect(
          hits.map((fx) => fx.name),
          `${site}.${field}: "${selector}" matches no fixture`,
        ).not.toEqual([]);
      }
      for (const fx of pages) {
        const won = chain.findIndex((selector) => fx.doc.querySelector(selector) !== null);
        report.push(`${fx.site}/${fx.name} ${field}: ${won < 0 ? '—' : `#${won + 1} ${chain[won]}`}`);
      }
    }
    console.info(`[${site}] fallback used per fixture\n  ${report.join('\n  ')}`);
  });
});
