import { decimalSign } from '@rapport/shared/core';
import { useI18n } from '../context.ts';
import { formatNumber, formatPercent } from '../format.ts';
import { Money } from './money.tsx';

/**
 * The revenue, profit and (when given) margin cells a customer row and an order-line row share;
 * a negative margin in red.
 */
export function ProfitCells(props: { revenue: string; profit: string; margin?: string | null }) {
  const { lang } = useI18n();
  const m = props.margin;
  return (
    <>
      <td class="num">
        <Money value={props.revenue} />
      </td>
      <td class="num">
        <Money value={props.profit} />
      </td>
      {m !== undefined && (
        <td class={`num${m && decimalSign(m) < 0 ? ' loss' : ''}`}>
          {m === null ? '–' : formatPercent(m, lang)}
        </td>
      )}
    </>
  );
}

/** Previous / "first–last of total" / next under a paged table. */
export function Pager(props: { page: number; pageSize: number; total: number; onPage(page: number): void }) {
  const { t, lang } = useI18n();
  const { page, pageSize, total } = props;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav class="pager" aria-label={t('customers.pages')}>
      <button type="button" class="button" disabled={page === 0} onClick={() => props.onPage(page - 1)}>
        {t('customers.prev')}
      </button>
      <span aria-live="polite">
        {t('customers.range', {
          first: formatNumber(total === 0 ? 0 : page * pageSize + 1, lang),
          last: formatNumber(Math.min(total, (page + 1) * pageSize), lang),
          total: formatNumber(total, lang),
        })}
      </span>
      <button
        type="button"
        class="button"
        disabled={page + 1 >= pages}
        onClick={() => props.onPage(page + 1)}
      >
        {t('customers.next')}
      </button>
    </nav>
  );
}

/** A churn score coloured by its risk: high from 70, middling from 50. */
export function RiskScore(props: { score: number }) {
  const s = props.score;
  return <span class={`risk risk-${s >= 70 ? 'high' : s >= 50 ? 'mid' : 'low'}`}>{s}</span>;
}
