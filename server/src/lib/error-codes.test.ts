// Every error code the server's source can send has its sentence in both UI languages
// (@rapport/shared/api-errors). The codes are read from the source, not listed here: a new
// `new ApiError(…, 'code', …)`, `errorBody('code', …)` or raw Node answer without a translation fails.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_ERROR_CODES, API_ERROR_TEXT, describeApiError } from '@rapport/shared/api-errors';
import { expect, it } from 'vitest';
import { z } from 'zod';
import { validationError } from './errors.ts';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [path] : [];
  });
}

/** Code literals where an error body is made: ApiError(status, 'x'), errorBody('x'), rawJsonResponse(…, 'x', …), CODE_BY_STATUS. */
function codesInSource(): Set<string> {
  const found = new Set<string>();
  const patterns = [
    /new ApiError\(\s*\d+,\s*'([a-z_]+)'/g,
    /errorBody\(\s*'([a-z_]+)'/g,
    /rawJsonResponse\(\s*\d+,\s*'[^']*',\s*'([a-z_]+)'/g,
    /^\s*\d{3}: '([a-z_]+)',$/gm,
  ];
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.add(m[1] as string);
  }
  return found;
}

it('has an English and a Chinese sentence for every error code the server sends', () => {
  const codes = codesInSource();
  // The scan finds the codes made in many places (a broken pattern would find none).
  for (const code of [
    'validation_failed',
    'unauthorized',
    'mutation_gap',
    'headers_too_large',
    'payload_too_large',
  ])
    expect(codes).toContain(code);
  const missing = [...codes].filter((c) => !(API_ERROR_CODES as readonly string[]).includes(c));
  expect(missing).toEqual([]);
  for (const code of codes) {
    expect(API_ERROR_TEXT.en[code as keyof typeof API_ERROR_TEXT.en]).toBeTruthy();
    expect(API_ERROR_TEXT['zh-CN'][code as keyof typeof API_ERROR_TEXT.en]).toMatch(/[\u4e00-\u9fff]/);
  }
});

it('sends the zod issue code and size with each refused field, so a UI can say it in Chinese', () => {
  const Body = z.strictObject({
    name: z.string().min(1),
    note: z.string().max(10),
    email: z.email(),
    score: z.number().int().min(0).max(10),
    kind: z.enum(['csat', 'nps']),
  });
  const parsed = Body.safeParse({ name: '', note: 'x'.repeat(11), email: 'nope', score: 11, kind: 'ces' });
  if (parsed.success) throw new Error('expected a refusal');
  const error = validationError(parsed.error, 'json');
  expect(error.details).toMatchObject({
    target: 'body',
    issues: [
      { path: 'name', code: 'too_small', origin: 'string', minimum: 1 },
      { path: 'note', code: 'too_big', origin: 'string', maximum: 10 },
      { path: 'email', code: 'invalid_format', format: 'email' },
      { path: 'score', code: 'too_big', origin: 'number', maximum: 10 },
      { path: 'kind', code: 'invalid_value' },
    ],
  });
  expect(
    describeApiError('zh-CN', { code: error.code, message: error.message, details: error.details }),
  ).toBe(
    '部分字段无效。 name: 不能为空；note: 最多 10 个字符；email: 不是有效的邮箱地址；score: 不能大于 10；kind: 不是允许的取值',
  );
});
