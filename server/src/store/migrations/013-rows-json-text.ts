import type { Migration } from './migration.ts';

/**
 * Postgres keeps a synced row's `state` and `data` as `json` (the text as written, checked to be
 * JSON) instead of `jsonb`. Nothing queries into them with jsonb-only operators, and what reads them
 * wants the text: a pull splices each stored state into its response, and every other reader parses
 * the column in JavaScript. As jsonb, each write parsed both documents into binary form and each read
 * printed them back (about 3× the cost of handing out the stored text, measured on the pull's query).
 * The conversion keeps every row (jsonb's text form, which is valid JSON). SQLite already stores TEXT.
 *
 * A contact's state (~1.4 KB) takes its row past the TOAST threshold, so Postgres compresses it on
 * every write and decompresses it on every pull. Where the server is built with lz4 (its
 * `default_toast_compression` setting lists it), both columns use lz4 from now on: about the same
 * size as the default pglz, at a fraction of its CPU. Rows already stored keep pglz until rewritten.
 */
export const rowsJsonText: Migration = {
  version: 13,
  name: 'rows-json-text',
  up(dialect) {
    if (dialect !== 'postgres') return '';
    return `
ALTER TABLE rows
  ALTER COLUMN state TYPE json USING state::json,
  ALTER COLUMN data TYPE json USING data::json;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE rows ALTER COLUMN state SET COMPRESSION lz4, ALTER COLUMN data SET COMPRESSION lz4;
  END IF;
END
$$;
`;
  },
};
