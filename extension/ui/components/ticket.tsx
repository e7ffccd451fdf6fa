// The one new-ticket form, shared by the card (card.js, seeded from the page) and the side panel:
// subject, category, severity, who it is assigned to, and the first entry. Each surface passes its
// translator, class names and what to do on create and cancel. Types only from shared schemas: a
// value import would put zod in the page bundle.
import { TEXT_LIMITS } from '@rapport/shared/limits';
import type { TicketSeverity } from '@rapport/shared/schemas/pipeline';
import type { TicketCategory } from '@rapport/shared/settings';
import type { TeamMember } from '@rapport/shared/sync/service-messages';
import { useRef, useState } from 'preact/hooks';
import type { MessageKey, Translate } from '../../i18n/index.ts';
import { FormButtons, type FormClasses, InputField, SelectField } from './form.tsx';

export const SEVERITIES: readonly TicketSeverity[] = ['low', 'medium', 'high', 'critical'];

/** What the form hands over: the subject trimmed and never empty, the first entry trimmed. */
export type TicketDraft = {
  title: string;
  category: string;
  severity: TicketSeverity;
  description: string;
  /** Absent: the background's default (you). null: nobody. */
  assigneeId?: string | null;
};

/** What the page offers as a new ticket's first entry. */
export type TicketSeed = { title: string | null; text: string | null; from: 'thread' | 'selection' | null };

/** A category's label in the UI language when it is one of the defaults, else the team's label. */
export function categoryLabel(c: TicketCategory, t: Translate): string {
  const key = `category.${c.id}` as MessageKey;
  const text = t(key);
  return text === key ? c.label : text;
}

/** A new ticket; `onCreate` gets the draft once the subject is given. */
export function TicketEditor({
  categories,
  members,
  me,
  seed,
  busy,
  t,
  classes,
  heading,
  onCreate,
  onCancel,
  children,
}: {
  categories: TicketCategory[];
  /** Who it can be assigned to (you first); empty: no picker, the background's default. */
  members: TeamMember[];
  me: string | null;
  seed: TicketSeed | null;
  busy: boolean;
  t: Translate;
  classes: FormClasses;
  /** The card titles the form; the panel's section title says it already. */
  heading: boolean;
  onCreate(draft: TicketDraft): void;
  onCancel(): void;
  /** Shown under the buttons (the panel's error note). */
  children?: preact.ComponentChildren;
}) {
  const [title, setTitle] = useState(seed?.title ?? '');
  const [category, setCategory] = useState(categories[0]?.id ?? 'other');
  const [severity, setSeverity] = useState<TicketSeverity>('medium');
  const [text, setText] = useState(seed?.text ?? '');
  // null until picked: you, once the team (and so who you are) is known.
  const [assignee, setAssignee] = useState<string | null>(null);
  const chosen = assignee ?? me ?? '';
  // The latest pick, not state: a click can arrive before the re-render of the change.
  const picked = useRef<string | null>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const typed = (
      (form.querySelector('[name="ticket-title"]') as HTMLInputElement | null)?.value ?? title
    ).trim();
    if (typed === '' || busy) return;
    const who = picked.current ?? chosen;
    onCreate({
      title: typed,
      category,
      severity,
      description: text.trim(),
      ...(members.length > 0 ? { assigneeId: who === '' ? null : who } : {}),
    });
  };
  return (
    <form class={classes.form} onSubmit={submit} aria-label={t('ticket.newTitle')}>
      {heading && <h3>{t('ticket.newTitle')}</h3>}
      <InputField
        label={t('ticket.subject')}
        name="ticket-title"
        value={title}
        maxLength={TEXT_LIMITS.name}
        onValue={setTitle}
      />
      <div class={classes.pair}>
        <SelectField
          label={t('ticket.category')}
          name="ticket-category"
          value={category}
          choices={categories.map((c) => ({ value: c.id, label: categoryLabel(c, t) }))}
          onChange={setCategory}
        />
        <SelectField
          label={t('ticket.severity')}
          name="ticket-severity"
          value={severity}
          choices={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
          onChange={setSeverity}
        />
      </div>
      {members.length > 0 && (
        <AssigneeSelect
          members={members}
          me={me}
          value={chosen}
          onChange={(id) => {
            picked.current = id;
            setAssignee(id);
          }}
          t={t}
        />
      )}
      <InputField
        label={
          <>
            {t('ticket.firstEntry')}
            {seed?.from && (
              <span class="hint">
                {' '}
                · {t(seed.from === 'thread' ? 'ticket.fromThread' : 'ticket.fromSelection')}
              </span>
            )}
          </>
        }
        name="ticket-text"
        value={text}
        maxLength={TEXT_LIMITS.longText}
        multiline
        onValue={setText}
      />
      <FormButtons
        classes={classes}
        save={t('ticket.create')}
        cancel={t('ticket.cancel')}
        disabled={busy || title.trim() === ''}
        onCancel={onCancel}
      />
      {children}
    </form>
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
