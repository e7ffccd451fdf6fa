import { addressKey } from '@rapport/shared/contact-fields';
import { addDays, todayIn } from '@rapport/shared/domain/dates';
import type { Interaction } from '@rapport/shared/schemas/interaction';
import { useState } from 'preact/hooks';
import { contactDetail } from '../../db/queries/contact.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { send } from '../../messaging/client.ts';
import { ErrorNote, Section, StatusDot, TierChip } from '../components/chips.tsx';
import { TimelineEvents } from '../components/timeline.tsx';
import { useUi } from '../context.ts';
import { db } from '../data.ts';
import { formatDay, formatRelative } from '../format.ts';
import { useAction } from '../hooks/use-action.ts';
import { useLiveQuery } from '../hooks/use-live-query.ts';
import { CustomerSection } from './CustomerSection.tsx';
import { LogForm } from './LogForm.tsx';
import { OpportunitiesSection } from './OpportunitiesSection.tsx';
import { PreferencesSection } from './PreferencesSection.tsx';
import { ServiceSection } from './ServiceSection.tsx';

/** The snooze buttons: a day, a week, a month from today. */
const SNOOZES: readonly (readonly [number, MessageKey])[] = [
  [1, 'contact.snooze.day'],
  [7, 'contact.snooze.week'],
  [30, 'contact.snooze.month'],
];

function Timeline({ items }: { items: Interaction[] }) {
  const { t } = useUi();
  return (
    <Section title={t('timeline.title')}>
      {items.length === 0 ? (
        <p class="muted">{t('timeline.empty')}</p>
      ) : (
        <TimelineEvents items={items} full />
      )}
    </Section>
  );
}

function EraseContact({ id, name }: { id: string; name: string }) {
  const { t, navigate } = useUi();
  const [confirming, setConfirming] = useState(false);
  const [erase, state] = useAction(async () => {
    await send({ type: 'contact.erase', id });
    navigate({ view: 'people' });
  });
  if (!confirming) {
    return (
      <button type="button" class="danger-link" onClick={() => setConfirming(true)}>
        {t('erase.button')}
      </button>
    );
  }
  return (
    <div class="card danger" role="alertdialog">
      <p>{t('erase.confirm', { name })}</p>
      <div class="row-actions">
        <button type="button" class="danger" disabled={state.busy} onClick={() => void erase()}>
          {t('erase.yes')}
        </button>
        <button type="button" onClick={() => setConfirming(false)}>
          {t('common.cancel')}
        </button>
      </div>
      <ErrorNote message={state.error} />
    </div>
  );
}

