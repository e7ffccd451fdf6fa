import { findBadText } from '@rapport/shared/text';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import { isJsonRequest } from './create-router.ts';
import { ApiError } from './errors.ts';

/**
 * Bodies whose text the handler checks item by item instead: a push rejects only the mutation holding
 * a NUL or a lone surrogate (recorded with its reason) and applies the rest of the batch.
 */
const CHECKED_PER_ITEM = new Set(['/api/v1/sync/push']);

function refuse(target: 'path' | 'query' | 'body', path: (string | number)[], message: string): ApiError {
  const where = path.map(String).join('.');
  return new ApiError(
    400,
    'validation_failed',
    `Invalid request ${target}: ${where ? `${where}: ` : ''}${message}`,
    {
      target,
      issues: [{ path: where, message }],
    },
  );
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path; // malformed escapes stay as typed: they match no route, so the router answers 404
  }
}

/**
 * The text rule at the HTTP boundary, before any handler: a NUL (Postgres cannot store it) or an
 * unpaired surrogate (half an emoji) anywhere in the path, the query string or a JSON body is a 400
 * naming the field. A JSON body must be plain UTF-8 JSON: a byte order mark before it is refused.
 */
export const textRule: MiddlewareHandler<AppEnv> = async (c, next) => {
  const path = decodePath(c.req.path);
  const inPath = findBadText(path);
  if (inPath) throw refuse('path', [], inPath.message);
  for (const [key, value] of new URL(c.req.url).searchParams) {
    const bad = findBadText({ [key]: value });
    if (bad) throw refuse('query', bad.path, bad.message);
  }
  if (c.req.raw.body && isJsonRequest(c) && !CHECKED_PER_ITEM.has(c.req.path.replace(/\/+$/, ''))) {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
      throw new ApiError(
        400,
        'invalid_json',
        'The request body starts with a byte order mark (U+FEFF); send plain UTF-8 JSON',
      );
    let text: string;
    try {
      text = UTF8.decode(bytes);
    } catch {
      throw new ApiError(400, 'invalid_json', 'The request body is not valid UTF-8');
    }
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON');
    }
    const bad = findBadText(body);
    if (bad) throw refuse('body', bad.path, bad.message);
  }
  await next();
};
