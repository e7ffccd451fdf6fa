import { describeRefusal } from '@rapport/shared/api-errors';
import { addDays, type TeamSettings } from '@rapport/shared/core';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../api.ts';
import { Radios, RangeDays } from '../components/fields.tsx';
import { PageHead } from '../components/page-head.tsx';
import { Empty, Loading } from '../components/states.tsx';
import { useApp, useI18n } from '../context.ts';

/** The form's text fields; numbers stay strings until saved so half-typed values are not lost. */
interface Form {
  kind: TeamSettings['tierWindow']['kind'];
  days: string;
  from: string;
  /** Last day included; the setting's `to` is the day after. */
  last: string;
  a: string;
  b: string;
  highPct: string;
  mediumPct: string;
  high: string;
  medium: string;
  low: string;
  /** Two letters or empty (no region). */
  phoneRegion: string;
}

function toForm(s: TeamSettings): Form {
  const w = s.tierWindow;
  const pct = (bps: number) => String(bps / 100);
  return {
    kind: w.kind,
    days: w.kind === 'trailing' ? String(w.days) : '365',
    from: w.kind === 'range' ? w.from : '',
    last: w.kind === 'range' ? addDays(w.to, -1) : '',
    a: String(s.tierThresholds.a),
    b: String(s.tierThresholds.b),
    highPct: String(s.marginTiers.highPct),
    mediumPct: String(s.marginTiers.mediumPct),
    high: pct(s.commissionBps.high),
    medium: pct(s.commissionBps.medium),
    low: pct(s.commissionBps.low),
    phoneRegion: s.phoneRegion ?? '',
  };
}

/** The changed settings as sent; the server validates (its messages name the field). Percent -> basis points. */
function toPatch(f: Form): Partial<TeamSettings> {
  const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
  const bps = (v: string) => Math.round(num(v) * 100);
  return {
    tierWindow:
      f.kind === 'trailing'
        ? { kind: 'trailing', days: num(f.days) }
        : f.kind === 'range'
          ? { kind: 'range', from: f.from, to: f.last ? addDays(f.last, 1) : '' }
          : { kind: 'all' },
    tierThresholds: { a: num(f.a), b: num(f.b) },
    marginTiers: { highPct: num(f.highPct), mediumPct: num(f.mediumPct) },
    commissionBps: { high: bps(f.high), medium: bps(f.medium), low: bps(f.low) },
    phoneRegion: f.phoneRegion.trim() ? f.phoneRegion.trim().toUpperCase() : null,
  };
}

type Status =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'failed'; message: string; details: string[] };

