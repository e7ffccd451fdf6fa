// The side panel's service part of a contact: log a ticket, move it through open → in progress →
// resolved → closed with its history, assign it, resolve it with the customer's 1–5 rating (CSAT), and
// record a CSAT/NPS survey answer. Every write goes through the background (offline-first).
import { TEXT_LIMITS } from '@rapport/shared/limits';
import type { Ticket, TicketStatus } from '@rapport/shared/schemas/pipeline';
import type { TeamMember } from '@rapport/shared/sync/service-messages';
import { useEffect, useState } from 'preact/hooks';
import { send } from '../../messaging/client.ts';
import { ErrorNote, Section } from '../components/chips.tsx';
import { AssigneeSelect, type TicketDraft, TicketEditor } from '../components/ticket.tsx';
import { useUi } from '../context.ts';
import { formatDateTime } from '../format.ts';
import { useAction } from '../hooks/use-action.ts';

type Team = { members: TeamMember[]; me: string | null };

/** The team's members for the assignee pickers (the background caches them); null until known. */
function useTeam(): Team | null {
  const [team, setTeam] = useState<Team | null>(null);
  useEffect(() => {
    let live = true;
    send({ type: 'team.members' })
      .then((t) => {
        if (live) setTeam(t);
      })
      .catch(() => {
        if (live) setTeam(null);
      });
    return () => {
      live = false;
    };
  }, []);
  return team;
}

