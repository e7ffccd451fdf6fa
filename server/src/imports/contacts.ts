import { companyClues, matchCompany } from '@rapport/shared/domain/company-match';
import {
  linkedinIdFromUrl,
  normaliseEmail,
  normaliseLinkedinId,
  normaliseName,
  xHandle,
} from '@rapport/shared/identity/normalize';
import { storedPhone } from '@rapport/shared/identity/phone-match';
import {
  addressKey,
  type Contact,
  Contact as ContactSchema,
  type EmailLabel,
  type PhoneLabel,
  type PostalAddress,
} from '@rapport/shared/schemas/contact';
import type { Company } from '@rapport/shared/schemas/customer';
import { ValidationError } from '@rapport/shared/schemas/errors';
import { phoneKey, phoneNumber } from '@rapport/shared/schemas/primitives';
import { findBadText } from '@rapport/shared/text';
import { uuidv7 } from 'uuidv7';
import { teamSettings } from '../accounts/settings.ts';
import { type RowChange, saveRows, writeWithVersion } from '../entities/save.ts';
import type { ContactDraft } from '../exports/contact-draft.ts';
import { VcardError } from '../exports/vcard.ts';
import type { Identity, Store } from '../store/store.ts';
import { readContactCsv } from './contact-csv.ts';
import { linkContactsByDomain } from './contact-links.ts';
import type { ContactPreset } from './contact-presets.ts';
import type { RowError } from './order-row.ts';
import type { ImportDeps } from './orders.ts';
import { MAX_REPORTED_ERRORS } from './orders.ts';
import { editRow, newRow } from './row-edits.ts';
import { type ByteSource, bufferSource, head, readText } from './source.ts';
import { readVcards } from './vcard-read.ts';

export const CONTACT_FORMATS = ['csv', 'vcard'] as const;
export type ContactFormat = (typeof CONTACT_FORMATS)[number];

export interface ContactDuplicate {
  row: number;
  name: string;
  /** The identity that matched (normalised email, LinkedIn id or X handle). */
  kind: string;
  value: string;
  /** The existing contact, or null when an earlier row of the same file had it. */
  existingId: string | null;
  /** What this row added to that contact (emails, phones, handles, tags, or empty fields it filled). */
  merged: string[];
}

export interface ContactImportSummary {
  importId: string;
  file: string;
  format: ContactFormat;
  rows: number;
  created: number;
  duplicates: ContactDuplicate[];
  duplicateCount: number;
  /** Duplicates that added something to the contact they matched. */
  mergedCount: number;
  errors: RowError[];
  errorCount: number;
  companiesCreated: number;
  /** Contacts linked to a customer through the file's Customer ID column. */
  linkedToCustomers: number;
  /** Customer ids in the file that no customer of the team has (those contacts stay unlinked). */
  unknownCustomerIds: number;
  /** Contacts (new or existing) linked because their email domain is a company customer's. */
  linkedByDomain: number;
  /** The tool whose CSV export was recognised (google, outlook, linkedin, hubspot), else null. */
  preset: ContactPreset | null;
  /** vCard properties or CSV columns present but not kept, with how many cards or columns had them. */
  ignored: { property: string; count: number }[];
  /** vCard lines that were no property (e.g. a photo's raw base64), skipped. */
  unreadableLines: number;
}

/** The draft with its phones read in `region`: E.164 when they parse, else as the file wrote them. */
function inRegion(d: ContactDraft, region: string): ContactDraft {
  return {
    ...d,
    phones: d.phones.map((p) => storedPhone(p, region)),
    phoneTypes: d.phoneTypes.map((l) => ({ ...l, phone: storedPhone(l.phone, region) })),
  };
}

/** csv or vcard, from what the caller said, the file name, or the first bytes. */
export async function contactFormatOf(
  source: ByteSource,
  given: ContactFormat | undefined,
): Promise<ContactFormat> {
  if (given) return given;
  if (/\.(vcf|vcard)$/i.test(source.name)) return 'vcard';
  if (/\.(csv|xlsx|txt|tsv)$/i.test(source.name)) return 'csv';
  const start = (await readText(bufferSource(source.name, await head(source, 4096)))).slice(0, 200);
  return /^\s*BEGIN:VCARD/i.test(start) ? 'vcard' : 'csv';
}

