// The one opportunity form and the one set of row actions, shared by the card (card.js) and the side
// panel: title, amount, expected margin, close date, stage with the team's probabilities, and the
// live weighted amount; next stage / Lost / Edit on a deal. What was typed is checked by the shared
// draft rule before anything is sent; the background checks again with the shared schemas. Each
// surface passes its translator, its class names and what to do on save, cancel and move.
// Types only from shared schemas (no zod in card.js).

import {
  checkOpportunityDraft,
  type DraftProblem,
  nextStage,
  normaliseAmount,
  type OpportunityDraft,
  ratioToPercent,
} from '@rapport/shared/domain/opportunity-draft';
import { pipelineSummary } from '@rapport/shared/domain/pipeline';
import { TEXT_LIMITS } from '@rapport/shared/limits';
import { moneyProblem, formatMoney as moneyString, parseMoney } from '@rapport/shared/money';
import type { Opportunity } from '@rapport/shared/schemas/pipeline';
import { OPPORTUNITY_STAGES, type OpportunityStage, type StageProbabilities } from '@rapport/shared/settings';
import type { UiLanguage } from '@rapport/shared/sync/local-settings';
import { useState } from 'preact/hooks';
import type { MessageKey, Translate } from '../../i18n/index.ts';
import { formatMoney } from '../format.ts';
import { FormButtons, type FormClasses, InputField, SelectField } from './form.tsx';

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

export const stageLabel = (t: Translate, stage: OpportunityStage, p: StageProbabilities) =>
  t('opp.stageOption', { stage: t(`stage.${stage}`), pct: String(p[stage]) });

export function problemText(t: Translate, p: DraftProblem): string {
  return t(`opp.error.${p.field}.${p.code}` as MessageKey);
}

export type OpportunityMoveClasses = { next: string; lose: string; edit: string };

