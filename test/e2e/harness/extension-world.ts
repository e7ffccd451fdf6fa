// One setup for the extension's end-to-end suites: the real server in-process (SQLite, port 0) with a
// signed-in admin API, the saved site pages served under their real hostnames, and — once the test has
// seeded the server — Chromium with the built extension signed in through its side panel and synced.
// Not re-exported from ./index.ts: it builds on the page objects, which import the harness.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DashboardPage } from '../pages/dashboard.ts';
import { RapportApi } from '../pages/rapport-api.ts';
import { type SignedInBrowser, signedInBrowser } from '../pages/signed-in-browser.ts';
import { type FixtureRoute, type FixtureServer, startFixtureServer } from './fixture-server.ts';
import { type Account, type RapportServer, startServer } from './rapport-server.ts';

export interface Viewport {
  width: number;
  height: number;
}

export interface ExtensionWorld {
  /** Its `close()` may be called more than once. */
  server: RapportServer;
  /** The saved pages' server; undefined when the suite serves none. */
  fixtures: FixtureServer | undefined;
  /** REST calls as the admin. */
  api: RapportApi;
  /**
   * Launches Chromium with the extension, signs its side panel in as `account` (the admin when omitted)
   * and syncs once. Call it after seeding the server; `close()` closes the browser.
   */
  signIn(account?: Account): Promise<SignedInBrowser>;
  /** A new tab in the extension's browser (at `viewport` when given), opened at `url` when given. */
  newPage(viewport?: Viewport, url?: string): Promise<Page>;
  /** A dashboard tab in the extension's browser at `viewport`, signed in as the admin. */
  openDashboard(viewport: Viewport): Promise<DashboardPage>;
  close(): Promise<void>;
}

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

export interface ExtensionWorldOptions {
  /** Saved pages by the URL they are served at: a path under test/fixtures, e.g. 'gmail/2025-thread.html'. */
  pages?: Record<string, string>;
  /** Other routes (inline bodies, scripts kept). */
  routes?: FixtureRoute[];
}

export async function startExtensionWorld(options: ExtensionWorldOptions = {}): Promise<ExtensionWorld> {
  const routes = [
    ...Object.entries(options.pages ?? {}).map(([url, file]) => ({ url, file: join(FIXTURES, file) })),
    ...(options.routes ?? []),
  ];
  const [server, fixtures] = await Promise.all([
    startServer(),
    routes.length > 0 ? startFixtureServer({ routes }) : undefined,
  ]);
  // Idempotent, so a test may stop the server midway (offline cases) and close() still tidies up.
  let serverClosed: Promise<void> | undefined;
  const closeServer = () => {
    serverClosed ??= server.close();
    return serverClosed;
  };
  let session: SignedInBrowser | undefined;
  const browser = () => {
    if (!session) throw new Error('extension world: signIn() first');
    return session.browser;
  };
  const newPage = async (viewport?: Viewport, url?: string): Promise<Page> => {
    const page = await browser().context.newPage();
    if (viewport) await page.setViewportSize(viewport);
    if (url) await page.goto(url);
    return page;
  };
  return {
    server: { ...server, close: closeServer },
    fixtures,
    api: await RapportApi.as(server),
    async signIn(account = server.admin) {
      session = await signedInBrowser({ url: server.url, admin: account }, fixtures);
      await session.panel.syncNow();
      return session;
    },
    newPage,
    async openDashboard(viewport) {
      const dash = new DashboardPage(await newPage(viewport), server.url);
      await dash.signIn(server.admin.email, server.admin.password);
      return dash;
    },
    async close() {
      await session?.close();
      await Promise.all([fixtures?.close(), closeServer()]);
    },
  };
}