/** The identities a draft claims, normalised; bad values become errors. */
function identitiesOf(
  d: ContactDraft,
  errors: RowError[],
): { emails: string[]; linkedin: string | null; x: string | null } {
  const bad = (column: string, message: string) => errors.push({ row: d.row, column, message });
  const emails: string[] = [];
  for (const raw of d.emails) {
    const e = normaliseEmail(raw);
    if (e === null) bad('email', `"${raw}" is not an email address`);
    else if (!emails.includes(e)) emails.push(e);
  }
  const linkedin =
    d.linkedin === null ? null : (linkedinIdFromUrl(d.linkedin) ?? normaliseLinkedinId(d.linkedin));
  if (d.linkedin !== null && linkedin === null)
    bad('linkedin', `"${d.linkedin}" is not a LinkedIn profile URL or id`);
  const x = d.x === null ? null : xHandle(d.x);
  if (d.x !== null && x === null) bad('x', `"${d.x}" is not an X handle`);
  return { emails, linkedin, x };
}

interface Prepared {
  draft: ContactDraft;
  name: string;
  emails: string[];
  /** Unique identities (email, LinkedIn, X): any match is the same person. */
  claims: Identity[];
  /** For a contact without those: phone keys, which match only together with the same normalised name. */
  phones: string[];
}

/** Whether the merged fields still make a valid contact (e.g. not too many tags). */
function validContact(fields: Mergeable & { name: string }): boolean {
  return ContactSchema.pick({
    emails: true,
    phones: true,
    handles: true,
    tags: true,
    title: true,
    birthday: true,
    location: true,
    name: true,
    notes: true,
    urls: true,
    emailTypes: true,
    phoneTypes: true,
    addresses: true,
  }).safeParse(fields).success;
}

/**
 * The draft's extras as the Contact keeps them: type labels only for the draft's own emails and
 * phones (normalised, first label wins), URLs and addresses without repeats.
 */
function extrasOf(d: ContactDraft, emails: string[]): Extras {
  const emailTypes: Extras['emailTypes'] = [];
  for (const l of d.emailTypes) {
    const email = normaliseEmail(l.email);
    if (email && emails.includes(email) && !emailTypes.some((x) => x.email === email))
      emailTypes.push({ email, type: l.type });
  }
  const phoneKeys = new Set(d.phones.map(phoneKeyOf));
  const phoneTypes: Extras['phoneTypes'] = [];
  for (const l of d.phoneTypes) {
    const key = phoneKeyOf(l.phone);
    const parsed = phoneNumber.safeParse(l.phone);
    if (key && parsed.success && phoneKeys.has(key) && !phoneTypes.some((x) => phoneKeyOf(x.phone) === key))
      phoneTypes.push({ phone: parsed.data, type: l.type });
  }
  const addresses: PostalAddress[] = [];
  for (const a of d.addresses) if (!addresses.some((x) => addressKey(x) === addressKey(a))) addresses.push(a);
  return { notes: d.notes, urls: [...new Set(d.urls)], emailTypes, phoneTypes, addresses };
}

interface Extras {
  notes: string | null;
  urls: string[];
  emailTypes: EmailLabel[];
  phoneTypes: PhoneLabel[];
  addresses: PostalAddress[];
}

/** The stored key of a phone as the Contact schema would keep it, or null when it is not a phone. */
function phoneKeyOf(raw: string): string | null {
  const parsed = phoneNumber.safeParse(raw);
  return parsed.success ? phoneKey(parsed.data) : null;
}

