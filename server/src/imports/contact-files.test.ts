import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addressLine, type Contact } from '@rapport/shared/schemas/contact';
import type { Company } from '@rapport/shared/schemas/customer';
import iconv from 'iconv-lite';
import { expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { exportContacts } from '../exports/contacts.ts';
import { captureCli, tempDir } from '../testing/cli.ts';
import { createTestApp } from '../testing/test-app.ts';
import { forEachStore } from '../testing/test-store.ts';
import { importContacts } from './contacts.ts';
import { CONTACT_FILES, type ContactFile } from './fixtures/contact-files.ts';
import { bufferSource } from './source.ts';
import { importDeps, newTeam } from './test-kit.ts';

const dir = tempDir('rapport-contacts-');
// The user ran the command in `dir`: file arguments are relative to it, not to server/.
const cli = (argv: string[], env: Record<string, string | undefined>) =>
  captureCli(argv, { env: { ...env, INIT_CWD: dir } });

forEachStore('contact files from real tools', (ctx) => {
  /** The team's contacts as comparable records, by name. */
  async function contactsOf(teamId: string) {
    const companies = new Map(
      (await ctx.store.rowQueries.live<Company>(teamId, 'company')).map((c) => [c.id, c.name]),
    );
    const contacts = await ctx.store.rowQueries.live<Contact>(teamId, 'contact');
    return Object.fromEntries(
      contacts.map((c) => [
        c.name,
        {
          // Sets: their stored order is by value, not the file's.
          emails: [...c.emails].sort(),
          phones: [...c.phones].sort(),
          title: c.title,
          company: c.companyId ? companies.get(c.companyId) : null,
          tags: c.tags,
          birthday: c.birthday,
          location: c.location,
          linkedin: c.handles.find((h) => h.network === 'linkedin')?.id ?? null,
          x: c.handles.find((h) => h.network === 'x')?.id ?? null,
          notes: c.notes ?? null,
          urls: [...(c.urls ?? [])].sort(),
          emailTypes: (c.emailTypes ?? []).map((l) => `${l.email}=${l.type}`).sort(),
          phoneTypes: (c.phoneTypes ?? []).map((l) => `${l.phone}=${l.type}`).sort(),
          addresses: (c.addresses ?? []).map(addressLine).sort(),
        },
      ]),
    );
  }

  function expectContacts(got: Record<string, Record<string, unknown>>, file: ContactFile) {
    expect(Object.keys(got).sort(), file.file).toEqual(Object.keys(file.expect).sort());
    for (const [name, want] of Object.entries(file.expect)) {
      const sets = {
        ...(want.emails && { emails: [...want.emails].sort() }),
        ...(want.phones && { phones: [...want.phones].sort() }),
        ...(want.urls && { urls: [...want.urls].sort() }),
        ...(want.addresses && { addresses: [...want.addresses].sort() }),
      };
      expect(got[name], `${file.file}: ${name}`).toMatchObject({ ...want, ...sets });
    }
  }

  for (const file of CONTACT_FILES) {
    it(`imports ${file.file} (${file.about}) through the CLI and HTTP`, async () => {
      writeFileSync(join(dir, file.file), file.text);
      const cliTeam = await newTeam(ctx.store);
      const res = await cli(['import', 'contacts', file.file, '--team', cliTeam.id], ctx.env);
      expect(res.err).not.toMatch(/failed/);
      expect(res.code).toBe(0);
      const summary = JSON.parse(res.out);
      expect(summary.errors).toEqual([]);
      expect(summary.created).toBe(Object.keys(file.expect).length);
      expect(summary.preset).toBe(file.preset ?? null);
      expectContacts(await contactsOf(cliTeam.id), file);

      const t = createTestApp(ctx.store);
      const team = await newTeam(ctx.store);
      const lead = await t.member(team, 'lead');
      const form = new FormData();
      form.set('file', new File([file.text], file.file));
      const http = await t.app.request('/api/v1/imports/contacts', {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${lead.token}` },
      });
      expect(http.status).toBe(200);
      expect((await http.json()).created).toBe(Object.keys(file.expect).length);
      expectContacts(await contactsOf(team.id), file);
    });
  }

  it('reads a Chinese address book in GB18030 and an .xlsx sheet with day-first birthdays', async () => {
    const deps = importDeps(ctx.store);
    const team = await newTeam(ctx.store);
    const imp = (name: string, bytes: Uint8Array) =>
      importContacts(deps, team.id, bufferSource(name, bytes), { ownerId: null, createdBy: null });
    const chinese =
      '姓名,手机,邮箱,公司,职位,生日\r\n王小明,+86 138 0013 8001,xiaoming@huadong-trade.cn,华东贸易,采购经理,1985-07-09\r\n';
    const cn = await imp('通讯录.csv', iconv.encode(chinese, 'gb18030'));
    expect([cn.created, cn.errorCount]).toEqual([1, 0]);
    const xlsx = await writeXlsxFile(
      [
        ['Name', 'Email', 'Birthday'],
        ['Anna Berg', 'anna@berg.se', '25/03/1980'],
        ['Ola Nord', 'ola@nord.no', '04/05/1979'],
      ].map((r) => r.map((value) => ({ value, type: String }))) as never,
    ).toBuffer();
    const x = await imp('people.xlsx', xlsx);
    expect([x.created, x.errorCount]).toEqual([2, 0]);
    const got = await contactsOf(team.id);
    expect(got.王小明).toMatchObject({
      phones: ['+8613800138001'],
      emails: ['xiaoming@huadong-trade.cn'],
      company: '华东贸易',
      title: '采购经理',
      birthday: '1985-07-09',
    });
    // 25/03/1980 shows the column is day-first, so 04/05/1979 is 4 May.
    expect([got['Anna Berg']?.birthday, got['Ola Nord']?.birthday]).toEqual(['1980-03-25', '1979-05-04']);
  });

  it("stores national numbers E.164 in the team's phone region, others as the file wrote them", async () => {
    const deps = importDeps(ctx.store);
    const csv =
      'Name,Phone\r\nWei Chen,(212) 555-0199\r\nLi Lei,138 0013 8000\r\nAda Lane,+44 20 7946 0018\r\n';
    const phonesIn = async (settings: Record<string, unknown>) => {
      const team = await newTeam(ctx.store, settings);
      const summary = await importContacts(deps, team.id, bufferSource('people.csv', Buffer.from(csv)), {
        ownerId: null,
        createdBy: null,
      });
      expect([summary.created, summary.errorCount]).toEqual([3, 0]);
      const got = await contactsOf(team.id);
      return ['Wei Chen', 'Li Lei', 'Ada Lane'].map((n) => got[n]?.phones);
    };
    // US: (212) is New York -> +1 212…; "138 0013 8000" is no US number and stays as written.
    expect(await phonesIn({ phoneRegion: 'US' })).toEqual([
      ['+12125550199'],
      ['138 0013 8000'],
      ['+442079460018'],
    ]);
    // CN: 138 0013 8000 is a mobile -> +86 138…; "(212) 555-0199" reads as Shanghai (021) 2555 0199.
    expect(await phonesIn({ phoneRegion: 'CN' })).toEqual([
      ['+862125550199'],
      ['+8613800138000'],
      ['+442079460018'],
    ]);
    // No region: only the "+" number is E.164.
    expect(await phonesIn({})).toEqual([['(212) 555-0199'], ['138 0013 8000'], ['+442079460018']]);
  });

  it('skips what a vCard cannot keep, says what, and imports the rest', async () => {
    const deps = importDeps(ctx.store);
    const team = await newTeam(ctx.store);
    const outlook2007 = CONTACT_FILES.find((f) => f.file === 'outlook-2007.vcf')!;
    const s = await importContacts(deps, team.id, bufferSource('o.vcf', Buffer.from(outlook2007.text)), {
      ownerId: null,
      createdBy: null,
    });
    expect(s.created).toBe(2);
    expect(s.ignored).toEqual([
      { property: 'PHOTO', count: 1 },
      { property: 'X-MS-CARDPICTURE', count: 1 },
    ]);
    expect(s.unreadableLines).toBe(4);
  });

  it('merges duplicates by email, handle or phone into the contact they match, and reports what each added', async () => {
    const deps = importDeps(ctx.store);
    const team = await newTeam(ctx.store);
    const imp = (name: string, text: string) =>
      importContacts(deps, team.id, bufferSource(name, Buffer.from(text)), {
        ownerId: null,
        createdBy: null,
      });
    await imp(
      'a.csv',
      'Name,Email,Phone,Title\r\nAda Byron,ada@engines.co.uk,,\r\nBo Chen,,+1 415 555 0101,\r\n',
    );
    const s = await imp(
      'b.csv',
      [
        'Name,Email,Phone,Title,LinkedIn,Tags',
        'Ada B.,ADA@engines.co.uk,+44 20 7946 0000,Countess,https://www.linkedin.com/in/adabyron/,vip',
        'Bo Chen,bo@chen.dev,+1 (415) 555-0101,,,',
        'Ada Again,ada.l@gmail.com,,,https://www.linkedin.com/in/adabyron,',
        'Ada Again,ada.l@gmail.com,,Engineer,,poets',
      ].join('\r\n'),
    );
    // Bo Chen brings an email, so his phone alone does not make him the stored Bo Chen: he is new.
    expect(s.created).toBe(1);
    const contacts = Object.fromEntries(
      (await ctx.store.rowQueries.live<Contact>(team.id, 'contact')).map((c) => [c.name, c]),
    );
    const ada = contacts['Ada Byron']!;
    expect([[...ada.emails].sort(), ada.phones, ada.title, [...ada.tags].sort(), ada.handles]).toEqual([
      ['ada.l@gmail.com', 'ada@engines.co.uk'],
      ['+442079460000'],
      'Countess',
      ['poets', 'vip'],
      [{ network: 'linkedin', id: 'adabyron' }],
    ]);
    // Row 4 matches Ada by the LinkedIn id row 2 gave her; row 5 by the email row 4 gave her.
    expect(s.duplicates.map((d) => [d.row, d.kind, d.existingId === ada.id, d.merged])).toEqual([
      [2, 'email', true, ['phones', 'handles', 'tags', 'title']],
      [4, 'linkedin', true, ['emails']],
      [5, 'email', true, ['tags']],
    ]);
    expect(s.mergedCount).toBe(3);
    expect(await ctx.store.rowQueries.live(team.id, 'contact')).toHaveLength(3);
  });

  it('round-trips: export to vCard 3.0, 4.0 and CSV, import into a new team, and nothing changes', async () => {
    const deps = importDeps(ctx.store);
    const source = await newTeam(ctx.store);
    for (const file of CONTACT_FILES)
      await importContacts(deps, source.id, bufferSource(file.file, Buffer.from(file.text)), {
        ownerId: null,
        createdBy: null,
      });
    // Text a spreadsheet would run as a formula: the CSV export quotes it, the import reads it back.
    const formula = 'Name,Email,Title\nFormula Fan,formula.fan@example.test,=SUM(A1)+cmd\n';
    await importContacts(deps, source.id, bufferSource('formula.csv', Buffer.from(formula)), {
      ownerId: null,
      createdBy: null,
    });
    const before = await contactsOf(source.id);
    expect(Object.keys(before)).toHaveLength(
      CONTACT_FILES.reduce((n, f) => n + Object.keys(f.expect).length, 0) + 1,
    );
    expect(Object.values(before).map((c) => (c as { title?: unknown }).title)).toContain('=SUM(A1)+cmd');
    for (const [format, version] of [
      ['vcard', '3.0'],
      ['vcard', '4.0'],
      ['csv', '4.0'],
    ] as const) {
      const exported = await exportContacts(ctx.store, source.id, format, version);
      if (format === 'vcard') expect(exported.body).toContain('N:Okafor;Mira;;Dr.;');
      else expect(exported.body).toContain("'=SUM(A1)+cmd");
      const target = await newTeam(ctx.store);
      const file = bufferSource(exported.filename, Buffer.from(exported.body));
      const s = await importContacts(deps, target.id, file, { ownerId: null, createdBy: null });
      expect([s.errorCount, s.created], `${format} ${version}`).toEqual([0, Object.keys(before).length]);
      expect(await contactsOf(target.id), `${format} ${version}`).toEqual(before);
      // Importing the export into the team it came from finds every contact already there.
      const again = await importContacts(deps, source.id, file, { ownerId: null, createdBy: null });
      expect([again.created, again.mergedCount], `${format} ${version} again`).toEqual([0, 0]);
    }

    // The same through HTTP (export, then import into another team) and through the CLI.
    const t = createTestApp(ctx.store);
    const lead = await t.member(source, 'lead');
    for (const format of ['vcard', 'csv'] as const) {
      const exported = await t.app.request(`/api/v1/exports/contacts?format=${format}`, {
        headers: { authorization: `Bearer ${lead.token}` },
      });
      expect(exported.status).toBe(200);
      const target = await newTeam(ctx.store);
      const targetLead = await t.member(target, 'lead');
      const form = new FormData();
      form.set('file', new File([await exported.text()], format === 'csv' ? 'team.csv' : 'team.vcf'));
      const imported = await t.app.request('/api/v1/imports/contacts', {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${targetLead.token}` },
      });
      expect(imported.status).toBe(200);
      expect(await contactsOf(target.id), `HTTP ${format}`).toEqual(before);
    }
    const out = await cli(['export', 'contacts', '--format', 'vcard', '--team', source.id], ctx.env);
    expect(out.code).toBe(0);
    writeFileSync(join(dir, 'round-trip.vcf'), out.out);
    const cliTarget = await newTeam(ctx.store);
    const res = await cli(['import', 'contacts', 'round-trip.vcf', '--team', cliTarget.id], ctx.env);
    expect(res.code).toBe(0);
    expect(await contactsOf(cliTarget.id), 'CLI vCard').toEqual(before);
  });
});
