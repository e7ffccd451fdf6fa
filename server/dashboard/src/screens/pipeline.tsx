import { OPPORTUNITY_STAGES } from '@rapport/shared/settings';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { Kpi } from '../components/kpi.tsx';
import { Link } from '../components/link.tsx';
import { Money } from '../components/money.tsx';
import { PageHead } from '../components/page-head.tsx';
import { Empty, ErrorNote, Loading } from '../components/states.tsx';
import { useApp, useI18n } from '../context.ts';
import { formatDay, formatMoney, formatMonth, formatNumber, formatPercent } from '../format.ts';
import { useApi } from '../use-api.ts';
import type { PipelineDeal, PipelineReport } from './pipeline-types.ts';

export const opportunityPath = (id: string) => `/opportunities/${encodeURIComponent(id)}`;

/** The Pipeline screen: funnel with stage conversion, weighted forecast by rep and month, deals closing this month, tasks. */
export function Pipeline() {
  const { t, lang } = useI18n();
  const { currency } = useApp();
  const report = useApi<PipelineReport>('/pipeline');
  const head = <PageHead title={t('pipeline.title')} />;
  if (report.error)
    return (
      <>
        {head}
        <ErrorNote error={report.error} onRetry={report.reload} />
      </>
    );
  if (!report.data)
    return (
      <>
        {head}
        <Loading />
      </>
    );
  const r = report.data;
  const s = r.summary;
  return (
    <>
      {head}
      <section class="kpis" aria-label={t('pipeline.figures')}>
        <Kpi label={t('pipeline.open')} value={formatMoney(s.amount, currency, lang, 'whole')}>
          {t('pipeline.openNote', { count: formatNumber(s.count, lang) })}
        </Kpi>
        <Kpi label={t('pipeline.weighted')} value={formatMoney(s.weighted, currency, lang, 'whole')}>
          {t('pipeline.weightedNote')}
        </Kpi>
        <Kpi label={t('pipeline.won')} value={formatMoney(s.wonAmount, currency, lang, 'whole')}>
          {t('pipeline.wonNote', { count: formatNumber(s.won, lang) })}
        </Kpi>
        <Kpi
          label={t('pipeline.conversion')}
          value={s.conversion === null ? t('pipeline.noData') : formatPercent(s.conversion, lang)}
          tone={s.conversion === null ? 'empty' : undefined}
        >
          {t('pipeline.conversionNote', { won: formatNumber(s.won, lang), lost: formatNumber(s.lost, lang) })}
        </Kpi>
      </section>
      <div class="grid two">
        <Funnel report={r} />
        <Forecast report={r} />
      </div>
      <div class="grid two">
        <Deals title={t('pipeline.closingThisMonth')} deals={r.closingThisMonth} id="h-closing" />
        <Tasks report={r} onAssigned={report.reload} />
      </div>
      <Deals title={t('pipeline.openDeals')} deals={r.open} id="h-open" />
    </>
  );
}

