import type { TeamSettings } from '@rapport/shared/core';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Session, User } from '../../src/routes/wire-types.ts';
import type { Lang, Translate } from '../i18n/index.ts';

export interface I18n {
  t: Translate;
  lang: Lang;
  setLang(lang: Lang): void;
}

/** What every signed-in screen needs: who is signed in, the team's currency and settings, members. */
export interface AppState {
  session: Session;
  /** Lead or admin: sees imports and settings, and every rep's figures. */
  canManage: boolean;
  currency: string;
  settings: TeamSettings | null;
  setSettings(settings: TeamSettings): void;
  /** Team members by id (names for owner columns). */
  members: ReadonlyMap<string, User>;
  signOut(): void;
}

export const I18nContext = createContext<I18n | null>(null);
export const AppContext = createContext<AppState | null>(null);

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nContext');
  return value;
}

export function useApp(): AppState {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside AppContext');
  return value;
}
