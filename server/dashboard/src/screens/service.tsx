import { useState } from 'preact/hooks';
import type { SatisfactionReport, ServiceReport } from '../../../src/routes/wire-types.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { api } from '../api.ts';
import { Kpi } from '../components/kpi.tsx';
import { Meter } from '../components/meter.tsx';
import { PageHead } from '../components/page-head.tsx';
import { Empty, ErrorNote, Loading } from '../components/states.tsx';
import { TableCsv } from '../components/table-csv.tsx';
import { WindowNote } from '../components/window-note.tsx';
import { useApp, useI18n } from '../context.ts';
import { formatDay, formatMonth, formatNumber, formatPercent } from '../format.ts';
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
        <Trend report={satisfaction.data} />
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
  return (
    <section class="card" aria-labelledby="h-queue">
      <h2 id="h-queue">{t('service.queue')}</h2>
      {failure && <ErrorNote error={failure} onRetry={() => setFailure(null)} />}
      {open.length === 0 ? (
        <Empty title={t('service.queueEmpty')} />
      ) : (
        <table class="table">
          <caption class="visually-hidden">{t('service.queue')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('service.ticket')}</th>
              <th scope="col">{t('service.category')}</th>
              <th scope="col">{t('service.severity')}</th>
              <th scope="col">{t('service.status')}</th>
              <th scope="col">{t('service.assignee')}</th>
              <th scope="col">{t('service.since')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('service.resolve')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {open.map((k) => (
              <tr key={k.id}>
                <th scope="row">{k.title}</th>
                <td>{categoryName(t, k.category, labels.get(k.category) ?? k.category)}</td>
                <td>{t(`severity.${k.severity}`)}</td>
                <td>{t(`ticketStatus.${k.status}`)}</td>
                <td>
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
                </td>
                <td>{formatDay(k.createdAt.slice(0, 10), lang)}</td>
                <td class="num">
                  <button
                    type="button"
                    class="button small"
                    disabled={busy !== null}
                    onClick={() => void resolve(k.id)}
                  >
                    {busy === k.id ? t('service.resolving') : t('service.resolve')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ByCategory(props: { report: ServiceReport; duration(hours: number | null): string }) {
  const { t, lang } = useI18n();
  const rows = props.report.byCategory;
  return (
    <section class="card" aria-labelledby="h-category">
      <TableCsv name="service-by-category" />
      <h2 id="h-category">{t('service.byCategory')}</h2>
      <table class="table">
        <caption class="visually-hidden">{t('service.byCategory')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('service.category')}</th>
            <th scope="col" class="num">
              {t('service.opened')}
            </th>
            <th scope="col" class="num">
              {t('service.resolvedCol')}
            </th>
            <th scope="col" class="num">
              {t('service.median')}
            </th>
            <th scope="col" class="num">
              {t('service.satisfaction')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.category}>
              <th scope="row">{categoryName(t, c.category, c.label)}</th>
              <td class="num">{formatNumber(c.opened, lang)}</td>
              <td class="num">{formatNumber(c.resolved, lang)}</td>
              <td class="num">
                {c.medianResolutionHours === null ? '–' : props.duration(c.medianResolutionHours)}
              </td>
              <td class="num">
                {c.satisfaction === null ? '–' : formatNumber(c.satisfaction, lang, 1)}
                {c.satisfactionCount > 0 && (
                  <span class="muted small"> ({formatNumber(c.satisfactionCount, lang)})</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
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
    <section class="card" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <table class="table">
        <caption class="visually-hidden">{props.title}</caption>
        <thead>
          <tr>
            <th scope="col">{props.head}</th>
            <th scope="col" class="num">
              {t('service.count')}
            </th>
            <th scope="col" class="meter-col">
              <span class="visually-hidden">{t('service.count')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map(([label, n]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td class="num">{formatNumber(n, lang)}</td>
              <td class="meter-col">
                <Meter value={n} max={max} label={String(n)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ByAssignee(props: { report: ServiceReport }) {
  const { t, lang } = useI18n();
  const rows = props.report.byAssignee;
  return (
    <section class="card" aria-labelledby="h-assignee">
      <h2 id="h-assignee">{t('service.byAssignee')}</h2>
      {rows.length === 0 ? (
        <Empty title={t('service.queueEmpty')} />
      ) : (
        <table class="table">
          <caption class="visually-hidden">{t('service.byAssignee')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('service.assignee')}</th>
              <th scope="col" class="num">
                {t('service.open')}
              </th>
              <th scope="col" class="num">
                {t('service.resolvedCol')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.assigneeId ?? 'none'}>
                <th scope="row">{a.assigneeId === null ? t('service.unassigned') : (a.name ?? '–')}</th>
                <td class="num">{formatNumber(a.open, lang)}</td>
                <td class="num">{formatNumber(a.resolved, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Trend(props: { report: SatisfactionReport }) {
  const { t, lang } = useI18n();
  const months = props.report.byMonth.slice(-12);
  return (
    <section class="card" aria-labelledby="h-trend">
      <h2 id="h-trend">{t('service.trend')}</h2>
      {months.length === 0 ? (
        <Empty title={t('satisfaction.empty')}>{t('satisfaction.emptyHint')}</Empty>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{t('service.trend')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('col.month')}</th>
              <th scope="col" class="num">
                {t('satisfaction.csat')}
              </th>
              <th scope="col" class="num">
                {t('satisfaction.nps')}
              </th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{formatMonth(m.month, lang)}</th>
                <td class="num">{m.csat === null ? '–' : formatPercent(m.csat, lang)}</td>
                <td class="num">{m.nps === null ? '–' : formatNumber(m.nps, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
