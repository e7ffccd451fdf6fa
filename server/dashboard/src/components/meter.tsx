/** A horizontal bar for a value against the largest in its list; negative values point left in red. */
export function Meter(props: { value: number; max: number; label: string }) {
  const share = props.max > 0 ? Math.min(1, Math.abs(props.value) / props.max) : 0;
  return (
    <span class={`meter${props.value < 0 ? ' neg' : ''}`} aria-hidden="true" title={props.label}>
      <span class="meter-fill" style={{ width: `${(share * 100).toFixed(1)}%` }} />
    </span>
  );
}
