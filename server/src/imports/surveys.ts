import { createHash } from 'node:crypto';
import { nps as npsOf } from '@rapport/shared/domain/satisfaction';
import { normaliseEmail } from '@rapport/shared/identity/normalize';
import {
  DATE_FORMAT_NAMES,
  type DateFormat,
  detectDateFormat,
  parseDateAs,
} from '@rapport/shared/parsing/date-formats';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { type RowChange, saveRows, writeWithVersion } from '../entities/save.ts';
import {
  columnFieldSchema,
  columnsOption,
  dateFormatOption,
  foldHeader,
  MappingError,
  sheetOption,
} from './order-columns.ts';
import type { RowError } from './order-row.ts';
import type { ImportDeps, OnImportProgress } from './orders.ts';
import { newRow } from './row-edits.ts';
import type { ByteSource } from './source.ts';
import { openTable } from './table.ts';
import { assertCleanHeader, badCellError } from './text-cells.ts';

/** Rows checked between two progress reports (and a turn of the event loop for the poll). */
const PROGRESS_ROWS = 2000;

/** What a column of a survey file can mean. */
export const SURVEY_FIELDS = {
  email: "the respondent's email: matches a contact",
  customerId: "customer id (the order system's id, or Rapport's): its first contact when no email matches",
  kind: 'csat or nps, for the score column',
  score: 'the score of the kind named in the kind column',
  csat: 'a CSAT score (1–5) in its own column',
  nps: 'an NPS score (0–10) in its own column',
  date: 'the day of the response (its format is detected from the whole column)',
  comment: 'free text (optional)',
  ignore: 'a column to leave out',
} as const;
export type SurveyField = keyof typeof SURVEY_FIELDS;
const FIELD_NAMES = Object.keys(SURVEY_FIELDS) as [SurveyField, ...SurveyField[]];

/** Default meanings of common headers, matched after folding (case, spaces and punctuation ignored). */
export const SURVEY_HEADER_SYNONYMS: Record<Exclude<SurveyField, 'ignore'>, readonly string[]> = {
  email: [
    'Email',
    'E-mail',
    'Contact Email',
    'Customer Email',
    'Respondent Email',
    'Respondent',
    '邮箱',
    '电子邮件',
  ],
  customerId: [
    'Customer ID',
    'Customer Number',
    'Customer Code',
    'Account ID',
    'Client ID',
    '客户ID',
    '客户编号',
  ],
  kind: ['Kind', 'Type', 'Survey', 'Survey Type', 'Metric', '类型', '调查类型'],
  score: ['Score', 'Rating', 'Value', 'Answer', '分数', '评分'],
  csat: ['CSAT', 'CSAT Score', 'Satisfaction', '满意度'],
  nps: ['NPS', 'NPS Score', 'Recommend', 'Likelihood to Recommend', '推荐度', '净推荐值'],
  date: [
    'Date',
    'Response Date',
    'Submitted At',
    'Submitted',
    'Responded At',
    'Created At',
    '日期',
    '提交时间',
  ],
  comment: ['Comment', 'Comments', 'Feedback', 'Note', 'Notes', 'Verbatim', '评论', '备注', '反馈'],
};

const DEFAULT_HEADERS: Record<string, SurveyField> = Object.fromEntries(
  Object.entries(SURVEY_HEADER_SYNONYMS).flatMap(([field, headers]) =>
    headers.map((h) => [foldHeader(h), field as SurveyField]),
  ),
);

export const SurveyImportOptions = z.strictObject({
  columns: columnsOption(columnFieldSchema(SURVEY_FIELDS)),
  dateFormat: dateFormatOption(),
  sheet: sheetOption,
  dryRun: z.boolean().default(false),
});
export type SurveyImportOptions = z.output<typeof SurveyImportOptions>;
export type SurveyImportOptionsInput = z.input<typeof SurveyImportOptions>;

export type SurveyKind = 'csat' | 'nps';
const RANGE: Record<SurveyKind, [number, number]> = { csat: [1, 5], nps: [0, 10] };

