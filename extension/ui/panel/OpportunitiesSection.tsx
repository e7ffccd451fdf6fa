// The side panel's opportunities of a contact: each deal with its stage and probability, weighted
// amount and close date; one click moves an open deal to the next stage (or lost); the shared form
// (`ui/components/opportunity.tsx`, also the card's) creates or edits one. Every write goes through the
// background (record + outbox in one transaction), and the live query shows the result.
import { type OpportunityDraft, ratioToPercent } from '@rapport/shared/domain/opportunity-draft';
import { isClosedStage } from '@rapport/shared/domain/pipeline';
import type { Opportunity } from '@rapport/shared/schemas/pipeline';
import type { OpportunityStage } from '@rapport/shared/settings';
import { useState } from 'preact/hooks';
import { send } from '../../messaging/client.ts';
import { ErrorNote, Money, Section } from '../components/chips.tsx';
import { OpportunityEditor, OpportunityMoves, weightedAmount } from '../components/opportunity.tsx';
import { useUi } from '../context.ts';
import { formatDay, formatMoney } from '../format.ts';
import { useAction } from '../hooks/use-action.ts';
import './sales.css';

type Props = { contactId: string; opportunities: Opportunity[]; currency: string };

// The side panel's look of the shared form and actions.
const FORM_CLASSES = {
  form: 'card opp-form',
  pair: 'opp-pair',
  actions: 'row-actions',
  save: 'primary',
  cancel: '',
};
const MOVE_CLASSES = { next: 'primary', lose: '', edit: 'link' };

function PanelOpportunityEditor({
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
  const { t, lang, ctx } = useUi();
  const [save, state] = useAction(async (draft: OpportunityDraft) => {
    if (editing) await send({ type: 'opportunity.update', id: editing.id, changes: draft });
    else await send({ type: 'opportunity.create', contactId, ...draft });
    onDone();
    return t(editing ? 'opp.updated' : 'opp.created');
  });
  return (
    <OpportunityEditor
      editing={editing}
      currency={currency}
      probabilities={ctx.team.stageProbabilities}
      busy={state.busy}
      t={t}
      lang={lang}
      classes={FORM_CLASSES}
      heading="strong"
      onSave={(draft) => void save(draft)}
      onCancel={onDone}
    >
      <ErrorNote message={state.error} />
    </OpportunityEditor>
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
          <OpportunityMoves
            opportunity={o}
            busy={state.busy}
            t={t}
            classes={MOVE_CLASSES}
            onMove={(stage) => void move(stage)}
            onEdit={onEdit}
          />
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
        <PanelOpportunityEditor
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
