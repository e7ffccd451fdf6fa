import { OWNED_ENTITIES } from '@rapport/shared/entities';
import type { Role } from '@rapport/shared/schemas/team';
import { useState } from 'preact/hooks';
import type { User } from '../../../src/routes/wire-types.ts';
import { api } from '../api.ts';
import { Field, Options } from '../components/fields.tsx';
import { PageHead } from '../components/page-head.tsx';
import { ErrorNote, errorMessage, Loading } from '../components/states.tsx';
import { useApp, useI18n } from '../context.ts';
import { useApi } from '../use-api.ts';

const ROLES: Role[] = ['rep', 'lead', 'admin'];

/** A one-time password to pass on, shown once after a create or reset. */
interface Secret {
  email: string;
  password: string;
}

/** Team members: add, change role, deactivate/reactivate, reset password (admin); reassign a rep's customers (lead, admin). */
export function Team() {
  const { t, lang } = useI18n();
  const { session } = useApp();
  const isAdmin = session.user.role === 'admin';
  const users = useApi<{ users: User[] }>('/users');
  const [secret, setSecret] = useState<Secret | null>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [draft, setDraft] = useState<{ email: string; name: string; role: Role }>({
    email: '',
    name: '',
    role: 'rep',
  });
  const [reassign, setReassign] = useState<{ from: string; to: string }>({ from: '', to: '' });

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError('');
    setNotice('');
    try {
      await work();
      users.reload();
    } catch (err) {
      setError(errorMessage(err, lang));
    } finally {
      setBusy(false);
    }
  };
  const list = [...(users.data?.users ?? [])].sort(
    (a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name),
  );
  const active = list.filter((u) => u.active);
  const nameOf = (id: string) => list.find((u) => u.id === id)?.name ?? id;

  return (
    <>
      <PageHead title={t('team.title')} />
      {users.error && <ErrorNote error={users.error} onRetry={users.reload} />}
      {!users.data && !users.error && <Loading />}
      {secret && (
        <div class="notice" role="status" data-testid="one-time-password">
          <p>{t('team.passwordOnce', { email: secret.email })}</p>
          <p>
            <code class="secret">{secret.password}</code>
          </p>
          <button type="button" class="button ghost" onClick={() => setSecret(null)}>
            {t('team.hidePassword')}
          </button>
        </div>
      )}
      {notice && (
        <p class="saved" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p class="form-error" role="alert">
          {t('team.failed', { message: error })}
        </p>
      )}
      {users.data && (
        <section class="card flush" aria-labelledby="h-members">
          <div class="card-head padded">
            <h2 id="h-members">{t('team.members')}</h2>
          </div>
          <div class="table-scroll">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('team.name')}</th>
                  <th scope="col">{t('signIn.email')}</th>
                  <th scope="col">{t('team.role')}</th>
                  <th scope="col">{t('team.status')}</th>
                  {isAdmin && <th scope="col">{t('team.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {list.map((u) => (
                  <tr key={u.id} class={u.active ? undefined : 'inactive'} data-testid={`member-${u.email}`}>
                    <th scope="row">{u.name}</th>
                    <td>{u.email}</td>
                    <td>
                      {isAdmin && u.id !== session.user.id ? (
                        <select
                          aria-label={t('team.roleOf', { name: u.name })}
                          value={u.role}
                          disabled={busy}
                          onChange={(e) => {
                            const role = e.currentTarget.value as Role;
                            run(async () => {
                              await api(`/users/${u.id}`, { method: 'PATCH', body: { role } });
                              setNotice(t('team.roleChanged', { name: u.name, role: t(`role.${role}`) }));
                            });
                          }}
                        >
                          <Options values={ROLES} label={(r) => t(`role.${r}`)} />
                        </select>
                      ) : (
                        t(`role.${u.role}`)
                      )}
                    </td>
                    <td>{u.active ? t('team.active') : <span class="muted">{t('team.inactive')}</span>}</td>
                    {isAdmin && (
                      <td class="actions-cell">
                        {u.id !== session.user.id && (
                          <button
                            type="button"
                            class="button small"
                            disabled={busy}
                            onClick={() =>
                              run(async () => {
                                await api(`/users/${u.id}`, { method: 'PATCH', body: { active: !u.active } });
                                setNotice(
                                  u.active
                                    ? t('team.deactivated', { name: u.name })
                                    : t('team.reactivated', { name: u.name }),
                                );
                                if (u.active) setReassign({ from: u.id, to: '' });
                              })
                            }
                          >
                            {u.active ? t('team.deactivate') : t('team.reactivate')}
                          </button>
                        )}{' '}
                        <button
                          type="button"
                          class="button small ghost"
                          disabled={busy}
                          onClick={() =>
                            run(async () => {
                              const r = await api<{ password?: string }>(`/users/${u.id}/password`, {
                                method: 'POST',
                                body: {},
                              });
                              if (r.password) setSecret({ email: u.email, password: r.password });
                            })
                          }
                        >
                          {t('team.resetPassword')}
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {users.data && (
        <div class="grid two">
          <form
            class="card"
            aria-labelledby="h-reassign"
            onSubmit={(e) => {
              e.preventDefault();
              const { from, to } = reassign;
              if (!from || !to || from === to) return;
              run(async () => {
                const r = await api<{ moved: Record<string, number> }>(`/users/${from}/reassign`, {
                  method: 'POST',
                  body: { toUserId: to, entities: OWNED_ENTITIES },
                });
                setNotice(
                  t('team.reassigned', {
                    customers: r.moved.customer ?? 0,
                    contacts: r.moved.contact ?? 0,
                    from: nameOf(from),
                    to: nameOf(to),
                  }),
                );
                setReassign({ from: '', to: '' });
              });
            }}
          >
            <h2 id="h-reassign">{t('team.reassignTitle')}</h2>
            <p class="card-lead">{t('team.reassignLead')}</p>
            <label class="field">
              <span>{t('team.from')}</span>
              <select
                value={reassign.from}
                data-testid="reassign-from"
                onChange={(e) => setReassign({ ...reassign, from: e.currentTarget.value })}
              >
                <option value="">–</option>
                {list.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                    {u.active ? '' : ` (${t('team.inactive')})`}
                  </option>
                ))}
              </select>
            </label>
            <label class="field">
              <span>{t('team.to')}</span>
              <select
                value={reassign.to}
                data-testid="reassign-to"
                onChange={(e) => setReassign({ ...reassign, to: e.currentTarget.value })}
              >
                <option value="">–</option>
                {active
                  .filter((u) => u.id !== reassign.from)
                  .map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
              </select>
            </label>
            <div class="actions">
              <button
                type="submit"
                class="button primary"
                disabled={busy || !reassign.from || !reassign.to || reassign.from === reassign.to}
              >
                {t('team.reassign')}
              </button>
            </div>
          </form>

          {isAdmin ? (
            <form
              class="card"
              aria-labelledby="h-add"
              onSubmit={(e) => {
                e.preventDefault();
                run(async () => {
                  const r = await api<{ user: User; password?: string }>('/users', {
                    method: 'POST',
                    body: {
                      email: draft.email.trim(),
                      name: draft.name.trim() || draft.email.split('@')[0],
                      role: draft.role,
                    },
                  });
                  if (r.password) setSecret({ email: r.user.email, password: r.password });
                  setNotice(t('team.added', { name: r.user.name }));
                  setDraft({ email: '', name: '', role: 'rep' });
                });
              }}
            >
              <h2 id="h-add">{t('team.add')}</h2>
              <p class="card-lead">{t('team.addLead')}</p>
              <Field
                label={t('signIn.email')}
                type="email"
                required
                value={draft.email}
                onValue={(email) => setDraft({ ...draft, email })}
              />
              <Field
                label={t('team.name')}
                value={draft.name}
                onValue={(name) => setDraft({ ...draft, name })}
              />
              <label class="field">
                <span>{t('team.role')}</span>
                <select
                  value={draft.role}
                  onChange={(e) => setDraft({ ...draft, role: e.currentTarget.value as Role })}
                >
                  <Options values={ROLES} label={(r) => t(`role.${r}`)} />
                </select>
              </label>
              <div class="actions">
                <button type="submit" class="button primary" disabled={busy || !draft.email.trim()}>
                  {t('team.addButton')}
                </button>
              </div>
            </form>
          ) : (
            <section class="card">
              <h2>{t('team.add')}</h2>
              <p class="card-lead">{t('team.adminOnly')}</p>
            </section>
          )}
        </div>
      )}
    </>
  );
}