/** The fields a merge may add to: sets grow, empty scalars get filled; nothing is overwritten. */
interface Mergeable {
  emails: string[];
  phones: string[];
  handles: { network: string; id: string }[];
  tags: string[];
  title: string | null;
  birthday: string | null;
  location: string | null;
  notes?: string | null;
  urls?: string[];
  emailTypes?: EmailLabel[];
  phoneTypes?: PhoneLabel[];
  addresses?: PostalAddress[];
}

/** Adds what a duplicate row knows and `target` lacks; returns the names of the fields it changed. */
function mergeInto(target: Mergeable, d: ContactDraft, emails: string[]): string[] {
  const changed = new Set<string>();
  for (const e of emails)
    if (!target.emails.includes(e)) {
      target.emails.push(e);
      changed.add('emails');
    }
  const phoneKeys = new Set(target.phones.map(phoneKeyOf));
  for (const raw of d.phones) {
    const key = phoneKeyOf(raw);
    if (key !== null && !phoneKeys.has(key)) {
      target.phones.push(raw);
      phoneKeys.add(key);
      changed.add('phones');
    }
  }
  for (const [network, id] of [
    ['linkedin', d.linkedin],
    ['x', d.x],
  ] as const)
    if (id && !target.handles.some((h) => h.network === network)) {
      target.handles.push({ network, id });
      changed.add('handles');
    }
  const tags = new Set(target.tags.map((t) => t.toLowerCase()));
  for (const t of d.tags)
    if (!tags.has(t.toLowerCase())) {
      target.tags.push(t);
      tags.add(t.toLowerCase());
      changed.add('tags');
    }
  for (const field of ['title', 'birthday', 'location'] as const)
    if (target[field] === null && d[field] !== null) {
      target[field] = d[field];
      changed.add(field);
    }
  const extras = extrasOf(d, target.emails);
  if (!target.notes && extras.notes) {
    target.notes = extras.notes;
    changed.add('notes');
  }
  const add = <T>(
    field: 'urls' | 'emailTypes' | 'phoneTypes' | 'addresses',
    items: T[],
    key: (x: T) => string,
  ) => {
    const list = (target[field] ?? []) as T[];
    const keys = new Set(list.map(key));
    for (const x of items)
      if (!keys.has(key(x))) {
        list.push(x);
        keys.add(key(x));
        changed.add(field);
      }
    (target as unknown as Record<string, T[]>)[field] = list;
  };
  add('urls', extras.urls, (u) => u);
  add('emailTypes', extras.emailTypes, (l) => l.email);
  add('phoneTypes', extras.phoneTypes, (l) => phoneKeyOf(l.phone) ?? l.phone);
  add('addresses', extras.addresses, addressKey);
  return [...changed];
}

const copyMergeable = (c: Mergeable): Mergeable => ({
  emails: [...c.emails],
  phones: [...c.phones],
  handles: c.handles.map((h) => ({ ...h })),
  tags: [...c.tags],
  title: c.title,
  birthday: c.birthday,
  location: c.location,
  notes: c.notes ?? null,
  urls: [...(c.urls ?? [])],
  emailTypes: (c.emailTypes ?? []).map((l) => ({ ...l })),
  phoneTypes: (c.phoneTypes ?? []).map((l) => ({ ...l })),
  addresses: (c.addresses ?? []).map((a) => ({ ...a })),
});

/** "kind:value" -> the live contact holding that identity. */
async function claimHolders(tx: Store, teamId: string, claims: Identity[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const kind of new Set(claims.map((c) => c.kind))) {
    const values = claims.filter((c) => c.kind === kind).map((c) => c.value);
    for (const [value, id] of await tx.rowQueries.holders(teamId, 'contact', kind, values))
      out.set(`${kind}:${value}`, id);
  }
  return out;
}

/** phone key -> normalised name -> the live contact holding that phone under that name. */
async function namesByPhone(
  tx: Store,
  teamId: string,
  phones: string[],
): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  if (phones.length === 0) return out;
  const held = [...(await tx.rowQueries.holders(teamId, 'contact', 'phone', phones))].map(([value, id]) => ({
    value,
    id,
  }));
  const rows = new Map(
    (
      await tx.rows.getMany(
        teamId,
        'contact',
        held.map((h) => h.id),
      )
    ).map((r) => [r.id, r]),
  );
  for (const h of held) {
    const name = rows.get(h.id)?.data.name;
    if (typeof name === 'string')
      out.set(h.value, (out.get(h.value) ?? new Map()).set(normaliseName(name), h.id));
  }
  return out;
}

