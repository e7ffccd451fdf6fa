import type { TeamSettings } from '@rapport/shared/core';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { Me, Session, User } from '../../src/routes/wire-types.ts';
import { createT, initialLang, type Lang, saveLang } from '../i18n/index.ts';
import { api, setUnauthorizedHandler } from './api.ts';
import { Shell } from './components/shell.tsx';
import { AppContext, type AppState, I18nContext } from './context.ts';
import { SignIn } from './screens/sign-in.tsx';
import { clearSession, loadSession, saveSession } from './session.ts';

/** The dashboard: the sign-in screen until there is a session, then the shell with its screens. */
export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [signedOutReason, setSignedOutReason] = useState<'expired' | null>(null);
  const [settings, setSettings] = useState<TeamSettings | null>(null);
  const [members, setMembers] = useState<ReadonlyMap<string, User>>(new Map());

  const i18n = useMemo(() => {
    const setLang = (l: Lang) => {
      saveLang(l);
      setLangState(l);
    };
    return { t: createT(lang), lang, setLang };
  }, [lang]);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const signOut = useCallback(() => {
    const token = loadSession()?.token;
    clearSession();
    setSession(null);
    setSettings(null);
    // Revoke the token on the server too; the local sign-out does not wait for it.
    if (token)
      fetch('/api/v1/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${token}` } }).catch(
        () => {},
      );
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      clearSession();
      setSession(null);
      setSignedOutReason('expired');
    });
  }, []);

  // Refresh who we are (role changes, deactivation) and load what every screen needs.
  useEffect(() => {
    if (!session) return;
    const controller = new AbortController();
    const { signal } = controller;
    api<Me>('/auth/me', { signal })
      .then((me) => {
        const next = { ...session, user: me.user, team: me.team, expiresAt: me.expiresAt };
        saveSession(next);
        if (me.user.role !== session.user.role || me.user.name !== session.user.name) setSession(next);
      })
      .catch(() => {});
    api<{ settings: TeamSettings }>('/settings', { signal })
      .then((r) => setSettings(r.settings))
      .catch(() => {});
    api<{ users: User[] }>('/users', { signal })
      .then((r) => setMembers(new Map(r.users.map((u) => [u.id, u]))))
      .catch(() => {});
    return () => controller.abort();
  }, [session?.token]);

  const state = useMemo<AppState | null>(
    () =>
      session && {
        session,
        canManage: session.user.role !== 'rep',
        currency: settings?.currency ?? 'USD',
        settings,
        setSettings,
        members,
        signOut,
      },
    [session, settings, members, signOut],
  );

  return (
    <I18nContext.Provider value={i18n}>
      {state ? (
        <AppContext.Provider value={state}>
          <Shell />
        </AppContext.Provider>
      ) : (
        <SignIn
          expired={signedOutReason === 'expired'}
          onSignedIn={(s) => {
            saveSession(s);
            setSignedOutReason(null);
            setSession(s);
          }}
        />
      )}
    </I18nContext.Provider>
  );
}
