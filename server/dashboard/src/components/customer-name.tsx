import type { CustomerRow } from '../types.ts';

/** The customer's name with its external id (the order system's) beneath. */
export function CustomerName(props: { row: Pick<CustomerRow, 'name' | 'externalId'> }) {
  return (
    <>
      <span class="name">{props.row.name}</span>
      {props.row.externalId && <span class="ext-id">{props.row.externalId}</span>}
    </>
  );
}
