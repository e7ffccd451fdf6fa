import type { PersonSummary } from '../../db/queries/people.ts';
import { useUi } from '../context.ts';
import { Money, StatusDot, TierChip } from './chips.tsx';

/** One contact in a list: tier, name, customer or title, window profit, follow-up dot. */
export function PersonRow({ person }: { person: PersonSummary }) {
  const { navigate } = useUi();
  const { badge, contact } = person;
  return (
    <li>
      <button type="button" class="person" onClick={() => navigate({ view: 'contact', id: contact.id })}>
        <TierChip tier={badge.tier} />
        <span class="person-main">
          <span class="person-name">{contact.name}</span>
          <span class="person-sub">{badge.customerName ?? contact.title ?? contact.emails[0] ?? ''}</span>
        </span>
        {badge.profit !== null && badge.currency !== null ? (
          <Money amount={badge.profit} currency={badge.currency} compact />
        ) : null}
        <StatusDot status={badge.followUp.status} />
      </button>
    </li>
  );
}
