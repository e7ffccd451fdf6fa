import { useState } from 'preact/hooks';
import type { SatisfactionReport, ServiceReport } from '../../../src/routes/wire-types.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { api } from '../api.ts';
import { Card } from '../components/card.tsx';
import { countColumn } from '../components/columns.tsx';
import { type Column, columnsOf, DataTable } from '../components/data-table.tsx';
import { Kpi } from '../components/kpi.tsx';
import { Meter } from '../components/meter.tsx';
import { PageHead } from '../components/page-head.tsx';
import { SatisfactionByMonth } from '../components/satisfaction-months.tsx';
import { Empty, ErrorNote, Loading } from '../components/states.tsx';
import { WindowNote } from '../components/window-note.tsx';
import { useApp, useI18n } from '../context.ts';
import { formatDay, formatNumber } from '../format.ts';
import { useApi } from '../use-api.ts';

/** A ticket as GET /tickets lists it (the fields this screen reads). */
interface TicketRow {
  id: string;
  title: string;
  category: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  status: 'open' | 'in-progress' | 'resolved' | 'closed';
  assigneeId: string | null;
  createdAt: string;
}

const STATUSES = ['open', 'in-progress', 'resolved', 'closed'] as const;
const AGES = ['under-1d', '1-3d', '3-7d', '7-30d', 'over-30d'] as const;

/** Tickets by category, status, assignee and age; resolution time and satisfaction; the open queue. */
export function Service() {
  const { t, lang } = useI18n();
  const service = useApi<ServiceReport>('/reports/service');
  const satisfaction = useApi<SatisfactionReport>('/reports/satisfaction', { allTime: true });
  const tickets = useApi<{ items: TicketRow[] }>('/tickets', { limit: 500 });
  const error = service.error ?? satisfaction.error ?? tickets.error;
  const reload = () => {
    service.reload();
    satisfaction.reload();
    tickets.reload();
  };
  const head = (
    <PageHead title={t('service.title')}>
      {service.data && <WindowNote window={service.data.window} />}
    </PageHead>
  );
  if (error)
    return (
      <>
        {head}
        <ErrorNote error={error} onRetry={reload} />
      </>
    );
  if (!service.data || !satisfaction.data || !tickets.data)
    return (
      <>
        {head}
        <Loading />
      </>
    );
  const s = service.data;
  const open = s.byStatus.open + s.byStatus['in-progress'];
  const duration = (hours: number | null) => {
    if (hours === null) return t('service.noData');
    return hours < 48
      ? t('service.hours', { hours: formatNumber(hours, lang, 1) })
      : t('service.days', { days: formatNumber(hours / 24, lang, 1) });
  };
  return (
    <>
      {head}
      <section class="kpis" aria-label={t('service.figures')}>
        <Kpi label={t('service.open')} value={formatNumber(open, lang)} tone={open > 0 ? 'bad' : undefined}>
          {t('service.openNote', { inProgress: formatNumber(s.byStatus['in-progress'], lang) })}
        </Kpi>
        <Kpi label={t('service.resolved')} value={formatNumber(s.total.resolved, lang)}>
          {t('service.resolvedNote', { opened: formatNumber(s.total.opened, lang) })}
        </Kpi>
        <Kpi
          label={t('service.resolutionTime')}
          value={duration(s.total.medianResolutionHours)}
          tone={s.total.medianResolutionHours === null ? 'empty' : undefined}
        >
          {s.total.meanResolutionHours !== null &&
            t('service.resolutionNote', { mean: duration(s.total.meanResolutionHours) })}
        </Kpi>
        <Kpi
          label={t('service.afterSatisfaction')}
          value={
            s.total.satisfaction === null
              ? t('service.noData')
              : `${formatNumber(s.total.satisfaction, lang, 1)} / 5`
          }
          tone={s.total.satisfaction === null ? 'empty' : undefined}
        >
          {t.plural('service.afterSatisfactionNote', s.total.satisfactionCount)}
        </Kpi>
      </section>
      <Queue tickets={tickets.data.items} onResolved={reload} />
      <ByCategory report={s} duration={duration} />
      <div class="grid two">
        <Counts
          id="h-status"
          title={t('service.byStatus')}
          head={t('service.status')}
          rows={STATUSES.map((k) => [t(`ticketStatus.${k}`), s.byStatus[k]] as const)}
        />
        <Counts
          id="h-ages"
          title={t('service.openAges')}
          head={t('service.age')}
          rows={AGES.map((k) => [t(`age.${k}`), s.openAges[k]] as const)}
        />
      </div>
      <div class="grid two">
        <ByAssignee report={s} />
        <SatisfactionByMonth report={satisfaction.data} id="h-trend" title={t('service.trend')} last={12} />
      </div>
    </>
  );
}

function categoryName(t: ReturnType<typeof useI18n>['t'], id: string, label: string): string {
  const key = `ticketCategory.${id}` as MessageKey;
  const text = t(key);
  return text === key ? label : text;
}

