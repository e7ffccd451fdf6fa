// HTTPS server for saved pages, answering for the real hostnames (mail.google.com, www.linkedin.com,
// x.com, …) that Chromium maps to it (see host-rules.ts). Pages are matched by Host header + path;
// anything else gets a fast 404, so a saved page's other assets cost nothing and leak nowhere.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import { z } from 'zod';
import { localCertificate } from './certificate.ts';
import { stripExecutableScripts } from './strip-scripts.ts';

const routeSchema = z
  .object({
    /** The URL the browser asks for, e.g. "https://mail.google.com/mail/u/0/"; query and hash are ignored. */
    url: z.url({ protocol: /^https$/, error: 'route url must be an absolute https:// URL' }),
    /** A file to serve (read on each request, so tests may rewrite it). */
    file: z.string().min(1).optional(),
    /** Or the body itself. */
    body: z.union([z.string(), z.instanceof(Uint8Array)]).optional(),
    /** Defaults from the file's extension, else text/html. */
    contentType: z.string().optional(),
    status: z.number().int().min(100).max(599).default(200),
    headers: z.record(z.string(), z.string()).default({}),
    /** Serve HTML as saved, scripts and all (default: executable scripts stripped and blocked). */
    keepScripts: z.boolean().default(false),
  })
  .strict()
  .refine((r) => (r.file === undefined) !== (r.body === undefined), {
    error: 'a route needs exactly one of file or body',
  });

export type FixtureRoute = z.input<typeof routeSchema>;
type Route = z.output<typeof routeSchema>;

export interface FixtureRequest {
  host: string;
  path: string;
  status: number;
}

export interface FixtureServer {
  port: number;
  /** https://127.0.0.1:<port> */
  origin: string;
  /** Every route's host (and any extra host) -> "127.0.0.1:<port>", for launchBrowserWithExtension. */
  readonly hostMap: Record<string, string>;
  /** Every request answered, in order: assert what a page fetched. */
  readonly requests: readonly FixtureRequest[];
  /** Adds or replaces a route while running. */
  route(route: FixtureRoute): void;
  close(): Promise<void>;
}

export interface FixtureServerOptions {
  routes?: readonly FixtureRoute[];
  /** Hosts to map with no routes yet (every path answers 404 until one is added). */
  hosts?: readonly string[];
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/** Blocks inline handlers (onload=…) and javascript: URLs too; extension content scripts are exempt. */
const NO_SCRIPTS_CSP = "script-src 'none'; object-src 'none'";

const routeKey = (host: string, path: string): string => `${host.toLowerCase()}${path}`;

function parseRoute(input: FixtureRoute): Route {
  const parsed = routeSchema.safeParse(input);
  if (!parsed.success)
    throw new Error(`Invalid fixture route ${JSON.stringify(input.url)}:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

async function respond(
  route: Route,
): Promise<{ status: number; headers: Record<string, string>; body: string | Uint8Array }> {
  const byExtension =
    route.file === undefined ? CONTENT_TYPES['.html'] : CONTENT_TYPES[extname(route.file).toLowerCase()];
  const contentType = route.contentType ?? byExtension ?? 'application/octet-stream';
  let body: string | Uint8Array =
    route.file !== undefined ? await readFile(route.file) : (route.body as string | Uint8Array);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'cache-control': 'no-store',
    ...route.headers,
  };
  if (contentType.startsWith('text/html') && !route.keepScripts) {
    body = stripExecutableScripts(typeof body === 'string' ? body : Buffer.from(body).toString('utf8'));
    headers['content-security-policy'] = NO_SCRIPTS_CSP;
  }
  return { status: route.status, headers, body };
}

export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const routes = new Map<string, Route>();
  const hosts = new Set((options.hosts ?? []).map((h) => h.toLowerCase()));
  const requests: FixtureRequest[] = [];
  const add = (input: FixtureRoute): void => {
    const route = parseRoute(input);
    const url = new URL(route.url);
    hosts.add(url.hostname);
    routes.set(routeKey(url.hostname, url.pathname), route);
  };
  for (const r of options.routes ?? []) add(r);

  const { key, cert } = await localCertificate();
  const server: Server = createServer({ key, cert }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const path = new URL(req.url ?? '/', 'https://fixture.invalid').pathname;
    const route = routes.get(routeKey(host, path));
    const log = (status: number): void => {
      requests.push({ host, path, status });
    };
    if (!route) {
      log(404);
      res
        .writeHead(404, { 'content-type': 'text/plain', 'cache-control': 'no-store' })
        .end(`No fixture for ${host}${path}`);
      return;
    }
    respond(route).then(
      ({ status, headers, body }) => {
        log(status);
        res.writeHead(status, headers).end(req.method === 'HEAD' ? undefined : body);
      },
      (err: unknown) => {
        log(500);
        res
          .writeHead(500, { 'content-type': 'text/plain' })
          .end(`Fixture ${route.url} failed: ${String(err)}`);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    port,
    origin: `https://127.0.0.1:${port}`,
    get hostMap() {
      return Object.fromEntries([...hosts].map((h) => [h, `127.0.0.1:${port}`]));
    },
    requests,
    route: add,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
