import { describe, expect, it } from 'vitest';
import {
  API_ERROR_CODES,
  API_ERROR_TEXT,
  describeApiError,
  describeRejection,
  ISSUE_TEXT,
  issueLines,
  issueReason,
  REJECTION_CODES,
  REJECTION_TEXT,
} from './api-errors.ts';

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
