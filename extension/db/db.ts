import { RapportDB } from './schema.ts';

let instance: RapportDB | null = null;

/**
 * The background's database: the one writer. Extension pages open their own read handle
 * (ui/data.ts); content scripts never open it (their IndexedDB would belong to the page's origin).
 */
export function getDb(): RapportDB {
  instance ??= new RapportDB();
  return instance;
}
