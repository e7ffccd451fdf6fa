import { uuidv7 } from 'uuidv7';

export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const UUID_ANY = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A new entity id: UUIDv7 (time-ordered, so ids sort roughly by creation), lower-case. */
export function newId(): string {
  return uuidv7();
}

/** Whether `value` is an entity id (a lower-case UUIDv7). */
export function isUuidV7(value: unknown): value is string {
  return typeof value === 'string' && UUID_V7.test(value);
}
