import type { Tier } from '@rapport/shared/core';
import type { ComponentChildren } from 'preact';
import type { Lang } from '../../i18n/index.ts';
import { formatNumber, formatPercent, type MoneyStyle } from '../format.ts';
import type { Column } from './data-table.tsx';
import { Meter } from './meter.tsx';
import { Money } from './money.tsx';
import { TierBadge } from './tier-badge.tsx';

/** The columns the dashboard's tables keep writing: counts, amounts, shares and a bar. */

type Extra<R> = Partial<Omit<Column<R>, 'id' | 'head' | 'cell'>>;

/** A count, formatted for the language. */
export function countColumn<R>(
  id: string,
  head: ComponentChildren,
  value: (row: R) => number,
  lang: Lang,
  extra?: Extra<R>,
): Column<R> {
  return { id, head, num: true, cell: (r) => formatNumber(value(r), lang), ...extra };
}

/** An exact amount in the team's currency (losses in red). */
export function moneyColumn<R>(
  id: string,
  head: ComponentChildren,
  value: (row: R) => string,
  style?: MoneyStyle,
  extra?: Extra<R>,
): Column<R> {
  return { id, head, num: true, cell: (r) => <Money value={value(r)} style={style} />, ...extra };
}

/** A share or margin as a percentage, a dash when there is none. */
export function percentColumn<R>(
  id: string,
  head: ComponentChildren,
  value: (row: R) => number | string | null,
  lang: Lang,
  extra?: Extra<R> & { dash?: string /** A negative one in red. */; loss?: boolean },
): Column<R> {
  const { dash = '–', loss = false, ...rest } = extra ?? {};
  return {
    id,
    head,
    num: true,
    cell: (r) => {
      const v = value(r);
      return v === null ? dash : formatPercent(v, lang);
    },
    cellClass: loss
      ? (r) => {
          const v = value(r);
          return v !== null && Number(v) < 0 ? 'loss' : undefined;
        }
      : undefined,
    ...rest,
  };
}

/** A bar of the row's value against the largest in the table; its header is for screen readers. */
export function meterColumn<R>(
  id: string,
  head: string,
  value: (row: R) => number,
  max: number,
  label: (row: R) => string,
): Column<R> {
  return {
    id,
    head,
    hideHead: true,
    class: 'meter-col',
    cell: (r) => <Meter value={value(r)} max={max} label={label(r)} />,
  };
}

/** The tier letter in its colour. */
export function tierColumn<R>(head: ComponentChildren, tier: (row: R) => Tier): Column<R> {
  return { id: 'tier', head, cell: (r) => <TierBadge tier={tier(r)} /> };
}
