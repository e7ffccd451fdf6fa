import { decimalSign } from '@rapport/shared/core';
import { useApp, useI18n } from '../context.ts';
import { formatMoney, type MoneyStyle } from '../format.ts';

/** An amount in the team's currency; losses in red. */
export function Money(props: { value: string; style?: MoneyStyle }) {
  const { lang } = useI18n();
  const { currency } = useApp();
  return (
    <span class={decimalSign(props.value) < 0 ? 'loss' : undefined} data-value={props.value}>
      {formatMoney(props.value, currency, lang, props.style)}
    </span>
  );
}