function Funnel(props: { report: PipelineReport }) {
  const { t, lang } = useI18n();
  const r = props.report;
  const max = Math.max(1, ...r.stages.map((s) => s.count));
  return (
    <section class="card" aria-labelledby="h-funnel">
      <h2 id="h-funnel">{t('pipeline.funnel')}</h2>
      <table class="table funnel-table">
        <thead>
          <tr>
            <th scope="col">{t('pipeline.stage')}</th>
            <th scope="col" class="num">
              {t('pipeline.deals')}
            </th>
            <th scope="col" class="num">
              {t('pipeline.amount')}
            </th>
            <th scope="col" class="num">
              {t('pipeline.weightedShort')}
            </th>
            <th scope="col" class="num">
              {t('pipeline.toNext')}
            </th>
          </tr>
        </thead>
        <tbody>
          {r.stages.map((s) => {
            const step = r.steps.find((x) => x.from === s.stage);
            return (
              <tr key={s.stage}>
                <th scope="row">
                  {t(`stage.${s.stage}`)}
                  <span class="muted small"> {formatNumber(r.probabilities[s.stage] ?? 0, lang)}%</span>
                  <span
                    class="funnel-bar"
                    style={{ width: `${(s.count / max) * 100}%` }}
                    aria-hidden="true"
                  />
                </th>
                <td class="num">{formatNumber(s.count, lang)}</td>
                <td class="num">
                  <Money value={s.amount} style="whole" />
                </td>
                <td class="num">
                  <Money value={s.weighted} style="whole" />
                </td>
                <td class="num">{step ? (step.rate === null ? '–' : formatPercent(step.rate, lang)) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function Forecast(props: { report: PipelineReport }) {
  const { t, lang } = useI18n();
  const rows = props.report.forecast;
  return (
    <section class="card" aria-labelledby="h-forecast">
      <h2 id="h-forecast">{t('pipeline.forecast')}</h2>
      <p class="card-lead">{t('pipeline.forecastLead')}</p>
      {rows.length === 0 ? (
        <Empty title={t('pipeline.empty')} />
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('pipeline.month')}</th>
              <th scope="col">{t('pipeline.rep')}</th>
              <th scope="col" class="num">
                {t('pipeline.weightedShort')}
              </th>
              <th scope="col" class="num">
                {t('pipeline.wonShort')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={`${c.month}-${c.ownerId}`}>
                <td>{formatMonth(c.month, lang)}</td>
                <td>{c.name || t('pipeline.unassigned')}</td>
                <td class="num">
                  <Money value={c.weighted} style="whole" />
                </td>
                <td class="num">
                  <Money value={c.won} style="whole" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Deals(props: { title: string; deals: PipelineDeal[]; id: string }) {
  const { t, lang } = useI18n();
  const { members } = useApp();
  return (
    <section class="card" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.deals.length === 0 ? (
        <Empty title={t('pipeline.none')} />
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('pipeline.deal')}</th>
              <th scope="col">{t('pipeline.stage')}</th>
              <th scope="col">{t('pipeline.rep')}</th>
              <th scope="col">{t('pipeline.closes')}</th>
              <th scope="col" class="num">
                {t('pipeline.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.deals.map((d) => (
              <tr key={d.id}>
                <td>
                  <Link href={opportunityPath(d.id)}>{d.title}</Link>
                </td>
                <td>{t(`stage.${d.stage}`)}</td>
                <td>{(d.ownerId && members.get(d.ownerId)?.name) || t('pipeline.unassigned')}</td>
                <td>
                  {(d.closedOn ?? d.closeDate) ? formatDay((d.closedOn ?? d.closeDate) as string, lang) : '–'}
                </td>
                <td class="num">
                  <Money value={d.amount} style="whole" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Open tasks per rep, and (for a lead) a form to give a rep a follow-up task. */
export function Tasks(props: { report: PipelineReport; onAssigned(): void }) {
  const { t, lang } = useI18n();
  const { canManage } = useApp();
  return (
    <section class="card" aria-labelledby="h-tasks">
      <h2 id="h-tasks">{t('tasks.title')}</h2>
      {props.report.openTasks.length === 0 ? (
        <p class="muted">{t('tasks.none')}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('pipeline.rep')}</th>
              <th scope="col" class="num">
                {t('tasks.open')}
              </th>
              <th scope="col" class="num">
                {t('tasks.overdue')}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.report.openTasks.map((r) => (
              <tr key={r.assigneeId}>
                <td>{r.name}</td>
                <td class="num">{formatNumber(r.open, lang)}</td>
                <td class={`num${r.overdue > 0 ? ' loss' : ''}`}>{formatNumber(r.overdue, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canManage && <AssignTask onAssigned={props.onAssigned} />}
    </section>
  );
}

/** A lead gives a rep a follow-up task (optionally about a contact or customer). */
export function AssignTask(props: { contactId?: string; customerId?: string; onAssigned?(): void }) {
  const { t } = useI18n();
  const { members } = useApp();
  const reps = [...members.values()].filter((m) => m.active !== false);
  const [assigneeId, setAssignee] = useState(reps[0]?.id ?? '');
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await api('/tasks', {
        method: 'POST',
        body: {
          assigneeId: assigneeId || reps[0]?.id,
          title,
          due,
          note: note.trim() === '' ? null : note,
          contactId: props.contactId ?? null,
          customerId: props.customerId ?? null,
        },
      });
      setMessage({ ok: true, text: t('tasks.assigned') });
      setTitle('');
      setNote('');
      props.onAssigned?.();
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
    }
  };
  return (
    <form class="task-form" onSubmit={submit} aria-label={t('tasks.assign')}>
      <h3>{t('tasks.assign')}</h3>
      <label>
        {t('tasks.assignee')}
        <select value={assigneeId} onChange={(e) => setAssignee((e.target as HTMLSelectElement).value)}>
          {reps.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('tasks.what')}
        <input required value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
      </label>
      <label>
        {t('tasks.due')}
        <input
          type="date"
          required
          value={due}
          onInput={(e) => setDue((e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        {t('tasks.note')}
        <input value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit" class="button primary">
        {t('tasks.submit')}
      </button>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} class={message.ok ? 'muted' : 'loss'}>
          {message.text}
        </p>
      )}
    </form>
  );
}

export const STAGES = OPPORTUNITY_STAGES;
