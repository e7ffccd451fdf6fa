import type { ComponentChildren } from 'preact';

/** The input attributes the dashboard's fields use. */
interface InputProps {
  type?: 'text' | 'email' | 'password' | 'date' | 'search';
  autocomplete?: string;
  required?: boolean;
  placeholder?: string;
  'aria-invalid'?: boolean;
}

/**
 * A labelled input: the label's text over (or, `inline`, beside) the input. `onValue` gets the text
 * on every keystroke, or only once it is committed (`onCommit`: dates, whose half-typed values mean
 * nothing).
 */
export function Field(
  props: InputProps & {
    label: ComponentChildren;
    value: string;
    /** The label's classes (default `field`; '' for none). */
    class?: string;
    onValue?(value: string): void;
    onCommit?(value: string): void;
  },
) {
  const { label, class: cls = 'field', onValue, onCommit, type, ...input } = props;
  return (
    <label class={cls || undefined}>
      <span>{label}</span>
      <input
        // One variant of preact's per-type input attributes: these props fit every type listed above.
        type={type as 'text' | undefined}
        {...input}
        onInput={onValue && ((e) => onValue(e.currentTarget.value))}
        onChange={onCommit && ((e) => onCommit(e.currentTarget.value))}
      />
    </label>
  );
}

/** The two days of a date range, first and last (both included), each a required date field. */
export function RangeDays(props: {
  value: { from: string; last: string };
  label(end: 'from' | 'last'): ComponentChildren;
  /** The fields' label classes. */
  class: string;
  /** The last day is the one said to be wrong when the range runs backwards. */
  backwards?: boolean;
  /** Told once a day is committed (else on every keystroke). */
  commit?: boolean;
  onDay(end: 'from' | 'last', day: string): void;
}) {
  return (
    <>
      {(['from', 'last'] as const).map((end) => (
        <Field
          key={end}
          class={props.class}
          label={props.label(end)}
          type="date"
          required
          value={props.value[end]}
          aria-invalid={end === 'last' ? props.backwards : undefined}
          {...(props.commit
            ? { onCommit: (day: string) => props.onDay(end, day) }
            : { onValue: (day: string) => props.onDay(end, day) })}
        />
      ))}
    </>
  );
}

/** One choice of several as radio buttons in a fieldset; `hideLegend` keeps the legend for screen readers. */
export function Radios<V extends string>(props: {
  name: string;
  legend: ComponentChildren;
  hideLegend?: boolean;
  /** Extra fieldset classes. */
  class?: string;
  options: readonly V[];
  label(option: V): ComponentChildren;
  value: V;
  onChange(value: V): void;
}) {
  return (
    <fieldset class={props.class ? `radios ${props.class}` : 'radios'}>
      <legend class={props.hideLegend ? 'visually-hidden' : undefined}>{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option} class="radio">
          <input
            type="radio"
            name={props.name}
            value={option}
            checked={props.value === option}
            onChange={() => props.onChange(option)}
          />
          {props.label(option)}
        </label>
      ))}
    </fieldset>
  );
}

/** The team's members as options of a select (the select itself names the choice). */
export function MemberOptions(props: { members: readonly { id: string; name: string }[] }) {
  return (
    <>
      {props.members.map((m) => (
        <option key={m.id} value={m.id}>
          {m.name}
        </option>
      ))}
    </>
  );
}

/** A select's options: each value, shown as `label` gives it (else as itself). */
export function Options<V extends string | number>(props: {
  values: readonly V[];
  label?(value: V): ComponentChildren;
}) {
  return (
    <>
      {props.values.map((v) => (
        <option key={v} value={v}>
          {props.label ? props.label(v) : v}
        </option>
      ))}
    </>
  );
}

/** A checkbox with its label after it. */
export function Check(props: {
  label: ComponentChildren;
  checked: boolean;
  onChange(checked: boolean): void;
}) {
  return (
    <label class="check">
      <input
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      <span>{props.label}</span>
    </label>
  );
}
