import {
  type LocalSettings,
  type LocalSettingsChanges,
  UI_LANGUAGES,
  type UiLanguage,
} from '@rapport/shared/sync/local-settings';
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { pendingCount } from '../../db/outbox.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { CommandFailed, send } from '../../messaging/client.ts';
import { ErrorNote, Section } from '../components/chips.tsx';
import { useUi } from '../context.ts';
import { db } from '../data.ts';
import { formatDay } from '../format.ts';
import { useAction } from '../hooks/use-action.ts';
import { useLiveQuery } from '../hooks/use-live-query.ts';

const LANGUAGE_NAMES: Record<UiLanguage, string> = { en: 'English', 'zh-CN': '简体中文' };
const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const ZONES: string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [BROWSER_ZONE];

/** The match pattern for a server's origin (ports are not part of match patterns). */
function originPattern(serverUrl: string): string {
  const url = new URL(serverUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

type TextFieldType = 'url' | 'email' | 'password';
/** One member per input type (Preact types an input's attributes by its `type`), so no cast. */
type TextFieldProps = {
  [T in TextFieldType]: {
    label: string;
    type: T;
    value: string;
    onValue: (value: string) => void;
    placeholder?: string;
    autoComplete?: 'username' | 'current-password';
  };
}[TextFieldType];

/** A required one-line input of the sign-in form under its label. */
function TextField(props: TextFieldProps) {
  const { label, onValue, ...input } = props;
  return (
    <label>
      {label}
      <input required {...input} onInput={(e) => onValue(e.currentTarget.value)} />
    </label>
  );
}

/** A select under its label whose first option, `auto`, stands for null (the browser's choice). */
function SelectField<V extends string>(props: {
  label: string;
  value: V | null;
  auto: string;
  options: readonly { value: V; label: string }[];
  onSelect: (value: V | null) => void;
}) {
  const { label, value, auto, options, onSelect } = props;
  return (
    <label>
      {label}
      <select
        value={value ?? ''}
        onChange={(e) => {
          const picked = e.currentTarget.value;
          onSelect(options.find((o) => o.value === picked)?.value ?? null);
        }}
      >
        <option value="">{auto}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function SignInForm() {
  const { t, ctx } = useUi();
  const [serverUrl, setServerUrl] = useState(ctx.local.serverUrl ?? ctx.account?.serverUrl ?? '');
  const [email, setEmail] = useState(ctx.account?.user.email ?? '');
  const [password, setPassword] = useState('');
  const [otherAccount, setOtherAccount] = useState<string | null>(null);
  const [signIn, state] = useAction(async (discardOtherAccount: boolean) => {
    try {
      await send({ type: 'auth.signIn', serverUrl, email, password, discardOtherAccount });
      setPassword('');
      setOtherAccount(null);
    } catch (error) {
      if (error instanceof CommandFailed && error.code === 'other_account') {
        setOtherAccount(error.message);
        return;
      }
      throw error;
    }
  });
  const fields: TextFieldProps[] = [
    {
      label: t('settings.server'),
      type: 'url',
      placeholder: 'https://crm.example.com',
      value: serverUrl,
      onValue: setServerUrl,
    },
    { label: t('settings.email'), type: 'email', autoComplete: 'username', value: email, onValue: setEmail },
    {
      label: t('settings.password'),
      type: 'password',
      autoComplete: 'current-password',
      value: password,
      onValue: setPassword,
    },
  ];
  const submit = (discard: boolean) => {
    let pattern: string;
    try {
      pattern = originPattern(serverUrl);
    } catch {
      void signIn(discard);
      return;
    }
    // Asked inside the click (a user gesture); the server's origin is the only host granted.
    void browser.permissions.request({ origins: [pattern] }).then((granted) => {
      if (granted) void signIn(discard);
      else setOtherAccount(null);
    });
  };
  return (
    <form
      class="form"
      onSubmit={(e) => {
        e.preventDefault();
        submit(false);
      }}
    >
      {ctx.account && !ctx.account.token ? <p class="notice">{t('settings.sessionEnded')}</p> : null}
      {fields.map((f) => (
        <TextField key={f.type} {...f} />
      ))}
      {otherAccount ? (
        <div class="card warn">
          <p>{t('settings.otherAccount', { email: ctx.account?.user.email ?? '' })}</p>
          <button type="button" class="danger" disabled={state.busy} onClick={() => submit(true)}>
            {t('settings.replace')}
          </button>
        </div>
      ) : null}
      <ErrorNote message={state.error} />
      <div class="row-actions">
        <button type="submit" class="primary" disabled={state.busy}>
          {state.busy ? t('settings.signingIn') : t('settings.signIn')}
        </button>
      </div>
    </form>
  );
}

function SignedIn() {
  const { t, ctx } = useUi();
  const account = ctx.account!;
  const [wipe, setWipe] = useState(false);
  const { data: pending } = useLiveQuery(() => pendingCount(db), []);
  const [signOut, state] = useAction(() => send({ type: 'auth.signOut', wipe }).then(() => null));
  return (
    <div class="form">
      <p>
        {t('settings.signedInAs', {
          name: account.user.name,
          role: t(`role.${account.user.role}`),
          team: account.team.name,
        })}
      </p>
      <p class="muted small">{account.serverUrl}</p>
      <label class="check">
        <input type="checkbox" checked={wipe} onChange={(e) => setWipe(e.currentTarget.checked)} />
        {t('settings.wipe')}
      </label>
      {wipe && pending ? <p class="warn-text">{t.plural('settings.wipeWarning', pending)}</p> : null}
      <ErrorNote message={state.error} />
      <div class="row-actions">
        <button
          type="button"
          class={wipe ? 'danger' : ''}
          disabled={state.busy}
          onClick={() => void signOut()}
        >
          {t('settings.signOut')}
        </button>
      </div>
    </div>
  );
}

/** The preferences that are on or off. */
type BooleanSetting = {
  [K in keyof LocalSettings]: LocalSettings[K] extends boolean ? K : never;
}[keyof LocalSettings];

/** The switches of the preferences form, in order: each setting's label and help (if any). */
const TOGGLES: readonly { setting: BooleanSetting; label: MessageKey; help?: MessageKey }[] = [
  { setting: 'paused', label: 'settings.paused', help: 'settings.paused.help' },
  { setting: 'autoLog', label: 'settings.autoLog', help: 'settings.autoLog.help' },
  { setting: 'captureBodies', label: 'settings.bodies', help: 'settings.bodies.help' },
  { setting: 'notifications', label: 'settings.notifications' },
];

/** A switch under its label (and help) that saves one on/off preference. */
function ToggleField(props: {
  label: string;
  help?: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  const { label, help, checked, onChange } = props;
  return (
    <label class="toggle">
      <input
        type="checkbox"
        role="switch"
        aria-checked={checked}
        checked={checked}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <span>
        {label}
        {help ? <span class="muted small block">{help}</span> : null}
      </span>
    </label>
  );
}

function Preferences() {
  const { t, ctx } = useUi();
  const s = ctx.local;
  const [save, state] = useAction((changes: LocalSettingsChanges) =>
    send({ type: 'settings.set', changes }).then(() => 'saved'),
  );
  const [phone, setPhone] = useState(s.phoneCountry ?? '');
  return (
    <div class="form">
      <SelectField
        label={t('settings.language')}
        value={s.language}
        auto={t('settings.language.auto')}
        options={UI_LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
        onSelect={(language) => void save({ language })}
      />
      <SelectField
        label={t('settings.timeZone')}
        value={s.timeZone}
        auto={t('settings.timeZone.auto', { zone: BROWSER_ZONE })}
        options={ZONES.map((z) => ({ value: z, label: z }))}
        onSelect={(timeZone) => void save({ timeZone })}
      />
      <label>
        {t('settings.phoneCountry')}
        <input
          value={phone}
          maxLength={2}
          size={3}
          onInput={(e) => setPhone(e.currentTarget.value.toUpperCase())}
          onChange={() => void save({ phoneCountry: phone.trim() ? phone.trim() : null })}
        />
      </label>
      {TOGGLES.map((f) => (
        <ToggleField
          key={f.setting}
          label={t(f.label)}
          help={f.help && t(f.help)}
          checked={s[f.setting]}
          onChange={(on) => void save({ [f.setting]: on })}
        />
      ))}
      {/* Said in the language shown now (a change of language is saved too). */}
      {state.done ? <p class="ok small">{t('settings.saved')}</p> : null}
      <ErrorNote message={state.error} />
    </div>
  );
}

function TeamSettingsNote() {
  const { t, lang, ctx } = useUi();
  const { tierWindow, currency, cadenceDays } = ctx.team;
  const windowText =
    tierWindow.kind === 'trailing'
      ? t('settings.tierWindow.trailing', { days: tierWindow.days })
      : tierWindow.kind === 'range'
        ? t('settings.tierWindow.range', {
            from: formatDay(tierWindow.from, lang),
            to: formatDay(tierWindow.to, lang),
          })
        : t('settings.tierWindow.all');
  return (
    <>
      <p class="muted small">{t('settings.team.help')}</p>
      <dl class="pairs">
        <dt>{t('settings.tierWindow')}</dt>
        <dd>{windowText}</dd>
        <dt>{t('settings.currency')}</dt>
        <dd>{currency}</dd>
        <dt>{t('settings.cadence')}</dt>
        <dd>
          {t('settings.cadence.value', {
            A: cadenceDays.A,
            B: cadenceDays.B,
            C: cadenceDays.C,
            D: cadenceDays.D,
          })}
        </dd>
      </dl>
    </>
  );
}

export function SettingsView() {
  const { t, ctx } = useUi();
  return (
    <div class="view">
      <Section title={t('settings.account')}>{ctx.account?.token ? <SignedIn /> : <SignInForm />}</Section>
      <Section title={t('settings.preferences')}>
        <Preferences />
      </Section>
      <Section title={t('settings.team')}>
        <TeamSettingsNote />
      </Section>
    </div>
  );
}