function Queue(props: { tickets: TicketRow[]; onResolved(): void }) {
  const { t, lang } = useI18n();
  const { members, settings } = useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);
  const open = props.tickets.filter((k) => k.status === 'open' || k.status === 'in-progress');
  const labels = new Map((settings?.ticketCategories ?? []).map((c) => [c.id, c.label]));
  const resolve = (id: string) => patch(id, { status: 'resolved' });
  const assign = (id: string, assigneeId: string) =>
    patch(id, { assigneeId: assigneeId === '' ? null : assigneeId });
  const people = [...members.values()].filter((m) => m.active).sort((a, b) => a.name.localeCompare(b.name));
  const patch = async (id: string, body: Record<string, unknown>) => {
    setBusy(id);
    setFailure(null);
    try {
      await api(`/tickets/${encodeURIComponent(id)}`, { method: 'PATCH', body });
      props.onResolved();
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setBusy(null);
    }
  };
  const columns: Column<TicketRow>[] = [
    { id: 'ticket', head: t('service.ticket'), rowHeader: true, cell: (k) => k.title },
    {
      id: 'category',
      head: t('service.category'),
      cell: (k) => categoryName(t, k.category, labels.get(k.category) ?? k.category),
    },
    { id: 'severity', head: t('service.severity'), cell: (k) => t(`severity.${k.severity}`) },
    { id: 'status', head: t('service.status'), cell: (k) => t(`ticketStatus.${k.status}`) },
    {
      id: 'assignee',
      head: t('service.assignee'),
      cell: (k) => (
        <select
          class="assignee"
          aria-label={t('service.assignTo', { ticket: k.title })}
          value={k.assigneeId ?? ''}
          disabled={busy !== null}
          onChange={(e) => void assign(k.id, e.currentTarget.value)}
        >
          {k.assigneeId && !people.some((m) => m.id === k.assigneeId) && (
            <option value={k.assigneeId}>{members.get(k.assigneeId)?.name ?? '–'}</option>
          )}
          {people.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
          <option value="">{t('service.unassigned')}</option>
        </select>
      ),
    },
    { id: 'since', head: t('service.since'), cell: (k) => formatDay(k.createdAt.slice(0, 10), lang) },
    {
      id: 'resolve',
      head: t('service.resolve'),
      hideHead: true,
      num: true,
      cell: (k) => (
        <button
          type="button"
          class="button small"
          disabled={busy !== null}
          onClick={() => void resolve(k.id)}
        >
          {busy === k.id ? t('service.resolving') : t('service.resolve')}
        </button>
      ),
    },
  ];
  return (
    <Card id="h-queue" title={t('service.queue')}>
      {failure && <ErrorNote error={failure} onRetry={() => setFailure(null)} />}
      <DataTable
        caption={t('service.queue')}
        columns={columns}
        rows={open}
        rowKey={(k) => k.id}
        empty={<Empty title={t('service.queueEmpty')} />}
      />
    </Card>
  );
}

function ByCategory(props: { report: ServiceReport; duration(hours: number | null): string }) {
  const { t, lang } = useI18n();
  type Row = ServiceReport['byCategory'][number];
  const columns: Column<Row>[] = [
    {
      id: 'category',
      head: t('service.category'),
      rowHeader: true,
      cell: (c) => categoryName(t, c.category, c.label),
      sortValue: (c) => categoryName(t, c.category, c.label),
    },
    {
      id: 'opened',
      head: t('service.opened'),
      num: true,
      cell: (c) => formatNumber(c.opened, lang),
      sortValue: (c) => c.opened,
    },
    {
      id: 'resolved',
      head: t('service.resolvedCol'),
      num: true,
      cell: (c) => formatNumber(c.resolved, lang),
      sortValue: (c) => c.resolved,
    },
    {
      id: 'median',
      head: t('service.median'),
      num: true,
      cell: (c) => (c.medianResolutionHours === null ? '–' : props.duration(c.medianResolutionHours)),
      sortValue: (c) => c.medianResolutionHours,
    },
    {
      id: 'satisfaction',
      head: t('service.satisfaction'),
      num: true,
      cell: (c) => (
        <>
          {c.satisfaction === null ? '–' : formatNumber(c.satisfaction, lang, 1)}
          {c.satisfactionCount > 0 && (
            <span class="muted small"> ({formatNumber(c.satisfactionCount, lang)})</span>
          )}
        </>
      ),
      sortValue: (c) => c.satisfaction,
    },
  ];
  return (
    <Card id="h-category" title={t('service.byCategory')} csv="service-by-category">
      <DataTable
        caption={t('service.byCategory')}
        columns={columns}
        rows={props.report.byCategory}
        rowKey={(c) => c.category}
      />
    </Card>
  );
}

function Counts(props: {
  id: string;
  title: string;
  head: string;
  rows: readonly (readonly [string, number])[];
}) {
  const { t, lang } = useI18n();
  const max = Math.max(1, ...props.rows.map(([, n]) => n));
  return (
    <Card id={props.id} title={props.title}>
      <DataTable
        caption={props.title}
        rows={props.rows}
        rowKey={([label]) => label}
        columns={[
          { id: 'label', head: props.head, rowHeader: true, cell: ([label]) => label },
          { id: 'count', head: t('service.count'), num: true, cell: ([, n]) => formatNumber(n, lang) },
          {
            id: 'meter',
            head: t('service.count'),
            hideHead: true,
            class: 'meter-col',
            cell: ([, n]) => <Meter value={n} max={max} label={String(n)} />,
          },
        ]}
      />
    </Card>
  );
}

function ByAssignee(props: { report: ServiceReport }) {
  const { t, lang } = useI18n();
  return (
    <Card id="h-assignee" title={t('service.byAssignee')}>
      <DataTable
        caption={t('service.byAssignee')}
        rows={props.report.byAssignee}
        rowKey={(a) => a.assigneeId ?? 'none'}
        empty={<Empty title={t('service.queueEmpty')} />}
        columns={columnsOf<(typeof props.report.byAssignee)[number]>([
          {
            id: 'assignee',
            head: t('service.assignee'),
            rowHeader: true,
            cell: (a) => (a.assigneeId === null ? t('service.unassigned') : (a.name ?? '–')),
          },
          countColumn('open', t('service.open'), (a) => a.open, lang),
          countColumn('resolved', t('service.resolvedCol'), (a) => a.resolved, lang),
        ])}
      />
    </Card>
  );
}
