import { parseMoney } from '@rapport/shared/core';
import { OPPORTUNITY_STAGES } from '@rapport/shared/settings';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { Card } from '../components/card.tsx';
import { countColumn, moneyColumn } from '../components/columns.tsx';
import { type Column, columnsOf, DataTable } from '../components/data-table.tsx';
import { MemberOptions } from '../components/fields.tsx';
import { Kpi } from '../components/kpi.tsx';
import { Link } from '../components/link.tsx';
import { Money } from '../components/money.tsx';
import { PageHead } from '../components/page-head.tsx';
import { Empty, ErrorNote, errorMessage, Loading } from '../components/states.tsx';
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
  type Stage = PipelineReport['stages'][number];
  const columns: Column<Stage>[] = [
    {
      id: 'stage',
      head: t('pipeline.stage'),
      rowHeader: true,
      cell: (s) => (
        <>
          {t(`stage.${s.stage}`)}
          <span class="muted small"> {formatNumber(r.probabilities[s.stage] ?? 0, lang)}%</span>
          <span class="funnel-bar" style={{ width: `${(s.count / max) * 100}%` }} aria-hidden="true" />
        </>
      ),
    },
    countColumn('deals', t('pipeline.deals'), (s) => s.count, lang),
    moneyColumn('amount', t('pipeline.amount'), (s) => s.amount, 'whole'),
    moneyColumn('weighted', t('pipeline.weightedShort'), (s) => s.weighted, 'whole'),
    {
      id: 'toNext',
      head: t('pipeline.toNext'),
      num: true,
      cell: (s) => {
        const step = r.steps.find((x) => x.from === s.stage);
        return step ? (step.rate === null ? '–' : formatPercent(step.rate, lang)) : '';
      },
    },
  ];
  return (
    <Card id="h-funnel" title={t('pipeline.funnel')}>
      <DataTable class="funnel-table" columns={columns} rows={r.stages} rowKey={(s) => s.stage} />
    </Card>
  );
}

function Forecast(props: { report: PipelineReport }) {
  const { t, lang } = useI18n();
  type Row = PipelineReport['forecast'][number];
  return (
    <Card id="h-forecast" title={t('pipeline.forecast')} lead={t('pipeline.forecastLead')}>
      <DataTable
        rows={props.report.forecast}
        rowKey={(c: Row) => `${c.month}-${c.ownerId}`}
        empty={<Empty title={t('pipeline.empty')} />}
        columns={columnsOf<(typeof props.report.forecast)[number]>([
          { id: 'month', head: t('pipeline.month'), cell: (c) => formatMonth(c.month, lang) },
          { id: 'rep', head: t('pipeline.rep'), cell: (c) => c.name || t('pipeline.unassigned') },
          moneyColumn('weighted', t('pipeline.weightedShort'), (c) => c.weighted, 'whole'),
          moneyColumn('won', t('pipeline.wonShort'), (c) => c.won, 'whole'),
        ])}
      />
    </Card>
  );
}

function Deals(props: { title: string; deals: PipelineDeal[]; id: string }) {
  const { t, lang } = useI18n();
  const { members } = useApp();
  const rep = (d: PipelineDeal) => (d.ownerId && members.get(d.ownerId)?.name) || t('pipeline.unassigned');
  const closes = (d: PipelineDeal) => d.closedOn ?? d.closeDate;
  return (
    <Card id={props.id} title={props.title}>
      <DataTable
        rows={props.deals}
        rowKey={(d) => d.id}
        empty={<Empty title={t('pipeline.none')} />}
        columns={[
          {
            id: 'deal',
            head: t('pipeline.deal'),
            cell: (d) => <Link href={opportunityPath(d.id)}>{d.title}</Link>,
            sortValue: (d) => d.title,
          },
          {
            id: 'stage',
            head: t('pipeline.stage'),
            cell: (d) => t(`stage.${d.stage}`),
            sortValue: (d) => OPPORTUNITY_STAGES.indexOf(d.stage),
          },
          { id: 'rep', head: t('pipeline.rep'), cell: rep, sortValue: rep },
          {
            id: 'closes',
            head: t('pipeline.closes'),
            cell: (d) => {
              const day = closes(d);
              return day ? formatDay(day, lang) : '–';
            },
            sortValue: closes,
          },
          {
            id: 'amount',
            head: t('pipeline.amount'),
            num: true,
            cell: (d) => <Money value={d.amount} style="whole" />,
            sortValue: (d) => parseMoney(d.amount),
          },
        ]}
      />
    </Card>
  );
}

/** Open tasks per rep, and (for a lead) a form to give a rep a follow-up task. */
export function Tasks(props: { report: PipelineReport; onAssigned(): void }) {
  const { t, lang } = useI18n();
  const { canManage } = useApp();
  return (
    <Card id="h-tasks" title={t('tasks.title')}>
      <DataTable
        rows={props.report.openTasks}
        rowKey={(r) => r.assigneeId}
        empty={<p class="muted">{t('tasks.none')}</p>}
        columns={columnsOf<(typeof props.report.openTasks)[number]>([
          { id: 'rep', head: t('pipeline.rep'), cell: (r) => r.name },
          countColumn('open', t('tasks.open'), (r) => r.open, lang),
          {
            id: 'overdue',
            head: t('tasks.overdue'),
            num: true,
            cellClass: (r) => (r.overdue > 0 ? 'loss' : undefined),
            cell: (r) => formatNumber(r.overdue, lang),
          },
        ])}
      />
      {canManage && <AssignTask onAssigned={props.onAssigned} />}
    </Card>
  );
}

/** A lead gives a rep a follow-up task (optionally about a contact or customer). */
export function AssignTask(props: { contactId?: string; customerId?: string; onAssigned?(): void }) {
  const { t, lang } = useI18n();
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
      setMessage({ ok: false, text: errorMessage(err, lang) });
    }
  };
  return (
    <form class="task-form" onSubmit={submit} aria-label={t('tasks.assign')}>
      <h3>{t('tasks.assign')}</h3>
      <label>
        {t('tasks.assignee')}
        <select value={assigneeId} onChange={(e) => setAssignee((e.target as HTMLSelectElement).value)}>
          <MemberOptions members={reps} />
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