/** Finds or creates companies by the shared rule (work-email domain, then name), remembering those of earlier rows. */
class Companies {
  readonly #byDomain = new Map<string, string>();
  #byName: Map<string, string> | null = null;
  created = 0;
  readonly changes: RowChange[] = [];

  constructor(
    readonly deps: ImportDeps,
    readonly tx: Store,
    readonly teamId: string,
  ) {}

  async resolve(draft: ContactDraft, emails: string[]): Promise<string | null> {
    const clues = companyClues(draft.company, emails);
    if (clues === null) return null;
    const match = await matchCompany(clues, {
      byDomain: async (domain) => {
        const known =
          this.#byDomain.get(domain) ??
          (await this.tx.rowQueries.holders(this.teamId, 'company', 'domain', [domain])).get(domain);
        if (known) this.#byDomain.set(domain, known);
        return known;
      },
      byName: async (key) => {
        this.#byName ??= new Map(
          (await this.tx.rowQueries.live<Company>(this.teamId, 'company')).map((c) => [
            normaliseName(c.name),
            c.id,
          ]),
        );
        return this.#byName.get(key);
      },
    });
    return 'id' in match ? match.id : this.#create(match.create.name, match.create.domains);
  }

  #create(name: string, domains: string[]): string {
    const id = uuidv7();
    this.changes.push(newRow('company', { id, name, domains }, this.deps.hlc));
    for (const d of domains) this.#byDomain.set(d, id);
    this.#byName?.set(normaliseName(name), id);
    this.created += 1;
    return id;
  }
}

/**
 * Imports contacts from CSV or vCard (3.0/4.0) through the entity write path, in one transaction.
 * A contact whose normalised email (or LinkedIn id, X handle) a live contact already has, or an
 * earlier row of the file had, is a duplicate and is not created. Work-email domains find or create
 * the company; a Customer ID column links the customer; contacts whose domain is a company
 * customer's are linked after.
 */
