import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppEnv } from '../../lib/app-env.ts';
import { DEFAULT_DASHBOARD_DIR, dashboardLoader, type StaticFile } from './dashboard.files.ts';
import { DASHBOARD_SECURITY_HEADERS, IMMUTABLE, REVALIDATE, SHORT } from './dashboard.headers.ts';
import { MISSING_DASHBOARD_HTML } from './dashboard.missing.ts';

export interface DashboardOptions {
  /** The built dashboard (default server/dashboard/dist). */
  dir?: string;
}

/** The encoding to send: brotli, then gzip, when the client accepts it and we have it. */
function pickEncoding(file: StaticFile, accept: string): 'br' | 'gzip' | null {
  const accepts = (name: string) =>
    new RegExp(`(^|[,\\s])${name}(?!;\\s*q=0(\\.0+)?(\\s|,|$))`, 'i').test(accept);
  if (file.br && accepts('br')) return 'br';
  if (file.gzip && accepts('gzip')) return 'gzip';
  return null;
}

function send(c: Context<AppEnv>, file: StaticFile, cacheControl: string): Response {
  const headers = new Headers(DASHBOARD_SECURITY_HEADERS);
  headers.set('Content-Type', file.type);
  headers.set('Cache-Control', cacheControl);
  headers.set('ETag', file.etag);
  headers.set('Vary', 'Accept-Encoding');
  if (
    c.req
      .header('If-None-Match')
      ?.split(/\s*,\s*/)
      .includes(file.etag)
  )
    return new Response(null, { status: 304, headers });
  const encoding = pickEncoding(file, c.req.header('Accept-Encoding') ?? '');
  const body = encoding ? (file[encoding] as Uint8Array) : file.body;
  if (encoding) headers.set('Content-Encoding', encoding);
  headers.set('Content-Length', String(body.byteLength));
  return new Response(c.req.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
    status: 200,
    headers,
  });
}

const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');
/** Paths that name a file (an extension in the last segment, or under /assets/) are never SPA routes. */
const looksLikeFile = (path: string) => path.startsWith('/assets/') || /\.[A-Za-z0-9]+$/.test(path);

/**
 * Serves the built dashboard: its files with their content types and cache headers, and
 * index.html for every other GET that is not under /api (client-side routes such as /customers).
 * Mount it after the API routers: /api paths fall through to the app's JSON 404.
 */
export function dashboardRouter(options: DashboardOptions = {}): Hono<AppEnv> {
  const load = dashboardLoader(options.dir ?? DEFAULT_DASHBOARD_DIR);
  return new Hono<AppEnv>().get('*', async (c, next) => {
    const path = c.req.path;
    // Not ours: routes mounted later still match, and unknown API paths get the app's JSON 404.
    if (isApiPath(path)) return next();
    const dashboard = await load();
    if (!dashboard) {
      return c.html(MISSING_DASHBOARD_HTML, 503, {
        ...DASHBOARD_SECURITY_HEADERS,
        'Cache-Control': 'no-store',
      });
    }
    const file = path === '/index.html' ? undefined : dashboard.files.get(path);
    if (file) return send(c, file, path.startsWith('/assets/') ? IMMUTABLE : SHORT);
    if (looksLikeFile(path) && path !== '/index.html') {
      return c.text(`No file ${path} in the dashboard build`, 404, {
        ...DASHBOARD_SECURITY_HEADERS,
        'Cache-Control': 'no-store',
      });
    }
    return send(c, dashboard.index, REVALIDATE);
  });
}
