// The card's service part: names the contact's open tickets (so nobody pitches into an unresolved
// complaint) and logs a new one from the page, its first entry the open email's text or the selection,
// with the shared ticket form (`ui/components/ticket.tsx`, also the side panel's).
// Types only from shared schemas: a value import would put zod in the page bundle.
import type { TicketCategory } from '@rapport/shared/settings';
import type { BadgeData } from '@rapport/shared/sync/messages';
import type { TeamMember } from '@rapport/shared/sync/service-messages';
import type { Translate } from '../../i18n/index.ts';
import { type TicketDraft, TicketEditor, type TicketSeed } from '../components/ticket.tsx';
import { CARD_FORM_CLASSES } from './styles.ts';

export type { TicketDraft, TicketSeed };

export type TicketFormState = {
  categories: TicketCategory[];
  seed: TicketSeed;
  /** Who it can be assigned to (you first); empty when the list could not be had. */
  members?: TeamMember[];
  me?: string | null;
} | null;

export type TicketActions = {
  /** `seed`: the first entry to start with (the complaint menu); else the page's (thread, selection). */
  openTicketForm(seed?: TicketSeed): Promise<boolean>;
  cancelTicket(): void;
  createTicket(draft: TicketDraft): Promise<boolean>;
};

export function OpenTickets({ badge, t }: { badge: BadgeData; t: Translate }) {
  const open = badge.openTickets ?? [];
  if (open.length === 0) return null;
  return (
    <section class="tickets" aria-label={t('ticket.marker')}>
      {open.map((k) => (
        <div class="tkline" key={k.id}>
          <span class="tk" aria-hidden="true">
            !
          </span>
          <span>
            {t('ticket.marker')}: <span class="as-typed">{k.title}</span> · {t(`ticketStatus.${k.status}`)} ·{' '}
            {t(`severity.${k.severity}`)}
          </span>
        </div>
      ))}
    </section>
  );
}

export function TicketForm({
  form,
  busy,
  disabled,
  actions,
  t,
}: {
  form: TicketFormState;
  busy: boolean;
  disabled: boolean;
  actions: TicketActions;
  t: Translate;
}) {
  if (!form)
    return (
      <section>
        <button
          type="button"
          class="act secondary"
          disabled={busy || disabled}
          onClick={() => void actions.openTicketForm()}
        >
          {t('ticket.new')}
        </button>
      </section>
    );
  return <Draft form={form} busy={busy} actions={actions} t={t} />;
}

function Draft({
  form,
  busy,
  actions,
  t,
}: {
  form: NonNullable<TicketFormState>;
  busy: boolean;
  actions: TicketActions;
  t: Translate;
}) {
  return (
    <section class="ticketform">
      <TicketEditor
        categories={form.categories}
        members={form.members ?? []}
        me={form.me ?? null}
        seed={form.seed}
        busy={busy}
        t={t}
        classes={CARD_FORM_CLASSES}
        heading
        onCreate={(draft) => void actions.createTicket(draft)}
        onCancel={actions.cancelTicket}
      />
    </section>
  );
}