export function ContactView({ id }: { id: string }) {
  const { t, lang, ctx, now, navigate } = useUi();
  const { data: detail, error } = useLiveQuery(() => contactDetail(db, id, ctx), [id, ctx]);
  const [schedule, scheduleState] = useAction((followUpOn: string | null) =>
    send({ type: 'contact.update', id, changes: { followUpOn } }).then(() => null),
  );
  if (error) return <ErrorNote message={error.message} />;
  if (detail === undefined) return <p class="muted view">{t('common.loading')}</p>;
  const back = (
    <button type="button" class="link back" onClick={() => navigate({ view: 'people' })}>
      ← {t('contact.back')}
    </button>
  );
  if (detail === null) {
    return (
      <div class="view">
        {back}
        <p class="empty">{t('contact.notFound')}</p>
      </div>
    );
  }
  const { contact, badge, followUp, lastInteraction, company } = detail;
  const today = todayIn(ctx.timeZone, new Date(now));
  const linkedin = contact.handles.filter((h) => h.network === 'linkedin');
  const x = contact.handles.filter((h) => h.network === 'x');
  return (
    <div class="view contact">
      {back}
      <header class="contact-head">
        <TierChip tier={badge.tier} />
        <div>
          <h2>{contact.name}</h2>
          <p class="muted">{[contact.title, company?.name, contact.location].filter(Boolean).join(' · ')}</p>
        </div>
      </header>
      <ul class="identities" aria-label={t('contact.identities')}>
        {contact.emails.map((e) => (
          <li key={e}>
            <a href={`mailto:${e}`}>{e}</a>
            <TypeLabel type={contact.emailTypes?.find((l) => l.email === e)?.type} />
          </li>
        ))}
        {contact.phones.map((p) => (
          <li key={p}>
            <a href={`tel:${p}`}>{p}</a>
            <TypeLabel type={contact.phoneTypes?.find((l) => l.phone === p)?.type} />
          </li>
        ))}
        {(contact.urls ?? []).map((u) => (
          <li key={u}>
            <a href={u} target="_blank" rel="noopener noreferrer">
              {u.replace(/^https?:\/\/(www\.)?/, '')}
            </a>
          </li>
        ))}
        {(contact.addresses ?? []).map((a) => (
          <li key={addressKey(a)} class="address">
            {[a.street, a.postcode && a.city ? `${a.postcode} ${a.city}` : a.city, a.region, a.country]
              .filter(Boolean)
              .join(', ')}
            <TypeLabel type={a.type} />
          </li>
        ))}
        {linkedin.map((h) => (
          <li key={h.id}>
            <a
              href={`https://www.linkedin.com/in/${encodeURIComponent(h.id)}/`}
              target="_blank"
              rel="noopener noreferrer"
            >
              in/{h.id}
            </a>
          </li>
        ))}
        {x.map((h) => (
          <li key={h.id}>
            <a href={`https://x.com/${encodeURIComponent(h.id)}`} target="_blank" rel="noopener noreferrer">
              @{h.id}
            </a>
          </li>
        ))}
      </ul>
      {contact.notes ? (
        <section class="notes" aria-label={t('contact.notes')}>
          {contact.notes}
        </section>
      ) : null}
      <div class="card followup">
        <div class="followup-line">
          <StatusDot status={followUp.status} />
          <strong>{t(`fu.${followUp.status}`)}</strong>
          {followUp.due ? (
            <span class="muted">{t('fu.dueOn', { date: formatDay(followUp.due, lang) })}</span>
          ) : null}
        </div>
        <p class="muted small">
          {lastInteraction
            ? t('contact.lastInteraction', { when: formatRelative(lastInteraction.at, now, lang) })
            : t('contact.never')}
        </p>
        <div class="row-actions">
          <span class="small">{t('contact.snooze')}:</span>
          {SNOOZES.map(([days, key]) => (
            <button
              key={key}
              type="button"
              disabled={scheduleState.busy}
              onClick={() => void schedule(addDays(today, days))}
            >
              {t(key)}
            </button>
          ))}
          {contact.followUpOn ? (
            <button
              type="button"
              class="link"
              disabled={scheduleState.busy}
              onClick={() => void schedule(null)}
            >
              {t('contact.clearSchedule')}
            </button>
          ) : null}
        </div>
        <ErrorNote message={scheduleState.error} />
      </div>
      <PreferencesSection contact={contact} today={today} />
      <LogForm contactId={contact.id} />
      <CustomerSection
        contactId={contact.id}
        customer={detail.customer}
        metrics={detail.metrics}
        badge={badge}
      />
      <Timeline items={detail.interactions} />
      <OpportunitiesSection
        contactId={contact.id}
        opportunities={detail.opportunities}
        currency={badge.currency ?? ctx.team.currency}
      />
      <ServiceSection contactId={contact.id} tickets={detail.tickets} />
      <EraseContact id={contact.id} name={contact.name} />
    </div>
  );
}

/** "work", "mobile", … beside an email, phone or address. */
function TypeLabel(props: { type: string | undefined }) {
  const { t } = useUi();
  if (!props.type) return null;
  return <span class="muted small"> · {t(`contact.type.${props.type}` as MessageKey)}</span>;
}
