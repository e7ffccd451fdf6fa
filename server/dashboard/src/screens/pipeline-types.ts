import type { OpportunityStage } from '@rapport/shared/settings';

export interface PipelineDeal {
  id: string;
  title: string;
  stage: OpportunityStage;
  amount: string;
  closeDate: string | null;
  closedOn: string | null;
  ownerId: string | null;
  contactId: string | null;
  customerId: string | null;
}

export interface PipelineReport {
  today: string;
  ownerId: string | null;
  probabilities: Record<string, number>;
  stages: { stage: OpportunityStage; count: number; amount: string; weighted: string }[];
  steps: { from: string; to: string; rate: number | null }[];
  summary: {
    count: number;
    amount: string;
    weighted: string;
    won: number;
    lost: number;
    wonAmount: string;
    conversion: number | null;
  };
  forecast: { ownerId: string | null; name: string; month: string; weighted: string; won: string }[];
  closingThisMonth: PipelineDeal[];
  open: PipelineDeal[];
  openTasks: { assigneeId: string; name: string; open: number; overdue: number }[];
}

export interface QuoteLineWire {
  productId: string | null;
  description: string;
  quantity: number;
  unitPrice: string;
  discountPct: string;
}

export interface OpportunityWire {
  id: string;
  title: string;
  amount: string;
  expectedMargin: string | null;
  stage: OpportunityStage;
  closeDate: string | null;
  ownerId: string | null;
  contactId: string | null;
  customerId: string | null;
  notes: string | null;
  quote: QuoteLineWire[] | null;
  createdAt: string;
}

export interface ProductWire {
  id: string;
  name: string;
  standardMargin: string | null;
}
