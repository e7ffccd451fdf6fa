import type { Interaction } from '@rapport/shared/schemas/interaction';
import type { Ticket } from '@rapport/shared/schemas/pipeline';
import { useEffect, useState } from 'preact/hooks';
import { customerCard } from '../../db/queries/quick-lookup.ts';
import { CommandFailed, send } from '../../messaging/client.ts';
import type { CustomerOrders } from '../../messaging/extension-commands.ts';
import { ErrorNote, Money, Section, TierChip } from '../components/chips.tsx';
import { TimelineEvents } from '../components/timeline.tsx';
import { useUi } from '../context.ts';
import { db } from '../data.ts';
import { formatDay, formatMonth, formatNumber, formatPercent } from '../format.ts';
import { useLiveQuery } from '../hooks/use-live-query.ts';
import { MoneySummary } from './CustomerSection.tsx';

type OrdersState =
  | { kind: 'loading' }
  | { kind: 'done'; orders: CustomerOrders }
  | { kind: 'offline' }
  | { kind: 'error'; message: string };

/** The order list and orders by month from the server; "offline" when it cannot be reached. */
function useOrders(customerId: string): OrdersState {
  const [state, setState] = useState<OrdersState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    send({ type: 'customer.orders', customerId, limit: 20 }).then(
      (orders) => live && setState({ kind: 'done', orders }),
      (error: unknown) => {
        if (!live) return;
        if (error instanceof CommandFailed && (error.code === 'offline' || error.code === 'signed_out'))
          setState({ kind: 'offline' });
        else setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [customerId]);
  return state;
}

function Orders({ state }: { state: OrdersState }) {
  const { t, lang } = useUi();
  if (state.kind === 'loading') return <p class="muted">{t('lookup.loadingOrders')}</p>;
  if (state.kind === 'offline') return <p class="muted offline-note">{t('lookup.offline')}</p>;
  if (state.kind === 'error') return <ErrorNote message={state.message} />;
  const { orders, months, currency, totalOrders } = state.orders;
  if (totalOrders === 0) return <p class="muted">{t('lookup.noOrders')}</p>;
  return (
    <>
      <p class="muted small">{t('lookup.ordersShown', { shown: orders.length, total: totalOrders })}</p>
      <table class="lookup-table orders-table">
        <thead>
          <tr>
            <th>{t('lookup.date')}</th>
            <th>{t('lookup.order')}</th>
            <th class="num">{t('customer.revenue')}</th>
            <th class="num">{t('customer.profit')}</th>
            <th class="num">{t('customer.margin')}</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.orderId}>
              <td>{formatDay(o.orderedAt, lang)}</td>
              <td>{o.orderId}</td>
              <td class="num">
                <Money amount={o.revenue} currency={currency} />
              </td>
              <td class="num">
                <Money amount={o.profit} currency={currency} />
              </td>
              <td class="num">{o.margin === null ? '—' : formatPercent(o.margin, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4 class="list-heading">{t('lookup.byMonth')}</h4>
      <table class="lookup-table months-table">
        <thead>
          <tr>
            <th>{t('lookup.month')}</th>
            <th class="num">{t('lookup.count')}</th>
            <th class="num">{t('customer.revenue')}</th>
            <th class="num">{t('customer.profit')}</th>
          </tr>
        </thead>
        <tbody>
          {[...months].reverse().map((m) => (
            <tr key={m.month}>
              <td>{formatMonth(m.month, lang)}</td>
              <td class="num">{formatNumber(m.orders, lang)}</td>
              <td class="num">
                <Money amount={m.revenue} currency={currency} />
              </td>
              <td class="num">
                <Money amount={m.profit} currency={currency} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function OpenTickets({ tickets }: { tickets: Ticket[] }) {
  const { t, lang } = useUi();
  if (tickets.length === 0) return <p class="muted">{t('lookup.noOpenTickets')}</p>;
  return (
    <ul class="plain lookup-tickets">
      {tickets.map((k) => (
        <li key={k.id}>
          <span class={`chip ticket-${k.status}`}>{t(`ticketStatus.${k.status}`)}</span>{' '}
          <span class={`chip severity-${k.severity}`}>{t(`severity.${k.severity}`)}</span> {k.title}
          <span class="muted small"> · {formatDay(k.createdAt.slice(0, 10), lang)}</span>
        </li>
      ))}
    </ul>
  );
}

function LastInteractions({ items }: { items: Interaction[] }) {
  const { t } = useUi();
  if (items.length === 0) return <p class="muted">{t('lookup.noInteractions')}</p>;
  return <TimelineEvents items={items} full={false} />;
}

/** The quick lookup's customer: money (synced metrics), open tickets, last interactions, contacts, orders. */
export function CustomerLookupView({ id }: { id: string }) {
  const { t, ctx, navigate } = useUi();
  const { data: card } = useLiveQuery(() => customerCard(db, id), [id]);
  const orders = useOrders(id);
  if (card === undefined) return <p class="muted view">{t('common.loading')}</p>;
  const back = (
    <button type="button" class="link" onClick={() => navigate({ view: 'people' })}>
      {t('lookup.back')}
    </button>
  );
  if (card === null)
    return (
      <div class="view">
        {back}
        <p class="muted">{t('lookup.notFound')}</p>
      </div>
    );
  const { customer, metrics } = card;
  const currency = customer.currency ?? ctx.team.currency;
  return (
    <div class="view customer-lookup">
      {back}
      <h2 class="customer-name">
        <TierChip tier={metrics?.tier ?? 'none'} /> {customer.name}
        {customer.externalId ? <span class="muted small"> · {customer.externalId}</span> : null}
      </h2>
      <Section title={t('customer.title')}>
        {metrics ? (
          <MoneySummary metrics={metrics} currency={currency} />
        ) : (
          <p class="muted">{t('customer.noMetrics')}</p>
        )}
      </Section>
      <Section title={t('lookup.openTickets')}>
        <OpenTickets tickets={card.openTickets} />
      </Section>
      <Section title={t('lookup.orders')}>
        <Orders state={orders} />
      </Section>
      <Section title={t('lookup.lastInteractions')}>
        <LastInteractions items={card.interactions} />
      </Section>
      <Section title={t('lookup.contactsTitle')}>
        {card.contacts.length === 0 ? (
          <p class="muted">{t('lookup.noContact')}</p>
        ) : (
          <ul class="plain">
            {card.contacts.map((c) => (
              <li key={c.id}>
                <button type="button" class="link" onClick={() => navigate({ view: 'contact', id: c.id })}>
                  {c.name}
                </button>
                {c.title ? <span class="muted small"> · {c.title}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
