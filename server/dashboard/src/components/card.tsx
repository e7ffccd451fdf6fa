import type { ComponentChildren } from 'preact';
import { TableCsv } from './table-csv.tsx';

/**
 * A dashboard card: a section named by its heading, with an optional "Download CSV" of its table
 * (`csv` is the file name) and an optional lead line under the heading.
 */
export function Card(props: {
  /** The heading's id; the section is labelled by it. */
  id: string;
  title: ComponentChildren;
  csv?: string;
  lead?: ComponentChildren;
  class?: string;
  children?: ComponentChildren;
}) {
  return (
    <section class={props.class ? `card ${props.class}` : 'card'} aria-labelledby={props.id}>
      {props.csv && <TableCsv name={props.csv} />}
      <h2 id={props.id}>{props.title}</h2>
      {props.lead && <p class="card-lead">{props.lead}</p>}
      {props.children}
    </section>
  );
}
