import '../insight.css';
import type { RelationshipsReport } from '../../../src/routes/wire-types.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { useApp, useI18n } from '../context.ts';
import { formatInstant, formatNumber } from '../format.ts';
import { useApi } from '../use-api.ts';
import { columnsOf, DataTable } from './data-table.tsx';
import { ErrorNote, Loading } from './states.tsx';

type Member = RelationshipsReport['members'][number];

/** "Ask Sam — 12 emails this quarter": the strongest member and their most frequent kind in 90 days. */
export function askLine(t: ReturnType<typeof useI18n>['t'], m: Member, name: string): string {
  const top = Object.entries(m.quarter).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  if (!top) return t('rel.askOnly', { name });
  return t('rel.ask', { name, count: top[1], kind: t(`rel.kind.${top[0]}` as MessageKey) });
}

/** Who on the team knows a contact best, and how warm each member's relationship is. */
export function Relationships(props: { contactId: string }) {
  const { t, lang } = useI18n();
  const { members } = useApp();
  const rel = useApi<RelationshipsReport>('/reports/relationships', { contactId: props.contactId });
  const name = (m: Member) => members.get(m.memberId)?.name ?? m.name;
  const data = rel.data;
  return (
    <section class="card" aria-labelledby="h-relationships" data-testid="relationships">
      <h2 id="h-relationships">{t('rel.title')}</h2>
      {rel.error ? (
        <ErrorNote error={rel.error} onRetry={rel.reload} />
      ) : !data ? (
        <Loading />
      ) : data.members.length === 0 ? (
        <p class="muted">{t('rel.none')}</p>
      ) : (
        <>
          <p class="knows-best" data-testid="knows-best">
            {askLine(t, data.members[0] as Member, name(data.members[0] as Member))}
          </p>
          <p class="card-lead">{t('rel.lead')}</p>
          <DataTable
            class="compact"
            caption={t('rel.title')}
            columns={columnsOf<Member>([
              { id: 'member', head: t('rel.member'), rowHeader: true, cell: (m) => name(m) },
              {
                id: 'warmth',
                head: t('rel.warmth'),
                cell: (m) => (
                  <span class={`warmth warmth-${m.warmth}`}>{t(`rel.${m.warmth}` as MessageKey)}</span>
                ),
              },
              { id: 'score', head: t('rel.score'), num: true, cell: (m) => formatNumber(m.score, lang, 1) },
              {
                id: 'twoWay',
                head: t('rel.twoWay'),
                cell: (m) => (m.twoWay ? t('common.yes') : t('common.no')),
              },
              { id: 'last', head: t('rel.last'), cell: (m) => formatInstant(m.lastAt, lang) },
            ])}
            rows={data.members}
            rowKey={(m) => m.memberId}
          />
        </>
      )}
    </section>
  );
}