const CSAT = [1, 2, 3, 4, 5] as const;
const NPS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/** A score picked from a scale, or none (the first option). */
function ScoreSelect(props: {
  label: string;
  none: string;
  values: readonly number[];
  value: number | null;
  onChange(value: number | null): void;
}) {
  return (
    <label>
      {props.label}
      <select
        value={props.value === null ? '' : String(props.value)}
        onChange={(e) => props.onChange(e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}
      >
        <option value="">{props.none}</option>
        {props.values.map((n) => (
          <option key={n} value={String(n)}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}

// The side panel's look of the shared form.
const FORM_CLASSES = {
  form: 'card ticket-new',
  pair: 'row-actions',
  actions: 'row-actions',
  save: 'primary',
  cancel: '',
};

function NewTicket({ contactId, onDone, team }: { contactId: string; onDone(): void; team: Team | null }) {
  const { t, ctx } = useUi();
  const [save, state] = useAction(async (draft: TicketDraft) => {
    await send({
      type: 'ticket.create',
      contactId,
      title: draft.title,
      category: draft.category,
      severity: draft.severity,
      channel: 'other',
      ...(draft.description ? { description: draft.description } : {}),
      ...(draft.assigneeId !== undefined ? { assigneeId: draft.assigneeId } : {}),
    });
    onDone();
    return t('ticket.created');
  });
  return (
    <TicketEditor
      categories={ctx.team.ticketCategories}
      members={team?.members ?? []}
      me={team?.me ?? null}
      seed={null}
      busy={state.busy}
      t={t}
      classes={FORM_CLASSES}
      heading={false}
      onCreate={(draft) => void save(draft)}
      onCancel={onDone}
    >
      <ErrorNote message={state.error} />
    </TicketEditor>
  );
}

function TicketItem({ ticket, team }: { ticket: Ticket; team: Team | null }) {
  const { t, lang, ctx } = useUi();
  const me = ctx.account?.user.id ?? null;
  const [resolving, setResolving] = useState(false);
  const [resolution, setResolution] = useState(ticket.resolution ?? '');
  const [score, setScore] = useState<number | null>(ticket.satisfaction);
  const [update, state] = useAction(async (changes: Record<string, unknown>) => {
    await send({ type: 'ticket.update', id: ticket.id, changes });
    setResolving(false);
    return t('ticket.updated');
  });
  const move = (status: TicketStatus) => void update({ status });
  const done = ticket.status === 'resolved' || ticket.status === 'closed';
  return (
    <li class="ticket">
      <div class="ticket-head">
        {!done && (
          <span class="tk" role="img" aria-label={t('ticket.marker')}>
            !
          </span>
        )}
        <span class="grow">{ticket.title}</span>
        <span class={`chip ticket-${ticket.status}`}>{t(`ticketStatus.${ticket.status}`)}</span>
        <span class={`chip severity-${ticket.severity}`}>{t(`severity.${ticket.severity}`)}</span>
      </div>
      {ticket.description ? <p class="event-summary">{ticket.description}</p> : null}
      <p class="muted small ticket-assignee">
        {t('ticket.assignee')}:{' '}
        {team && team.members.length > 0 && !done ? (
          <AssigneeSelect
            members={withCurrent(team.members, ticket.assigneeId, t('ticket.assignedOther'))}
            me={team.me}
            value={ticket.assigneeId ?? ''}
            onChange={(id) => void update({ assigneeId: id === '' ? null : id })}
            t={t}
            label={false}
          />
        ) : ticket.assigneeId === null ? (
          t('ticket.unassigned')
        ) : ticket.assigneeId === me ? (
          t('ticket.assignedToMe')
        ) : (
          (team?.members.find((m) => m.id === ticket.assigneeId)?.name ?? t('ticket.assignedOther'))
        )}
        {ticket.satisfaction !== null ? ` · ${t('ticket.rated', { score: ticket.satisfaction })}` : ''}
      </p>
      {ticket.resolution ? <p class="small">{`${t('ticket.resolution')}: ${ticket.resolution}`}</p> : null}
      <details>
        <summary class="small">{t('ticket.history')}</summary>
        <ol class="plain small">
          {ticket.history.map((h) => (
            <li key={`${h.at}|${h.status}`}>
              {t('ticket.historyEntry', {
                status: t(`ticketStatus.${h.status}`),
                when: formatDateTime(h.at, lang, ctx.timeZone),
              })}
            </li>
          ))}
        </ol>
      </details>
      {resolving ? (
        <div class="card">
          <label>
            {t('ticket.resolution')}
            <textarea
              value={resolution}
              maxLength={TEXT_LIMITS.longText}
              onInput={(e) => setResolution(e.currentTarget.value)}
            />
          </label>
          <ScoreSelect
            label={t('ticket.satisfaction')}
            none={t('ticket.satisfactionNone')}
            values={CSAT}
            value={score}
            onChange={setScore}
          />
          <div class="row-actions">
            <button
              type="button"
              class="primary"
              disabled={state.busy}
              onClick={() =>
                void update({
                  status: 'resolved',
                  resolution: resolution.trim() || null,
                  satisfaction: score,
                })
              }
            >
              {t('ticket.resolve')}
            </button>
            <button type="button" onClick={() => setResolving(false)}>
              {t('ticket.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div class="row-actions">
          {ticket.status === 'open' && (
            <button type="button" disabled={state.busy} onClick={() => move('in-progress')}>
              {t('ticket.start')}
            </button>
          )}
          {!done && (
            <button type="button" disabled={state.busy} onClick={() => setResolving(true)}>
              {t('ticket.resolve')}
            </button>
          )}
          {ticket.status === 'resolved' && (
            <button type="button" disabled={state.busy} onClick={() => move('closed')}>
              {t('ticket.close')}
            </button>
          )}
          {done && (
            <button type="button" disabled={state.busy} onClick={() => move('open')}>
              {t('ticket.reopen')}
            </button>
          )}
          {me && ticket.assigneeId !== me && !done && (
            <button
              type="button"
              class="link"
              disabled={state.busy}
              onClick={() => void update({ assigneeId: me })}
            >
              {t('ticket.assignMe')}
            </button>
          )}
        </div>
      )}
      <ErrorNote message={state.error} />
    </li>
  );
}

/** The members, plus the current assignee when the list lacks them (left the team, or not yet listed). */
function withCurrent(members: TeamMember[], current: string | null, unknown: string): TeamMember[] {
  return current === null || members.some((m) => m.id === current)
    ? members
    : [...members, { id: current, name: unknown }];
}

function Survey({ contactId }: { contactId: string }) {
  const { t } = useUi();
  const [csat, setCsat] = useState<number | null>(null);
  const [nps, setNps] = useState<number | null>(null);
  const [record, state] = useAction(async () => {
    if (csat === null && nps === null) throw new Error(t('survey.needsScore'));
    await send({ type: 'survey.record', contactId, csat, nps });
    setCsat(null);
    setNps(null);
    return t('survey.saved');
  });
  return (
    <div class="card survey">
      <p class="small strong">{t('survey.title')}</p>
      <div class="row-actions">
        <ScoreSelect
          label={t('survey.csat')}
          none={t('survey.none')}
          values={CSAT}
          value={csat}
          onChange={setCsat}
        />
        <ScoreSelect
          label={t('survey.nps')}
          none={t('survey.none')}
          values={NPS}
          value={nps}
          onChange={setNps}
        />
        <button type="button" disabled={state.busy} onClick={() => void record()}>
          {t('survey.save')}
        </button>
      </div>
      {state.done ? (
        <p class="muted small" role="status">
          {state.done}
        </p>
      ) : null}
      <ErrorNote message={state.error} />
    </div>
  );
}

export function ServiceSection({ contactId, tickets }: { contactId: string; tickets: Ticket[] }) {
  const { t } = useUi();
  const [adding, setAdding] = useState(false);
  const team = useTeam();
  return (
    <Section
      title={t('tickets.title')}
      actions={
        adding ? null : (
          <button type="button" class="link" onClick={() => setAdding(true)}>
            {t('ticket.new')}
          </button>
        )
      }
    >
      {adding ? <NewTicket contactId={contactId} onDone={() => setAdding(false)} team={team} /> : null}
      <ul class="plain tickets">
        {tickets.map((k) => (
          <TicketItem key={k.id} ticket={k} team={team} />
        ))}
      </ul>
      <Survey contactId={contactId} />
    </Section>
  );
}
