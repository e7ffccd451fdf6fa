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
}

/** Issues as {path, message} pairs, for an API error's `details`. */
export function issueDetails(error: z.ZodError, prefix: readonly PropertyKey[] = []): IssueDetail[] {
  return error.issues.map((issue) => ({
    path: issuePath([...prefix, ...issue.path]),
    message: issue.message,
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
