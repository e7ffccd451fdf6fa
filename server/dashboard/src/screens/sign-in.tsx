import { useState } from 'preact/hooks';
import type { Session } from '../../../src/routes/wire-types.ts';
import { ApiError, api } from '../api.ts';
import { Field } from '../components/fields.tsx';
import { LangSwitch } from '../components/lang-switch.tsx';
import { errorMessage } from '../components/states.tsx';
import { useI18n } from '../context.ts';

export function SignIn(props: { expired: boolean; onSignedIn(session: Session): void }) {
  const { t, lang } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      props.onSignedIn(
        await api<Session>('/auth/login', { method: 'POST', body: { email, password }, anonymous: true }),
      );
    } catch (err) {
      const status = err instanceof ApiError ? err.status : -1;
      setError(
        status === 401
          ? t('signIn.wrong')
          : status === 403
            ? t('signIn.deactivated')
            : status === 429
              ? t('signIn.tooMany', {
                  minutes: Math.max(1, Math.ceil(((err as ApiError).retryAfter ?? 60) / 60)),
                })
              : status === 0
                ? t('error.network')
                : t('error.generic', { message: errorMessage(err, lang) }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="sign-in" id="main">
      <form
        class="card sign-in-card"
        onSubmit={submit}
        aria-describedby={error ? 'sign-in-error' : undefined}
      >
        <p class="brand">
          <span class="logo" aria-hidden="true">
            R
          </span>
          Rapport
        </p>
        <h1>{t('signIn.title')}</h1>
        <p class="muted">{t('signIn.lead')}</p>
        {props.expired && !error && (
          <p class="notice" role="status">
            {t('signIn.expired')}
          </p>
        )}
        {(
          [
            {
              label: t('signIn.email'),
              type: 'email',
              autocomplete: 'username',
              value: email,
              onValue: setEmail,
            },
            {
              label: t('signIn.password'),
              type: 'password',
              autocomplete: 'current-password',
              value: password,
              onValue: setPassword,
            },
          ] as const
        ).map((f) => (
          <Field key={f.type} {...f} required />
        ))}
        {error && (
          <p class="form-error" id="sign-in-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="button primary wide" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
        <div class="sign-in-foot">
          <LangSwitch />
        </div>
      </form>
    </main>
  );
}
