import { addDays, type TeamSettings } from '@rapport/shared/core';
import type { ReportWindow } from '../../../src/routes/wire-types.ts';
import type { Translate } from '../../i18n/index.ts';
import { useApp, useI18n } from '../context.ts';
import { formatDay } from '../format.ts';

/** The window in words: what it is, and (team window) its as-of day and whether it is historical. */
export function describeWindow(
  w: ReportWindow,
  tierWindow: TeamSettings['tierWindow'] | undefined,
  t: Translate,
): string {
  const day = (d: string) => formatDay(d, t.lang);
  const span =
    w.from && w.to
      ? t('window.span', { from: day(w.from), last: day(addDays(w.to, -1)) })
      : w.from
        ? t('window.since', { from: day(w.from) })
        : w.to
          ? t('window.until', { last: day(addDays(w.to, -1)) })
          : '';
  if (w.source === 'all') return t('window.allTime');
  if (w.source === 'query') return t('window.custom', { span });
  if (tierWindow?.kind === 'trailing') return t('window.teamTrailing', { days: tierWindow.days, span });
  if (tierWindow?.kind === 'all') return t('window.teamAll');
  return t('window.team', { span });
}

/** Always beside a report: which days it covers; historical windows say so. */
export function WindowNote(props: { window: ReportWindow }) {
  const { t, lang } = useI18n();
  const { settings } = useApp();
  const w = props.window;
  return (
    <p class="window-note">
      <span>{describeWindow(w, settings?.tierWindow, t)}</span>
      {w.source === 'team' && w.asOf && (
        <>
          <span aria-hidden="true"> · </span>
          <span>{t('window.asOf', { date: formatDay(w.asOf, lang) })}</span>
        </>
      )}
      {w.historical && w.asOf && (
        <span class="historical">{t('window.historical', { date: formatDay(w.asOf, lang) })}</span>
      )}
    </p>
  );
}
