import type { FollowUpStatus } from '@rapport/shared/domain/followup';
import type { Tier } from '@rapport/shared/domain/tiers';
import { useUi } from '../context.ts';
import { formatMoney } from '../format.ts';

export function TierChip({ tier }: { tier: Tier | null }) {
  const { t } = useUi();
  if (tier === null) return <span class="tier tier-unlinked" title={t('tier.unlinked')} />;
  return (
    <span class={`tier tier-${tier}`} title={tier === 'none' ? t('tier.none') : t('tier.label', { tier })}>
      {tier === 'none' ? '–' : tier}
    </span>
  );
}

export function StatusDot({ status }: { status: FollowUpStatus }) {
  const { t } = useUi();
  const label = t(`fu.${status}`);
  return <span class={`dot dot-${status}`} title={label} role="img" aria-label={label} />;
}

/** Profit (or any amount) with its sign coloured; compact for lists. */
export function Money({
  amount,
  currency,
  compact = false,
}: {
  amount: string;
  currency: string;
  compact?: boolean;
}) {
  const { lang } = useUi();
  return (
    <span class={amount.startsWith('-') ? 'money negative' : 'money'}>
      {formatMoney(amount, currency, lang, compact)}
    </span>
  );
}

export function ErrorNote({ message }: { message: string | null }) {
  const { t } = useUi();
  if (!message) return null;
  return (
    <p class="error" role="alert">
      {t('common.error', { message })}
    </p>
  );
}

export function Section({
  title,
  children,
  actions,
}: {
  title: string;
  children: preact.ComponentChildren;
  actions?: preact.ComponentChildren;
}) {
  return (
    <section class="section">
      <header class="section-head">
        <h3>{title}</h3>
        {actions}
      </header>
      {children}
    </section>
  );
}
