import { describe, expect, it } from 'vitest';
import { createT } from '../i18n/index.ts';
import { CommandFailed } from '../messaging/client.ts';
import { errorText } from './errors.ts';

const zh = createT('zh-CN');
const en = createT('en');

describe('a failed command in the UI’s language', () => {
  it('says the background’s own codes from the catalogue', () => {
    const wrong = new CommandFailed('invalid_credentials', 'Wrong email or password');
    expect(errorText(wrong, zh, 'zh-CN')).toBe('邮箱或密码错误。');
    expect(errorText(wrong, en, 'en')).toBe('Wrong email or password.');
    expect(
      errorText(new CommandFailed('network', 'Cannot reach the server: fetch failed'), zh, 'zh-CN'),
    ).toBe('无法连接服务器，请检查地址和网络连接。');
    expect(errorText(new CommandFailed('signed_out', 'Sign in to log interactions'), zh, 'zh-CN')).toBe(
      '请先登录（设置）。',
    );
  });

  it('says a server code by the shared table, keeping the server’s message in English', () => {
    const limited = new CommandFailed('rate_limited', 'Too many sign-in attempts; try again in 60 s');
    expect(errorText(limited, zh, 'zh-CN')).toBe('尝试次数过多，请稍后再试。');
    expect(errorText(limited, en, 'en')).toBe('Too many sign-in attempts; try again in 60 s');
    expect(errorText(new CommandFailed('not_found', 'No contact x'), zh, 'zh-CN')).toBe(
      '未找到，可能已被删除。',
    );
  });

  it('falls back to the message for unknown codes and plain errors', () => {
    expect(errorText(new CommandFailed('other_account', 'a@b.c'), zh, 'zh-CN')).toBe('a@b.c');
    expect(errorText(new Error('boom'), zh, 'zh-CN')).toBe('boom');
    expect(errorText('text', zh, 'zh-CN')).toBe('text');
  });
});

describe('a command the background’s schemas refused', () => {
  it('says each refused field with its reason code in Chinese', () => {
    const refused = new CommandFailed(
      'invalid_message',
      'invalid auth.signIn message: email: "a@b" is not an email address',
      [
        {
          path: 'email',
          message: '"a@b" is not an email address (e.g. "jane@acme.com")',
          code: 'custom',
          reason: 'email',
        },
      ],
    );
    expect(errorText(refused, zh, 'zh-CN')).toBe('部分字段无效。 email: 不是有效的邮箱地址');
    expect(errorText(refused, en, 'en')).toBe(
      'Some fields are not valid. email: "a@b" is not an email address (e.g. "jane@acme.com")',
    );
  });
});
