// The card's sales part: the person's open opportunities with a one-click move to the next stage (or
// lost), and a form to create or edit one (title, amount, expected margin, close date, stage with the
// team's probabilities). What was typed is checked by the shared draft rule before anything is sent;
// the background checks again with the shared schemas. Types only from shared schemas (no zod in card.js).
import {
  checkOpportunityDraft,
  type DraftProblem,
  nextStage,
  normaliseAmount,
  type OpportunityDraft,
  ratioToPercent,
} from '@rapport/shared/domain/opportunity-draft';
import { isClosedStage, pipelineSummary } from '@rapport/shared/domain/pipeline';
import { moneyProblem, formatMoney as moneyString, parseMoney } from '@rapport/shared/money';
import type { Opportunity } from '@rapport/shared/schemas/pipeline';
import { OPPORTUNITY_STAGES, type OpportunityStage, type StageProbabilities } from '@rapport/shared/settings';
import type { UiLanguage } from '@rapport/shared/sync/local-settings';
import { useRef, useState } from 'preact/hooks';
import type { MessageKey, Translate } from '../../i18n/index.ts';
import { formatDay, formatMoney } from '../format.ts';

/** The contact's deals as the card shows them (from opportunities.list). */
export type CardSales = {
  opportunities: Opportunity[];
  probabilities: StageProbabilities;
  currency: string;
  me: string | null;
  editsAll: boolean;
};

/** The form while open: a new deal (editing null) or an existing one. */
export type OpportunityFormState = { editing: Opportunity | null } | null;

export type OpportunityActions = {
  openOpportunityForm(editing: Opportunity | null): void;
  cancelOpportunity(): void;
  saveOpportunity(draft: OpportunityDraft, id: string | null): Promise<boolean>;
  moveOpportunity(opportunity: Opportunity, stage: OpportunityStage): Promise<boolean>;
};

/** Amount × the stage's probability, exact (the shared weighted-pipeline rule for one deal). */
export function weightedAmount(o: Pick<Opportunity, 'amount' | 'stage'>, p: StageProbabilities): string {
  const deal = {
    ownerId: null,
    stage: o.stage,
    amount: parseMoney(o.amount),
    closeDate: null,
    stageChangedOn: null,
  };
  return moneyString(pipelineSummary([deal], p).weighted);
}

export const mayEdit = (sales: CardSales, o: Opportunity) => sales.editsAll || o.ownerId === sales.me;

export const stageLabel = (t: Translate, stage: OpportunityStage, p: StageProbabilities) =>
  t('opp.stageOption', { stage: t(`stage.${stage}`), pct: String(p[stage]) });

export function problemText(t: Translate, p: DraftProblem): string {
  return t(`opp.error.${p.field}.${p.code}` as MessageKey);
}

