import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { getMimeType } from 'hono/utils/mime';

/** Where `pnpm build:dashboard` writes the dashboard (server/dashboard/dist). */
export const DEFAULT_DASHBOARD_DIR = fileURLToPath(new URL('../../../dashboard/dist/', import.meta.url));

export interface StaticFile {
  body: Uint8Array;
  /** Smaller encodings, present only when they save bytes. */
  br?: Uint8Array;
  gzip?: Uint8Array;
  type: string;
  etag: string;
}

export interface DashboardFiles {
  /** URL path ("/assets/index-x.js") -> file. */
  files: Map<string, StaticFile>;
  index: StaticFile;
  /** index.html's mtime when loaded: a rebuild changes it, and the files are read again. */
  loadedMtimeMs: number;
}

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|manifest\+json|xml)|image\/svg\+xml)/;

function toStaticFile(path: string, body: Uint8Array): StaticFile {
  const type = getMimeType(path) ?? 'application/octet-stream';
  const file: StaticFile = {
    body,
    type,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
  };
  if (COMPRESSIBLE.test(type) && body.byteLength > 512) {
    const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
    const gzip = gzipSync(body, { level: 9 });
    if (br.byteLength < body.byteLength) file.br = br;
    if (gzip.byteLength < body.byteLength) file.gzip = gzip;
  }
  return file;
}

/**
 * The built dashboard, read into memory once per build (a few hundred KB) and pre-compressed, so
 * requests never touch the disk and only files that exist in dist can be served (no path tricks).
 * Returns null when there is no build (dist/index.html missing).
 */
async function loadDashboard(dir: string): Promise<DashboardFiles | null> {
  const indexStat = await stat(join(dir, 'index.html')).catch(() => null);
  if (!indexStat?.isFile()) return null;
  const files = new Map<string, StaticFile>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const urlPath = `/${relative(dir, full).split(sep).join('/')}`;
    files.set(urlPath, toStaticFile(urlPath, await readFile(full)));
  }
  const index = files.get('/index.html');
  if (!index) return null;
  return { files, index, loadedMtimeMs: indexStat.mtimeMs };
}

/**
 * A loader that re-reads dist when index.html changed (a rebuild while the server runs) and
 * notices a build that appears after start, at the cost of one stat per request.
 */
export function dashboardLoader(dir: string): () => Promise<DashboardFiles | null> {
  let current: Promise<DashboardFiles | null> | null = null;
  return async () => {
    const mtime = (await stat(join(dir, 'index.html')).catch(() => null))?.mtimeMs ?? null;
    const loaded = current ? await current : null;
    if (mtime === null) {
      current = null;
      return null;
    }
    if (!current || loaded?.loadedMtimeMs !== mtime) current = loadDashboard(dir);
    return current;
  };
}
