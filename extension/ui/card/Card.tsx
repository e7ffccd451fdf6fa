// The card a badge opens: who this is, what their customer brings in, the last interactions, a one-click
// link to a suggested customer, and a quick-note box (Enter saves, Esc closes). Unknown people get a
// capture form instead. Presentational: the card controller (content/card.ts) owns state and messages.
import { addDays, todayIn } from '@rapport/shared/domain/dates';
import { decimalSign } from '@rapport/shared/domain/ratio';
import { TEXT_LIMITS } from '@rapport/shared/limits';
import type { UiLanguage } from '@rapport/shared/sync/local-settings';
import type { BadgeData, MessageResponseData } from '@rapport/shared/sync/messages';
import { truncateText } from '@rapport/shared/text';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PagePerson } from '../../content/capture.ts';
import type { Theme } from '../../content/theme.ts';
import type { Translate } from '../../i18n/index.ts';
import { followUpText, tierText } from '../badge/Badge.tsx';
import { formatDateTime, formatDay, formatMoney, formatPercent } from '../format.ts';
import { InsightLines } from './InsightLines.tsx';
import {
  CardOpportunities,
  type CardSales,
  type OpportunityActions,
  type OpportunityFormState,
} from './OpportunityForm.tsx';
import { type PreferenceChanges, Preferences } from './Preferences.tsx';
import { OpenTasks } from './TaskLines.tsx';
import { OpenTickets, type TicketActions, TicketForm, type TicketFormState } from './TicketForm.tsx';

export type ContactDetail = MessageResponseData<'contact.get'>;

export type CardState = {
  person: PagePerson;
  /** null: not in Rapport (capture form). */
  badge: BadgeData | null;
  detail: ContactDetail | null;
  loading: boolean;
  busy: boolean;
  notice: string | null;
  error: string | null;
  /** Capture and logging from pages are off (settings). */
  paused: boolean;
  /** The shortcut found nobody on the page. */
  nobody: boolean;
  /** "Log complaint from selection" about someone not saved yet: the text the ticket form opens with after the save. */
  complaint?: string | null;
  /** Start in the note box rather than on the save button. */
  focusNote: boolean;
  /** The person is the partner of the conversation open on the page: offer to log its last messages. */
  conversation: boolean;
  theme: Theme;
  /** Top-left corner in viewport pixels. */
  position: { top: number; left: number };
  /** The new-ticket form while open (service). */
  ticketForm?: TicketFormState;
  /** The person's deals and the team's stage probabilities, once loaded (sales). */
  sales?: CardSales | null;
  /** The opportunity form while open. */
  opportunityForm?: OpportunityFormState;
};

export type CardActions = {
  close(): void;
  capture(name: string, note: string): Promise<boolean>;
  link(customerId: string, name: string): Promise<boolean>;
  note(text: string): Promise<boolean>;
  logConversation(): Promise<boolean>;
  /** Saves the contact's birthday and preferences (contact.update). */
  savePreferences?(changes: PreferenceChanges): Promise<boolean>;
} & Partial<TicketActions> &
  Partial<OpportunityActions>;

type Props = { state: CardState; actions: CardActions; t: Translate; lang: UiLanguage; timeZone: string };

/** A full amount; without a known currency, the decimal as stored. */
const money = (amount: string, currency: string | null, lang: UiLanguage) =>
  currency ? formatMoney(amount, currency, lang) : amount;

const MAX_INTERACTIONS = 5;

// Keys typed in the card must not reach the page's shortcuts (Gmail's "c", "j", "k" …).
const keep = (e: Event) => {
  e.stopPropagation();
};

/** Enter saves, Shift+Enter breaks the line; Enter that confirms an IME composition (pinyin) does not save. */
const isSubmit = (e: KeyboardEvent) =>
  e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229;

function identityLine(p: PagePerson): string {
  return [p.email, p.linkedin ? `in/${p.linkedin}` : null, p.x ? `@${p.x}` : null]
    .filter(Boolean)
    .join(' · ');
}

function Header({ state, t, actions }: Pick<Props, 'state' | 't' | 'actions'>) {
  const { person, badge } = state;
  const title =
    badge?.name ?? person.name ?? person.email ?? (person.x ? `@${person.x}` : null) ?? person.linkedin ?? '';
  const details = [person.title, person.company, person.location].filter(Boolean).join(' · ');
  return (
    <div class="head">
      <div class="who">
        <p class="name">{title}</p>
        {identityLine(person) && <div class="sub">{identityLine(person)}</div>}
        {details && <div class="sub">{details}</div>}
      </div>
      <button
        type="button"
        class="x"
        title={t('page.close')}
        aria-label={t('page.close')}
        onClick={actions.close}
      >
        ×
      </button>
    </div>
  );
}

/** Which days the figures cover: the UI always says so, and when the window follows old data. */
function windowText(detail: ContactDetail, t: Translate, lang: UiLanguage): string | null {
  const w = detail.metrics?.window ?? detail.badge.window;
  if (!w) return null;
  // `to` is exclusive: the last day counted is the day before.
  const span = w.from
    ? t('customer.window.range', {
        from: formatDay(w.from, lang),
        to: formatDay(w.to ? addDays(w.to, -1) : w.asOf, lang),
      })
    : t('customer.window.all', { asOf: formatDay(w.asOf, lang) });
  return w.historical ? `${span} (${t('customer.window.historical')})` : span;
}