export interface SurveyImportSummary {
  importId: string | null;
  dryRun: boolean;
  file: string;
  columns: { header: string; field: SurveyField | null }[];
  dates: { column: string; format: DateFormat | null; reason: string };
  /** Data rows read (the header excluded). */
  rows: number;
  rejectedRows: number;
  /** Responses (one per row and kind) written, and those the team already had (re-import). */
  responses: { new: number; unchanged: number };
  /** Figures of the accepted responses: CSAT mean to 2 decimals, NPS = % promoters − % detractors (shared nps). */
  totals: {
    csat: { responses: number; average: string | null };
    nps: { responses: number; score: number | null };
  };
  errors: RowError[];
  errorCount: number;
  /**
   * The customers the new responses belong to: their churn inputs (satisfaction) are refreshed as the
   * responses are saved. Null when no response was written.
   */
  metrics: { customers: number } | null;
}

/**
 * The response's id, stable across re-imports: a UUIDv7 whose 48-bit time is the response day (UTC
 * midnight) and whose other 74 bits come from a SHA-256 of team, contact, kind, day, score and comment.
 * The same answer imported twice is one row (and one a person deleted stays deleted); ids sort by day.
 */
export function surveyResponseId(
  teamId: string,
  r: { contactId: string; kind: SurveyKind; date: string; score: number; comment: string | null },
): string {
  const h = createHash('sha256')
    .update(
      ['rapport-survey', teamId, r.contactId, r.kind, r.date, String(r.score), r.comment ?? ''].join(
        '\u0000',
      ),
    )
    .digest();
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(Date.parse(`${r.date}T00:00:00.000Z`), 0, 6);
  h.copy(bytes, 6, 0, 10);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const x = bytes.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** CSAT mean with 2 decimals, exact (integer arithmetic, half up). */
export function csatAverage(scores: readonly number[]): string | null {
  if (scores.length === 0) return null;
  const sum = scores.reduce((a, b) => a + b, 0);
  const hundredths = Math.floor((sum * 200 + scores.length) / (2 * scores.length));
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

interface Parsed {
  row: number;
  email: string | null;
  customerKey: string | null;
  kind: SurveyKind;
  score: number;
  date: string;
  comment: string | null;
}

class DryRunDone extends Error {
  constructor(readonly summary: SurveyImportSummary) {
    super('dry run');
  }
}

const SCORE_TEXT = /^\d{1,2}(?:\.0+)?$/;

/**
 * Imports survey responses (CSAT 1–5, NPS 0–10) as surveyResponse rows in one transaction: one row of
 * the file is one response, or one per kind when the file has a CSAT and an NPS column. Respondents are
 * matched by email, else by customer id (that customer's first contact). Refused rows are listed by
 * row and column; a re-import writes nothing (stable ids, see surveyResponseId). A dry run rolls back.
 */
export async function importSurveys(
  deps: ImportDeps,
  teamId: string,
  source: ByteSource,
  options: SurveyImportOptions,
  createdBy: string | null = null,
  onProgress: OnImportProgress = () => undefined,
): Promise<SurveyImportSummary> {
  const size = source.size ?? 0;
  onProgress({ phase: 'reading', done: 0, total: size });
  const table = await openTable(source, options.sheet);
  const records: string[][] = [];
  const onBytes = (read: number) => onProgress({ phase: 'reading', done: Math.min(read, size), total: size });
  for await (const record of table.records(onBytes)) records.push(record);
  const header = records[0];
  if (!header || header.every((h) => h.trim() === ''))
    throw new MappingError('The file is empty: a survey file needs a header row', ['no header row']);
  assertCleanHeader(header);
  const overrides = new Map(Object.entries(options.columns).map(([h, f]) => [foldHeader(h), f]));
  const columns = header.map((h) => {
    const folded = foldHeader(h);
    const field = overrides.get(folded) ?? DEFAULT_HEADERS[folded] ?? null;
    return { header: h, field: field === 'ignore' ? null : field };
  });
  const index: Partial<Record<SurveyField, number>> = {};
  columns.forEach((c, i) => {
    if (c.field && index[c.field] === undefined) index[c.field] = i;
  });
  const problems: string[] = [];
  if (index.email === undefined && index.customerId === undefined)
    problems.push('no email or customer id column');
  if (index.date === undefined) problems.push('no date column');
  const wide = index.csat !== undefined || index.nps !== undefined;
  if (!wide && index.score === undefined) problems.push('no score column (or CSAT / NPS columns)');
  if (!wide && index.score !== undefined && index.kind === undefined)
    problems.push('a score column needs a kind column (csat or nps), or name the column "CSAT" or "NPS"');
  if (problems.length > 0)
    throw new MappingError(
      `The columns cannot be read as survey responses: ${problems.join('; ')}. Headers: ${header.map((h) => `"${h}"`).join(', ')}; map one with header=field (${FIELD_NAMES.join(', ')})`,
      problems,
    );
  const data = records.slice(1);
  const dateAt = index.date as number;
  const dateColumn = columns[dateAt]?.header ?? 'date';
  const detection = detectDateFormat(
    data.map((r) => (r[dateAt] ?? '').trim()).filter((v) => v !== ''),
    options.dateFormat,
  );
  if (detection.status === 'ambiguous')
    throw new MappingError(
      `Which date format does "${dateColumn}" use? ${detection.reason}. Say which: ${detection.choices.map((c) => `--date-format ${c.format} (${DATE_FORMAT_NAMES[c.format]})`).join(' or ')}; over HTTP dateFormat=${detection.choices[0]?.format ?? 'dmy'}.`,
      [`the dates in "${dateColumn}" are ambiguous: day-first or month-first`],
      { question: { option: 'dateFormat', column: dateColumn, choices: detection.choices } },
    );
  const dateFormat: DateFormat = options.dateFormat ?? detection.format ?? 'ymd';

  const errors: RowError[] = [];
  let errorCount = 0;
  let rejectedRows = 0;
  const reject = (rowErrors: RowError[]) => {
    rejectedRows += 1;
    errorCount += rowErrors.length;
    errors.push(...rowErrors.slice(0, Math.max(0, 1000 - errors.length)));
  };
  const headerOf = (field: SurveyField) => columns[index[field] as number]?.header ?? field;
  const parsed: Parsed[] = [];
  onProgress({ phase: 'writing', done: 0, total: data.length });
  for (const [i, record] of data.entries()) {
    if (i > 0 && i % PROGRESS_ROWS === 0) {
      onProgress({ phase: 'writing', done: i, total: data.length });
      // Let the progress poll be answered while a large file's rows are checked.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const row = i + 2;
    const bad = badCellError(record, row, columns);
    if (bad) {
      reject([bad]);
      continue;
    }
    const cell = (field: SurveyField) => {
      const at = index[field];
      return at === undefined ? '' : (record[at] ?? '').trim();
    };
    const rowErrors: RowError[] = [];
    const err = (field: SurveyField, message: string) =>
      rowErrors.push({ row, column: headerOf(field), message });
    const emailText = cell('email');
    const email = emailText === '' ? null : normaliseEmail(emailText);
    if (emailText !== '' && email === null) err('email', `"${emailText}" is not an email address`);
    const customerKey = cell('customerId') || null;
    if (emailText === '' && customerKey === null)
      rowErrors.push({
        row,
        column: index.email !== undefined ? headerOf('email') : headerOf('customerId'),
        message: 'needs an email or a customer id',
      });
    const dateText = cell('date');
    let date = '';
    if (dateText === '') err('date', 'is empty');
    else {
      const read = parseDateAs(dateText, dateFormat);
      if ('error' in read) err('date', read.error);
      else date = read.date;
    }
    const commentText = cell('comment');
    const comment = commentText === '' ? null : commentText;
    if (comment !== null && comment.length > 10_000) err('comment', 'is longer than 10,000 characters');
    const scores: { kind: SurveyKind; score: number }[] = [];
    const readScore = (kind: SurveyKind, field: SurveyField, text: string) => {
      const [min, max] = RANGE[kind];
      const value = SCORE_TEXT.test(text) ? Number.parseInt(text, 10) : Number.NaN;
      if (Number.isNaN(value) || value < min || value > max)
        err(field, `"${text}" is not a ${kind.toUpperCase()} score: a whole number ${min}–${max}`);
      else scores.push({ kind, score: value });
    };
    if (wide) {
      for (const kind of ['csat', 'nps'] as const) if (cell(kind) !== '') readScore(kind, kind, cell(kind));
      if (cell('score') !== '' && index.kind !== undefined) {
        const kind = cell('kind').toLowerCase();
        if (kind === 'csat' || kind === 'nps') readScore(kind, 'score', cell('score'));
        else err('kind', `"${cell('kind')}" is not csat or nps`);
      }
      if (scores.length === 0 && rowErrors.length === 0)
        rowErrors.push({
          row,
          column: headerOf(index.csat !== undefined ? 'csat' : 'nps'),
          message: 'has no score',
        });
    } else {
      const kind = cell('kind').toLowerCase();
      if (kind !== 'csat' && kind !== 'nps') err('kind', `"${cell('kind')}" is not csat or nps`);
      else if (cell('score') === '') err('score', 'is empty');
      else readScore(kind, 'score', cell('score'));
    }
    if (rowErrors.length > 0) {
      reject(rowErrors);
      continue;
    }
    for (const s of scores) parsed.push({ row, email, customerKey, date, comment, ...s });
  }

  try {
    return await writeWithVersion(deps.store, teamId, async (tx, version) => {
      const at = deps.clock.now().toISOString();
      const importId = uuidv7();
      // Respondents: contacts by email, customers by externalId or id, a customer's first contact.
      const emails = [...new Set(parsed.flatMap((p) => (p.email ? [p.email] : [])))];
      const byEmail = await tx.rowQueries.holders(teamId, 'contact', 'email', emails);
      const contactRows = await tx.rows.getMany(teamId, 'contact', [...byEmail.values()]);
      const contactCustomer = new Map(
        contactRows.map((r) => [r.id, (r.data.customerId as string | null) ?? null]),
      );
      const keys = [...new Set(parsed.flatMap((p) => (p.customerKey ? [p.customerKey] : [])))];
      const byExternal = await tx.rowQueries.holders(teamId, 'customer', 'externalId', keys);
      const direct = await tx.rows.getMany(
        teamId,
        'customer',
        keys.filter((k) => z.uuid().safeParse(k).success),
      );
      const customerOf = new Map<string, string>(byExternal);
      for (const r of direct) if (r.deletedAt === null && !customerOf.has(r.id)) customerOf.set(r.id, r.id);
      const firstContact = new Map<string, string>();
      if (parsed.some((p) => p.customerKey !== null && (p.email === null || !byEmail.has(p.email)))) {
        const contacts = await tx.rowQueries.live<{ id: string; customerId: string | null }>(
          teamId,
          'contact',
        );
        for (const c of contacts)
          if (c.customerId && !firstContact.has(c.customerId)) firstContact.set(c.customerId, c.id);
      }

      const accepted: { p: Parsed; id: string; contactId: string; customerId: string | null }[] = [];
      const refusedRows = new Set<number>();
      for (const p of parsed) {
        if (refusedRows.has(p.row)) continue;
        let contactId = p.email ? (byEmail.get(p.email) ?? null) : null;
        const customerId = p.customerKey ? (customerOf.get(p.customerKey) ?? null) : null;
        let problem: RowError | null = null;
        if (contactId === null) {
          if (p.customerKey !== null && customerId === null)
            problem = {
              row: p.row,
              column: headerOf('customerId'),
              message: `no customer has the id "${p.customerKey}"`,
            };
          else if (customerId !== null) {
            contactId = firstContact.get(customerId) ?? null;
            if (contactId === null)
              problem = {
                row: p.row,
                column: headerOf('customerId'),
                message: `customer "${p.customerKey}" has no contact to record the response for`,
              };
          } else
            problem = {
              row: p.row,
              column: headerOf('email'),
              message: `no contact has the email ${p.email}`,
            };
        }
        if (problem || contactId === null) {
          refusedRows.add(p.row);
          reject([problem as RowError]);
          continue;
        }
        const id = surveyResponseId(teamId, {
          contactId,
          kind: p.kind,
          date: p.date,
          score: p.score,
          comment: p.comment,
        });
        accepted.push({ p, id, contactId, customerId: contactCustomer.get(contactId) ?? customerId });
      }
      // A row refused after one of its kinds was accepted (wide files): drop that kind too.
      const kept = accepted.filter((a) => !refusedRows.has(a.p.row));
      const seen = new Set<string>();
      const unique = kept.filter((a) => !seen.has(a.id) && seen.add(a.id));
      const existing = new Set(
        (
          await tx.rows.getMany(
            teamId,
            'surveyResponse',
            unique.map((a) => a.id),
          )
        ).map((r) => r.id),
      );
      const changes: RowChange[] = [];
      for (const a of unique) {
        if (existing.has(a.id)) continue;
        changes.push(
          newRow(
            'surveyResponse',
            {
              id: a.id,
              contactId: a.contactId,
              customerId: a.customerId,
              date: a.p.date,
              csat: a.p.kind === 'csat' ? a.p.score : null,
              nps: a.p.kind === 'nps' ? a.p.score : null,
              comment: a.p.comment,
            },
            deps.hlc,
          ),
        );
      }
      if (changes.length > 0) await saveRows(tx, teamId, version, changes, at);
      onProgress({ phase: 'writing', done: data.length, total: data.length });
      const csat = kept.filter((a) => a.p.kind === 'csat').map((a) => a.p.score);
      const nps = kept.filter((a) => a.p.kind === 'nps').map((a) => a.p.score);
      // Respondent problems are found after the cell checks: list them all in file order.
      errors.sort((a, b) => a.row - b.row);
      const summary: SurveyImportSummary = {
        importId: options.dryRun ? null : importId,
        dryRun: options.dryRun,
        file: source.name,
        columns,
        dates: { column: dateColumn, format: dateFormat, reason: detection.reason },
        rows: data.length,
        rejectedRows,
        responses: { new: changes.length, unchanged: unique.length - changes.length },
        totals: {
          csat: { responses: csat.length, average: csatAverage(csat) },
          nps: { responses: nps.length, score: npsOf(nps) },
        },
        errors,
        errorCount,
        metrics: null,
      };
      if (data.length > 0 && rejectedRows === data.length)
        throw new MappingError(
          `Every row of the file was refused (${data.length}); nothing was imported. First problems: ${errors
            .slice(0, 3)
            .map((e) => `row ${e.row}, ${e.column}: ${e.message}`)
            .join('; ')}`,
          ['every row refused'],
          { errors: errors.slice(0, 100), errorCount },
        );
      if (options.dryRun) throw new DryRunDone(summary);
      if (changes.length > 0)
        // saveRows already refreshed these customers' churn inputs (satisfaction reads the answers).
        summary.metrics = {
          customers: new Set(
            unique.filter((a) => !existing.has(a.id) && a.customerId).map((a) => a.customerId),
          ).size,
        };
      await tx.imports.add(teamId, {
        id: importId,
        kind: 'surveys',
        filename: source.name,
        createdBy,
        createdAt: at,
        summary: { ...summary, errors: errors.slice(0, 100) } as unknown as Record<string, unknown>,
      });
      return { result: summary, changed: changes.length > 0 };
    });
  } catch (err) {
    if (err instanceof DryRunDone) return err.summary;
    throw err;
  }
}
