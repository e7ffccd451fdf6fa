import { uuidv7 } from 'uuidv7';

/** A fresh time-ordered id (UUIDv7), like clients generate. */
export const newId = (): string => uuidv7();

/** A unique lower-case email for a test user. */
export const uniqueEmail = (prefix = 'user'): string => `${prefix}-${uuidv7().slice(-12)}@example.test`;
