// Greetings and preferences of a contact — birthday, preferred channel and language, interests, gift
// notes — shown compactly with a "Birthday in 3 days" hint when near, and an edit form. Used by the
// in-page card (card.js) and the side panel's contact view; the save goes through the background
// (contact.update, zod-validated there, record + outbox in one transaction).
// Types only from shared schemas: a value import would put zod in the page bundle.
import { CHANNELS, type Channel, LANGUAGE_TAG, OFFERED_LANGUAGES } from '@rapport/shared/channels';
import { birthdayProblem, nextBirthday } from '@rapport/shared/domain/birthday';
import type { IsoDate } from '@rapport/shared/domain/dates';
import { TEXT_LIMITS } from '@rapport/shared/limits';
import type { Contact, ContactPreferences } from '@rapport/shared/schemas/contact';
import type { UiLanguage } from '@rapport/shared/sync/local-settings';
import { Fragment } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { Translate } from '../../i18n/index.ts';
import { formatDay } from '../format.ts';

/** What the form saves: the contact's birthday and its whole preferences object. */
export type PreferenceChanges = { birthday: string | null; preferences: ContactPreferences };

/** The birthday hint shows from this many days before. */
export const BIRTHDAY_HINT_DAYS = 14;

const MAX_TAG = TEXT_LIMITS.tag;

/** A language's name in the UI language ("Chinese (China)", "中文（中国）"), else the tag. */
export function languageName(tag: string, lang: UiLanguage): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** "golf, tea；wine、 Golf" → ["golf", "tea", "wine"]: commas of both scripts, first spelling kept. */
export function splitInterests(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(/[,，;；、\n]/)) {
    const tag = part.trim().replace(/\s+/g, ' ');
    if (tag === '' || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    out.push(tag);
  }
  return out;
}

/** The form's text per field: the birthday and each field of the shared preferences (a new one shows up here). */
export type PreferenceDraft = Record<'birthday' | keyof ContactPreferences, string>;

export const draftOf = (contact: Pick<Contact, 'birthday' | 'preferences'>): PreferenceDraft => ({
  birthday: contact.birthday ?? '',
  channel: contact.preferences.channel ?? '',
  language: contact.preferences.language ?? '',
  interests: contact.preferences.interests.join(', '),
  giftNotes: contact.preferences.giftNotes ?? '',
});

/** The draft as changes, or the first problem in words the user reads (the background checks again). */
export function changesOf(
  draft: PreferenceDraft,
  t: Translate,
): { ok: true; changes: PreferenceChanges } | { ok: false; error: string } {
  const birthday = draft.birthday.trim();
  if (birthday !== '' && birthdayProblem(birthday) !== null)
    return { ok: false, error: t('prefs.badBirthday', { value: birthday }) };
  const interests = splitInterests(draft.interests);
  const long = interests.find((i) => i.length > MAX_TAG);
  if (long) return { ok: false, error: t('prefs.longInterest', { max: MAX_TAG }) };
  if (draft.language !== '' && !LANGUAGE_TAG.test(draft.language))
    return { ok: false, error: t('prefs.badLanguage', { value: draft.language }) };
  const giftNotes = draft.giftNotes.trim();
  return {
    ok: true,
    changes: {
      birthday: birthday === '' ? null : birthday,
      preferences: {
        channel: (CHANNELS as readonly string[]).includes(draft.channel) ? (draft.channel as Channel) : null,
        language: draft.language === '' ? null : draft.language,
        interests,
        giftNotes: giftNotes === '' ? null : giftNotes,
      },
    },
  };
}

/** "Birthday today", "Birthday in 3 days (turns 46)", or null when it is further than the hint reaches. */
export function birthdayHint(birthday: string | null, today: IsoDate, t: Translate): string | null {
  if (!birthday) return null;
  const next = nextBirthday(birthday, today);
  if (!next || next.daysAway > BIRTHDAY_HINT_DAYS) return null;
  const when =
    next.daysAway === 0
      ? t('prefs.birthdayToday')
      : next.daysAway === 1
        ? t('prefs.birthdayTomorrow')
        : t.plural('prefs.birthdayIn', next.daysAway);
  return next.turns === null ? when : `${when} ${t('prefs.turns', { age: next.turns })}`;
}

/** "Mar 23" for 'MM-DD', "Mar 23, 1980" for a full date. */
export function birthdayText(birthday: string, lang: UiLanguage): string {
  if (birthdayProblem(birthday) !== null) return birthday;
  if (birthday.length === 10) return formatDay(birthday, lang);
  return new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`2000-${birthday}T00:00:00Z`),
  );
}

