import { useRef } from 'preact/hooks';
import { useI18n } from '../context.ts';
import { niceTicks } from './ticks.ts';
import { useWidth } from './use-width.ts';

export interface ChartSeries {
  label: string;
  /** One value per category; null = no data (a gap). */
  values: (number | null)[];
  /** Exact display text per category (money strings formatted), for tooltips and the table. */
  texts: string[];
  kind: 'bar' | 'line';
  /** CSS class giving the colour (see styles.css .s-*). */
  tone: string;
}

interface Props {
  /** Names the chart for screen readers and the data table's caption. */
  title: string;
  /** Full category names (tooltips, table) and short axis labels. */
  categories: string[];
  axisLabels: string[];
  series: ChartSeries[];
  formatTick(value: number): string;
  height?: number;
}

const PAD = { top: 10, right: 8, bottom: 26, left: 64 };

/**
 * Bars and lines over categories in plain SVG: negative values hang below the zero line, each
 * mark has a native tooltip, and the same numbers are available as a real table (keyboard and
 * screen-reader friendly) under "Show as table".
 */
export function BarChart(props: Props) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const height = props.height ?? 240;
  const n = props.categories.length;
  const all = props.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const ticks = niceTicks(Math.min(0, ...all), Math.max(0, ...all));
  const lo = ticks[0] ?? 0;
  const hi = ticks[ticks.length - 1] ?? 1;
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + plotH - ((v - lo) / (hi - lo || 1)) * plotH;
  const band = plotW / Math.max(1, n);
  const bars = props.series.filter((s) => s.kind === 'bar');
  const barW = Math.max(2, Math.min(26, (band * 0.72) / Math.max(1, bars.length)));
  const cx = (i: number) => PAD.left + band * i + band / 2;
  const labelEvery = Math.max(1, Math.ceil(42 / band));

  return (
    <figure class="chart">
      <div class="legend" aria-hidden="true">
        {props.series.map((s) => (
          <span key={s.label} class={`key ${s.kind} ${s.tone}`}>
            <i />
            {s.label}
          </span>
        ))}
      </div>
      <div ref={box} class="chart-box">
        <svg width={width} height={height} role="img" aria-label={props.title}>
          {ticks.map((v) => (
            <g key={v} class={v === 0 ? 'tick zero' : 'tick'}>
              <line x1={PAD.left} x2={width - PAD.right} y1={y(v)} y2={y(v)} />
              <text x={PAD.left - 8} y={y(v)} dy="0.32em" text-anchor="end">
                {props.formatTick(v)}
              </text>
            </g>
          ))}
          {props.axisLabels.map((label, i) =>
            i % labelEvery === 0 ? (
              <text key={props.categories[i]} class="axis-x" x={cx(i)} y={height - 8} text-anchor="middle">
                {label}
              </text>
            ) : null,
          )}
          {bars.map((s, k) =>
            s.values.map((v, i) => {
              if (v === null) return null;
              const x = cx(i) - (barW * bars.length) / 2 + k * barW;
              const top = y(Math.max(0, v));
              return (
                <rect
                  key={`${s.label}-${props.categories[i]}`}
                  class={`bar ${s.tone}${v < 0 ? ' neg' : ''}`}
                  x={x + 0.5}
                  y={top}
                  width={barW - 1}
                  height={Math.max(v === 0 ? 0 : 1, Math.abs(y(v) - y(0)))}
                >
                  <title>{`${props.categories[i]} · ${s.label}: ${s.texts[i]}`}</title>
                </rect>
              );
            }),
          )}
          {props.series
            .filter((s) => s.kind === 'line')
            .map((s) => {
              const points = s.values.map((v, i) => (v === null ? null : ([cx(i), y(v)] as const)));
              const segments: string[] = [];
              let current: string[] = [];
              for (const p of points) {
                if (p) current.push(`${p[0]},${p[1]}`);
                else if (current.length) {
                  segments.push(current.join(' '));
                  current = [];
                }
              }
              if (current.length) segments.push(current.join(' '));
              return (
                <g key={s.label} class={`line ${s.tone}`}>
                  {segments.map((pts) => (
                    <polyline key={pts} points={pts} />
                  ))}
                  {points.map((p, i) =>
                    p ? (
                      <circle key={props.categories[i]} cx={p[0]} cy={p[1]} r={3.5}>
                        <title>{`${props.categories[i]} · ${s.label}: ${s.texts[i]}`}</title>
                      </circle>
                    ) : null,
                  )}
                </g>
              );
            })}
        </svg>
      </div>
      <details class="chart-table">
        <summary>{t('chart.showTable')}</summary>
        <table class="table compact">
          <caption class="visually-hidden">{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('chart.category')}</th>
              {props.series.map((s) => (
                <th key={s.label} scope="col" class="num">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.categories.map((c, i) => (
              <tr key={c}>
                <th scope="row">{c}</th>
                {props.series.map((s) => (
                  <td key={s.label} class="num">
                    {s.texts[i]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
