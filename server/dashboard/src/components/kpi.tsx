import type { ComponentChildren } from 'preact';

/** One headline figure with an optional comparison line beneath. */
export function Kpi(props: {
  label: string;
  value: string;
  tone?: 'good' | 'bad' | 'empty';
  children?: ComponentChildren;
}) {
  return (
    <div class="kpi">
      <p class="kpi-label">{props.label}</p>
      <p class={`kpi-value${props.tone ? ` ${props.tone}` : ''}`}>{props.value}</p>
      {props.children && <p class="kpi-note">{props.children}</p>}
    </div>
  );
}

/** "+12.5% vs previous period" coloured by direction (up is good for money). */
export function Trend(props: { pct: number | null; text: string }) {
  const tone = props.pct === null || props.pct === 0 ? '' : props.pct > 0 ? 'up' : 'down';
  return (
    <span class={`trend ${tone}`}>
      {tone && (
        <span aria-hidden="true" class="arrow">
          {tone === 'up' ? '▲' : '▼'}
        </span>
      )}
      {props.text}
    </span>
  );
}
