/**
 * CSV formula injection: a spreadsheet runs a cell that starts with = + - @ TAB or CR as a formula
 * (`=HYPERLINK(…)`, `-2+3+cmd|' /C calc'!A0`). OWASP's rule is to prefix such a cell with a single
 * quote so it is shown as text. A cell that is a plain number ("-12.50", "+14155550132") is not a
 * formula and stays as it is, so money columns and E.164 phones remain numbers.
 */
const FORMULA_LEAD = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$/;

/** The cell's text, quoted when a spreadsheet would run it as a formula. null/undefined become ''. */
export function csvSafeCell(value: string | number | bigint | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  if (!FORMULA_LEAD.test(text) || PLAIN_NUMBER.test(text)) return text;
  return `'${text}`;
}

/**
 * The text a cell written by csvSafeCell stood for: the quote it added in front of a formula-like
 * text is dropped, so a file Rapport exported imports back unchanged. Anything else is as given.
 */
export function csvCellText(cell: string): string {
  return cell.startsWith("'") && FORMULA_LEAD.test(cell.slice(1)) ? cell.slice(1) : cell;
}
