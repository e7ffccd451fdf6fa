import type { Patch } from '@rapport/shared/sync/row';

/** One contact.upsert as written to some client's outbox. */
export interface ContactWrite {
  client: number;
  mutationId: number;
  contactId: string;
  patch: Patch;
}

/** Every local write of the run, read back from the outboxes: what the server must end up with. */
export class Oracle {
  readonly contactWrites: ContactWrite[] = [];
  readonly erases: Array<{ client: number; mutationId: number; contactId: string }> = [];
  readonly interactions: Array<{ client: number; mutationId: number; id: string; contactId: string }> = [];
  /** Emails/tags any client ever removed from any contact (removal may legitimately win). */
  readonly removed = { emails: new Set<string>(), tags: new Set<string>() };

  record(client: number, entry: { id: number; name: string; args: unknown }): void {
    const args = entry.args as Record<string, unknown>;
    if (entry.name === 'contact.upsert') {
      const patch = args.patch as Patch;
      this.contactWrites.push({ client, mutationId: entry.id, contactId: args.id as string, patch });
      for (const set of ['emails', 'tags'] as const)
        for (const [key, el] of Object.entries(patch.sets?.[set] ?? {}))
          if (!el.on) this.removed[set].add(key);
    } else if (entry.name === 'contact.erase') {
      this.erases.push({ client, mutationId: entry.id, contactId: args.id as string });
    } else if (entry.name === 'interaction.add') {
      const i = args.interaction as { id: string; contactId: string };
      this.interactions.push({ client, mutationId: entry.id, id: i.id, contactId: i.contactId });
    }
  }
}
