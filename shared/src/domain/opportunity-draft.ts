import { formatMoney, moneyProblem, parseMoney } from '../money.ts';
import { OPEN_OPPORTUNITY_STAGES, type OpportunityStage } from '../settings.ts';
import { assertIsoDate, type IsoDate } from './dates.ts';

/**
 * What a person types into an opportunity form (the card's and the side panel's), checked once here:
 * the amount as a plain decimal (grouping commas allowed: "12,500.50"), the expected margin in percent
 * ("35", "12.5"; stored as the ratio "0.35"), the close date as YYYY-MM-DD or empty. Pure, no zod: the
 * card imports it into card.js; the background validates the result again with the shared schemas.
 */
export interface OpportunityDraftInput {
  title: string;
  amount: string;
  /** Percent, empty for none. */
  marginPct: string;
  /** YYYY-MM-DD, empty for none. */
  closeDate: string;
  stage: OpportunityStage;
}

export interface OpportunityDraft {
  title: string;
  /** Decimal string for the wire. */
  amount: string;
  /** Ratio string ("0.35") or null. */
  expectedMargin: string | null;
  closeDate: IsoDate | null;
  stage: OpportunityStage;
}

export type DraftField = 'title' | 'amount' | 'margin' | 'closeDate';
export type DraftProblemCode = 'required' | 'tooLong' | 'money' | 'negative' | 'margin' | 'date';
export interface DraftProblem {
  field: DraftField;
  code: DraftProblemCode;
  /** The money rule's own words for a bad amount. */
  detail?: string;
}

export const MAX_OPPORTUNITY_TITLE = 300;

/** "12,500.50" -> "12500.50"; a comma not in thousands groups stays (and the money rule refuses it). */
export function normaliseAmount(input: string): string {
  const s = input.trim().replace(/\s+/g, '');
  return /^-?\d{1,3}(,\d{3})+(\.\d*)?$/.test(s) ? s.replace(/,/g, '') : s;
}

/** "35" -> "0.35", "12.5" -> "0.125", "100" -> "1"; null when not a percentage 0–100 with ≤ 2 decimals. */
export function percentToRatio(input: string): string | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(input.trim().replace(/%$/, '').trim());
  if (!m) return null;
  const bps = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (bps > 10_000) return null;
  if (bps === 10_000) return '1';
  const digits = String(bps).padStart(4, '0').replace(/0+$/, '');
  return digits === '' ? '0' : `0.${digits}`;
}

/** "0.35" -> "35", "0.125" -> "12.5", "-0.05" -> "-5": a stored margin shown in percent (exact, no floats). */
export function ratioToPercent(ratio: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(ratio);
  if (!m) return ratio;
  const [, sign = '', whole = '0', fraction = ''] = m;
  const digits = `${whole}${fraction.padEnd(2, '0')}`;
  const cut = whole.length + 2;
  const int = digits.slice(0, cut).replace(/^0+(?=\d)/, '');
  const rest = digits.slice(cut).replace(/0+$/, '');
  return `${sign}${int}${rest ? `.${rest}` : ''}`;
}

/** Checks a typed opportunity; every problem at once, so the form marks each field. */
export function checkOpportunityDraft(
  input: OpportunityDraftInput,
): { ok: true; draft: OpportunityDraft } | { ok: false; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const title = input.title.trim();
  if (title === '') problems.push({ field: 'title', code: 'required' });
  else if (title.length > MAX_OPPORTUNITY_TITLE) problems.push({ field: 'title', code: 'tooLong' });
  const amount = normaliseAmount(input.amount);
  const moneyIssue = amount === '' ? null : moneyProblem(amount);
  if (amount === '') problems.push({ field: 'amount', code: 'required' });
  else if (moneyIssue) problems.push({ field: 'amount', code: 'money', detail: moneyIssue });
  else if (amount.startsWith('-')) problems.push({ field: 'amount', code: 'negative' });
  const marginText = input.marginPct.trim();
  const expectedMargin = marginText === '' ? null : percentToRatio(marginText);
  if (marginText !== '' && expectedMargin === null) problems.push({ field: 'margin', code: 'margin' });
  const dateText = input.closeDate.trim();
  let closeDate: IsoDate | null = null;
  if (dateText !== '') {
    try {
      closeDate = assertIsoDate(dateText, 'close date');
    } catch {
      problems.push({ field: 'closeDate', code: 'date' });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  // Canonical form: "12500" is stored as "12500.00", like every other amount.
  return {
    ok: true,
    draft: { title, amount: formatMoney(parseMoney(amount)), expectedMargin, closeDate, stage: input.stage },
  };
}

/** The stage a one-click "move on" takes an open deal to (negotiation -> won); null once closed. */
export function nextStage(stage: OpportunityStage): OpportunityStage | null {
  const i = (OPEN_OPPORTUNITY_STAGES as readonly OpportunityStage[]).indexOf(stage);
  if (i < 0) return null;
  return OPEN_OPPORTUNITY_STAGES[i + 1] ?? 'won';
}