type Props = {
  contact: Pick<Contact, 'id' | 'name' | 'birthday' | 'preferences'>;
  today: IsoDate;
  t: Translate;
  lang: UiLanguage;
  busy: boolean;
  disabled: boolean;
  /** Resolves true when saved (the form then closes). */
  save(changes: PreferenceChanges): Promise<boolean>;
  /** Heading level of the section's title. */
  heading?: 'h3' | 'h4';
};

/** The compact view with an Edit button, or the edit form. */
export function Preferences(props: Props) {
  const [editing, setEditing] = useState(false);
  if (editing) return <PreferencesForm {...props} close={() => setEditing(false)} />;
  const { contact, today, t, lang } = props;
  const p = contact.preferences;
  const hint = birthdayHint(contact.birthday, today, t);
  const rows: Array<[string, string]> = [];
  if (contact.birthday) rows.push([t('prefs.birthday'), birthdayText(contact.birthday, lang)]);
  if (p.channel) rows.push([t('prefs.channel'), t(`channel.${p.channel}`)]);
  if (p.language) rows.push([t('prefs.language'), languageName(p.language, lang)]);
  if (p.interests.length > 0) rows.push([t('prefs.interests'), p.interests.join(', ')]);
  if (p.giftNotes) rows.push([t('prefs.giftNotes'), p.giftNotes]);
  const Heading = props.heading ?? 'h3';
  return (
    <div class="prefs">
      <div class="prefs-head">
        <Heading>{t('prefs.title')}</Heading>
        <button
          type="button"
          class="link prefs-edit"
          disabled={props.busy || props.disabled}
          onClick={() => setEditing(true)}
        >
          {rows.length === 0 ? t('prefs.add') : t('prefs.edit')}
        </button>
      </div>
      {hint && (
        <div class="prefs-hint" role="note">
          {hint}
        </div>
      )}
      {rows.length === 0 ? (
        <div class="muted">{t('prefs.none')}</div>
      ) : (
        <dl class="prefs-list">
          {rows.map(([k, v]) => (
            <Fragment key={k}>
              <dt>{k}</dt>
              <dd class="as-typed">{v}</dd>
            </Fragment>
          ))}
        </dl>
      )}
    </div>
  );
}

function PreferencesForm(props: Props & { close(): void }) {
  const { t, lang, contact } = props;
  const [draft, setDraft] = useState<PreferenceDraft>(() => draftOf(contact));
  // The latest values, not state: Enter or a click can arrive before the re-render of the last keystroke.
  const latest = useRef(draft);
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof PreferenceDraft) => (e: Event & { currentTarget: EventTarget | null }) => {
    latest.current = { ...latest.current, [key]: (e.currentTarget as HTMLInputElement).value };
    setDraft(latest.current);
  };
  const offered: readonly string[] = OFFERED_LANGUAGES;
  const languages =
    draft.language && !offered.includes(draft.language) ? [draft.language, ...offered] : offered;
  const submit = async () => {
    const result = changesOf(latest.current, t);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    if (await props.save(result.changes)) props.close();
  };
  return (
    <form
      class="prefs-form"
      aria-label={t('prefs.editTitle', { name: contact.name })}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label>
        {t('prefs.birthday')} <span class="hint">{t('prefs.birthdayFormat')}</span>
        <input
          name="prefs-birthday"
          value={draft.birthday}
          placeholder="MM-DD"
          maxLength={TEXT_LIMITS.birthday}
          inputMode="numeric"
          onInput={set('birthday')}
        />
      </label>
      <div class="pair">
        <label>
          {t('prefs.channel')}
          <select name="prefs-channel" value={draft.channel} onChange={set('channel')}>
            <option value="">{t('prefs.noneChosen')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('prefs.language')}
          <select name="prefs-language" value={draft.language} onChange={set('language')}>
            <option value="">{t('prefs.noneChosen')}</option>
            {languages.map((l) => (
              <option key={l} value={l}>
                {languageName(l, lang)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        {t('prefs.interests')} <span class="hint">{t('prefs.interestsHint')}</span>
        <input
          name="prefs-interests"
          value={draft.interests}
          maxLength={TEXT_LIMITS.shortNote}
          onInput={set('interests')}
        />
      </label>
      <label>
        {t('prefs.giftNotes')}
        <textarea
          name="prefs-gift"
          value={draft.giftNotes}
          maxLength={TEXT_LIMITS.shortNote}
          onInput={set('giftNotes')}
        />
      </label>
      {error && (
        <div class="error" role="alert">
          {error}
        </div>
      )}
      <div class="row">
        <button type="button" class="act secondary" onClick={props.close}>
          {t('prefs.cancel')}
        </button>
        <button type="submit" class="act" disabled={props.busy || props.disabled}>
          {t('prefs.save')}
        </button>
      </div>
    </form>
  );
}
