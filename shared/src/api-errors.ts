// The server's error codes ({ error: { code, message, details } }) in every UI language, said once: the
// dashboard and the extension show these rather than the server's English message. The server's
// ErrorCode is this list, so a new code cannot be sent without a sentence here (api-errors.test.ts also
// reads the server's source for codes). Zod-free and side-effect-free, like the glossary.
import type { GlossaryLanguage } from './glossary.ts';

/** Every code the server puts in an error body. */
export const API_ERROR_CODES = [
  'bad_request',
  'invalid_json',
  'validation_failed',
  'unsupported_media_type',
  'payload_too_large',
  'headers_too_large',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'mutation_gap',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

type Texts<K extends string> = Record<GlossaryLanguage, Record<K, string>>;

/** One sentence per code. */
export const API_ERROR_TEXT = {
  en: {
    bad_request: 'The request was refused.',
    invalid_json: 'The request could not be read (not valid JSON).',
    validation_failed: 'Some fields are not valid.',
    unsupported_media_type: 'This kind of file or request is not supported.',
    payload_too_large: 'The upload is too large.',
    headers_too_large: 'The request is too long.',
    unauthorized: 'Sign in again: the session has ended or the sign-in was wrong.',
    forbidden: 'Your role may not do this.',
    not_found: 'It was not found; it may have been deleted.',
    method_not_allowed: 'This action is not available here.',
    conflict: 'This clashes with a record that exists or changed meanwhile.',
    mutation_gap: 'Sync is out of step; it starts again by itself.',
    rate_limited: 'Too many attempts; wait a moment and try again.',
    unavailable: 'The server is busy or starting; try again shortly.',
    internal: 'The server ran into a problem.',
  },
  'zh-CN': {
    bad_request: '请求被拒绝。',
    invalid_json: '无法读取请求（不是有效的 JSON）。',
    validation_failed: '部分字段无效。',
    unsupported_media_type: '不支持这种文件或请求类型。',
    payload_too_large: '上传的内容过大。',
    headers_too_large: '请求过长。',
    unauthorized: '请重新登录：会话已结束或登录信息有误。',
    forbidden: '你的角色无权执行此操作。',
    not_found: '未找到，可能已被删除。',
    method_not_allowed: '此处不支持该操作。',
    conflict: '与已有记录冲突，或记录已被他人修改。',
    mutation_gap: '同步进度不一致，将自动重新开始。',
    rate_limited: '尝试次数过多，请稍后再试。',
    unavailable: '服务器繁忙或正在启动，请稍后再试。',
    internal: '服务器出现问题。',
  },
} as const satisfies Texts<ApiErrorCode>;

/**
 * Why the server refused a synced change (a push's rejected mutation), one code per kind of refusal.
 * The server records the code beside its English reason; rows logged before codes have none and show
 * the reason as it was stored.
 */
export const REJECTION_CODES = [
  'invalid',
  'not_in_team',
  'deleted',
  'forbidden',
  'pulse_owner_only',
  'too_many_duplicates',
  'clock_ahead',
  'bad_clock',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/** One sentence per rejection code. */
export const REJECTION_TEXT = {
  en: {
    invalid: 'Some fields of this change are not valid.',
    not_in_team: 'The record is not in your team; it may have been deleted.',
    deleted: 'The contact was deleted.',
    forbidden: 'Your role may not make this change.',
    pulse_owner_only: 'A pulse score can only be recorded by the employee it belongs to.',
    too_many_duplicates: 'The record matches too many duplicates to merge.',
    clock_ahead:
      "This device's clock is ahead of the server's; the change was not saved: set the clock right.",
    bad_clock: 'The change carries a clock value that cannot be read.',
  },
  'zh-CN': {
    invalid: '此更改的部分字段无效。',
    not_in_team: '该记录不在你的团队中，可能已被删除。',
    deleted: '该联系人已被删除。',
    forbidden: '你的角色无权进行此更改。',
    pulse_owner_only: '脉搏评分只能由本人记录。',
    too_many_duplicates: '该记录匹配到的重复记录过多，无法合并。',
    clock_ahead: '此设备的时钟比服务器快，此更改未保存：请校正设备时钟。',
    bad_clock: '此更改带有无法读取的时钟值。',
  },
} as const satisfies Texts<RejectionCode>;

export const isRejectionCode = (code: unknown): code is RejectionCode =>
  typeof code === 'string' && (REJECTION_CODES as readonly string[]).includes(code);

/**
 * A refused synced change in `lang`: English keeps the server's reason (it names the record and the
 * fields); other languages say the code's sentence. No known code (an old row): the stored reason.
 */
export function describeRejection(
  lang: GlossaryLanguage,
  rejection: { code?: string | null; reason: string },
): string {
  if (!isRejectionCode(rejection.code)) return rejection.reason;
  if (lang === 'en') return rejection.reason || REJECTION_TEXT.en[rejection.code];
  return REJECTION_TEXT[lang][rejection.code];
}

/** Why one field was refused, by zod issue code (and the kind of value for sizes). */
export const ISSUE_TEXT = {
  en: {
    empty: 'must not be empty',
    tooShort: 'needs at least {n} characters',
    tooLong: 'may have at most {n} characters',
    tooFew: 'needs at least {n} items',
    tooMany: 'may have at most {n} items',
    tooSmall: 'must be at least {n}',
    tooBig: 'must be at most {n}',
    invalidType: 'is missing or of the wrong kind (expected {expected})',
    invalidFormat: 'is not in the right format',
    email: 'is not an email address',
    url: 'is not a web address',
    date: 'is not a date',
    invalidValue: 'is not one of the allowed values',
    string: 'text',
    number: 'a number',
    boolean: 'yes or no',
    object: 'an object',
    array: 'a list',
  },
  'zh-CN': {
    empty: '不能为空',
    tooShort: '至少需要 {n} 个字符',
    tooLong: '最多 {n} 个字符',
    tooFew: '至少需要 {n} 项',
    tooMany: '最多 {n} 项',
    tooSmall: '不能小于 {n}',
    tooBig: '不能大于 {n}',
    invalidType: '缺失或类型不正确（应为{expected}）',
    invalidFormat: '格式不正确',
    email: '不是有效的邮箱地址',
    url: '不是有效的网址',
    date: '不是有效的日期',
    invalidValue: '不是允许的取值',
    string: '文本',
    number: '数字',
    boolean: '是或否',
    object: '对象',
    array: '列表',
  },
} as const satisfies Texts<string>;

/**
 * Reasons the shared schemas word themselves (their custom checks), by the `params.reason` code each
 * check puts on its zod issue (shared/src/schemas/; issueParams carries it as the issue's `reason`).
 * English keeps the schema's own message, which names the value; other languages say this sentence.
 */
export const SCHEMA_REASONS = [
  'email',
  'domain',
  'phone',
  'handle',
  'duplicate',
  'money',
  'date',
  'dateTime',
  'monthDay',
  'timeZone',
  'address',
  'windowOrder',
  'marginOver100',
] as const;
export type SchemaReason = (typeof SCHEMA_REASONS)[number];

export const SCHEMA_REASON_TEXT = {
  en: {
    email: 'is not an email address',
    domain: 'is not a domain name',
    phone: 'is not a phone number',
    handle: 'is not a valid handle for its network',
    duplicate: 'lists the same entry twice',
    money: 'is not a valid money amount',
    date: 'is not an existing date (YYYY-MM-DD)',
    dateTime: 'is not an existing date and time',
    monthDay: 'is not an existing month and day (MM-DD)',
    timeZone: 'is not a known time zone',
    address: 'needs at least one part',
    windowOrder: 'must be after the start (the end is exclusive)',
    marginOver100: 'cannot exceed 100%',
  },
  'zh-CN': {
    email: '不是有效的邮箱地址',
    domain: '不是有效的域名',
    phone: '不是有效的电话号码',
    handle: '不是该平台的有效账号',
    duplicate: '包含重复的条目',
    money: '不是有效的金额',
    date: '不是有效的日期（YYYY-MM-DD）',
    dateTime: '不是有效的日期时间',
    monthDay: '不是有效的月日（MM-DD）',
    timeZone: '不是已知的时区',
    address: '至少需要填写一项',
    windowOrder: '必须晚于开始日期（不含结束日）',
    marginOver100: '不能超过 100%',
  },
} as const satisfies Texts<SchemaReason>;

const isSchemaReason = (reason: unknown): reason is SchemaReason =>
  typeof reason === 'string' && (SCHEMA_REASONS as readonly string[]).includes(reason);

/** An API error as the UIs receive it (the dashboard's ApiError, the extension's HttpError body). */
export interface ApiErrorLike {
  code: string;
  message: string;
  details?: unknown;
}

/** One refused field as the server's details carry it: path, message, and the zod issue's code and size. */
interface Issue {
  path?: unknown;
  message?: unknown;
  code?: unknown;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  expected?: unknown;
  format?: unknown;
  /** A shared schema's own check (code 'custom'): its SCHEMA_REASONS code. */
  reason?: unknown;
}

export const isApiErrorCode = (code: string): code is ApiErrorCode =>
  (API_ERROR_CODES as readonly string[]).includes(code);

const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (all, key: string) => values[key] ?? all);

/** Why a field was refused, in `lang`; the server's message for issues without a known code. */
export function issueReason(lang: GlossaryLanguage, issue: Issue): string {
  const t = ISSUE_TEXT[lang];
  const n =
    typeof issue.minimum === 'number' || typeof issue.minimum === 'string' ? String(issue.minimum) : '';
  const max =
    typeof issue.maximum === 'number' || typeof issue.maximum === 'string' ? String(issue.maximum) : '';
  const fallback = typeof issue.message === 'string' ? issue.message : t.invalidFormat;
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return n === '1' ? t.empty : fill(t.tooShort, { n });
      if (issue.origin === 'array' || issue.origin === 'set') return fill(t.tooFew, { n });
      return n ? fill(t.tooSmall, { n }) : fallback;
    case 'too_big':
      if (issue.origin === 'string') return fill(t.tooLong, { n: max });
      if (issue.origin === 'array' || issue.origin === 'set') return fill(t.tooMany, { n: max });
      return max ? fill(t.tooBig, { n: max }) : fallback;
    case 'invalid_type': {
      const expected = typeof issue.expected === 'string' ? issue.expected : '';
      const kind = expected in t ? t[expected as 'string'] : expected;
      return fill(t.invalidType, { expected: kind });
    }
    case 'invalid_format':
    case 'invalid_string':
      if (issue.format === 'email') return t.email;
      if (issue.format === 'url') return t.url;
      if (issue.format === 'date' || issue.format === 'datetime') return t.date;
      return t.invalidFormat;
    case 'invalid_value':
    case 'invalid_enum_value':
      return t.invalidValue;
    case 'custom':
      // English keeps the schema's message (it names the value); others say the reason's sentence.
      return lang !== 'en' && isSchemaReason(issue.reason)
        ? SCHEMA_REASON_TEXT[lang][issue.reason]
        : fallback;
    default:
      return fallback;
  }
}