/** Creates (editing null) or edits a deal; `onSave` gets the checked draft. */
export function OpportunityEditor({
  editing,
  currency,
  probabilities,
  busy,
  t,
  lang,
  classes,
  heading: Heading,
  onSave,
  onCancel,
  children,
}: {
  editing: Opportunity | null;
  currency: string;
  probabilities: StageProbabilities;
  busy: boolean;
  t: Translate;
  lang: UiLanguage;
  classes: FormClasses;
  /** The card titles its parts with h3; the panel's h3 is the section's, so its form says it in bold. */
  heading: 'h3' | 'strong';
  onSave(draft: OpportunityDraft): void;
  onCancel(): void;
  /** Shown under the buttons (the panel's error note). */
  children?: preact.ComponentChildren;
}) {
  const [title, setTitle] = useState(editing?.title ?? '');
  const [amount, setAmount] = useState(editing?.amount ?? '');
  const [marginPct, setMarginPct] = useState(
    editing?.expectedMargin ? ratioToPercent(editing.expectedMargin) : '',
  );
  const [closeDate, setCloseDate] = useState(editing?.closeDate ?? '');
  const [stage, setStage] = useState<OpportunityStage>(editing?.stage ?? 'lead');
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  // Editing a field clears what was said about it.
  const edit = (set: (v: string) => void, field: DraftProblem['field']) => (value: string) => {
    set(value);
    setProblems((list) =>
      list.some((p) => p.field === field) ? list.filter((p) => p.field !== field) : list,
    );
  };
  const submit = (e: Event) => {
    e.preventDefault();
    if (busy) return;
    // The elements' values, not state: a click can arrive before the re-render of the last keystroke.
    const form = e.currentTarget as HTMLFormElement;
    const value = (name: string, fallback: string) =>
      (form.querySelector(`[name="${name}"]`) as HTMLInputElement | null)?.value ?? fallback;
    const checked = checkOpportunityDraft({
      title: value('opp-title', title),
      amount: value('opp-amount', amount),
      marginPct: value('opp-margin', marginPct),
      closeDate: value('opp-close', closeDate),
      stage: (value('opp-stage', stage) || stage) as OpportunityStage,
    });
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems([]);
    onSave(checked.draft);
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
  /** A decimal input (amount, margin) whose problem is said under the pair. */
  const decimal = (
    label: string,
    name: string,
    field: 'amount' | 'margin',
    value: string,
    set: (v: string) => void,
    placeholder: string,
  ) => (
    <InputField
      label={label}
      name={name}
      inputMode="decimal"
      value={value}
      placeholder={placeholder}
      invalid={invalid(field)}
      onValue={edit(set, field)}
    />
  );
  const formTitle = t(editing ? 'opp.editTitle' : 'opp.newTitle');
  return (
    <form class={classes.form} onSubmit={submit} aria-label={formTitle}>
      <Heading>{formTitle}</Heading>
      <InputField
        label={t('opp.title')}
        name="opp-title"
        value={title}
        maxLength={TEXT_LIMITS.name}
        invalid={invalid('title')}
        onValue={edit(setTitle, 'title')}
      >
        {problem('title')}
      </InputField>
      <div class={classes.pair}>
        {decimal(t('opp.amount', { currency }), 'opp-amount', 'amount', amount, setAmount, '12500.00')}
        {decimal(t('opp.margin'), 'opp-margin', 'margin', marginPct, setMarginPct, '35')}
      </div>
      {problem('amount')}
      {problem('margin')}
      <div class={classes.pair}>
        <InputField
          label={t('opp.closeDate')}
          name="opp-close"
          date
          value={closeDate}
          invalid={invalid('closeDate')}
          onValue={edit(setCloseDate, 'closeDate')}
        />
        <SelectField
          label={t('opp.stage')}
          name="opp-stage"
          value={stage}
          choices={OPPORTUNITY_STAGES.map((s) => ({ value: s, label: stageLabel(t, s, probabilities) }))}
          onChange={setStage}
        />
      </div>
      {problem('closeDate')}
      <Weighted
        amount={amount}
        stage={stage}
        probabilities={probabilities}
        currency={currency}
        t={t}
        lang={lang}
      />
      <FormButtons
        classes={classes}
        save={t('opp.save')}
        cancel={t('opp.cancel')}
        disabled={busy}
        onCancel={onCancel}
      />
      {children}
    </form>
  );
}

/** "weighted 6,250.00" under the stage while the amount is a valid decimal. */
function Weighted(props: {
  amount: string;
  stage: OpportunityStage;
  probabilities: StageProbabilities;
  currency: string;
  t: Translate;
  lang: UiLanguage;
}) {
  const amount = normaliseAmount(props.amount);
  if (amount === '' || moneyProblem(amount) || amount.startsWith('-')) return null;
  const weighted = weightedAmount({ amount, stage: props.stage }, props.probabilities);
  return (
    <div class="muted weighted">
      {props.t('opp.weighted', { amount: formatMoney(weighted, props.currency, props.lang) })}
    </div>
  );
}

/** An editable deal's actions: move to the next stage, Lost (both only while open) and Edit. */
export function OpportunityMoves({
  opportunity: o,
  busy,
  t,
  classes,
  onMove,
  onEdit,
}: {
  opportunity: Opportunity;
  busy: boolean;
  t: Translate;
  classes: OpportunityMoveClasses;
  onMove(stage: OpportunityStage): void;
  onEdit(): void;
}) {
  const next = nextStage(o.stage);
  return (
    <>
      {next && (
        <button
          type="button"
          class={classes.next}
          disabled={busy}
          title={t('opp.moveToTitle', { title: o.title, stage: t(`stage.${next}`) })}
          onClick={() => onMove(next)}
        >
          {t('opp.moveTo', { stage: t(`stage.${next}`) })}
        </button>
      )}
      {next && (
        <button
          type="button"
          class={classes.lose}
          disabled={busy}
          title={t('opp.loseTitle', { title: o.title })}
          onClick={() => onMove('lost')}
        >
          {t('opp.lose')}
        </button>
      )}
      <button type="button" class={classes.edit} disabled={busy} title={t('opp.edit')} onClick={onEdit}>
        {t('opp.edit')}
      </button>
    </>
  );
}
