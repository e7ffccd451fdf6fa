// Both UIs say a domain term in the same words: the extension's catalogues (and the badge strings the
// content scripts ship) and the dashboard's take every term from shared/src/glossary.ts.
import {
  FOLLOW_UP_TERMS,
  type GlossaryLanguage,
  glossaryCatalogue,
  SEVERITY_TERMS,
  STAGE_TERMS,
  TERMS,
  TICKET_CATEGORY_TERMS,
  TICKET_STATUS_TERMS,
  TIER_TERMS,
} from '@rapport/shared/glossary';
import { describe, expect, it } from 'vitest';
import { CATALOGUES as EXTENSION } from '../../extension/i18n/index.ts';
import { enPage, zhCNPage } from '../../extension/i18n/page.ts';
import { CATALOGUES as DASHBOARD } from '../../server/dashboard/i18n/index.ts';

const LANGS: GlossaryLanguage[] = ['en', 'zh-CN'];
const PAGE = { en: enPage, 'zh-CN': zhCNPage } as const;

describe.each(LANGS)('glossary in %s', (lang) => {
  const dash = DASHBOARD[lang] as Record<string, string>;
  const ext = EXTENSION[lang] as Record<string, string>;
  const page = PAGE[lang] as Record<string, string>;

  it('every grouped term (stage, ticket status, severity, category, segment, follow-up, interaction kind) is the glossary’s in both UIs', () => {
    const terms = Object.entries(glossaryCatalogue(lang));
    expect(terms.length).toBe(6 + 4 + 4 + 5 + 10 + 5 + 8);
    for (const [key, word] of terms) {
      expect(dash[key], `dashboard ${key}`).toBe(word);
      expect(ext[key], `extension ${key}`).toBe(word);
    }
  });

  it('the keys each UI reads for a term hold the glossary’s word', () => {
    const same: [string, string, string][] = [
      // [extension key, dashboard key, the term]
      ['tier.label', 'tier.named', TIER_TERMS[lang].tier],
      ['customer.revenue', 'col.revenue', TERMS[lang].revenue],
      ['customer.profit', 'col.profit', TERMS[lang].profit],
      ['customer.margin', 'col.margin', TERMS[lang].margin],
      ['contact.followUp', 'col.followUp', TERMS[lang].followUp],
      ['settings.tierWindow', 'settings.window', TERMS[lang].tierWindow],
      ['ticket.unassigned', 'service.unassigned', TERMS[lang].unassigned],
      ['ticket.unassigned', 'reps.unassigned', TERMS[lang].unassigned],
      ['ticketStatus.in-progress', 'ticketStatus.in-progress', TICKET_STATUS_TERMS[lang]['in-progress']],
      ['ticketStatus.resolved', 'ticketStatus.resolved', TICKET_STATUS_TERMS[lang].resolved],
      ['customer.title', 'col.customer', TERMS[lang].customer],
      ['customer.title', 'customer.title', TERMS[lang].customer],
      ['customer.orders', 'col.orders', TERMS[lang].orders],
      ['category.delivery', 'ticketCategory.delivery', TICKET_CATEGORY_TERMS[lang].delivery],
      ['fu.soon', 'followUp.soon', FOLLOW_UP_TERMS[lang].soon],
      ['fu.overdue', 'followUp.overdue', FOLLOW_UP_TERMS[lang].overdue],
      ['stage.proposal', 'stage.proposal', STAGE_TERMS[lang].proposal],
      ['severity.critical', 'severity.critical', SEVERITY_TERMS[lang].critical],
    ];
    for (const [e, d, word] of same) {
      expect(ext[e], `extension ${e}`).toBe(word);
      expect(dash[d], `dashboard ${d}`).toBe(word);
    }
    expect(dash['coefficient.title']).toBe(TERMS[lang].coefficient);
  });

  it('the badge strings the content scripts ship use the same follow-up and tier words', () => {
    for (const [status, word] of Object.entries(FOLLOW_UP_TERMS[lang]))
      expect(page[`fu.${status}`]).toBe(word);
    expect(page['tier.label']).toBe(TIER_TERMS[lang].tier);
  });
});

it('the words themselves (hand-checked)', () => {
  expect(FOLLOW_UP_TERMS.en.soon).toBe('Due soon');
  expect(STAGE_TERMS['zh-CN'].won).toBe('赢单');
  expect(TERMS['zh-CN'].revenue).toBe('收入');
  expect(TERMS['zh-CN'].commission).toBe('提成');
  expect(TERMS['zh-CN'].customer).toBe('客户');
  expect(TERMS['zh-CN'].orders).toBe('订单数');
});
