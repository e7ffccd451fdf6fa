import type { z } from 'zod';

/** "emails[1]", "patch.fields.name.v", or "(root)". */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out || '(root)';
}

export interface IssueDetail {
  path: string;
  message: string;
  /** The common zod issues only (see issueParams): what a UI needs to say the reason in its language. */
  code?: string;
  origin?: string;
  minimum?: number | string;
  maximum?: number | string;
  expected?: string;
  format?: string;
  /** A custom check's reason code (@rapport/shared/api-errors SCHEMA_REASONS), from its issue's params. */
  reason?: string;
}

const ISSUE_PARAMS = ['origin', 'minimum', 'maximum', 'expected', 'format'] as const;
const SAID_CODES: ReadonlySet<string> = new Set([
  'too_small',
  'too_big',
  'invalid_type',
  'invalid_format',
  'invalid_value',
]);

/**
 * zod's code and the size or kind it wanted, for too_small, too_big, invalid_type, invalid_format and
 * invalid_value (the UIs translate these, @rapport/shared/api-errors); nothing for other issues.
 */
export function issueParams(issue: z.core.$ZodIssue): Omit<IssueDetail, 'path' | 'message'> {
  if (issue.code === 'custom') {
    const reason = (issue.params as { reason?: unknown } | undefined)?.reason;
    return typeof reason === 'string' ? { code: 'custom', reason } : {};
  }
  if (!SAID_CODES.has(issue.code)) return {};
  const out: Record<string, string | number> = { code: issue.code };
  for (const key of ISSUE_PARAMS) {
    const value = (issue as unknown as Record<string, unknown>)[key];
    if (typeof value === 'string' || typeof value === 'number') out[key] = value;
    else if (typeof value === 'bigint') out[key] = value.toString();
  }
  return out;
}

/** Issues as {path, message} pairs (with issueParams), for an API error's `details`. */
export function issueDetails(error: z.ZodError, prefix: readonly PropertyKey[] = []): IssueDetail[] {
  return error.issues.map((issue) => ({
    path: issuePath([...prefix, ...issue.path]),
    message: issue.message,
    ...issueParams(issue),
  }));
}

/** One readable line: "emails[1]: "x" is not an email address; name: name must not be empty". */
export function formatZodError(error: z.ZodError, prefix: readonly PropertyKey[] = []): string {
  return issueDetails(error, prefix)
    .map((d) => `${d.path}: ${d.message}`)
    .join('; ');
}

/** Thrown by the parse helpers in this package; `details` is ready for an API error body. */
export class ValidationError extends Error {
  override name = 'ValidationError';
  constructor(
    message: string,
    readonly details: IssueDetail[] = [],
  ) {
    super(message);
  }
}
