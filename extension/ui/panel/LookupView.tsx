import type { LookupCustomer, LookupResult } from '../../db/queries/quick-lookup.ts';
import { Money, TierChip } from '../components/chips.tsx';
import { PersonRow } from '../components/PersonRow.tsx';
import { useUi } from '../context.ts';

/** One customer found by the quick lookup: tier, name and id, window profit, whether it has contacts. */
export function CustomerRow({ found, onOpen }: { found: LookupCustomer; onOpen: (id: string) => void }) {
  const { t, ctx } = useUi();
  const { customer, metrics, contacts } = found;
  const currency = customer.currency ?? ctx.team.currency;
  return (
    <li>
      <button type="button" class="person" data-customer-id={customer.id} onClick={() => onOpen(customer.id)}>
        <TierChip tier={metrics?.tier ?? 'none'} />
        <span class="person-main">
          <span class="person-name">{customer.name}</span>
          <span class="person-sub">
            {[
              customer.externalId,
              contacts === 0 ? t('lookup.noContact') : t('lookup.contacts', { count: contacts }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </span>
        </span>
        {metrics ? <Money amount={metrics.profit} currency={currency} compact /> : null}
      </button>
    </li>
  );
}

/** The lookup's answer: contacts first (they open the contact view), then customers. */
export function LookupResults({
  result,
  query,
  onOpenCustomer,
}: {
  result: LookupResult;
  query: string;
  onOpenCustomer: (id: string) => void;
}) {
  const { t } = useUi();
  if (result.people.length === 0 && result.customers.length === 0)
    return (
      <div class="empty">
        <p>{t('lookup.noMatch', { query: query.trim() })}</p>
      </div>
    );
  return (
    <div class="lookup-results">
      {result.people.length > 0 ? (
        <>
          <h3 class="list-heading">{t('lookup.people')}</h3>
          <ul class="people">
            {result.people.map((p) => (
              <PersonRow key={p.contact.id} person={p} />
            ))}
          </ul>
        </>
      ) : null}
      {result.customers.length > 0 ? (
        <>
          <h3 class="list-heading">{t('lookup.customers')}</h3>
          <ul class="people">
            {result.customers.map((c) => (
              <CustomerRow key={c.customer.id} found={c} onOpen={onOpenCustomer} />
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
