import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  API_ERROR_CODES,
  API_ERROR_TEXT,
  describeApiError,
  describeRefusal,
  describeRejection,
  ISSUE_TEXT,
  issueLines,
  issueReason,
  REJECTION_CODES,
  REJECTION_TEXT,
  SCHEMA_REASON_TEXT,
  SCHEMA_REASONS,
  type SchemaReason,
} from './api-errors.ts';
import { isoDate, timeZoneSchema } from './schemas/dates.ts';
import { issueDetails } from './schemas/errors.ts';
import { moneyString } from './schemas/money.ts';
import { emailAddress, phoneNumber } from './schemas/primitives.ts';

const HAN = /[\u4e00-\u9fff]/;

describe('API error sentences', () => {
  it('has an English and a Chinese sentence for every code, and nothing else', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      expect(Object.keys(API_ERROR_TEXT[lang]).sort()).toEqual([...API_ERROR_CODES].sort());
      for (const code of API_ERROR_CODES) expect(API_ERROR_TEXT[lang][code].trim()).not.toBe('');
    }
    for (const code of API_ERROR_CODES) expect(API_ERROR_TEXT['zh-CN'][code]).toMatch(HAN);
    expect(Object.keys(ISSUE_TEXT['zh-CN']).sort()).toEqual(Object.keys(ISSUE_TEXT.en).sort());
  });

  it('says a known code in Chinese, keeps the server’s message in English, and falls back for unknown codes', () => {
    const wrong = { code: 'unauthorized', message: 'Wrong email or password', details: null };
    expect(describeApiError('zh-CN', wrong)).toBe('请重新登录：会话已结束或登录信息有误。');
    expect(describeApiError('en', wrong)).toBe('Wrong email or password');
    expect(describeApiError('en', { code: 'forbidden', message: '' })).toBe('Your role may not do this.');
    const odd = { code: 'teapot', message: 'I am a teapot' };
    expect(describeApiError('zh-CN', odd)).toBe('I am a teapot');
    expect(describeApiError('en', odd)).toBe('I am a teapot');
  });

  it('lists a validation error’s fields with translated reasons for the common zod issue codes', () => {
    const details = {
      target: 'body',
      issues: [
        {
          path: 'name',
          message: 'Too small: expected string to have >=1 characters',
          code: 'too_small',
          origin: 'string',
          minimum: 1,
        },
        { path: 'note', message: 'Too big', code: 'too_big', origin: 'string', maximum: 2000 },
        { path: 'tags', message: 'Too big', code: 'too_big', origin: 'array', maximum: 20 },
        { path: 'score', message: 'Too small', code: 'too_small', origin: 'number', minimum: 0 },
        { path: 'email', message: 'Invalid email address', code: 'invalid_format', format: 'email' },
      ],
    };
    expect(issueLines('zh-CN', details)).toEqual([
      'name: 不能为空',
      'note: 最多 2000 个字符',
      'tags: 最多 20 项',
      'score: 不能小于 0',
      'email: 不是有效的邮箱地址',
    ]);
    expect(
      describeApiError('zh-CN', { code: 'validation_failed', message: 'Invalid request body: …', details }),
    ).toBe(
      '部分字段无效。 name: 不能为空；note: 最多 2000 个字符；tags: 最多 20 项；score: 不能小于 0；email: 不是有效的邮箱地址',
    );
    expect(
      describeApiError('en', {
        code: 'validation_failed',
        message: 'x',
        details: { issues: details.issues.slice(0, 1) },
      }),
    ).toBe('Some fields are not valid. name: must not be empty');
  });

  it('says the kind a field wanted, and keeps the server’s reason for issues it cannot say', () => {
    expect(issueReason('zh-CN', { code: 'invalid_type', expected: 'number', message: 'Invalid input' })).toBe(
      '缺失或类型不正确（应为数字）',
    );
    expect(issueReason('en', { code: 'too_small', origin: 'string', minimum: 8 })).toBe(
      'needs at least 8 characters',
    );
    expect(issueReason('zh-CN', { code: 'invalid_value', message: 'Invalid option' })).toBe('不是允许的取值');
    expect(issueReason('zh-CN', { code: 'custom', message: 'not a setting' })).toBe('not a setting');
    expect(issueLines('zh-CN', { issues: [{ path: '', code: 'invalid_format', format: 'url' }] })).toEqual([
      '不是有效的网址',
    ]);
    expect(issueLines('zh-CN', null)).toEqual([]);
  });

  it('gives a form its refused fields and a headline that does not repeat them', () => {
    const refused = {
      code: 'validation_failed',
      message: 'Invalid request body: phoneRegion: phoneRegion must be a supported two-letter region',
      details: {
        target: 'json',
        issues: [
          {
            path: 'phoneRegion',
            code: 'custom',
            message: 'phoneRegion must be a supported two-letter region',
          },
        ],
      },
    };
    expect(describeRefusal('en', refused)).toEqual({
      message: 'Some fields are not valid.',
      fields: ['phoneRegion: phoneRegion must be a supported two-letter region'],
    });
    expect(describeRefusal('zh-CN', refused).message).toBe('部分字段无效。');
    // No field list: the whole error in the UI's language, as describeApiError says it.
    const notFound = { code: 'not_found', message: 'No such contact', details: null };
    expect(describeRefusal('en', notFound)).toEqual({ message: 'No such contact', fields: [] });
    expect(describeRefusal('zh-CN', notFound)).toEqual({
      message: API_ERROR_TEXT['zh-CN'].not_found,
      fields: [],
    });
  });
});

