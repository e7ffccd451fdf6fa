import { z } from 'zod';
import { UUID_ANY, UUID_V7 } from '../ids.ts';

/**
 * An entity id: a lower-case UUIDv7 string. Upper-case is rejected rather than folded, because ids
 * are compared as strings everywhere (merge, cookies, SQL keys).
 */
export const uuidSchema = z
  .string({ error: 'expected an id (a UUIDv7 string)' })
  .regex(UUID_V7, { error: 'expected a lower-case UUIDv7 such as "0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9c0d"' });

/** Any lower-case RFC 9562 UUID (v1–v8), e.g. a client id from crypto.randomUUID(). */
export const anyUuidSchema = z
  .string({ error: 'expected a UUID string' })
  .regex(UUID_ANY, { error: 'expected a lower-case UUID such as "3b241101-e2bb-4255-8caf-4136c566a962"' });
