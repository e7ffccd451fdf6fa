import type { Dialect } from '../driver.ts';
import type { Migration } from './migration.ts';

/** The JSON array of each element's `profit` in the JSON array at `path` of `column` (in order). */
function profitsOf(dialect: Dialect, column: string, path: readonly string[]): string {
  if (dialect === 'postgres')
    return `COALESCE((SELECT jsonb_agg(e -> 'profit' ORDER BY i) FROM jsonb_array_elements(${column} #> '{${path.join(',')}}') WITH ORDINALITY AS x (e, i)), '[]'::jsonb)`;
  return `json((SELECT json_group_array(json_extract(e.value, '$.profit')) FROM json_each(${column}, '$.${path.join('.')}') AS e))`;
}

/**
 * Rewrites the stored metrics rows' legacy `months` (12 objects of month, revenue and profit) as
 * `monthProfits` (the 12 profits; the months follow from window.asOf): in the sync rows' data and
 * state (the field keeps its clock) and in the customer_metrics projection. The figures the rows show
 * are unchanged, so no version moves: a client that holds a row in the old form reads it as it is.
 */
export function monthProfitsSql(dialect: Dialect): string {
  const pg = dialect === 'postgres';
  const dataSet = (table: string) =>
    pg
      ? `UPDATE ${table} SET data = (data - 'months') || jsonb_build_object('monthProfits', ${profitsOf(dialect, 'data', ['months'])})
  WHERE jsonb_typeof(data -> 'months') = 'array'`
      : `UPDATE ${table} SET data = json_set(json_remove(data, '$.months'), '$.monthProfits', ${profitsOf(dialect, 'data', ['months'])})
  WHERE json_type(data, '$.months') = 'array'`;
  const state = pg
    ? `UPDATE rows SET state = jsonb_set(state #- '{fields,months}', '{fields,monthProfits}',
    jsonb_set(state #> '{fields,months}', '{v}', ${profitsOf(dialect, 'state', ['fields', 'months', 'v'])}))
  WHERE entity = 'customerMetrics' AND jsonb_typeof(state #> '{fields,months,v}') = 'array'`
    : `UPDATE rows SET state = json_set(json_remove(state, '$.fields.months'), '$.fields.monthProfits',
    json_set(json_extract(state, '$.fields.months'), '$.v', ${profitsOf(dialect, 'state', ['fields', 'months', 'v'])}))
  WHERE entity = 'customerMetrics' AND json_type(state, '$.fields.months.v') = 'array'`;
  return `${state};
${dataSet('rows')} AND entity = 'customerMetrics';
${dataSet('customer_metrics')}`;
}

/** Metrics rows keep the 12 monthly profits only (`monthProfits`), not 12 month objects with revenue. */
export const monthProfits: Migration = {
  version: 9,
  name: 'month-profits',
  up(dialect) {
    return `${monthProfitsSql(dialect)};\n`;
  },
};
