import { describeRefusal } from '@rapport/shared/api-errors';
import { CHANNELS } from '@rapport/shared/channels';
import { addressLine, EMAIL_TYPES, PHONE_TYPES, parseAddressLine } from '@rapport/shared/contact-fields';
import type { Contact } from '@rapport/shared/schemas/contact';
import type { Interaction } from '@rapport/shared/schemas/interaction';
import { useEffect, useState } from 'preact/hooks';
import type { Page } from '../../../src/routes/wire-types.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { ApiError, api } from '../api.ts';
import { Options } from '../components/fields.tsx';
import { Link } from '../components/link.tsx';
import { PageHead } from '../components/page-head.tsx';
import { Relationships } from '../components/relationships.tsx';
import { ErrorNote, errorMessage, Loading } from '../components/states.tsx';
import { useApp, useI18n } from '../context.ts';
import { formatInstant } from '../format.ts';
import { customerPath, navigate, ROUTES } from '../route.ts';
import { useApi } from '../use-api.ts';
import { AssignTask } from './pipeline.tsx';

const NETWORKS = ['linkedin', 'x', 'wechat', 'github', 'other'] as const;
/** The form's text fields; lists are one item per line, handles "network:id". */
interface Draft {
  notes: string;
  urls: string;
  addresses: string;
  name: string;
  title: string;
  emails: string;
  phones: string;
  handles: string;
  tags: string;
  birthday: string;
  channel: string;
  language: string;
  interests: string;
  giftNotes: string;
}

const lines = (text: string) =>
  text
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

const TYPED = /^(.*?)\s*\((\w+)\)$/;

