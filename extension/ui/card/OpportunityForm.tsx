// The card's sales part: the person's open opportunities with a one-click move to the next stage or
// to lost, and the shared opportunity form (`ui/components/opportunity.tsx`, also the side panel's)
// to create or edit one. Types only from shared schemas (no zod in card.js).
import type { OpportunityDraft } from '@rapport/shared/domain/opportunity-draft';
import { isClosedStage } from '@rapport/shared/domain/pipeline';
import type { Opportunity } from '@rapport/shared/schemas/pipeline';
import type { OpportunityStage, StageProbabilities } from '@rapport/shared/settings';
import type { UiLanguage } from '@rapport/shared/sync/local-settings';
import type { Translate } from '../../i18n/index.ts';
import { OpportunityEditor, OpportunityMoves } from '../components/opportunity.tsx';
import { formatDay, formatMoney } from '../format.ts';
import { CARD_FORM_CLASSES } from './styles.ts';

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

export const mayEdit = (sales: CardSales, o: Opportunity) => sales.editsAll || o.ownerId === sales.me;

const MOVE_CLASSES = { next: 'mini', lose: 'mini plain', edit: 'mini plain' };

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
      <section class="oppform">
        <OpportunityEditor
          key={form.editing?.id ?? 'new'}
          editing={form.editing}
          currency={sales.currency}
          probabilities={sales.probabilities}
          busy={busy}
          t={t}
          lang={lang}
          classes={CARD_FORM_CLASSES}
          heading="h3"
          onSave={(draft) => void actions.saveOpportunity(draft, form.editing?.id ?? null)}
          onCancel={actions.cancelOpportunity}
        />
      </section>
    );
  return (
    <section class="opps" aria-label={t('opp.open')}>
      {open.length > 0 && <h3>{t('opp.open')}</h3>}
      {open.length > 0 && (
        <ul>
          {open.map((o) => {
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
                {editable && (
                  <OpportunityMoves
                    opportunity={o}
                    busy={busy}
                    t={t}
                    classes={MOVE_CLASSES}
                    onMove={(stage) => void actions.moveOpportunity(o, stage)}
                    onEdit={() => actions.openOpportunityForm(o)}
                  />
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
