import type { CustomerRow } from '../../../src/routes/wire-types.ts';
import { customerPath } from '../route.ts';
import { Link } from './link.tsx';

/** The customer's name (a link to its page) with its external id (the order system's) beneath. */
export function CustomerName(props: { row: Pick<CustomerRow, 'id' | 'name' | 'externalId'> }) {
  return (
    <>
      <Link href={customerPath(props.row.id)} class="name">
        {props.row.name}
      </Link>
      {props.row.externalId && <span class="ext-id">{props.row.externalId}</span>}
    </>
  );
}
