// Real Chromium with an unpacked MV3 extension, headless, for end-to-end tests.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';
import { type HostMap, hostResolverRules } from './host-rules.ts';

/** Debian's /usr/bin/chromium is a wrapper that adds its own flags; this is the binary itself. */
export const DEFAULT_CHROMIUM = '/usr/lib/chromium/chromium';

export const chromiumPath = (): string => process.env.RAPPORT_CHROMIUM ?? DEFAULT_CHROMIUM;

export interface LaunchOptions {
  /** Site hostnames to serve locally, e.g. fixtureServer.hostMap; every other name fails to resolve. */
  hostMap?: HostMap;
  /** Extra Chromium flags. */
  args?: readonly string[];
  /** Headless unless RAPPORT_HEADED=1 (handy with a display when debugging). */
  headless?: boolean;
  /** How long to wait for the extension's service worker (default 15 s). */
  timeoutMs?: number;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  /** From the service worker's URL: chrome-extension://<id>/… */
  extensionId: string;
  serviceWorker: Worker;
  /** chrome-extension://<id>/<path>, for the side panel, popup and options pages. */
  extensionUrl(path: string): string;
  close(): Promise<void>;
}

const isExtensionWorker = (w: Worker): boolean => w.url().startsWith('chrome-extension://');

/**
 * Launches Chromium with only this extension loaded. Playwright's `headless: true` is Chromium's new
 * headless mode (the old one is gone), which runs MV3 extensions; no `--headless=new` is needed.
 * The profile is a fresh temporary directory, removed on close.
 */
export async function launchBrowserWithExtension(
  extDir: string,
  options: LaunchOptions = {},
): Promise<ExtensionBrowser> {
  const dir = resolve(extDir);
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(
      `No manifest.json in ${dir}: build the extension first (pnpm --filter @rapport/extension build)`,
    );
  }
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: apt-get install chromium, or set RAPPORT_CHROMIUM`,
    );
  }
  const timeout = options.timeoutMs ?? 15_000;
  const context = await chromium.launchPersistentContext('', {
    executablePath,
    headless: options.headless ?? process.env.RAPPORT_HEADED !== '1',
    timeout: 30_000,
    args: [
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-features=OptimizationHints,MediaRouter,Translate',
      `--host-resolver-rules=${hostResolverRules(options.hostMap ?? {})}`,
      '--ignore-certificate-errors',
      ...(options.args ?? []),
    ],
  });
  try {
    const serviceWorker =
      context.serviceWorkers().find(isExtensionWorker) ??
      (await context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout }));
    const extensionId = new URL(serviceWorker.url()).host;
    return {
      context,
      extensionId,
      serviceWorker,
      extensionUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
      close: () => context.close(),
    };
  } catch (err) {
    await context.close();
    throw new Error(
      `The extension in ${dir} started no service worker within ${timeout} ms (manifest error, or no background?)`,
      {
        cause: err,
      },
    );
  }
}
