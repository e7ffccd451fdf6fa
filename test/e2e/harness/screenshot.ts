// Screenshots for looking at what a test saw (badges, dashboard). test/artifacts/ is git-ignored.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

export const ARTIFACTS_DIR = join(import.meta.dirname, '..', '..', 'artifacts');

/** Writes test/artifacts/<name>.png (name may contain "/" for sub-folders) and returns its path. */
export async function screenshot(
  target: Page | Locator,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  if (!/^[\w./-]+$/.test(name) || name.includes('..'))
    throw new Error(`screenshot name "${name}": use letters, digits, - _ . /`);
  const path = join(ARTIFACTS_DIR, name.endsWith('.png') ? name : `${name}.png`);
  await mkdir(join(path, '..'), { recursive: true });
  if ('goto' in target) await target.screenshot({ path, fullPage: options.fullPage ?? false });
  else await target.screenshot({ path });
  return path;
}
