import type { Contact } from '@rapport/shared/schemas/contact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { summarise } from '../../db/queries/people.ts';
import { type LookupResult, quickLookup } from '../../db/queries/quick-lookup.ts';
import { liveData } from '../../db/records.ts';
import { send } from '../../messaging/client.ts';
import { ErrorNote } from '../components/chips.tsx';
import { PersonRow } from '../components/PersonRow.tsx';
import { useUi } from '../context.ts';
import { db } from '../data.ts';
import { useAction } from '../hooks/use-action.ts';
import { useLiveQuery } from '../hooks/use-live-query.ts';
import { LookupResults } from './LookupView.tsx';

const LIST_LIMIT = 50;

function NewContactForm({ onDone }: { onDone: () => void }) {
  const { t, navigate } = useUi();
  const [fields, setFields] = useState({ name: '', email: '', phone: '', company: '', title: '' });
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const set = (key: keyof typeof fields) => (e: Event) =>
    setFields({ ...fields, [key]: (e.currentTarget as HTMLInputElement).value });
  const [save, state] = useAction(async () => {
    const optional = (v: string) => (v.trim() ? v.trim() : undefined);
    const result = await send({
      type: 'contact.capture',
      person: {
        name: fields.name,
        email: optional(fields.email),
        phone: optional(fields.phone),
        company: optional(fields.company),
        title: optional(fields.title),
        source: 'manual',
      },
    });
    onDone();
    navigate({ view: 'contact', id: result.contactId });
  });
  return (
    <form
      class="card form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3>{t('new.title')}</h3>
      <label>
        {t('new.name')}
        <input ref={first} required value={fields.name} onInput={set('name')} />
      </label>
      <label>
        {t('new.email')}
        <input type="email" value={fields.email} onInput={set('email')} />
      </label>
      <label>
        {t('new.phone')}
        <input type="tel" value={fields.phone} onInput={set('phone')} />
      </label>
      <label>
        {t('new.company')}
        <input value={fields.company} onInput={set('company')} />
      </label>
      <label>
        {t('new.jobTitle')}
        <input value={fields.title} onInput={set('title')} />
      </label>
      <ErrorNote message={state.error} />
      <div class="row-actions">
        <button type="submit" class="primary" disabled={state.busy || !fields.name.trim()}>
          {t('new.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function PeopleView() {
  const { t, ctx, navigate } = useUi();
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => search.current?.focus(), []);
  // Typed text is a quick lookup (phone in any format, email, customer id, name; customers too).
  const { data: found } = useLiveQuery(
    async (): Promise<LookupResult | null> => (query.trim() ? quickLookup(db, query, ctx, LIST_LIMIT) : null),
    [query, ctx],
  );
  const { data: everyone } = useLiveQuery(async () => {
    if (query.trim()) return [];
    const contacts = (await db.contacts.orderBy('nameKey').limit(LIST_LIMIT).toArray())
      .map(liveData)
      .filter((c): c is Contact => c !== null);
    return db.transaction('r', db.tables, async () => await summarise(db, contacts, ctx));
  }, [query, ctx]);
  const people = query.trim() ? undefined : everyone;
  return (
    <div class="view">
      <div class="search-row">
        <input
          type="search"
          ref={search}
          class="search"
          aria-label={t('lookup.label')}
          placeholder={t('lookup.placeholder')}
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <button
          type="button"
          class="icon-button"
          title={t('people.new')}
          aria-label={t('people.new')}
          onClick={() => setAdding(true)}
          disabled={adding}
        >
          +
        </button>
      </div>
      {adding ? <NewContactForm onDone={() => setAdding(false)} /> : null}
      {query.trim() ? (
        found ? (
          <LookupResults
            result={found}
            query={query}
            onOpenCustomer={(id) => navigate({ view: 'customer', id })}
          />
        ) : (
          <p class="muted">{t('common.loading')}</p>
        )
      ) : people === undefined ? (
        <p class="muted">{t('common.loading')}</p>
      ) : people.length === 0 ? (
        <div class="empty">
          <p>{query.trim() ? t('people.noMatch', { query: query.trim() }) : t('people.empty')}</p>
          {adding ? null : (
            <button type="button" class="primary" onClick={() => setAdding(true)}>
              {t('people.new')}
            </button>
          )}
        </div>
      ) : (
        <ul class="people">
          {people.map((p) => (
            <PersonRow key={p.contact.id} person={p} />
          ))}
        </ul>
      )}
    </div>
  );
}
