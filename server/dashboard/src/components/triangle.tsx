import type { ProfitReport, PulseReport, SatisfactionReport } from '../../../src/routes/wire-types.ts';
import { useI18n } from '../context.ts';
import { formatMonth, formatNumber, formatPercent } from '../format.ts';
import { useApi } from '../use-api.ts';
import { Money } from './money.tsx';

/**
 * The triangle: customer satisfaction (CSAT, surveys and ticket ratings), profit, and employee pulse by
 * month, side by side. Months are those of the profit report, newest last (at most 12).
 */
export function Triangle(props: { profit: ProfitReport }) {
  const { t, lang } = useI18n();
  const satisfaction = useApi<SatisfactionReport>('/reports/satisfaction', { allTime: true });
  const pulse = useApi<PulseReport>('/reports/pulse');
  const csat = new Map((satisfaction.data?.byMonth ?? []).map((m) => [m.month, m.csat]));
  const pulses = new Map((pulse.data?.byMonth ?? []).map((m) => [m.period, m]));
  const periods = props.profit.periods.slice(-12);
  // From the first month with orders or satisfaction answers: leading empty months say nothing.
  const first = periods.findIndex((m) => m.lines > 0 || csat.get(m.period) != null || pulses.has(m.period));
  const months = first < 0 ? [] : periods.slice(first);
  return (
    <section class="card" aria-labelledby="h-triangle">
      <h2 id="h-triangle">{t('triangle.title')}</h2>
      <p class="card-lead">{t('triangle.lead')}</p>
      <table class="table">
        <caption class="visually-hidden">{t('triangle.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('triangle.month')}</th>
            <th scope="col" class="num">
              {t('triangle.csat')}
            </th>
            <th scope="col" class="num">
              {t('triangle.profit')}
            </th>
            <th scope="col" class="num">
              {t('triangle.pulse')}
            </th>
          </tr>
        </thead>
        <tbody>
          {months.map((m) => {
            const c = csat.get(m.period);
            return (
              <tr key={m.period}>
                <th scope="row">{formatMonth(m.period, lang)}</th>
                <td class="num">{c === undefined || c === null ? '–' : formatPercent(c, lang)}</td>
                <td class="num">
                  <Money value={m.profit} style="whole" />
                </td>
                <td class="num">
                  {pulses.has(m.period) ? (
                    <>
                      {formatNumber(pulses.get(m.period)?.average ?? 0, lang, 1)} / 5{' '}
                      <span class="muted small">
                        ({formatNumber(pulses.get(m.period)?.count ?? 0, lang)})
                      </span>
                    </>
                  ) : (
                    <span class="muted">{t('triangle.pulseMissing')}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
