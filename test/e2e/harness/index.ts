// End-to-end harness: real Chromium + an unpacked extension, local HTTPS fixtures under the real site
// hostnames, the real Rapport server in-process, and screenshots. See test/README.md.
export {
  chromiumPath,
  DEFAULT_CHROMIUM,
  type ExtensionBrowser,
  type LaunchOptions,
  launchBrowserWithExtension,
} from './chromium.ts';
export {
  type DashboardWorld,
  MEMBER_PASSWORD,
  type Member,
  startDashboardWorld,
} from './dashboard-world.ts';
export {
  type FixtureRequest,
  type FixtureRoute,
  type FixtureServer,
  type FixtureServerOptions,
  startFixtureServer,
} from './fixture-server.ts';
export { type HostMap, hostResolverRules } from './host-rules.ts';
export {
  type Account,
  type RapportServer,
  type StartServerOptions,
  startServer,
  TEST_ADMIN,
} from './rapport-server.ts';
export { ARTIFACTS_DIR, screenshot } from './screenshot.ts';
export { isExecutableScript, stripExecutableScripts } from './strip-scripts.ts';
export { buildTestExtension, type TestExtension } from './test-extension.ts';
