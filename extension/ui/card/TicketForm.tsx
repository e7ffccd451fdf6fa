// The card's service part: names the contact's open tickets (so nobody pitches into an unresolved
// complaint) and logs a new one from the page, its first entry the open email's text or the selection.
// Types only from shared schemas: a value import would put zod in the page bundle.
import type { TicketSeverity } from '@rapport/shared/schemas/pipeline';
import type { TicketCategory } from '@rapport/shared/settings';
import type { BadgeData } from '@rapport/shared/sync/messages';
import type { TeamMember } from '@rapport/shared/sync/service-messages';
import { useRef, useState } from 'preact/hooks';
import type { MessageKey, Translate } from '../../i18n/index.ts';

/** What the page offers as a new ticket's first entry. */
export type TicketSeed = { title: string | null; text: string | null; from: 'thread' | 'selection' | null };

export type TicketDraft = {
  title: string;
  category: string;
  severity: TicketSeverity;
  description: string;
  /** Absent: the background's default (you). null: nobody. */
  assigneeId?: string | null;
};

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

/** A category's label in the UI language when it is one of the defaults, else the team's label. */
export function categoryLabel(c: TicketCategory, t: Translate): string {
  const key = `category.${c.id}` as MessageKey;
  const text = t(key);
  return text === key ? c.label : text;
}

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
            {t('ticket.marker')}: <span class="as-typed">{k.title}</span> · {t(`ticket.${k.status}`)} ·{' '}
            {t(`severity.${k.severity}`)}
          </span>
        </div>
      ))}
    </section>
  );
}

const SEVERITIES: readonly TicketSeverity[] = ['low', 'medium', 'high', 'critical'];

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
  const [title, setTitle] = useState(form.seed.title ?? '');
  const [category, setCategory] = useState(form.categories[0]?.id ?? 'other');
  const [severity, setSeverity] = useState<TicketSeverity>('medium');
  const [text, setText] = useState(form.seed.text ?? '');
  const members = form.members ?? [];
  const [assignee, setAssignee] = useState<string>(form.me ?? '');
  // The latest pick, not state: a click can arrive before the re-render of the change.
  const picked = useRef(assignee);
  const titleRef = useRef<HTMLInputElement>(null);
  const save = () => {
    const typed = (titleRef.current?.value ?? title).trim();
    if (typed === '' || busy) return;
    void actions.createTicket({
      title: typed,
      category,
      severity,
      description: text.trim(),
      ...(members.length > 0 ? { assigneeId: picked.current === '' ? null : picked.current } : {}),
    });
  };
  return (
    <section class="ticketform">
      <h3>{t('ticket.newTitle')}</h3>
      <label>
        {t('ticket.subject')}
        <input
          ref={titleRef}
          name="ticket-title"
          value={title}
          maxLength={300}
          onInput={(e) => setTitle((e.currentTarget as HTMLInputElement).value)}
        />
      </label>
      <div class="pair">
        <label>
          {t('ticket.category')}
          <select
            name="ticket-category"
            value={category}
            onChange={(e) => setCategory((e.currentTarget as HTMLSelectElement).value)}
          >
            {form.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {categoryLabel(c, t)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('ticket.severity')}
          <select
            name="ticket-severity"
            value={severity}
            onChange={(e) => setSeverity((e.currentTarget as HTMLSelectElement).value as TicketSeverity)}
          >
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`severity.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {members.length > 0 && (
        <AssigneeSelect
          members={members}
          me={form.me ?? null}
          value={assignee}
          onChange={(id) => {
            picked.current = id;
            setAssignee(id);
          }}
          t={t}
        />
      )}
      <label>
        {t('ticket.firstEntry')}
        {form.seed.from && (
          <span class="hint">
            {' '}
            · {t(form.seed.from === 'thread' ? 'ticket.fromThread' : 'ticket.fromSelection')}
          </span>
        )}
        <textarea
          name="ticket-text"
          value={text}
          maxLength={10_000}
          onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
        />
      </label>
      <div class="row">
        <button type="button" class="act secondary" onClick={actions.cancelTicket}>
          {t('ticket.cancel')}
        </button>
        <button type="button" class="act" disabled={busy || title.trim() === ''} onClick={save}>
          {t('ticket.create')}
        </button>
      </div>
    </section>
  );
}

/** The teammate picker: you, the others by name, or nobody. Shared by the card and the side panel. */
export function AssigneeSelect(props: {
  members: TeamMember[];
  me: string | null;
  /** '' is nobody. */
  value: string;
  onChange(id: string): void;
  t: Translate;
  /** false: no visible label (the select is named for assistive technology). */
  label?: boolean;
}) {
  const { t } = props;
  const options = [
    ...props.members.map((m) => (
      <option key={m.id} value={m.id}>
        {m.id === props.me ? t('ticket.meNamed', { name: m.name }) : m.name}
      </option>
    )),
    <option key="" value="">
      {t('ticket.unassigned')}
    </option>,
  ];
  const change = (e: Event) => props.onChange((e.currentTarget as HTMLSelectElement).value);
  if (props.label === false)
    return (
      <select name="ticket-assignee" aria-label={t('ticket.assignee')} value={props.value} onChange={change}>
        {options}
      </select>
    );
  return (
    <label>
      {t('ticket.assignee')}
      <select name="ticket-assignee" value={props.value} onChange={change}>
        {options}
      </select>
    </label>
  );
}
