import '../insight.css';
import { SEGMENTS } from '@rapport/shared/domain/rfm';
import { TEXT_LIMITS } from '@rapport/shared/limits';
import { useEffect, useState } from 'preact/hooks';
import type { Campaign, CampaignReport } from '../../../src/routes/wire-types.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { api, downloadFile } from '../api.ts';
import { Money } from '../components/money.tsx';
import { PageHead } from '../components/page-head.tsx';
import { Empty, ErrorNote, errorMessage, Loading } from '../components/states.tsx';
import { useApp, useI18n } from '../context.ts';
import { formatDay, formatNumber } from '../format.ts';
import { useApi } from '../use-api.ts';

interface Filters {
  tier: string;
  segment: string;
  churn: string;
  category: string;
}

const body = (f: Filters) => ({
  ...(f.tier ? { tier: [f.tier] } : {}),
  ...(f.segment ? { segment: [f.segment] } : {}),
  ...(f.churn ? { churn: f.churn } : {}),
  ...(f.category.trim() ? { category: f.category.trim() } : {}),
});

/** Build a list from filters with a live count, save it, export it, log a touch and read its report. */
export function Campaigns() {
  const { t } = useI18n();
  const { canManage } = useApp();
  const list = useApi<{ items: Campaign[] }>('/campaigns');
  return (
    <>
      <PageHead title={t('campaigns.title')} />
      {canManage ? <Builder onSaved={list.reload} /> : <p class="muted">{t('campaigns.readOnly')}</p>}
      <section class="card" aria-labelledby="h-campaigns">
        <h2 id="h-campaigns">{t('campaigns.saved')}</h2>
        {list.error ? (
          <ErrorNote error={list.error} onRetry={list.reload} />
        ) : !list.data ? (
          <Loading />
        ) : list.data.items.length === 0 ? (
          <Empty title={t('campaigns.none')} />
        ) : (
          list.data.items.map((c) => <CampaignRow key={c.id} campaign={c} onChanged={list.reload} />)
        )}
      </section>
    </>
  );
}

function Builder(props: { onSaved(): void }) {
  const { t, lang } = useI18n();
  const [f, setF] = useState<Filters>({ tier: '', segment: '', churn: '', category: '' });
  const [name, setName] = useState('');
  const [count, setCount] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const key = JSON.stringify(body(f));
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api<{ members: number }>('/campaigns/preview', {
        method: 'POST',
        body: body(f),
        signal: controller.signal,
      })
        .then((r) => setCount(r.members))
        .catch((e: Error) => e.name !== 'AbortError' && setError(e));
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key]);
  const select = (label: MessageKey, field: keyof Filters, options: [string, string][]) => (
    <label>
      <span>{t(label)}</span>
      <select
        value={f[field]}
        data-testid={`campaign-${field}`}
        onChange={(e) => setF({ ...f, [field]: e.currentTarget.value })}
      >
        <option value="">{t('campaigns.any')}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section class="card" aria-labelledby="h-build">
      <h2 id="h-build">{t('campaigns.build')}</h2>
      <form
        class="toolbar inline"
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          api('/campaigns', { method: 'POST', body: { name, filters: body(f) } })
            .then(() => {
              setName('');
              props.onSaved();
            })
            .catch((err: Error) => setError(err));
        }}
      >
        {select(
          'campaigns.tier',
          'tier',
          ['A', 'B', 'C', 'D'].map((x) => [x, x]),
        )}
        {select(
          'campaigns.segment',
          'segment',
          SEGMENTS.map((s) => [s, t(`segment.${s}` as MessageKey)]),
        )}
        {select(
          'campaigns.churn',
          'churn',
          (['late', 'at-risk', 'on-time'] as const).map((c) => [c, t(`campaigns.churn.${c}`)]),
        )}
        <label>
          <span>{t('campaigns.category')}</span>
          <input value={f.category} onInput={(e) => setF({ ...f, category: e.currentTarget.value })} />
        </label>
        <label>
          <span>{t('campaigns.name')}</span>
          <input
            required
            maxLength={TEXT_LIMITS.title}
            value={name}
            data-testid="campaign-name"
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="button primary">
          {t('campaigns.save')}
        </button>
      </form>
      <p class="knows-best" data-testid="campaign-count" role="status">
        {count === null ? '…' : t('campaigns.count', { n: formatNumber(count, lang) })}
      </p>
      {error && <ErrorNote error={error} />}
    </section>
  );
}

function CampaignRow(props: { campaign: Campaign; onChanged(): void }) {
  const { t, lang } = useI18n();
  const { canManage } = useApp();
  const c = props.campaign;
  const report = useApi<CampaignReport>(`/campaigns/${encodeURIComponent(c.id)}/report`, {
    n: c.touches.length,
  });
  const [note, setNote] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const r = report.data;
  return (
    <div class="campaign" data-testid="campaign">
      <h3>
        {c.name} <span class="muted">· {formatDay(c.createdAt.slice(0, 10), lang)}</span>
      </h3>
      <table class="table compact">
        <thead>
          <tr>
            {(
              [
                'campaigns.members',
                'campaigns.touches',
                'campaigns.reach',
                'campaigns.responders',
                'campaigns.orders',
                'campaigns.social',
                'campaigns.revenue',
                'campaigns.profit',
              ] as const
            ).map((k) => (
              <th key={k} scope="col" class="num">
                {t(k)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <td class="num">{formatNumber(c.members, lang)}</td>
            <td class="num">{c.touches.length}</td>
            <td class="num">{r ? r.reach : '…'}</td>
            <td class="num">{r ? r.responders : '…'}</td>
            <td class="num">{r ? r.orders : '…'}</td>
            <td class="num">{r ? r.socialInteractions : '…'}</td>
            <td class="num">{r ? <Money value={r.revenue} style="whole" /> : '…'}</td>
            <td class="num" data-testid="campaign-profit">
              {r ? <Money value={r.profit} /> : '…'}
            </td>
          </tr>
        </tbody>
      </table>
      <div class="toolbar inline">
        <button
          type="button"
          class="button ghost small"
          onClick={() => downloadFile(`/campaigns/${c.id}/export`, { format: 'csv' }, 'campaign.csv')}
        >
          {t('campaigns.exportCsv')}
        </button>
        <button
          type="button"
          class="button ghost small"
          onClick={() => downloadFile(`/campaigns/${c.id}/export`, { format: 'vcard' }, 'campaign.vcf')}
        >
          {t('campaigns.exportVcard')}
        </button>
        {canManage && (
          <form
            class="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              api<{ interactions: number }>(`/campaigns/${c.id}/touch`, {
                method: 'POST',
                body: { channel: 'email', note },
              })
                .then((res) => {
                  setNote('');
                  setNotice(t('campaigns.touched', { n: res.interactions }));
                  props.onChanged();
                })
                .catch((err: Error) => setNotice(errorMessage(err, lang)));
            }}
          >
            <input
              required
              maxLength={TEXT_LIMITS.shortNote}
              placeholder={t('campaigns.touchNote')}
              aria-label={t('campaigns.touchNote')}
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
            />{' '}
            <button type="submit" class="button small">
              {t('campaigns.touch')}
            </button>
          </form>
        )}
        {notice && <span role="status">{notice}</span>}
      </div>
    </div>
  );
}
