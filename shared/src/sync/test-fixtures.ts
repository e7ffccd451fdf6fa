// Shared by this package's tests only (not exported from the package index).
import type { Contact } from '../schemas/contact.ts';
import { formatHlc, type Hlc } from './hlc.ts';

/** 2026-01-01T00:00:00.000Z */
export const T0 = 1_767_225_600_000;

export function hlcAt(msAfterT0: number, node = 'a', counter = 0): Hlc {
  return formatHlc({ wall: T0 + msAfterT0, counter, node });
}

export const USER_ID = '0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9c01';
export const CONTACT_ID = '0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9c02';
export const CUSTOMER_ID = '0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9c03';
export const INTERACTION_ID = '0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9c04';

/** A complete contact as a client would create it (createdAt/updatedAt are derived on rows). */
export function sampleContact(overrides: Partial<Contact> = {}): Contact {
  return {
    id: CONTACT_ID,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    deletedAt: null,
    name: 'Sean Miller',
    emails: ['sean.miller@acme.com'],
    phones: ['+14155550132'],
    handles: [{ network: 'linkedin', id: 'sean-miller-4b1a2c3' }],
    customerId: null,
    companyId: null,
    title: 'Head of Purchasing',
    ownerId: USER_ID,
    tags: ['vip'],
    preferences: { channel: 'email', language: 'en', interests: ['golf'], giftNotes: null },
    birthday: '03-14',
    source: 'gmail',
    sourceUrl: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJ',
    followUpOn: null,
    location: 'Chicago, IL',
    ...overrides,
  };
}
