import type { UiLanguage } from '@rapport/shared/sync/local-settings';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ReadContext } from '../db/queries/context.ts';
import type { Translate } from '../i18n/index.ts';
import type { Route } from './route.ts';

export interface Ui {
  t: Translate;
  lang: UiLanguage;
  /** Settings, account, zone and the moment the data was read. */
  ctx: ReadContext;
  /** Wall clock, refreshed every minute. */
  now: number;
  navigate(route: Route): void;
}

export const UiContext = createContext<Ui | null>(null);

export function useUi(): Ui {
  const ui = useContext(UiContext);
  if (!ui) throw new Error('useUi outside UiContext');
  return ui;
}
