import { discountBps, quoteTotals } from '@rapport/shared/domain/pipeline';
import { formatMoney as formatExact, parseMoney } from '@rapport/shared/money';
import { OPPORTUNITY_STAGES } from '@rapport/shared/settings';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { type Column, DataTable } from '../components/data-table.tsx';
import { Options } from '../components/fields.tsx';
import { Money } from '../components/money.tsx';
import { PageHead } from '../components/page-head.tsx';
import { ErrorNote, errorMessage, Loading } from '../components/states.tsx';
import { useApp, useI18n } from '../context.ts';
import { formatDay, formatPercent } from '../format.ts';
import { useApi } from '../use-api.ts';
import type { OpportunityWire, ProductWire, QuoteLineWire } from './pipeline-types.ts';

/** A quote line and its place in the list (inputs change lines by place). */
type QuoteRow = { line: QuoteLineWire; i: number };

const EMPTY_LINE: QuoteLineWire = {
  productId: null,
  description: '',
  quantity: 1,
  unitPrice: '0',
  discountPct: '0',
};

/** One opportunity: stage, the quote editor with its shared totals, and a printable quote (@media print). */
export function OpportunityPage(props: { id: string }) {
  const { t, lang } = useI18n();
  const { members, settings, session } = useApp();
  const opp = useApi<OpportunityWire>(`/opportunities/${encodeURIComponent(props.id)}`);
  const products = useApi<{ items: ProductWire[] }>('/products', { limit: 500 });
  const [lines, setLines] = useState<QuoteLineWire[] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (opp.data) setLines(opp.data.quote ?? []);
  }, [opp.data]);
  if (opp.error) return <ErrorNote error={opp.error} onRetry={opp.reload} />;
  if (!opp.data || lines === null) return <Loading />;
  const o = opp.data;
  const margins = new Map((products.data?.items ?? []).map((p) => [p.id, p.standardMargin]));
  let totals: ReturnType<typeof quoteTotals> | null = null;
  let problem: string | null = null;
  try {
    totals = quoteTotals(
      lines.map((l) => ({
        productId: l.productId,
        quantity: l.quantity,
        unitPrice: parseMoney(l.unitPrice),
        discountBps: discountBps(l.discountPct),
      })),
      margins,
      settings?.marginTiers ?? { highPct: 40, mediumPct: 20 },
    );
  } catch (err) {
    problem = (err as Error).message;
  }
  const set = (i: number, patch: Partial<QuoteLineWire>) =>
    setLines(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  /** A number of the line: printed as is, typed in an input on screen. */
  const numberColumn = (
    id: 'quantity' | 'unitPrice' | 'discountPct',
    head: string,
    printed: (l: QuoteLineWire) => ComponentChildren,
  ): Column<QuoteRow> => ({
    id,
    head,
    num: true,
    cell: ({ line, i }) => (
      <>
        <span class="print-only">{printed(line)}</span>
        {id === 'quantity' ? (
          <input
            class="no-print num-input"
            type="number"
            min="1"
            step="1"
            aria-label={head}
            value={line.quantity}
            onInput={(e) => set(i, { quantity: Number(e.currentTarget.value) })}
          />
        ) : (
          <input
            class="no-print num-input"
            inputMode="decimal"
            aria-label={head}
            value={line[id]}
            onInput={(e) => set(i, { [id]: e.currentTarget.value })}
          />
        )}
      </>
    ),
  });
  const quoteColumns: Column<QuoteRow>[] = [
    {
      id: 'description',
      head: t('quote.description'),
      cell: ({ line: l, i }) => (
        <>
          <span class="print-only">{l.description}</span>
          <span class="no-print quote-desc">
            <select
              aria-label={t('quote.product')}
              value={l.productId ?? ''}
              onChange={(e) => {
                const id = (e.target as HTMLSelectElement).value || null;
                const p = products.data?.items.find((x) => x.id === id);
                set(i, { productId: id, description: l.description || p?.name || '' });
              }}
            >
              <option value="">{t('quote.noProduct')}</option>
              {(products.data?.items ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            <input
              aria-label={t('quote.description')}
              value={l.description}
              onInput={(e) => set(i, { description: (e.target as HTMLInputElement).value })}
            />
          </span>
        </>
      ),
    },
    numberColumn('quantity', t('quote.quantity'), (l) => l.quantity),
    numberColumn('unitPrice', t('quote.unitPrice'), (l) => <Money value={l.unitPrice} />),
    numberColumn('discountPct', t('quote.discount'), (l) => `${l.discountPct}%`),
    {
      id: 'lineTotal',
      head: t('quote.lineTotal'),
      num: true,
      cell: ({ i }) => (totals?.lines[i] ? <Money value={formatExact(totals.lines[i].revenue)} /> : '–'),
    },
    {
      id: 'remove',
      head: t('quote.remove'),
      hideHead: true,
      class: 'no-print',
      cell: ({ i }) => (
        <button type="button" class="button small" onClick={() => setLines(lines.filter((_, j) => j !== i))}>
          {t('quote.remove')}
        </button>
      ),
    },
  ];
  /** The quote's foot: the discount, the total and (on screen) the margin with its tier. */
  const quoteFoot = (q: ReturnType<typeof quoteTotals>) =>
    (
      [
        ['', t('quote.discountTotal'), <Money key="d" value={formatExact(-q.discount)} />],
        ['quote-total', t('quote.total'), <Money key="t" value={formatExact(q.revenue)} />],
        [
          'no-print',
          t('quote.margin'),
          q.margin === null
            ? t('quote.marginUnknown')
            : `${formatPercent(q.margin, lang)} · ${t(`marginTier.${q.marginTier ?? 'low'}`)}`,
        ],
      ] as const
    ).map(([cls, label, value]) => (
      <tr key={label} class={cls || undefined}>
        <th scope="row" colSpan={4}>
          {label}
        </th>
        <td class="num">{value}</td>
      </tr>
    ));
  const save = async (changes: Partial<OpportunityWire>) => {
    try {
      await api(`/opportunities/${encodeURIComponent(o.id)}`, { method: 'PATCH', body: changes });
      setMessage({ ok: true, text: t('opportunity.saved') });
      opp.reload();
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(err, lang) });
    }
  };
  return (
    <article class="opportunity">
      <div class="no-print">
        <PageHead title={o.title}>
          <p>
            <button type="button" class="button" onClick={() => window.print()}>
              {t('opportunity.print')}
            </button>
          </p>
        </PageHead>
      </div>
      <header class="quote-head print-only">
        <p class="quote-team">{session.team.name}</p>
        <h1>{t('opportunity.quoteFor', { title: o.title })}</h1>
        <p class="muted">{formatDay(new Date().toISOString().slice(0, 10), lang)}</p>
      </header>
      <section class="card no-print" aria-labelledby="h-deal">
        <h2 id="h-deal">{t('opportunity.deal')}</h2>
        <dl class="deal-facts">
          <dt>{t('pipeline.amount')}</dt>
          <dd>
            <Money value={o.amount} />
          </dd>
          <dt>{t('pipeline.rep')}</dt>
          <dd>{(o.ownerId && members.get(o.ownerId)?.name) || t('pipeline.unassigned')}</dd>
          <dt>{t('pipeline.closes')}</dt>
          <dd>{o.closeDate ? formatDay(o.closeDate, lang) : '–'}</dd>
          <dt>{t('pipeline.stage')}</dt>
          <dd>
            <select
              aria-label={t('pipeline.stage')}
              value={o.stage}
              onChange={(e) =>
                save({ stage: (e.target as HTMLSelectElement).value as OpportunityWire['stage'] })
              }
            >
              <Options values={OPPORTUNITY_STAGES} label={(s) => t(`stage.${s}`)} />
            </select>
          </dd>
        </dl>
      </section>
      <section class="card quote" aria-labelledby="h-quote">
        <h2 id="h-quote" class="no-print">
          {t('opportunity.quote')}
        </h2>
        <DataTable
          class="quote-lines"
          columns={quoteColumns}
          rows={lines.map((line, i) => ({ line, i }))}
          rowKey={(r) => String(r.i)}
          foot={totals && quoteFoot(totals)}
        />
        {problem && (
          <p role="alert" class="loss">
            {problem}
          </p>
        )}
        <p class="no-print quote-actions">
          <button type="button" class="button" onClick={() => setLines([...lines, EMPTY_LINE])}>
            {t('quote.addLine')}
          </button>{' '}
          <button
            type="button"
            class="button primary"
            disabled={problem !== null}
            onClick={() =>
              save({
                quote: lines,
                ...(totals && lines.length > 0 ? { amount: formatExact(totals.revenue) } : {}),
              })
            }
          >
            {t('quote.save')}
          </button>
        </p>
        {message && (
          <p role={message.ok ? 'status' : 'alert'} class={`no-print ${message.ok ? 'muted' : 'loss'}`}>
            {message.text}
          </p>
        )}
      </section>
    </article>
  );
}
