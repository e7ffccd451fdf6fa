import { describe, expect, it } from 'vitest';
import { CONTACT_ID, CUSTOMER_ID, INTERACTION_ID, sampleContact, USER_ID } from '../sync/test-fixtures.ts';
import { ErrorBody, errorBody, LoginBody } from './api.ts';
import { Contact } from './contact.ts';
import { Customer } from './customer.ts';
import { formatZodError } from './errors.ts';
import { EmployeePulse, SurveyResponse } from './feedback.ts';
import { OrderLine } from './order.ts';
import { Opportunity, Ticket } from './pipeline.ts';
import { User } from './team.ts';

const stamps = {
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  deletedAt: null,
};
const errorsOf = (schema: { safeParse(v: unknown): { error?: import('zod').ZodError } }, value: unknown) => {
  const error = schema.safeParse(value).error;
  return error ? formatZodError(error) : null;
};

describe('entity schemas', () => {
  it('a full contact parses to itself', () => {
    expect(Contact.parse(sampleContact())).toEqual(sampleContact());
  });

  it('rejects unknown keys, duplicate set members and bad enums with the field path', () => {
    expect(errorsOf(Contact, { ...sampleContact(), nickname: 'S' })).toBe(
      '(root): Unrecognized key: "nickname"',
    );
    expect(errorsOf(Contact, sampleContact({ emails: ['a@acme.com', 'A@Acme.com'] }))).toBe(
      'emails: emails lists "a@acme.com" twice',
    );
    expect(errorsOf(Contact, sampleContact({ tags: ['VIP', 'vip'] }))).toBe('tags: tags lists "vip" twice');
    expect(errorsOf(Contact, sampleContact({ source: 'facebook' as never }))).toBe(
      'source: source must be one of gmail, linkedin, x, web, import, manual',
    );
    expect(
      errorsOf(
        Contact,
        sampleContact({
          preferences: { channel: 'fax' as never, language: 'en', interests: [], giftNotes: null },
        }),
      ),
    ).toMatch(/^preferences.channel: channel must be one of email, phone/);
    expect(errorsOf(Contact, sampleContact({ followUpOn: '2026-02-29' }))).toBe(
      'followUpOn: 2026-02-29 does not exist (month 02 of 2026 has 28 days)',
    );
  });

  it('customer, order line and opportunity money are decimal strings', () => {
    const customer = {
      id: CUSTOMER_ID,
      ...stamps,
      externalId: 'SM-20320',
      name: 'Sean Miller',
      kind: 'person',
      domains: [],
      emails: ['sean.miller@acme.com'],
      ownerId: USER_ID,
      currency: null,
    };
    expect(Customer.parse(customer)).toEqual(customer);
    const line = {
      id: INTERACTION_ID,
      ...stamps,
      customerId: CUSTOMER_ID,
      orderId: 'CA-2014-145317',
      lineKey: '2698',
      orderedAt: '2014-03-18',
      productId: CONTACT_ID,
      productName: 'Cisco TelePresence System EX90 Videoconferencing Unit',
      category: 'Technology',
      subCategory: 'Machines',
      quantity: 6,
      revenue: '22638.48',
      cost: null,
      profit: '-1811.0784',
      currency: 'USD',
    };
    expect(OrderLine.parse(line)).toEqual(line);
    expect(errorsOf(OrderLine, { ...line, revenue: 22638.48 })).toBe(
      'revenue: expected a decimal string such as "12.3456"',
    );
    expect(errorsOf(OrderLine, { ...line, orderedAt: '2014-02-30', quantity: 0 })).toBe(
      'orderedAt: 2014-02-30 does not exist (month 02 of 2014 has 28 days); quantity: quantity must be greater than 0',
    );
    const opportunity = {
      id: CONTACT_ID,
      ...stamps,
      contactId: null,
      customerId: CUSTOMER_ID,
      title: 'Q1 bookcases',
      amount: '12000',
      expectedMargin: '0.18',
      stage: 'proposal',
      closeDate: '2026-03-31',
      ownerId: null,
      notes: null,
    };
    expect(Opportunity.parse(opportunity)).toEqual({ ...opportunity, quote: null });
    expect(errorsOf(Opportunity, { ...opportunity, stage: 'closed' })).toBe(
      'stage: stage must be one of lead, qualified, proposal, negotiation, won, lost',
    );
  });

  it('tickets, surveys and pulses bound their scores', () => {
    const ticket = {
      id: CONTACT_ID,
      ...stamps,
      contactId: CONTACT_ID,
      customerId: null,
      orderId: null,
      channel: 'email',
      category: 'delivery',
      severity: 'high',
      status: 'resolved',
      title: 'Chairs arrived broken',
      description: null,
      resolution: 'Replaced',
      resolvedAt: '2026-01-03T10:00:00Z',
      satisfaction: 4,
      ownerId: null,
      sourceUrl: null,
      assigneeId: null,
      history: [{ status: 'resolved', at: '2026-01-03T10:00:00Z', by: null }],
    };
    expect(Ticket.parse(ticket).resolvedAt).toBe('2026-01-03T10:00:00.000Z');
    expect(errorsOf(Ticket, { ...ticket, satisfaction: 6 })).toBe('satisfaction: satisfaction must be 1–5');
    expect(errorsOf(Ticket, { ...ticket, category: 'Late Delivery' })).toBe(
      'category: id must be lower-case letters, digits and single hyphens',
    );
    const survey = {
      id: CONTACT_ID,
      ...stamps,
      contactId: CONTACT_ID,
      customerId: null,
      date: '2026-01-05',
      csat: null,
      nps: 9,
      comment: null,
    };
    expect(SurveyResponse.parse(survey)).toEqual(survey);
    expect(errorsOf(SurveyResponse, { ...survey, nps: 11 })).toBe('nps: nps must be 0–10');
    expect(
      errorsOf(EmployeePulse, {
        id: CONTACT_ID,
        ...stamps,
        userId: USER_ID,
        date: '2026-01-05',
        score: 3.5,
        comment: null,
      }),
    ).toBe('score: score must be a whole number 1–5');
  });

  it('users carry a role and never a password', () => {
    const user = {
      id: USER_ID,
      teamId: CUSTOMER_ID,
      email: 'lead@acme.com',
      name: 'Ana Lead',
      role: 'lead',
      active: true,
      timeZone: 'Europe/Berlin',
      createdAt: stamps.createdAt,
      updatedAt: stamps.updatedAt,
    };
    expect(User.parse(user)).toEqual(user);
    expect(errorsOf(User, { ...user, role: 'owner' })).toBe("role: role must be 'rep', 'lead' or 'admin'");
    expect(errorsOf(User, { ...user, passwordHash: 'x' })).toBe('(root): Unrecognized key: "passwordHash"');
  });
});

describe('API bodies', () => {
  it('LoginBody normalises the email', () => {
    expect(LoginBody.parse({ email: ' Admin@Example.com', password: 'correct horse' })).toEqual({
      email: 'admin@example.com',
      password: 'correct horse',
    });
    expect(errorsOf(LoginBody, { email: 'admin@example.com', password: '' })).toBe(
      'password: password must not be empty',
    );
  });
  it('errorBody builds a valid error', () => {
    const body = errorBody('validation_failed', 'name: name must not be empty', [
      { path: 'name', message: 'name must not be empty' },
    ]);
    expect(ErrorBody.parse(body)).toEqual({
      error: {
        code: 'validation_failed',
        message: 'name: name must not be empty',
        details: [{ path: 'name', message: 'name must not be empty' }],
      },
    });
    expect(errorBody('not_found', 'no such contact')).toEqual({
      error: { code: 'not_found', message: 'no such contact', details: null },
    });
    expect(errorsOf(ErrorBody, { error: { code: 'NotFound', message: 'x', details: null } })).toBe(
      'error.code: error code must be snake_case',
    );
  });
});