/** Team settings that shape the reports: tier window and thresholds, margin tiers, commission rates (lead/admin). */
export function Settings() {
  const { t, lang } = useI18n();
  const { canManage, settings, setSettings } = useApp();
  const [form, setForm] = useState<Form | null>(settings && toForm(settings));
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  useEffect(() => {
    if (settings && !form) setForm(toForm(settings));
  }, [settings, form]);

  if (!canManage) {
    return (
      <>
        <PageHead title={t('settings.title')} />
        <Empty title={t('settings.leadsOnly')} />
      </>
    );
  }
  if (!form) {
    return (
      <>
        <PageHead title={t('settings.title')} />
        <Loading />
      </>
    );
  }
  const set = (patch: Partial<Form>) => {
    setForm({ ...form, ...patch });
    setStatus({ kind: 'idle' });
  };
  const input = (
    key: keyof Form,
    label: string,
    attrs: { min?: number; max?: number; step?: string; suffix?: string } = {},
  ) => (
    <label class="field inline">
      <span>{label}</span>
      <span class="with-suffix">
        <input
          type="number"
          inputMode="decimal"
          value={form[key]}
          min={attrs.min}
          max={attrs.max}
          step={attrs.step ?? '1'}
          required
          onInput={(e) => set({ [key]: e.currentTarget.value })}
        />
        {attrs.suffix && <span class="suffix">{attrs.suffix}</span>}
      </span>
    </label>
  );
  const save = async (e: Event) => {
    e.preventDefault();
    setStatus({ kind: 'saving' });
    try {
      const res = await api<{ settings: TeamSettings }>('/settings', {
        method: 'PATCH',
        body: toPatch(form),
      });
      setSettings(res.settings);
      setForm(toForm(res.settings));
      setStatus({ kind: 'saved' });
    } catch (err) {
      // The refused fields, each with its reason in the UI's language, under a headline.
      if (err instanceof ApiError) {
        const { message, fields } = describeRefusal(lang, err);
        setStatus({ kind: 'failed', message, details: fields });
      } else setStatus({ kind: 'failed', message: (err as Error).message, details: [] });
    }
  };

  return (
    <>
      <PageHead title={t('settings.title')} />
      <form class="settings" onSubmit={save}>
        <section class="card" aria-labelledby="h-window">
          <h2 id="h-window">{t('settings.window')}</h2>
          <p class="card-lead">{t('settings.windowLead')}</p>
          <Radios
            name="kind"
            legend={t('settings.window')}
            hideLegend
            options={['trailing', 'range', 'all'] as const}
            label={(kind) => t(`settings.kind.${kind}`)}
            value={form.kind}
            onChange={(kind) => set({ kind })}
          />
          {form.kind === 'trailing' && (
            <div class="row">
              {input('days', t('settings.days'), { min: 1, max: 3660, suffix: t('settings.daysUnit') })}
            </div>
          )}
          {form.kind === 'range' && (
            <div class="row">
              <RangeDays
                value={form}
                label={(end) => t(`window.${end}`)}
                class="field inline"
                onDay={(end, day) => set({ [end]: day })}
              />
            </div>
          )}
          <p class="muted small">{t('settings.asOfNote')}</p>
        </section>

        <div class="grid three">
          <section class="card" aria-labelledby="h-thresholds">
            <h2 id="h-thresholds">{t('settings.thresholds')}</h2>
            <p class="card-lead">{t('settings.thresholdsLead')}</p>
            <div class="row">
              {input('a', t('settings.tierA'), { min: 1, max: 100, suffix: '%' })}
              {input('b', t('settings.tierB'), { min: 1, max: 100, suffix: '%' })}
            </div>
          </section>
          <section class="card" aria-labelledby="h-margins">
            <h2 id="h-margins">{t('settings.margins')}</h2>
            <p class="card-lead">{t('settings.marginsLead')}</p>
            <div class="row">
              {input('highPct', t('settings.high'), { min: -100, max: 100, suffix: '%' })}
              {input('mediumPct', t('settings.medium'), { min: -100, max: 100, suffix: '%' })}
            </div>
          </section>
          <section class="card" aria-labelledby="h-rates">
            <h2 id="h-rates">{t('settings.rates')}</h2>
            <p class="card-lead">{t('settings.ratesLead')}</p>
            <div class="row">
              {input('high', t('settings.high'), { min: 0, max: 100, step: '0.01', suffix: '%' })}
              {input('medium', t('settings.medium'), { min: 0, max: 100, step: '0.01', suffix: '%' })}
              {input('low', t('settings.low'), { min: 0, max: 100, step: '0.01', suffix: '%' })}
            </div>
          </section>
        </div>

        <section class="card" aria-labelledby="h-phone">
          <h2 id="h-phone">{t('settings.phone')}</h2>
          <p class="card-lead">{t('settings.phoneLead')}</p>
          <label class="field inline">
            <span>{t('settings.phoneRegion')}</span>
            <input
              type="text"
              value={form.phoneRegion}
              maxLength={2}
              size={4}
              autoComplete="off"
              onInput={(e) => set({ phoneRegion: e.currentTarget.value.toUpperCase() })}
            />
          </label>
        </section>

        <div class="actions sticky">
          <button type="submit" class="button primary" disabled={status.kind === 'saving'}>
            {status.kind === 'saving' ? t('settings.saving') : t('settings.save')}
          </button>
          {status.kind === 'saved' && (
            <p class="saved" role="status">
              {t('settings.saved')}
            </p>
          )}
          {status.kind === 'failed' && (
            <div class="form-error" role="alert">
              <p>{t('settings.failed', { message: status.message })}</p>
              {status.details.length > 0 && (
                <ul class="details">
                  {status.details.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>
      </form>
    </>
  );
}