export async function importContacts(
  deps: ImportDeps,
  teamId: string,
  source: ByteSource,
  options: { format?: ContactFormat; ownerId: string | null; createdBy: string | null },
): Promise<ContactImportSummary> {
  const format = await contactFormatOf(source, options.format);
  let drafts: ContactDraft[];
  let preset: ContactPreset | null = null;
  let ignored: ContactImportSummary['ignored'] = [];
  let unreadableLines = 0;
  if (format === 'vcard') {
    const read = readVcards(await readText(source));
    if (read.drafts.length === 0) throw new VcardError('The file holds no vCard (BEGIN:VCARD … END:VCARD)');
    ({ drafts, ignored, unreadableLines } = read);
  } else ({ drafts, preset } = await readContactCsv(source));
  const members = new Map((await deps.store.users.list(teamId)).map((u) => [u.email, u.id]));
  // National numbers ("(212) 555-0199") are kept E.164 when they parse in the team's phone region.
  const region = teamSettings((await deps.store.teams.get(teamId)) ?? { settings: {} }).phoneRegion;
  if (region !== null) drafts = drafts.map((d) => inRegion(d, region));

  return writeWithVersion(deps.store, teamId, async (tx, version) => {
    const at = deps.clock.now().toISOString();
    const errors: RowError[] = [];
    const duplicates: ContactDuplicate[] = [];
    let errorCount = 0;
    let duplicateCount = 0;
    let mergedCount = 0;
    const companies = new Companies(deps, tx, teamId);
    const claimed = new Map<string, number>();
    let created = 0;
    let linkedToCustomers = 0;
    let unknownCustomerIds = 0;

    for (let i = 0; i < drafts.length; i += 1000) {
      const prepared: Prepared[] = [];
      for (const draft of drafts.slice(i, i + 1000)) {
        const rowErrors: RowError[] = [];
        // A NUL (Postgres cannot store it) or a broken character in any cell refuses the row.
        const badText = findBadText(draft);
        if (badText)
          rowErrors.push({ row: draft.row, column: String(badText.path[0]), message: badText.message });
        const ids = identitiesOf(draft, rowErrors);
        const name = draft.name ?? ids.emails[0] ?? null;
        if (name === null)
          rowErrors.push({ row: draft.row, column: 'name', message: 'has no name and no email' });
        if (rowErrors.length > 0 || name === null) {
          errorCount += rowErrors.length;
          errors.push(...rowErrors.slice(0, Math.max(0, MAX_REPORTED_ERRORS - errors.length)));
          continue;
        }
        const claims: Identity[] = [
          ...ids.emails.map((value) => ({ kind: 'email', value })),
          ...(ids.linkedin ? [{ kind: 'linkedin', value: ids.linkedin }] : []),
          ...(ids.x ? [{ kind: 'x', value: ids.x }] : []),
        ];
        const phones =
          claims.length > 0 ? [] : draft.phones.map(phoneKeyOf).filter((k): k is string => k !== null);
        prepared.push({
          draft: { ...draft, linkedin: ids.linkedin, x: ids.x },
          name,
          emails: ids.emails,
          claims,
          phones,
        });
      }
      const held = await claimHolders(
        tx,
        teamId,
        prepared.flatMap((p) => p.claims),
      );
      const phoneNames = await namesByPhone(
        tx,
        teamId,
        prepared.flatMap((p) => p.phones),
      );
      const customerIds = [
        ...new Set(prepared.map((p) => p.draft.customerExternalId).filter((c): c is string => c !== null)),
      ];
      const customers = await tx.rowQueries.holders(teamId, 'customer', 'externalId', customerIds);

      const changes: RowChange[] = [];
      // New contacts of this batch by claim (merged into by later rows), and merges into stored contacts.
      const fresh = new Map<string, Mergeable>();
      const toCreate: {
        value: Mergeable & Record<string, unknown>;
        draft: ContactDraft;
        emails: string[];
      }[] = [];
      const intoStored = new Map<
        string,
        { draft: ContactDraft; emails: string[]; report: ContactDuplicate }[]
      >();
      for (const p of prepared) {
        const nameKey = normaliseName(p.name);
        const samePhone = p.phones.find(
          (k) => phoneNames.get(k)?.has(nameKey) || claimed.has(`phone:${k}|${nameKey}`),
        );
        const dup =
          p.claims.find((c) => held.has(`${c.kind}:${c.value}`) || claimed.has(`${c.kind}:${c.value}`)) ??
          (samePhone ? { kind: 'phone', value: samePhone } : undefined);
        if (dup) {
          const key = `${dup.kind}:${dup.value}`;
          duplicateCount += 1;
          const report: ContactDuplicate = {
            row: p.draft.row,
            name: p.name,
            kind: dup.kind,
            value: dup.value,
            existingId: held.get(key) ?? phoneNames.get(dup.value)?.get(nameKey) ?? null,
            merged: [],
          };
          if (duplicates.length < MAX_REPORTED_ERRORS) duplicates.push(report);
          const earlier = fresh.get(dup.kind === 'phone' ? `phone:${dup.value}|${nameKey}` : key);
          if (report.existingId) {
            const list = intoStored.get(report.existingId) ?? [];
            intoStored.set(report.existingId, [...list, { draft: p.draft, emails: p.emails, report }]);
            // Its other identities now belong to that contact too: later rows holding them match it.
            for (const c of p.claims) held.set(`${c.kind}:${c.value}`, report.existingId);
          } else if (earlier) {
            const trial = copyMergeable(earlier);
            const merged = mergeInto(trial, p.draft, p.emails);
            if (merged.length > 0 && validContact({ ...trial, name: p.name })) {
              Object.assign(earlier, trial);
              report.merged = merged;
              mergedCount += 1;
            }
            for (const c of p.claims) {
              claimed.set(`${c.kind}:${c.value}`, p.draft.row);
              fresh.set(`${c.kind}:${c.value}`, earlier);
            }
          }
          continue;
        }
        const d = p.draft;
        const customerId =
          d.customerExternalId === null ? null : (customers.get(d.customerExternalId) ?? null);
        if (d.customerExternalId !== null && customerId === null) unknownCustomerIds += 1;
        const ownerId =
          (d.owner === null ? undefined : members.get(d.owner.toLowerCase())) ?? options.ownerId;
        const value = {
          id: uuidv7(),
          name: p.name,
          emails: p.emails,
          phones: d.phones,
          handles: [
            ...(d.linkedin ? [{ network: 'linkedin' as const, id: d.linkedin }] : []),
            ...(d.x ? [{ network: 'x' as const, id: d.x }] : []),
          ],
          title: d.title,
          tags: d.tags,
          birthday: d.birthday,
          location: d.location,
          ...extrasOf(d, p.emails),
          customerId,
          ownerId,
          source: 'import' as const,
        };
        try {
          newRow('contact', value, deps.hlc); // validates before a company is made for it
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          errorCount += 1;
          if (errors.length < MAX_REPORTED_ERRORS)
            errors.push({
              row: d.row,
              column: null,
              message: err.message.replace(/^invalid contact change: /, ''),
            });
          continue;
        }
        toCreate.push({
          value: { ...value, companyId: await companies.resolve(d, p.emails) },
          draft: d,
          emails: p.emails,
        });
        const created_ = toCreate.at(-1)?.value as Mergeable;
        for (const c of p.claims) {
          claimed.set(`${c.kind}:${c.value}`, d.row);
          fresh.set(`${c.kind}:${c.value}`, created_);
        }
        for (const k of p.phones) {
          claimed.set(`phone:${k}|${nameKey}`, d.row);
          fresh.set(`phone:${k}|${nameKey}`, created_);
        }
        created += 1;
        if (customerId) linkedToCustomers += 1;
      }
      for (const c of toCreate) changes.push(newRow('contact', c.value as never, deps.hlc));
      // Duplicates of stored contacts add what they know to them (sets grow, empty fields fill).
      for (const row of await tx.rows.getMany(teamId, 'contact', [...intoStored.keys()])) {
        const data = row.data as unknown as Contact;
        const target = copyMergeable(data);
        for (const { draft, emails, report } of intoStored.get(row.id) ?? []) {
          const trial = copyMergeable(target);
          const merged = mergeInto(trial, draft, emails);
          if (merged.length === 0 || !validContact({ ...trial, name: data.name })) continue;
          Object.assign(target, trial);
          report.merged = merged;
          mergedCount += 1;
        }
        const change = editRow('contact', row, target as never, deps.hlc);
        if (change) changes.push(change);
      }
      await saveRows(tx, teamId, version, [...companies.changes.splice(0), ...changes], at);
    }

    const linkedByDomain = await linkContactsByDomain(tx, teamId, version, deps.hlc, at);
    const summary: ContactImportSummary = {
      importId: uuidv7(),
      file: source.name,
      format,
      rows: drafts.length,
      created,
      duplicates,
      duplicateCount,
      mergedCount,
      errors,
      errorCount,
      companiesCreated: companies.created,
      linkedToCustomers,
      unknownCustomerIds,
      linkedByDomain,
      preset,
      ignored,
      unreadableLines,
    };
    await tx.imports.add(teamId, {
      id: summary.importId,
      kind: 'contacts',
      filename: source.name,
      createdBy: options.createdBy,
      createdAt: at,
      summary: {
        ...summary,
        duplicates: duplicates.slice(0, 100),
        errors: errors.slice(0, 100),
      } as unknown as Record<string, unknown>,
    });
    return { result: summary, changed: created + companies.created + linkedByDomain + mergedCount > 0 };
  });
}
