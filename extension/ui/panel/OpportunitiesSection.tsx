// The side panel's opportunities of a contact: each deal with its stage and probability, weighted
// amount and close date; one click moves an open deal to the next stage (or lost); a form creates or
// edits one. What was typed is checked by the shared draft rule first; every write goes through the
// background (record + outbox in one transaction), and the live query shows the result.
import {
  checkOpportunityDraft,
  type DraftProblem,
  nextStage,
  type OpportunityDraft,
  ratioToPercent,
} from '@rapport/shared/domain/opportunity-draft';
import { isClosedStage } from '@rapport/shared/domain/pipeline';
import type { Opportunity } from '@rapport/shared/schemas/pipeline';
import { OPPORTUNITY_STAGES, type OpportunityStage } from '@rapport/shared/settings';
import { useState } from 'preact/hooks';
import { send } from '../../messaging/client.ts';
import { problemText, stageLabel, weightedAmount } from '../card/OpportunityForm.tsx';
import { ErrorNote, Money, Section } from '../components/chips.tsx';
import { useUi } from '../context.ts';
import { formatDay, formatMoney } from '../format.ts';
import { useAction } from '../hooks/use-action.ts';
import './sales.css';

type Props = { contactId: string; opportunities: Opportunity[]; currency: string };

function OpportunityEditor({
  contactId,
  editing,
  currency,
  onDone,
}: {
  contactId: string;
  editing: Opportunity | null;
  currency: string;
  onDone(): void;
}) {
  const { t, ctx } = useUi();
  const probabilities = ctx.team.stageProbabilities;
  const [title, setTitle] = useState(editing?.title ?? '');
  const [amount, setAmount] = useState(editing?.amount ?? '');
  const [marginPct, setMarginPct] = useState(
    editing?.expectedMargin ? ratioToPercent(editing.expectedMargin) : '',
  );
  const [closeDate, setCloseDate] = useState(editing?.closeDate ?? '');
  const [stage, setStage] = useState<OpportunityStage>(editing?.stage ?? 'lead');
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [save, state] = useAction(async (draft: OpportunityDraft) => {
    if (editing) await send({ type: 'opportunity.update', id: editing.id, changes: draft });
    else await send({ type: 'opportunity.create', contactId, ...draft });
    onDone();
    return t(editing ? 'opp.updated' : 'opp.created');
  });
  // Editing a field clears what was said about it.
  const edit = (set: (v: string) => void, field: DraftProblem['field']) => (e: Event) => {
    set((e.currentTarget as HTMLInputElement).value);
    setProblems((list) =>
      list.some((p) => p.field === field) ? list.filter((p) => p.field !== field) : list,
    );
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '';
    const checked = checkOpportunityDraft({
      title: value('opp-title'),
      amount: value('opp-amount'),
      marginPct: value('opp-margin'),
      closeDate: value('opp-close'),
      stage: (value('opp-stage') || stage) as OpportunityStage,
    });
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems([]);
    void save(checked.draft);
  };
  const problem = (field: DraftProblem['field']) => {
    const p = problems.find((x) => x.field === field);
    return p ? (
      <span class="field-error" role="alert">
        {problemText(t, p)}
      </span>
    ) : null;
  };
  const invalid = (field: DraftProblem['field']) => problems.some((p) => p.field === field);
  return (
    <form class="card opp-form" onSubmit={submit} aria-label={t(editing ? 'opp.editTitle' : 'opp.newTitle')}>
      <strong>{t(editing ? 'opp.editTitle' : 'opp.newTitle')}</strong>
      <label>
        {t('opp.title')}
        <input
          name="opp-title"
          value={title}
          maxLength={300}
          aria-invalid={invalid('title')}
          onInput={edit(setTitle, 'title')}
        />
        {problem('title')}
      </label>
      <div class="opp-pair">
        <label>
          {t('opp.amount', { currency })}
          <input
            name="opp-amount"
            inputMode="decimal"
            placeholder="12500.00"
            value={amount}
            aria-invalid={invalid('amount')}
            onInput={edit(setAmount, 'amount')}
          />
        </label>
        <label>
          {t('opp.margin')}
          <input
            name="opp-margin"
            inputMode="decimal"
            placeholder="35"
            value={marginPct}
            aria-invalid={invalid('margin')}
            onInput={edit(setMarginPct, 'margin')}
          />
        </label>
      </div>
      {problem('amount')}
      {problem('margin')}
      <div class="opp-pair">
        <label>
          {t('opp.closeDate')}
          <input
            name="opp-close"
            type="date"
            value={closeDate}
            aria-invalid={invalid('closeDate')}
            onInput={edit(setCloseDate, 'closeDate')}
          />
        </label>
        <label>
          {t('opp.stage')}
          <select
            name="opp-stage"
            value={stage}
            onChange={(e) => setStage(e.currentTarget.value as OpportunityStage)}
          >
            {OPPORTUNITY_STAGES.map((s) => (
              <option key={s} value={s}>
                {stageLabel(t, s, probabilities)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {problem('closeDate')}
      <div class="row-actions">
        <button type="submit" class="primary" disabled={state.busy}>
          {t('opp.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('opp.cancel')}
        </button>
      </div>
      <ErrorNote message={state.error} />
    </form>
  );
}

function OpportunityRow({
  opportunity: o,
  currency,
  onEdit,
}: {
  opportunity: Opportunity;
  currency: string;
  onEdit(): void;
}) {
  const { t, lang, ctx } = useUi();
  const probabilities = ctx.team.stageProbabilities;
  const me = ctx.account?.user;
  const editable = me !== undefined && (me.role !== 'rep' || o.ownerId === me.id);
  const next = nextStage(o.stage);
  const [move, state] = useAction(async (stage: OpportunityStage) => {
    await send({ type: 'opportunity.update', id: o.id, changes: { stage } });
    return t('opp.moved', { stage: t(`stage.${stage}`) });
  });
  const facts = [
    isClosedStage(o.stage)
      ? null
      : t('opp.weightedShort', {
          amount: formatMoney(weightedAmount(o, probabilities), currency, lang, true),
        }),
    o.closeDate ? t('opps.closes', { date: formatDay(o.closeDate, lang) }) : null,
    o.expectedMargin ? t('opp.marginShort', { pct: ratioToPercent(o.expectedMargin) }) : null,
  ].filter(Boolean);
  return (
    <li class={`opp-row${isClosedStage(o.stage) ? ' closed' : ''}`}>
      <div class="opp-line">
        <span class="grow opp-name">{o.title}</span>
        <span class={`chip stage-${o.stage}`}>
          {t(`stage.${o.stage}`)} · {probabilities[o.stage]} %
        </span>
        <Money amount={o.amount} currency={currency} compact />
      </div>
      {facts.length > 0 && <div class="muted small">{facts.join(' · ')}</div>}
      {editable && (
        <div class="row-actions">
          {next && (
            <button
              type="button"
              class="primary"
              disabled={state.busy}
              title={t('opp.moveToTitle', { title: o.title, stage: t(`stage.${next}`) })}
              onClick={() => void move(next)}
            >
              {t('opp.moveTo', { stage: t(`stage.${next}`) })}
            </button>
          )}
          {next && (
            <button
              type="button"
              disabled={state.busy}
              title={t('opp.loseTitle', { title: o.title })}
              onClick={() => void move('lost')}
            >
              {t('opp.lose')}
            </button>
          )}
          <button type="button" class="link" disabled={state.busy} onClick={onEdit}>
            {t('opp.edit')}
          </button>
        </div>
      )}
      <ErrorNote message={state.error} />
    </li>
  );
}

/** Replaces the read-only list: deals of the contact and its customer, open first. */
export function OpportunitiesSection({ contactId, opportunities, currency }: Props) {
  const { t } = useUi();
  const [editing, setEditing] = useState<Opportunity | 'new' | null>(null);
  const sorted = [...opportunities].sort(
    (a, b) => Number(isClosedStage(a.stage)) - Number(isClosedStage(b.stage)),
  );
  return (
    <Section
      title={t('opps.title')}
      actions={
        editing === null ? (
          <button type="button" class="small-button" onClick={() => setEditing('new')}>
            + {t('opp.new')}
          </button>
        ) : null
      }
    >
      {editing !== null && (
        <OpportunityEditor
          key={editing === 'new' ? 'new' : editing.id}
          contactId={contactId}
          editing={editing === 'new' ? null : editing}
          currency={currency}
          onDone={() => setEditing(null)}
        />
      )}
      {sorted.length === 0 ? (
        <p class="muted">{t('opps.empty')}</p>
      ) : (
        <ul class="plain opps">
          {sorted.map((o) => (
            <OpportunityRow key={o.id} opportunity={o} currency={currency} onEdit={() => setEditing(o)} />
          ))}
        </ul>
      )}
    </Section>
  );
}