/** "jane@acme.com (work)" lines -> values and their types (an unknown or missing type: untyped). */
function typedLines<T extends string>(
  text: string,
  types: readonly T[],
): { values: string[]; typed: [string, T][] } {
  const values: string[] = [];
  const typed: [string, T][] = [];
  for (const line of text
    .split(/[\n;]+/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = TYPED.exec(line);
    const type = m?.[2]?.toLowerCase() as T | undefined;
    if (m?.[1] && type && types.includes(type)) {
      values.push(m[1]);
      typed.push([m[1], type]);
    } else values.push(line);
  }
  return { values, typed };
}

const withType = (value: string, type: string | undefined) => (type ? `${value} (${type})` : value);

function draftOf(c: Contact): Draft {
  return {
    notes: c.notes ?? '',
    urls: (c.urls ?? []).join('\n'),
    addresses: (c.addresses ?? []).map(addressLine).join('\n'),
    name: c.name,
    title: c.title ?? '',
    emails: c.emails.map((e) => withType(e, c.emailTypes?.find((l) => l.email === e)?.type)).join('\n'),
    phones: c.phones.map((p) => withType(p, c.phoneTypes?.find((l) => l.phone === p)?.type)).join('\n'),
    handles: c.handles.map((h) => `${h.network}:${h.id}`).join('\n'),
    tags: c.tags.join(', '),
    birthday: c.birthday ?? '',
    channel: c.preferences.channel ?? '',
    language: c.preferences.language ?? '',
    interests: c.preferences.interests.join(', '),
    giftNotes: c.preferences.giftNotes ?? '',
  };
}

/** The PATCH body for the fields that changed (lists replace the stored list; the server merges per element). */
function patchOf(c: Contact, d: Draft): Record<string, unknown> {
  const before = draftOf(c);
  const patch: Record<string, unknown> = {};
  if (d.name !== before.name) patch.name = d.name.trim();
  if (d.title !== before.title) patch.title = d.title.trim() || null;
  if (d.emails !== before.emails) {
    const { values, typed } = typedLines(d.emails, EMAIL_TYPES);
    patch.emails = values;
    patch.emailTypes = typed.map(([email, type]) => ({ email, type }));
  }
  if (d.phones !== before.phones) {
    const { values, typed } = typedLines(d.phones, PHONE_TYPES);
    patch.phones = values;
    patch.phoneTypes = typed.map(([phone, type]) => ({ phone, type }));
  }
  if (d.notes !== before.notes) patch.notes = d.notes.trim() || null;
  if (d.urls !== before.urls)
    patch.urls = lines(d.urls.replaceAll(',', '%2C')).map((u) => u.replaceAll('%2C', ','));
  if (d.addresses !== before.addresses)
    patch.addresses = d.addresses
      .split('\n')
      .map(parseAddressLine)
      .filter((a) => a !== null);
  if (d.handles !== before.handles)
    patch.handles = lines(d.handles).map((h) => {
      const at = h.indexOf(':');
      const network = at > 0 ? h.slice(0, at).trim().toLowerCase() : 'other';
      return {
        network: (NETWORKS as readonly string[]).includes(network) ? network : 'other',
        id: at > 0 ? h.slice(at + 1).trim() : h,
      };
    });
  if (d.tags !== before.tags) patch.tags = lines(d.tags);
  if (d.birthday !== before.birthday) patch.birthday = d.birthday.trim() || null;
  if (
    d.channel !== before.channel ||
    d.language !== before.language ||
    d.interests !== before.interests ||
    d.giftNotes !== before.giftNotes
  )
    patch.preferences = {
      channel: d.channel || null,
      language: d.language.trim() || null,
      interests: lines(d.interests),
      giftNotes: d.giftNotes.trim() || null,
    };
  return patch;
}

/** One contact: every captured field editable, its timeline, its customer, and erase. */
export function ContactPage(props: { id: string }) {
  const { t, lang } = useI18n();
  const { session, canManage } = useApp();
  const path = `/contacts/${encodeURIComponent(props.id)}`;
  const contact = useApi<Contact>(path);
  const interactions = useApi<Page<Interaction>>('/interactions', { contactId: props.id, limit: 100 });
  const customer = useApi<{ name: string }>(
    contact.data?.customerId ? `/customers/${encodeURIComponent(contact.data.customerId)}` : null,
  );
  const [draft, setDraft] = useState<Draft | null>(null);
  const [state, setState] = useState<'idle' | 'busy' | 'saved'>('idle');
  const [error, setError] = useState<{ message: string; details: string[] } | null>(null);
  const [confirmErase, setConfirmErase] = useState(false);
  useEffect(() => {
    if (contact.data) setDraft(draftOf(contact.data));
  }, [contact.data]);

  const c = contact.data;
  if (contact.error && !c)
    return (
      <>
        <PageHead title={t('contact.title')} />
        <ErrorNote error={contact.error} onRetry={contact.reload} />
      </>
    );
  if (!c || !draft)
    return (
      <>
        <PageHead title={t('contact.title')} />
        <Loading />
      </>
    );
  const canEdit = session.user.role !== 'rep' || c.ownerId === session.user.id;
  const field = (
    key: keyof Draft,
    label: MessageKey,
    opts: { multi?: boolean; rows?: number; hint?: MessageKey | [MessageKey, Record<string, string>] } = {},
  ) => {
    const id = `contact-${key}`;
    const onInput = (e: { currentTarget: { value: string } }) =>
      setDraft({ ...draft, [key]: e.currentTarget.value });
    return (
      <div class="field">
        <label for={id} class="field-label">
          {t(label)}
        </label>
        {opts.multi ? (
          <textarea id={id} rows={opts.rows ?? 3} value={draft[key]} disabled={!canEdit} onInput={onInput} />
        ) : (
          <input id={id} type="text" value={draft[key]} disabled={!canEdit} onInput={onInput} />
        )}
        {opts.hint && (
          <span class="small muted">
            {Array.isArray(opts.hint) ? t(opts.hint[0], opts.hint[1]) : t(opts.hint)}
          </span>
        )}
      </div>
    );
  };
  const save = async (e: Event) => {
    e.preventDefault();
    const patch = patchOf(c, draft);
    if (Object.keys(patch).length === 0) return;
    setState('busy');
    setError(null);
    try {
      await api(path, { method: 'PATCH', body: patch });
      setState('saved');
      contact.reload();
    } catch (err) {
      // The refused fields, each with its reason in the UI's language, under a headline.
      if (err instanceof ApiError) {
        const { message, fields } = describeRefusal(lang, err);
        setError({ message, details: fields });
      } else setError({ message: (err as Error).message, details: [] });
      setState('idle');
    }
  };
  const erase = async () => {
    try {
      await api(path, { method: 'DELETE', query: { erase: true } });
      navigate(c.customerId ? customerPath(c.customerId) : ROUTES.customers);
    } catch (err) {
      setError({ message: errorMessage(err, lang), details: [] });
    }
  };

  return (
    <>
      <PageHead title={c.name}>
        <p class="crumbs">
          {c.customerId ? (
            <Link href={customerPath(c.customerId)}>{customer.data?.name ?? t('contact.customer')}</Link>
          ) : (
            <span class="muted">{t('contact.noCustomer')}</span>
          )}
          <span class="muted">{t('contact.source', { source: c.source })}</span>
        </p>
      </PageHead>
      <div class="grid two">
        <form class="card form-grid" onSubmit={save} aria-labelledby="h-contact-edit">
          <h2 id="h-contact-edit">{t('contact.details')}</h2>
          {field('name', 'contact.name')}
          {field('title', 'contact.jobTitle')}
          {field('emails', 'contact.emails', {
            multi: true,
            hint: ['contact.typedHint', { types: EMAIL_TYPES.join(', ') }],
          })}
          {field('phones', 'contact.phones', {
            multi: true,
            hint: ['contact.typedHint', { types: PHONE_TYPES.join(', ') }],
          })}
          {field('handles', 'contact.handles', { multi: true, hint: 'contact.handlesHint' })}
          {field('tags', 'contact.tags', { hint: 'contact.commas' })}
          {field('birthday', 'contact.birthday', { hint: 'contact.birthdayHint' })}
          <div class="field">
            <label for="contact-channel" class="field-label">
              {t('contact.channel')}
            </label>
            <select
              id="contact-channel"
              value={draft.channel}
              disabled={!canEdit}
              onChange={(e) => setDraft({ ...draft, channel: e.currentTarget.value })}
            >
              <option value="">–</option>
              <Options values={CHANNELS} />
            </select>
          </div>
          {field('language', 'contact.language', { hint: 'contact.languageHint' })}
          {field('interests', 'contact.interests', { hint: 'contact.commas' })}
          {field('giftNotes', 'contact.giftNotes', { multi: true })}
          {field('addresses', 'contact.addresses', { multi: true, hint: 'contact.addressesHint' })}
          {field('urls', 'contact.urls', { multi: true, hint: 'contact.onePerLine' })}
          {field('notes', 'contact.notes', { multi: true, rows: 5 })}
          {error && (
            <div class="form-error" role="alert">
              <p>{t('contact.notSaved', { message: error.message })}</p>
              {error.details.length > 0 &&
                !error.details.every((d) => error.message.includes(d.split(': ').slice(1).join(': '))) && (
                  <ul class="details">
                    {error.details.map((d) => (
                      <li key={d}>{d}</li>
                    ))}
                  </ul>
                )}
            </div>
          )}
          {canEdit && (
            <div class="actions">
              <button type="submit" class="button primary" disabled={state === 'busy'}>
                {state === 'busy' ? t('settings.saving') : t('contact.save')}
              </button>
              {state === 'saved' && (
                <span class="saved" role="status">
                  {t('contact.saved')}
                </span>
              )}
            </div>
          )}
        </form>
        <div>
          <Relationships contactId={props.id} />
          {/* A lead gives a rep a follow-up task about this person (their badge shows it as due). */}
          {canManage && (
            <section class="card contact-task">
              <AssignTask contactId={c.id} {...(c.customerId ? { customerId: c.customerId } : {})} />
            </section>
          )}
          <section class="card" aria-labelledby="h-contact-timeline">
            <h2 id="h-contact-timeline">{t('customer.timeline')}</h2>
            {!interactions.data ? (
              <Loading />
            ) : interactions.data.items.length === 0 ? (
              <p class="muted">{t('customer.noInteractions')}</p>
            ) : (
              <ol class="timeline">
                {[...interactions.data.items]
                  .sort((a, b) => (a.at < b.at ? 1 : -1))
                  .map((i) => (
                    <li key={i.id}>
                      <p class="small muted">
                        {formatInstant(i.at, lang)} · {t(`kind.${i.kind}` as MessageKey)} ·{' '}
                        {i.direction === 'in' ? t('customer.inbound') : t('customer.outbound')}
                      </p>
                      <p>{i.subject ?? i.summary ?? '–'}</p>
                    </li>
                  ))}
              </ol>
            )}
          </section>
          {canEdit && (
            <section class="card danger" aria-labelledby="h-erase">
              <h2 id="h-erase">{t('contact.erase')}</h2>
              <p class="card-lead">{t('contact.eraseLead')}</p>
              {confirmErase ? (
                <div class="actions">
                  <button type="button" class="button danger" onClick={erase}>
                    {t('contact.eraseConfirm', { name: c.name })}
                  </button>
                  <button type="button" class="button ghost" onClick={() => setConfirmErase(false)}>
                    {t('common.cancel')}
                  </button>
                </div>
              ) : (
                <button type="button" class="button" onClick={() => setConfirmErase(true)}>
                  {t('contact.erase')}
                </button>
              )}
            </section>
          )}
        </div>
      </div>
    </>
  );
}