function hasOpenItems(detail: ContactDetail): boolean {
  return detail.open !== undefined && detail.open.opportunities + detail.open.tickets > 0;
}

function Orders({ detail, t, lang }: { detail: ContactDetail; t: Translate; lang: UiLanguage }) {
  const { customer, metrics } = detail;
  // The tier line above already says "No customer linked".
  if (!customer) return null;
  const currency = customer.currency ?? detail.badge.currency;
  const span = windowText(detail, t, lang);
  return (
    <>
      <h3>
        {t('customer.title')}:{' '}
        <span class="as-typed">
          {customer.name}
          {customer.externalId ? ` (${customer.externalId})` : ''}
        </span>
      </h3>
      {metrics && (
        <dl>
          <dt>{t('customer.revenue')}</dt>
          <dd>{money(metrics.revenue, currency, lang)}</dd>
          <dt>{t('customer.profit')}</dt>
          <dd class={decimalSign(metrics.profit) < 0 ? 'loss' : undefined}>
            {money(metrics.profit, currency, lang)}
          </dd>
          <dt>{t('customer.margin')}</dt>
          <dd>{metrics.margin === null ? '–' : formatPercent(metrics.margin, lang)}</dd>
          <dt>{t('customer.orders')}</dt>
          <dd>{String(metrics.orders)}</dd>
          <dt>{t('customer.lastOrder')}</dt>
          <dd>{metrics.lastOrderAt ? formatDay(metrics.lastOrderAt, lang) : '–'}</dd>
        </dl>
      )}
      {span && <div class="muted">{span}</div>}
    </>
  );
}

