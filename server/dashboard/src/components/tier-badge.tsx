import type { Tier } from '@rapport/shared/core';
import { useI18n } from '../context.ts';

/** The tier letter in the tier's colour (the extension's badge colours); "none" is a grey dash. */
export function TierBadge(props: { tier: Tier }) {
  const { t } = useI18n();
  const label = props.tier === 'none' ? t('tier.none') : t('tier.named', { tier: props.tier });
  return (
    <span class={`tier tier-${props.tier}`} title={label} role="img" aria-label={label}>
      {props.tier === 'none' ? '–' : props.tier}
    </span>
  );
}
