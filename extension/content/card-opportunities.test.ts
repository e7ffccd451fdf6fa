// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { FakePerson } from './testing/fake-background.ts';
import { click, openPagesPerTest, typeInto } from './testing/page.ts';

const open = openPagesPerTest();

const RAHUL: FakePerson = {
  name: 'Rahul Mehta',
  emails: ['rahul.mehta@supplier.example'],
  customer: { name: 'Supplier Ltd', externalId: null, tier: 'B', profit: '48211.25', revenue: '200000' },
  followUp: { status: 'overdue', dueOn: '2026-01-01' },
  openTasks: [
    { id: '0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9e01', title: 'Call about the renewal', due: '2026-01-01' },
  ],
};

async function cardFor(people: FakePerson[]) {
  const page = await open('gmail', '2025-thread', { people });
  const sender = page.controller
    .badges()
    .find((b) => b.anchor.getAttribute('email') === 'rahul.mehta@supplier.example');
  click(sender?.ui.root.querySelector('button') as Element);
  await page.settle();
  const root = page.controller.card.root as ShadowRoot;
  const button = (label: string) =>
    Array.from(root.querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === label,
    ) as HTMLButtonElement;
  const field = (name: string) => root.querySelector(`[name="${name}"]`) as HTMLInputElement;
  return { page, root, button, field, text: () => (root.textContent ?? '').replace(/\s+/g, ' ') };
}

describe('opportunities on the card', () => {
  it('creates one from the form, with the team’s stage probabilities, then moves it one stage in one click', async () => {
    const { page, button, field, text, root } = await cardFor([RAHUL]);
    expect(page.bg.of('opportunities.list')).toHaveLength(1);
    click(button('New opportunity'));
    await page.settle();
    const stages = Array.from(root.querySelectorAll('[name="opp-stage"] option')).map((o) => o.textContent);
    expect(stages).toEqual([
      'Lead · 10 %',
      'Qualified · 25 %',
      'Proposal · 50 %',
      'Negotiation · 75 %',
      'Won · 100 %',
      'Lost · 0 %',
    ]);
    typeInto(field('opp-title'), 'Autumn volumes');
    typeInto(field('opp-amount'), '12,500.50');
    typeInto(field('opp-margin'), '35');
    typeInto(field('opp-close'), '2026-04-30');
    const stage = field('opp-stage') as unknown as HTMLSelectElement;
    stage.value = 'proposal';
    stage.dispatchEvent(
      new (root.ownerDocument.defaultView as Window & typeof globalThis).Event('change', { bubbles: true }),
    );
    await page.settle();
    // 12,500.50 × 50 % = 6,250.25, by the shared weighted rule.
    expect(text()).toContain('Weighted by the stage’s probability: $6,250.25');
    click(button('Save opportunity'));
    await page.settle();
    expect(page.bg.of('opportunity.create')).toEqual([
      {
        type: 'opportunity.create',
        contactId: expect.any(String),
        title: 'Autumn volumes',
        amount: '12500.50',
        expectedMargin: '0.35',
        closeDate: '2026-04-30',
        stage: 'proposal',
      },
    ]);
    expect(text()).toContain('Opportunity saved.');
    expect(text()).toContain('Autumn volumes');
    expect(text()).toContain('$12,500.50 · Proposal 50 %');

    click(button('→ Negotiation'));
    await page.settle();
    expect(page.bg.of('opportunity.update').at(-1)).toMatchObject({ changes: { stage: 'negotiation' } });
    expect(text()).toContain('Moved to Negotiation.');
    expect(text()).toContain('Negotiation 75 %');
    expect(button('→ Won')).toBeDefined();
  });

  it('marks an open deal lost in one click, like the side panel, and then no longer lists it as open', async () => {
    const { page, button, field, text } = await cardFor([RAHUL]);
    click(button('New opportunity'));
    await page.settle();
    typeInto(field('opp-title'), 'Winter volumes');
    typeInto(field('opp-amount'), '800');
    click(button('Save opportunity'));
    await page.settle();
    expect(text()).toContain('Winter volumes');
    click(button('Lost'));
    await page.settle();
    expect(page.bg.of('opportunity.update').at(-1)).toMatchObject({ changes: { stage: 'lost' } });
    expect(text()).toContain('Moved to Lost.');
    expect(text()).not.toContain('Winter volumes');
  });

  it('refuses bad input in the form with a clear message and sends nothing', async () => {
    const { page, button, field, text } = await cardFor([RAHUL]);
    click(button('New opportunity'));
    await page.settle();
    typeInto(field('opp-amount'), '12.34567');
    typeInto(field('opp-margin'), '120');
    click(button('Save opportunity'));
    await page.settle();
    expect(text()).toContain('Give the opportunity a title.');
    expect(text()).toContain('The amount must be a plain number with at most 4 decimals');
    expect(text()).toContain('The margin is a percentage from 0 to 100');
    expect(field('opp-amount').getAttribute('aria-invalid')).toBe('true');
    expect(page.bg.of('opportunity.create')).toHaveLength(0);
  });

  it('names the rep’s task that makes the follow-up overdue', async () => {
    const { text } = await cardFor([RAHUL]);
    expect(text()).toContain('Task: Call about the renewal · due Jan 1, 2026');
  });
});
