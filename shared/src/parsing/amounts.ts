// Amounts as people's tools write them ("1.234,56 €", "(12.50)", "USD 12.50", "¥1,200") read into
// exact Money. Which mark is decimal is decided per file from all its amounts, since "1,234"
// alone could be either; previews and the server use the same rules.
import { DECIMAL, type Money, readMoney } from '../money.ts';

export const DECIMAL_MARKS = ['.', ','] as const;
export type DecimalMark = (typeof DECIMAL_MARKS)[number];

// Symbols that name one currency. "$" and "¥" alone do not (dollars and yen of several countries),
// so they are accepted without naming one.
const SYMBOLS: [string, string | null][] = [
  ['US$', 'USD'],
  ['CA$', 'CAD'],
  ['C$', 'CAD'],
  ['AU$', 'AUD'],
  ['A$', 'AUD'],
  ['NZ$', 'NZD'],
  ['HK$', 'HKD'],
  ['S$', 'SGD'],
  ['R$', 'BRL'],
  ['CN¥', 'CNY'],
  ['JP¥', 'JPY'],
  ['RMB', 'CNY'],
  ['元', 'CNY'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['₹', 'INR'],
  ['₩', 'KRW'],
  ['₽', 'RUB'],
  ['₺', 'TRY'],
  ['zł', 'PLN'],
  ['kr', null],
  ['$', null],
  ['¥', null],
  ['￥', null],
];

// Spaces people put between thousands: ordinary, no-break, narrow no-break, thin.
const SPACES = /[\s\u00a0\u202f\u2009]/g;

export interface AmountParts {
  negative: boolean;
  /** Digits and separators only, e.g. "1.234,56". */
  core: string;
  /** The currency the value names (a code or an unambiguous symbol), else null. */
  currency: string | null;
  percent: boolean;
}

const PLAIN = /^\d[\d.,]*\d$|^\d$/;
const PLAIN_NEGATIVE = /^-(?:\d[\d.,]*\d|\d)$/;

/** Splits sign, currency and percent off an amount; null when what is left is not digits and separators. */
export function amountParts(raw: string): AmountParts | null {
  // Most cells are plain numbers ("957.5775", "-12", "1,234.5"): no sign, symbol or percent to strip.
  if (PLAIN.test(raw)) return { negative: false, core: raw, currency: null, percent: false };
  if (PLAIN_NEGATIVE.test(raw)) return { negative: true, core: raw.slice(1), currency: null, percent: false };
  let text = raw.trim().replace(/\u2212/g, '-');
  let negative = false;
  let currency: string | null = null;
  let percent = false;
  const paren = /^\((.*)\)$/.exec(text);
  if (paren) {
    negative = true;
    text = (paren[1] ?? '').trim();
  }
  for (let changed = true; changed; ) {
    changed = false;
    const code = /^([A-Z]{3})\s*|\s*([A-Z]{3})$/.exec(text);
    if (code && currency === null) {
      const named = code[1] ?? code[2] ?? '';
      currency = named === 'RMB' ? 'CNY' : named;
      text = text.replace(code[0], '');
      changed = true;
    }
    for (const [symbol, named] of SYMBOLS) {
      if (text.startsWith(symbol) || text.endsWith(symbol)) {
        text = text.startsWith(symbol) ? text.slice(symbol.length) : text.slice(0, -symbol.length);
        currency ??= named;
        changed = true;
        break;
      }
    }
    if (text.startsWith('-') || text.endsWith('-')) {
      if (negative) return null;
      negative = true;
      text = text.startsWith('-') ? text.slice(1) : text.slice(0, -1);
      changed = true;
    } else if (text.startsWith('+')) {
      text = text.slice(1);
      changed = true;
    }
    if (text.endsWith('%')) {
      percent = true;
      text = text.slice(0, -1);
      changed = true;
    }
    text = text.trim();
  }
  const core = text.replace(SPACES, ' ');
  if (!/^\d[\d.,' ]*$/.test(core) || /\d$/.test(core) === false) return null;
  return { negative, core, currency, percent };
}

const GROUPS_OF_3 = (sep: string) => new RegExp(`^\\d{1,3}(?:${sep}\\d{3})+$`);
// Indian grouping: 1,23,45,678.
const LAKH = /^\d{1,2}(?:,\d{2})*,\d{3}$/;

/** The integer part's thousands separators removed when they group correctly; null otherwise. */
function ungroup(whole: string, decimal: DecimalMark): string | null {
  if (/^\d+$/.test(whole)) return whole;
  const seps = decimal === '.' ? [',', ' ', "'"] : ['.', ' ', "'"];
  for (const sep of seps) {
    const escaped = sep === '.' ? '\\.' : sep;
    if (GROUPS_OF_3(escaped).test(whole) || (sep === ',' && LAKH.test(whole)))
      return whole.replaceAll(sep, '');
  }
  return null;
}

/** The plain decimal ("-1234.56") an amount stands for, or why it is none. */
export function plainDecimal(
  raw: string,
  decimal: DecimalMark,
): { text: string; currency: string | null; percent: boolean } | { error: string } {
  const parts = amountParts(raw);
  if (!parts) return { error: 'is not a number' };
  const at = parts.core.lastIndexOf(decimal);
  const whole = at < 0 ? parts.core : parts.core.slice(0, at);
  const fraction = at < 0 ? '' : parts.core.slice(at + 1);
  const digits = ungroup(whole, decimal);
  if (digits === null || !/^\d*$/.test(fraction) || (at >= 0 && fraction === ''))
    return {
      error: `does not read as a number with "${decimal}" as the decimal mark${decimal === '.' ? ' (e.g. 1,234.56)' : ' (e.g. 1.234,56)'}`,
    };
  const text = `${parts.negative ? '-' : ''}${digits}${fraction ? `.${fraction}` : ''}`;
  return { text, currency: parts.currency, percent: parts.percent };
}

const PLAIN_INTEGER = /^-?\d+$/;

/** An exact amount (up to 4 decimals) with the currency it names, or why it is none. */
export function parseAmount(
  raw: string,
  decimal: DecimalMark,
): { amount: Money; currency: string | null } | { error: string } {
  // Most cells are already plain decimals in the file's mark ("957.5775", "-12"): read as they are.
  if ((decimal === '.' ? DECIMAL : PLAIN_INTEGER).test(raw)) {
    const amount = readMoney(raw);
    return typeof amount === 'string' ? { error: amount } : { amount, currency: null };
  }
  const plain = plainDecimal(raw, decimal);
  if ('error' in plain) return plain;
  if (plain.percent) return { error: 'is a percentage, not an amount' };
  const amount = readMoney(plain.text);
  if (typeof amount === 'string') return { error: amount };
  return { amount, currency: plain.currency };
}

export interface DecimalDetection {
  decimal: DecimalMark;
  /**
   * assumed: no amount has a mark at all, so it does not matter; ambiguous: amounts such as
   * "1,234" or "1.234" are all there is (a thousand, or one and a bit?): a person must say.
   */
  status: 'detected' | 'assumed' | 'given' | 'ambiguous';
  reason: string;
  /** When ambiguous: each mark with what the first such amount would be under it. */
  choices: { decimal: DecimalMark; example: string; reads: string }[];
}

/**
 * Collects a file's amounts and decides the decimal mark: a value with both marks ends with the
 * decimal one ("1.234,56"); one mark followed by other than three digits ("12,5", "3.54") is
 * decimal; a mark repeated ("1,234,567") groups thousands. "1,234" or "1.234" alone decide nothing.
 */
export class DecimalMarkProfile {
  #votes = { '.': 0, ',': 0 };
  #examples: Record<DecimalMark, string | null> = { '.': null, ',': null };
  #undecided: string | null = null;

  add(raw: string): void {
    // A plain number ("957.5775") is its own core: no parts to split off.
    const core = PLAIN.test(raw) ? raw : amountParts(raw)?.core;
    if (core === undefined) return;
    const dot = core.lastIndexOf('.');
    const comma = core.lastIndexOf(',');
    let vote: DecimalMark | null = null;
    if (dot >= 0 && comma >= 0) vote = dot > comma ? '.' : ',';
    else if (dot >= 0 || comma >= 0) {
      const mark: DecimalMark = dot >= 0 ? '.' : ',';
      const other: DecimalMark = mark === '.' ? ',' : '.';
      const last = mark === '.' ? dot : comma;
      const after = core.length - last - 1;
      // The mark more than once ("1.234.567"): it groups thousands.
      if (core.indexOf(mark) !== last) vote = other;
      else if (after !== 3 || /^0\d*[.,]/.test(core) || core.includes(' ')) vote = mark;
      else this.#undecided ??= raw.trim();
    }
    if (vote) {
      this.#votes[vote] += 1;
      this.#examples[vote] ??= raw.trim();
    }
  }

  result(given?: DecimalMark): DecimalDetection {
    const choices: DecimalDetection['choices'] = [];
    if (given)
      return { decimal: given, status: 'given', reason: `"${given}" is the decimal mark, as given`, choices };
    const dot = this.#votes['.'];
    const comma = this.#votes[','];
    const example = this.#undecided;
    if (dot === 0 && comma === 0 && example !== null) {
      for (const decimal of DECIMAL_MARKS) {
        const read = plainDecimal(example, decimal);
        choices.push({ decimal, example, reads: 'error' in read ? read.error : read.text });
      }
      return {
        decimal: '.',
        status: 'ambiguous',
        reason: `every amount with a mark reads two ways (e.g. "${example}": ${choices.map((c) => `with "${c.decimal}" as decimal it is ${c.reads}`).join(', ')})`,
        choices,
      };
    }
    if (dot === 0 && comma === 0)
      return { decimal: '.', status: 'assumed', reason: 'the amounts are whole numbers', choices };
    const decimal: DecimalMark = comma > dot ? ',' : '.';
    const other = decimal === '.' ? comma : dot;
    return {
      decimal,
      status: 'detected',
      reason: `"${decimal}" is the decimal mark: ${Math.max(dot, comma)} amounts show it, e.g. "${this.#examples[decimal]}"${other > 0 ? `; ${other} amounts read the other way and are refused per row` : ''}`,
      choices,
    };
  }
}
