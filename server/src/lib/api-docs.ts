import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './app-env.ts';

/**
 * The API reference at `/api/v1/docs`: Scalar's API reference (`@scalar/api-reference`, MIT), rendered in the
 * browser from `/api/v1/openapi.json`. Everything is served from the installed package, so the page works
 * offline and never loads anything from another host.
 */

const STANDALONE = join(
  dirname(createRequire(import.meta.url).resolve('@scalar/api-reference')),
  'browser',
  'standalone.js',
);

/** Scalar's version is part of the asset URL, so the bundle can be cached for a year. */
const SCALAR_VERSION = (
  JSON.parse(readFileSync(join(dirname(STANDALONE), '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

export const API_DOCS_ASSETS = '/assets';

/** The init script: its own file, since the CSP allows no inline script. */
const initJs = (specUrl: string) => `// Rapport API reference: mounts Scalar on #app.
Scalar.createApiReference('#app', {
  url: ${JSON.stringify(specUrl)},
  // Offline: no web fonts, no Scalar cloud (proxy, agent, MCP, telemetry, developer tools).
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  showDeveloperTools: 'never',
  hideClientButton: false,
  // Try-it calls go straight to this server (same origin, so no proxy is needed).
  proxyUrl: '',
  authentication: { preferredSecurityScheme: 'bearerAuth' },
  documentDownloadType: 'json',
  operationTitleSource: 'path',
  defaultOpenAllTags: true,
});
`;

const PAGE = (prefix: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="data:,">
<title>Rapport API reference</title>
</head>
<body>
<noscript>The API reference needs JavaScript. The machine-readable document is at <a href="openapi.json">openapi.json</a>.</noscript>
<div id="app"></div>
<script src="${prefix}${API_DOCS_ASSETS}/scalar-${SCALAR_VERSION}.js"></script>
<script src="${prefix}${API_DOCS_ASSETS}/init-${SCALAR_VERSION}.js"></script>
</body>
</html>
`;

/**
 * CSP for the docs page and its assets, as strict as Scalar allows:
 * - `script-src 'self'`: the bundle and the init script are files on this server; no inline script, no eval.
 * - `style-src 'self' 'unsafe-inline'`: Scalar (Vue + Tailwind) injects its stylesheet as a `<style>` element
 *   at run time and renders `style` attributes and further `<style>` elements (code highlighting, the editor).
 *   Its `csp-nonce` meta covers only the first, so a nonce instead of 'unsafe-inline' breaks the page (tried,
 *   with six violations). Styles cannot run code; scripts stay 'self' only.
 * - `img-src 'self' data:`: the page's empty `data:` favicon (so the browser asks for no /favicon.ico), and
 *   any `data:` image in descriptions. Scalar's own icons are inline SVG elements.
 * - `font-src 'self'`: no web fonts are loaded (withDefaultFonts is off); system fonts need no source.
 * - `connect-src 'self'`: fetching openapi.json and the try-it requests, all to this server.
 * - No `worker-src`: search and the request client run in the page (the e2e test searches and sends).
 */
export const API_DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const YEAR = 'public, max-age=31536000, immutable';

let bundle: Uint8Array | undefined;

/** Mounts `GET {base}` (the page) and `GET {base}/assets/:file` (bundle and init script). All public. */
export function mountApiDocs(app: OpenAPIHono<AppEnv>, base: string, specUrl: string): void {
  const init = initJs(specUrl);
  app.get(base, (c) => {
    c.header('Content-Security-Policy', API_DOCS_CSP);
    c.header('Cache-Control', 'no-cache');
    return c.html(PAGE(base));
  });
  app.get(`${base}${API_DOCS_ASSETS}/:file`, (c) => {
    const file = c.req.param('file');
    c.header('Content-Security-Policy', API_DOCS_CSP);
    if (file === `scalar-${SCALAR_VERSION}.js`) {
      bundle ??= readFileSync(STANDALONE);
      c.header('Cache-Control', YEAR);
      c.header('Content-Type', 'text/javascript; charset=utf-8');
      return c.body(bundle as Uint8Array<ArrayBuffer>);
    }
    if (file === `init-${SCALAR_VERSION}.js`) {
      c.header('Cache-Control', YEAR);
      c.header('Content-Type', 'text/javascript; charset=utf-8');
      return c.body(init);
    }
    return c.notFound();
  });
}
