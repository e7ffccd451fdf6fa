import type { Tier } from '@rapport/shared/core';
import { useI18n } from '../context.ts';

/** A tier's colour: the shared token (tokens.css / marks.css), the one place tier colours are set. */
export const tierColor = (tier: Tier) => `var(--tier-${tier})`;

/** The tier letter in the tier's colour (the extension's badge colours); "none" is a grey dash. */
export function TierBadge(props: { tier: Tier }) {
  const { t } = useI18n();
  const label = props.tier === 'none' ? t('tier.none') : t('tier.named', { tier: props.tier });
  return (
    <span
      class={`tier tier-${props.tier}`}
      style={{ background: tierColor(props.tier) }}
      title={label}
      role="img"
      aria-label={label}
    >
      {props.tier === 'none' ? '–' : props.tier}
    </span>
  );
}
