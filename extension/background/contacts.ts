import type { Contact } from '@rapport/shared/schemas/contact';
import { patchFromChanges } from '@rapport/shared/sync/changes';
import { writeLocal, writeRow } from '../db/outbox.ts';
import { liveData } from '../db/records.ts';
import type { BackgroundServices } from './services.ts';
import { CommandError } from './services.ts';

type ContactChanges = Partial<Omit<Contact, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt'>>;

/** Applies changes to a live contact (unchanged fields send nothing) and returns it as stored. */
export async function updateContact(
  services: BackgroundServices,
  id: string,
  changes: ContactChanges,
): Promise<Contact> {
  const { db } = services;
  return writeRow(services, 'contact', async (w) => {
    const before = liveData(await db.contacts.get(id));
    if (!before) throw new CommandError('not_found', `No contact ${id}`);
    if (changes.customerId) {
      const customer = liveData(await db.customers.get(changes.customerId));
      if (!customer) throw new CommandError('not_found', `No customer ${changes.customerId}`);
    }
    const patch = patchFromChanges('contact', before, changes, w.tick());
    if (patch.fields || patch.sets) await w.mutate('contact.upsert', { id, patch });
    return id;
  });
}

/** Tombstones the contact and all its interactions and purges their content here and, once synced, everywhere. */
export async function eraseContact(services: BackgroundServices, id: string): Promise<void> {
  const { db } = services;
  await writeLocal(
    db,
    async (w) => {
      if (!liveData(await db.contacts.get(id))) throw new CommandError('not_found', `No contact ${id}`);
      await w.mutate('contact.erase', { id, at: w.now.toISOString(), t: w.tick() });
    },
    services.now,
  );
  services.requestSync();
}
