// Pieces the shared forms (opportunity, ticket) are built from, so each form says only its fields.

import type { ComponentChildren } from 'preact';

/** Class names each surface gives the shared forms (the card's sheet or the side panel's). */
export type FormClasses = { form: string; pair: string; actions: string; save: string; cancel: string };

/** A labelled text input (or, `multiline`, a textarea); `children` follow it inside the label (its problem). */
export function InputField(props: {
  label: ComponentChildren;
  name: string;
  value: string;
  onValue(value: string): void;
  /** A date picker instead of text (Preact types an input's attributes by its `type`). */
  date?: boolean;
  inputMode?: 'decimal';
  placeholder?: string;
  maxLength?: number;
  /** aria-invalid (left out when undefined). */
  invalid?: boolean;
  multiline?: boolean;
  children?: ComponentChildren;
}) {
  const { label, onValue, multiline, date, invalid, children, ...input } = props;
  const onInput = (e: Event) => onValue((e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value);
  const control = multiline ? (
    <textarea name={input.name} value={input.value} maxLength={input.maxLength} onInput={onInput} />
  ) : date ? (
    <input type="date" name={input.name} value={input.value} aria-invalid={invalid} onInput={onInput} />
  ) : (
    <input {...input} aria-invalid={invalid} onInput={onInput} />
  );
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control above is inside it (the rule does not follow the variable)
    <label>
      {label}
      {control}
      {children}
    </label>
  );
}

/** A labelled select of fixed choices. */
export function SelectField<V extends string>(props: {
  label: string;
  name: string;
  value: V;
  choices: readonly { value: V; label: string }[];
  onChange(value: NoInfer<V>): void;
}) {
  return (
    <label>
      {props.label}
      <select
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value as V)}
      >
        {props.choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The submit button, then Cancel (the card's sheet shows them the other way round). */
export function FormButtons(props: {
  classes: FormClasses;
  save: string;
  cancel: string;
  disabled: boolean;
  onCancel(): void;
}) {
  return (
    <div class={props.classes.actions}>
      <button type="submit" class={props.classes.save} disabled={props.disabled}>
        {props.save}
      </button>
      <button type="button" class={props.classes.cancel} onClick={props.onCancel}>
        {props.cancel}
      </button>
    </div>
  );
}
