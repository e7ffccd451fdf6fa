import { describe, expect, it } from 'vitest';
import { createT } from '../../i18n/index.ts';
import { changesOf } from './Preferences.tsx';

const t = createT('en');
const draft = { birthday: '', channel: 'wechat', language: 'zh-TW', interests: 'golf, tea', giftNotes: '' };

describe('the preferences form checks (the contact schema’s limits, read from shared)', () => {
  it('takes an interest of 60 characters and refuses one of 61', () => {
    const ok = changesOf({ ...draft, interests: `golf, ${'a'.repeat(60)}` }, t);
    expect(ok.ok && ok.changes.preferences.interests).toEqual(['golf', 'a'.repeat(60)]);
    expect(changesOf({ ...draft, interests: 'a'.repeat(61) }, t)).toEqual({
      ok: false,
      error: t('prefs.longInterest', { max: 60 }),
    });
  });

  it('takes a language tag and refuses what is not one', () => {
    const ok = changesOf(draft, t);
    expect(ok.ok && ok.changes.preferences).toEqual({
      channel: 'wechat',
      language: 'zh-TW',
      interests: ['golf', 'tea'],
      giftNotes: null,
    });
    expect(changesOf({ ...draft, language: 'Chinese' }, t)).toEqual({
      ok: false,
      error: t('prefs.badLanguage', { value: 'Chinese' }),
    });
  });
});
