import { monthProfitsOf } from '@rapport/shared/domain/month-profits';
import { ratio } from '@rapport/shared/domain/ratio';
import { parseMoney } from '@rapport/shared/money';
import type { Customer } from '@rapport/shared/schemas/customer';
import type { CustomerMetrics } from '@rapport/shared/schemas/metrics';
import type { BadgeData } from '@rapport/shared/sync/messages';
import { useState } from 'preact/hooks';
import { searchCustomers } from '../../db/queries/search.ts';
import { send } from '../../messaging/client.ts';
import { ErrorNote, Money, Section, TierChip } from '../components/chips.tsx';
import { useUi } from '../context.ts';
import { db } from '../data.ts';
import { formatDay, formatMonth, formatNumber, formatPercent } from '../format.ts';
import { useAction } from '../hooks/use-action.ts';
import { useLiveQuery } from '../hooks/use-live-query.ts';

/** The tier window the figures cover, as the team set it and as of which day. */
export function WindowNote({ window }: { window: CustomerMetrics['window'] }) {
  const { t, lang, ctx } = useUi();
  const setting = ctx.team.tierWindow;
  const asOf = formatDay(window.asOf, lang);
  const text =
    setting.kind === 'trailing'
      ? t('customer.window.trailing', { days: setting.days, asOf })
      : setting.kind === 'range' && window.from && window.to
        ? t('customer.window.range', { from: formatDay(window.from, lang), to: formatDay(window.to, lang) })
        : t('customer.window.all', { asOf });
  return (
    <p class="muted small">
      {text}
      {window.historical ? ` (${t('customer.window.historical')})` : ''}
    </p>
  );
}

/** Profit per month as bars scaled to the largest absolute month (display only; amounts stay exact). */
function MonthBars({ metrics, currency }: { metrics: CustomerMetrics; currency: string }) {
  const { t, lang } = useUi();
  const months = monthProfitsOf(metrics);
  const values = months.map((m) => parseMoney(m.profit));
  let max = 0n;
  for (const v of values) if ((v < 0n ? -v : v) > max) max = v < 0n ? -v : v;
  if (max === 0n) return null;
  return (
    <figure class="bars" aria-label={t('customer.months')}>
      <figcaption class="muted small">{t('customer.months')}</figcaption>
      <div class="bars-row">
        {months.map((m, i) => {
          const share = ratio(values[i] ?? 0n, max) ?? 0;
          return (
            <div
              key={m.month}
              class="bar-col"
              title={`${formatMonth(m.month, lang)}: ${new Intl.NumberFormat(lang, { style: 'currency', currency }).format(m.profit as `${number}`)}`}
            >
              <div class="bar-track">
                <div
                  class={share < 0 ? 'bar negative' : 'bar'}
                  style={{ height: `${Math.max(2, Math.abs(share) * 100)}%` }}
                />
              </div>
              <span class="bar-label">{formatMonth(m.month, lang).slice(0, 3)}</span>
            </div>
          );
        })}
      </div>
    </figure>
  );
}

export function MoneySummary({ metrics, currency }: { metrics: CustomerMetrics; currency: string }) {
  const { t, lang } = useUi();
  return (
    <>
      <dl class="stats">
        <div>
          <dt>{t('customer.revenue')}</dt>
          <dd>
            <Money amount={metrics.revenue} currency={currency} />
          </dd>
        </div>
        <div>
          <dt>{t('customer.profit')}</dt>
          <dd>
            <Money amount={metrics.profit} currency={currency} />
          </dd>
        </div>
        <div>
          <dt>{t('customer.margin')}</dt>
          <dd class={metrics.margin?.startsWith('-') ? 'negative' : ''}>
            {metrics.margin === null ? '—' : formatPercent(metrics.margin, lang)}
          </dd>
        </div>
        <div>
          <dt>{t('customer.orders')}</dt>
          <dd>{formatNumber(metrics.orders, lang)}</dd>
        </div>
        <div>
          <dt>{t('customer.lastOrder')}</dt>
          <dd>{metrics.lastOrderAt ? formatDay(metrics.lastOrderAt, lang) : '—'}</dd>
        </div>
      </dl>
      <MonthBars metrics={metrics} currency={currency} />
      <WindowNote window={metrics.window} />
    </>
  );
}

function LinkPicker({
  contactId,
  suggestions,
}: {
  contactId: string;
  suggestions: BadgeData['suggestions'];
}) {
  const { t } = useUi();
  const [query, setQuery] = useState('');
  const { data: found } = useLiveQuery(() => searchCustomers(db, query, 8), [query]);
  const [link, state] = useAction((customerId: string) =>
    send({ type: 'contact.link', contactId, customerId }).then(() => null),
  );
  return (
    <div class="link-picker">
      {suggestions.map((s) => (
        <div key={s.customerId} class="suggestion">
          <span>
            {t('customer.suggest', { name: s.externalId ? `${s.name} (${s.externalId})` : s.name })}
            <span class="muted small"> · {t(`customer.reason.${s.reason}`)}</span>
          </span>
          <button type="button" class="primary" disabled={state.busy} onClick={() => void link(s.customerId)}>
            {t('customer.link')}
          </button>
        </div>
      ))}
      <input
        type="search"
        placeholder={t('customer.search')}
        aria-label={t('customer.linkTo')}
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      {query.trim() && found ? (
        found.length === 0 ? (
          <p class="muted small">{t('customer.noneFound')}</p>
        ) : (
          <ul class="plain">
            {found.map((c: Customer) => (
              <li key={c.id} class="suggestion">
                <span>
                  {c.name}
                  {c.externalId ? <span class="muted small"> · {c.externalId}</span> : null}
                </span>
                <button type="button" disabled={state.busy} onClick={() => void link(c.id)}>
                  {t('customer.link')}
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
      <ErrorNote message={state.error} />
    </div>
  );
}

export function CustomerSection({
  contactId,
  customer,
  metrics,
  badge,
}: {
  contactId: string;
  customer: Customer | null;
  metrics: CustomerMetrics | null;
  badge: BadgeData;
}) {
  const { t } = useUi();
  const [unlink, state] = useAction(() =>
    send({ type: 'contact.link', contactId, customerId: null }).then(() => null),
  );
  if (!customer) {
    return (
      <Section title={t('customer.linkTo')}>
        <LinkPicker contactId={contactId} suggestions={badge.suggestions} />
      </Section>
    );
  }
  const currency = badge.currency ?? 'USD';
  return (
    <Section
      title={t('customer.title')}
      actions={
        <button type="button" class="link" disabled={state.busy} onClick={() => void unlink()}>
          {t('customer.unlink')}
        </button>
      }
    >
      <p class="customer-name">
        <TierChip tier={metrics?.tier ?? 'none'} /> {customer.name}
        {customer.externalId ? <span class="muted small"> · {customer.externalId}</span> : null}
      </p>
      {metrics ? (
        <MoneySummary metrics={metrics} currency={currency} />
      ) : (
        <p class="muted">{t('customer.noMetrics')}</p>
      )}
      <ErrorNote message={state.error} />
    </Section>
  );
}