/** Open deals with their one-click moves, then the new/edit form or its button. */
export function CardOpportunities({
  sales,
  form,
  busy,
  disabled,
  actions,
  t,
  lang,
}: {
  sales: CardSales | null;
  form: OpportunityFormState;
  busy: boolean;
  disabled: boolean;
  actions: OpportunityActions;
  t: Translate;
  lang: UiLanguage;
}) {
  if (!sales) return null;
  const open = sales.opportunities.filter((o) => !isClosedStage(o.stage));
  if (form)
    return (
      <OpportunityForm
        key={form.editing?.id ?? 'new'}
        sales={sales}
        editing={form.editing}
        busy={busy}
        actions={actions}
        t={t}
        lang={lang}
      />
    );
  return (
    <section class="opps" aria-label={t('opp.open')}>
      {open.length > 0 && <h3>{t('opp.open')}</h3>}
      {open.length > 0 && (
        <ul>
          {open.map((o) => {
            const next = nextStage(o.stage);
            const editable = mayEdit(sales, o) && !disabled;
            return (
              <li key={o.id} class="opp">
                <span class="opp-main">
                  <span class="opp-title as-typed" title={o.title}>
                    {o.title}
                  </span>
                  <span class="muted">
                    {[
                      formatMoney(o.amount, sales.currency, lang),
                      `${t(`stage.${o.stage}`)} ${sales.probabilities[o.stage]} %`,
                      o.closeDate ? t('opps.closes', { date: formatDay(o.closeDate, lang) }) : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </span>
                {editable && next && (
                  <button
                    type="button"
                    class="mini"
                    disabled={busy}
                    title={t('opp.moveToTitle', { title: o.title, stage: t(`stage.${next}`) })}
                    onClick={() => void actions.moveOpportunity(o, next)}
                  >
                    {t('opp.moveTo', { stage: t(`stage.${next}`) })}
                  </button>
                )}
                {editable && (
                  <button
                    type="button"
                    class="mini plain"
                    disabled={busy}
                    title={t('opp.edit')}
                    onClick={() => actions.openOpportunityForm(o)}
                  >
                    {t('opp.edit')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <button
        type="button"
        class="act secondary"
        disabled={busy || disabled}
        onClick={() => actions.openOpportunityForm(null)}
      >
        {t('opp.new')}
      </button>
    </section>
  );
}

export function OpportunityForm({
  sales,
  editing,
  busy,
  actions,
  t,
  lang,
}: {
  sales: CardSales;
  editing: Opportunity | null;
  busy: boolean;
  actions: OpportunityActions;
  t: Translate;
  lang: UiLanguage;
}) {
  const [title, setTitle] = useState(editing?.title ?? '');
  const [amount, setAmount] = useState(editing?.amount ?? '');
  const [marginPct, setMarginPct] = useState(
    editing?.expectedMargin ? ratioToPercent(editing.expectedMargin) : '',
  );
  const [closeDate, setCloseDate] = useState(editing?.closeDate ?? '');
  const [stage, setStage] = useState<OpportunityStage>(editing?.stage ?? 'lead');
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const ref = useRef<HTMLElement>(null);
  // The elements' values, not state: a click can arrive before the re-render of the last keystroke.
  const typed = (name: string, fallback: string) =>
    ref.current?.querySelector<HTMLInputElement>(`[name="${name}"]`)?.value ?? fallback;
  const save = () => {
    if (busy) return;
    const checked = checkOpportunityDraft({
      title: typed('opp-title', title),
      amount: typed('opp-amount', amount),
      marginPct: typed('opp-margin', marginPct),
      closeDate: typed('opp-close', closeDate),
      stage: typed('opp-stage', stage) as OpportunityStage,
    });
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems([]);
    void actions.saveOpportunity(checked.draft, editing?.id ?? null);
  };
  const problem = (field: DraftProblem['field']) => {
    const p = problems.find((x) => x.field === field);
    return p ? (
      <span class="field-error" role="alert">
        {problemText(t, p)}
      </span>
    ) : null;
  };
  // Editing a field clears what was said about it.
  const input = (set: (v: string) => void, field: DraftProblem['field']) => (e: Event) => {
    set((e.currentTarget as HTMLInputElement).value);
    setProblems((list) =>
      list.some((p) => p.field === field) ? list.filter((p) => p.field !== field) : list,
    );
  };
  return (
    <section class="oppform" ref={ref}>
      <h3>{t(editing ? 'opp.editTitle' : 'opp.newTitle')}</h3>
      <label>
        {t('opp.title')}
        <input
          name="opp-title"
          value={title}
          maxLength={300}
          aria-invalid={problems.some((p) => p.field === 'title')}
          onInput={input(setTitle, 'title')}
        />
        {problem('title')}
      </label>
      <div class="pair">
        <label>
          {t('opp.amount', { currency: sales.currency })}
          <input
            name="opp-amount"
            inputMode="decimal"
            value={amount}
            placeholder="12500.00"
            aria-invalid={problems.some((p) => p.field === 'amount')}
            onInput={input(setAmount, 'amount')}
          />
        </label>
        <label>
          {t('opp.margin')}
          <input
            name="opp-margin"
            inputMode="decimal"
            value={marginPct}
            placeholder="35"
            aria-invalid={problems.some((p) => p.field === 'margin')}
            onInput={input(setMarginPct, 'margin')}
          />
        </label>
      </div>
      {problem('amount')}
      {problem('margin')}
      <div class="pair">
        <label>
          {t('opp.closeDate')}
          <input
            name="opp-close"
            type="date"
            value={closeDate}
            aria-invalid={problems.some((p) => p.field === 'closeDate')}
            onInput={input(setCloseDate, 'closeDate')}
          />
        </label>
        <label>
          {t('opp.stage')}
          <select
            name="opp-stage"
            value={stage}
            onChange={(e) => setStage((e.currentTarget as HTMLSelectElement).value as OpportunityStage)}
          >
            {OPPORTUNITY_STAGES.map((s) => (
              <option key={s} value={s}>
                {stageLabel(t, s, sales.probabilities)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {problem('closeDate')}
      <Weighted amount={amount} stage={stage} sales={sales} t={t} lang={lang} />
      <div class="row">
        <button type="button" class="act secondary" onClick={actions.cancelOpportunity}>
          {t('opp.cancel')}
        </button>
        <button type="button" class="act" disabled={busy} onClick={save}>
          {t('opp.save')}
        </button>
      </div>
    </section>
  );
}

/** "weighted 6,250.00" under the stage while the amount is a valid decimal. */
function Weighted(props: {
  amount: string;
  stage: OpportunityStage;
  sales: CardSales;
  t: Translate;
  lang: UiLanguage;
}) {
  const amount = normaliseAmount(props.amount);
  if (amount === '' || moneyProblem(amount) || amount.startsWith('-')) return null;
  const weighted = weightedAmount({ amount, stage: props.stage }, props.sales.probabilities);
  return (
    <div class="muted weighted">
      {props.t('opp.weighted', { amount: formatMoney(weighted, props.sales.currency, props.lang) })}
    </div>
  );
}

export const SALES_CARD_CSS = `
.opps li.opp { align-items: center; }
.opp-main { flex: 1; min-width: 0; display: flex; flex-direction: column; }
.opp-title { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.opp-main .muted { font-size: 12px; font-variant-numeric: tabular-nums; }
.opps h3 + ul { margin-bottom: 8px; }
button.mini {
  flex: none; height: 24px; padding: 0 8px; border-radius: 6px; border: 1px solid #0969da; background: #ddf4ff; color: #0550ae;
  font: 600 12px/22px system-ui, sans-serif; cursor: pointer; white-space: nowrap;
}
button.mini.plain { border-color: #d0d7de; background: transparent; color: inherit; font-weight: 400; }
.dark button.mini { border-color: #316dca; background: #143d79; color: #cae8ff; }
.dark button.mini.plain { border-color: #444c56; background: transparent; color: #e6edf3; }
button.mini:disabled { opacity: 0.55; cursor: default; }
.oppform label { margin-bottom: 6px; }
input[aria-invalid="true"] { border-color: #cf222e; }
.field-error { display: block; margin: 2px 0 6px; font-size: 12px; color: #cf222e; }
.dark .field-error { color: #ff8182; }
.tasks { border-top-color: var(--status-due); }
.taskline { display: flex; gap: 6px; align-items: flex-start; font-weight: 600; }
.taskline .tdot { flex: none; margin-top: 5px; }
`;