/** The refused fields of a validation error, "field: reason", when its details list them. */
export function issueLines(lang: GlossaryLanguage, details: unknown): string[] {
  // { target, issues } from request validation; a bare list from the shared parse helpers.
  const issues = Array.isArray(details) ? details : (details as { issues?: unknown } | null)?.issues;
  if (!Array.isArray(issues)) return [];
  return (issues as Issue[]).slice(0, 5).map((issue) => {
    const path = typeof issue.path === 'string' && issue.path !== '' ? issue.path : null;
    const reason = issueReason(lang, issue);
    return path ? `${path}: ${reason}` : reason;
  });
}

/**
 * An API error in `lang`. English keeps the server's own message (it names the specifics); other
 * languages say the code's sentence. A validation error then lists its fields with translated
 * reasons. An unknown code falls back to the server's message.
 */
export function describeApiError(lang: GlossaryLanguage, error: ApiErrorLike): string {
  if (!isApiErrorCode(error.code)) return error.message;
  const lines = error.code === 'validation_failed' ? issueLines(lang, error.details) : [];
  const sentence = API_ERROR_TEXT[lang][error.code];
  if (lang === 'en' && lines.length === 0) return error.message || sentence;
  return lines.length > 0 ? `${sentence} ${lines.join(lang === 'en' ? '; ' : '；')}` : sentence;
}

/**
 * An API error for a form that lists the refused fields under its headline: the fields' lines, and a
 * headline that does not repeat them (a validation error's sentence alone; otherwise describeApiError).
 */
export function describeRefusal(
  lang: GlossaryLanguage,
  error: ApiErrorLike,
): { message: string; fields: string[] } {
  const fields = issueLines(lang, error.details);
  if (fields.length > 0 && isApiErrorCode(error.code))
    return { message: API_ERROR_TEXT[lang][error.code], fields };
  return { message: describeApiError(lang, { ...error, details: null }), fields };
}