describe('Rejection reasons of synced changes', () => {
  it('has an English and a Chinese sentence for every rejection code, and nothing else', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      expect(Object.keys(REJECTION_TEXT[lang]).sort()).toEqual([...REJECTION_CODES].sort());
      for (const code of REJECTION_CODES) expect(REJECTION_TEXT[lang][code].trim()).not.toBe('');
    }
    for (const code of REJECTION_CODES) expect(REJECTION_TEXT['zh-CN'][code]).toMatch(HAN);
  });

  it('says a coded refusal in Chinese, keeps the server’s reason in English, and shows old rows’ stored reason', () => {
    const deleted = { code: 'deleted', reason: 'contact 0190 was deleted' };
    expect(describeRejection('zh-CN', deleted)).toBe('该联系人已被删除。');
    expect(describeRejection('en', deleted)).toBe('contact 0190 was deleted');
    expect(describeRejection('en', { code: 'forbidden', reason: '' })).toBe(
      'Your role may not make this change.',
    );
    // Logged before codes, or a code this client does not know yet.
    expect(describeRejection('zh-CN', { reason: 'no contact 0190 in your team' })).toBe(
      'no contact 0190 in your team',
    );
    expect(describeRejection('zh-CN', { code: 'teapot', reason: 'I am a teapot' })).toBe('I am a teapot');
  });
});

describe('Reasons the shared schemas word themselves', () => {
  const dir = new URL('./schemas/', import.meta.url);
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => ({ file: f, text: readFileSync(new URL(f, dir), 'utf8') }));

  it('has an English and a Chinese sentence for every reason code', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      expect(Object.keys(SCHEMA_REASON_TEXT[lang]).sort()).toEqual([...SCHEMA_REASONS].sort());
      for (const r of SCHEMA_REASONS) expect(SCHEMA_REASON_TEXT[lang][r].trim()).not.toBe('');
    }
    for (const r of SCHEMA_REASONS) expect(SCHEMA_REASON_TEXT['zh-CN'][r]).toMatch(HAN);
  });

  it('every reason code the schemas use has its sentences (read from shared/src/schemas)', () => {
    const used = new Set<string>();
    for (const { text } of sources) {
      for (const m of text.matchAll(/params: \{ reason: '(\w+)' \}/g)) used.add(m[1] as string);
      for (const m of text.matchAll(/normalisedString\(\s*'[^']*',\s*'[^']*',\s*'(\w+)'/g))
        used.add(m[1] as string);
    }
    expect(used.size).toBeGreaterThanOrEqual(10);
    for (const reason of used) {
      expect(SCHEMA_REASONS, reason).toContain(reason);
      expect(SCHEMA_REASON_TEXT['zh-CN'][reason as SchemaReason], reason).toMatch(HAN);
    }
  });

  it('every custom check of the common schemas (primitives, dates, base, money, contact) carries a reason code', () => {
    const common = ['primitives.ts', 'dates.ts', 'base.ts', 'money.ts', 'contact.ts'];
    for (const { file, text } of sources.filter((s) => common.includes(s.file))) {
      // A custom issue pushed by hand, or a refine: its options (the next few lines) name a reason.
      const checks = [...text.matchAll(/code: 'custom'|\.refine\(/g)];
      expect(checks.length, file).toBeGreaterThan(0);
      for (const check of checks) {
        const around = text.slice(check.index, check.index + 400);
        expect(/params: \{ reason(: '\w+')? \}/.test(around), `${file} at ${check.index}`).toBe(true);
      }
    }
  });

  it('says a refused email, phone, date and money amount in Chinese, and keeps the schema’s English', () => {
    const bad = z
      .strictObject({
        emails: z.array(emailAddress),
        phone: phoneNumber,
        dueOn: isoDate,
        amount: moneyString,
        zone: timeZoneSchema,
      })
      .safeParse({
        emails: ['jane(at)acme'],
        phone: 'call me',
        dueOn: '2026-02-30',
        amount: '1.2.3',
        zone: 'Mars/Base',
      });
    expect(bad.success).toBe(false);
    const details = issueDetails((bad as { error: z.ZodError }).error);
    expect(details.map((d) => [d.path, d.code, d.reason])).toEqual([
      ['emails[0]', 'custom', 'email'],
      ['phone', 'custom', 'phone'],
      ['dueOn', 'custom', 'date'],
      ['amount', 'custom', 'money'],
      ['zone', 'custom', 'timeZone'],
    ]);
    expect(issueLines('zh-CN', details)).toEqual([
      'emails[0]: 不是有效的邮箱地址',
      'phone: 不是有效的电话号码',
      'dueOn: 不是有效的日期（YYYY-MM-DD）',
      'amount: 不是有效的金额',
      'zone: 不是已知的时区',
    ]);
    // English keeps each schema's own message (it names the value).
    expect(issueLines('en', details)[0]).toBe(
      'emails[0]: "jane(at)acme" is not an email address (e.g. "jane@acme.com")',
    );
    expect(describeApiError('zh-CN', { code: 'validation_failed', message: 'x', details })).toBe(
      '部分字段无效。 emails[0]: 不是有效的邮箱地址；phone: 不是有效的电话号码；dueOn: 不是有效的日期（YYYY-MM-DD）；amount: 不是有效的金额；zone: 不是已知的时区',
    );
  });
});
