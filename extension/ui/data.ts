import { RapportDB } from '../db/schema.ts';

/**
 * This page's read handle on the extension database (same origin as the background). Pages only
 * read — through useLiveQuery — and send every write to the background as a command.
 */
export const db = new RapportDB();
