import { LANG_NAMES, LANGS, type Lang } from '../../i18n/index.ts';
import { useI18n } from '../context.ts';

export function LangSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <label class="lang">
      <span class="visually-hidden">{t('nav.language')}</span>
      <select value={lang} onChange={(e) => setLang(e.currentTarget.value as Lang)}>
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANG_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
