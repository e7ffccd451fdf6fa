// Pieces the shared forms (opportunity, ticket) are built from, so each form says only its fields.

/** Class names each surface gives the shared forms (the card's sheet or the side panel's). */
export type FormClasses = { form: string; pair: string; actions: string; save: string; cancel: string };

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