function Interactions({
  detail,
  t,
  lang,
  timeZone,
}: {
  detail: ContactDetail;
  t: Translate;
  lang: UiLanguage;
  timeZone: string;
}) {
  const recent = detail.interactions.slice(0, MAX_INTERACTIONS);
  if (recent.length === 0) return <div class="muted">{t('timeline.empty')}</div>;
  return (
    <ul>
      {recent.map((i) => {
        const what = `${t(`kind.${i.kind}`)} ${i.direction === 'in' ? '←' : '→'}`;
        const text = i.subject ?? i.summary ?? '';
        return (
          <li key={i.id} title={text}>
            <span class="when">{formatDateTime(i.at, lang, timeZone)}</span>
            <span class="what">
              {what}
              {text ? ` · ${text}` : ''}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function NoteBox({
  state,
  actions,
  t,
  autoFocus,
}: Pick<Props, 'state' | 'actions' | 't'> & { autoFocus: boolean }) {
  const [text, setText] = useState('');
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus]);
  const who = state.badge?.name ?? state.person.name ?? t('page.someone');
  // The element's value, not state: Enter can arrive before the re-render of the last keystroke.
  const save = async () => {
    const value = ref.current?.value ?? text;
    if (value.trim() === '' || state.busy) return;
    if (await actions.note(value)) setText('');
  };
  return (
    <textarea
      ref={ref}
      value={text}
      maxLength={TEXT_LIMITS.note}
      disabled={state.paused || state.busy}
      placeholder={t('page.notePlaceholder')}
      aria-label={t('page.noteLabel', { name: who })}
      onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
      onKeyDown={(e) => {
        if (isSubmit(e)) {
          e.preventDefault();
          void save();
        }
      }}
    />
  );
}

function CaptureForm({ state, actions, t }: Pick<Props, 'state' | 'actions' | 't'>) {
  const [name, setName] = useState(state.person.name ?? '');
  const [note, setNote] = useState('');
  const nameRef = useRef<HTMLInputElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const hasName = state.person.name !== null;
  useEffect(() => {
    // With a name already read from the page, Enter saves at once; without one, the user types it first.
    (!hasName ? nameRef.current : state.focusNote ? noteRef.current : saveRef.current)?.focus();
  }, [hasName, state.focusNote]);
  const save = () => {
    const typed = (nameRef.current?.value ?? name).trim();
    if (typed !== '' && !state.busy && !state.paused)
      void actions.capture(typed, (noteRef.current?.value ?? note).trim());
  };
  const submitOnEnter = (e: KeyboardEvent) => {
    if (isSubmit(e)) {
      e.preventDefault();
      save();
    }
  };
  return (
    <section>
      <h3>{t('page.unknown')}</h3>
      {state.complaint && (
        <div class="muted pending-complaint">
          {t('ticket.afterSave')} <span class="as-typed">“{truncateText(state.complaint.trim(), 160)}”</span>
        </div>
      )}
      <label>
        {t('new.name')}
        <input
          ref={nameRef}
          value={name}
          maxLength={TEXT_LIMITS.name}
          disabled={state.paused}
          onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={submitOnEnter}
        />
      </label>
      <textarea
        ref={noteRef}
        value={note}
        maxLength={TEXT_LIMITS.note}
        disabled={state.paused}
        placeholder={t('page.notePlaceholder')}
        aria-label={t('page.noteLabel', { name: name || t('page.someone') })}
        onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)}
        onKeyDown={submitOnEnter}
      />
      <div class="row">
        <button
          ref={saveRef}
          type="button"
          class="act"
          disabled={state.paused || state.busy || name.trim() === ''}
          onClick={save}
        >
          {state.busy ? t('page.saving') : note.trim() ? t('page.saveWithNote') : t('page.save')}
        </button>
      </div>
    </section>
  );
}

function Known({ state, actions, t, lang, timeZone }: Props) {
  const badge = state.badge as BadgeData;
  const detail = state.detail;
  const tier = badge.tier ?? 'none';
  const suggestion = badge.customerId === null ? badge.suggestions[0] : undefined;
  return (
    <>
      <div class="tierline">
        <span class={`tier t-${tier}`}>{tier === 'none' ? '–' : tier}</span>
        <span>{tierText(badge, t)}</span>
      </div>
      <div class="tierline">
        <span class={`dot d-${badge.followUp.status}`} />
        <span>{followUpText(badge, t, lang)}</span>
      </div>
      {suggestion && (
        <section class="suggest">
          <span>
            {suggestion.externalId
              ? t('page.suggestWithId', { name: suggestion.name, id: suggestion.externalId })
              : t('customer.suggest', { name: suggestion.name })}
          </span>
          <button
            type="button"
            class="act secondary"
            disabled={state.busy || state.paused}
            onClick={() => void actions.link(suggestion.customerId, suggestion.name)}
          >
            {t('customer.link')}
          </button>
        </section>
      )}
      <OpenTickets badge={badge} t={t} />
      <OpenTasks badge={badge} today={todayIn(timeZone, new Date())} t={t} lang={lang} />
      {state.loading && !detail && <section class="muted">{t('common.loading')}</section>}
      {detail && (
        <>
          {/* No customer and nothing open: no section at all, not an empty one between two rules. */}
          {(detail.customer || hasOpenItems(detail)) && (
            <section>
              <Orders detail={detail} t={t} lang={lang} />
              <InsightLines detail={detail} t={t} lang={lang} />
              {hasOpenItems(detail) && (
                <div class="muted">
                  {t.plural('page.openOpportunities', detail.open?.opportunities ?? 0)} ·{' '}
                  {t.plural('page.openTickets', detail.open?.tickets ?? 0)}
                </div>
              )}
            </section>
          )}
          {actions.savePreferences && (
            <section>
              <Preferences
                contact={detail.contact}
                today={todayIn(timeZone, new Date())}
                t={t}
                lang={lang}
                busy={state.busy}
                disabled={state.paused}
                save={actions.savePreferences}
              />
            </section>
          )}
          <section>
            <h3>{t('page.recent')}</h3>
            <Interactions detail={detail} t={t} lang={lang} timeZone={timeZone} />
          </section>
        </>
      )}
      {state.conversation && (
        <section>
          <button
            type="button"
            class="act secondary"
            disabled={state.busy || state.paused}
            onClick={() => void actions.logConversation()}
          >
            {t('page.logConversation')}
          </button>
        </section>
      )}
      {actions.openOpportunityForm &&
        actions.cancelOpportunity &&
        actions.saveOpportunity &&
        actions.moveOpportunity && (
          <CardOpportunities
            sales={state.sales ?? null}
            form={state.opportunityForm ?? null}
            busy={state.busy}
            disabled={state.paused}
            actions={actions as OpportunityActions}
            t={t}
            lang={lang}
          />
        )}
      {actions.openTicketForm && actions.cancelTicket && actions.createTicket && (
        <TicketForm
          form={state.ticketForm ?? null}
          busy={state.busy}
          disabled={state.paused}
          actions={actions as TicketActions}
          t={t}
        />
      )}
      {!state.ticketForm && !state.opportunityForm && (
        <section>
          <NoteBox state={state} actions={actions} t={t} autoFocus={true} />
        </section>
      )}
    </>
  );
}

export function Card(props: Props) {
  const { state, actions, t } = props;
  return (
    <div
      class={`card ${state.theme}`}
      role="dialog"
      aria-label={state.badge?.name ?? state.person.name ?? 'Rapport'}
      style={{ top: `${state.position.top}px`, left: `${state.position.left}px` }}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape') {
          e.preventDefault();
          actions.close();
        }
      }}
      onKeyUp={keep}
      onKeyPress={keep}
    >
      <Header state={state} t={t} actions={actions} />
      {state.nobody ? (
        <section class="muted">{t('page.nobody')}</section>
      ) : state.badge ? (
        <Known {...props} />
      ) : (
        <CaptureForm state={state} actions={actions} t={t} />
      )}
      {state.paused && !state.nobody && <div class="error">{t('page.paused')}</div>}
      {state.notice && (
        <div class="notice" role="status">
          {state.notice}
        </div>
      )}
      {state.error && (
        <div class="error" role="alert">
          {state.error}
        </div>
      )}
    </div>
  );
}
