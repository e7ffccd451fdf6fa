import { addDays, localToday } from '@rapport/shared/core';
import { useI18n } from '../context.ts';
import { RangeDays } from './fields.tsx';

export type WindowMode = 'team' | 'trailing' | 'range' | 'all';
export interface WindowChoice {
  mode: WindowMode;
  /** Range mode: first and last day, both included (the API's `to` is exclusive). */
  from: string;
  last: string;
}

/** The report query for a choice; `asOf` anchors the trailing 365 days (the team window's as-of day). */
export function windowQuery(
  choice: WindowChoice,
  asOf: string | null,
): Record<string, string | boolean> | null {
  switch (choice.mode) {
    case 'team':
      return {};
    case 'all':
      return { allTime: true };
    case 'trailing': {
      const to = addDays(asOf ?? localToday(), 1);
      return { from: addDays(to, -365), to };
    }
    case 'range':
      return choice.from && choice.last && choice.from <= choice.last
        ? { from: choice.from, to: addDays(choice.last, 1) }
        : null;
  }
}

/** Team tier window / trailing 365 days / a range / all time. */
export function WindowPicker(props: { value: WindowChoice; onChange(choice: WindowChoice): void }) {
  const { t } = useI18n();
  const v = props.value;
  const invalid = v.mode === 'range' && v.from !== '' && v.last !== '' && v.from > v.last;
  return (
    <fieldset class="window-picker">
      <legend class="visually-hidden">{t('window.pick')}</legend>
      <label>
        <span>{t('window.pick')}</span>
        <select
          value={v.mode}
          onChange={(e) => props.onChange({ ...v, mode: e.currentTarget.value as WindowMode })}
        >
          <option value="team">{t('window.optTeam')}</option>
          <option value="trailing">{t('window.optTrailing')}</option>
          <option value="range">{t('window.optRange')}</option>
          <option value="all">{t('window.optAll')}</option>
        </select>
      </label>
      {v.mode === 'range' && (
        <>
          <RangeDays
            value={v}
            label={(end) => t(`window.${end}`)}
            class=""
            backwards={invalid}
            commit
            onDay={(end, day) => props.onChange({ ...v, [end]: day })}
          />
          {invalid && (
            <p class="form-error" role="alert">
              {t('window.badRange')}
            </p>
          )}
        </>
      )}
    </fieldset>
  );
}
