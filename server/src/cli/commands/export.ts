import { writeFileSync } from 'node:fs';
import { EXPORT_FORMATS, type ExportFormat, exportContacts } from '../../exports/contacts.ts';
import { VCARD_VERSIONS, type VcardVersion } from '../../exports/vcard.ts';
import { type CliCommand, TEAM_OPTION, UsageError } from '../command.ts';

export const exportContactsCommand: CliCommand = {
  name: 'export contacts',
  summary: 'Write every contact of the team as CSV or vCard to stdout (or --out FILE)',
  usage: '--format csv|vcard [--vcard-version 3.0|4.0] [--out FILE] [--team ID|NAME]',
  options: {
    ...TEAM_OPTION,
    format: { type: 'string', short: 'f' },
    'vcard-version': { type: 'string' },
    out: { type: 'string', short: 'o' },
  },
  async run(ctx, { values }) {
    const format = (values.format ?? 'csv') as ExportFormat;
    if (!EXPORT_FORMATS.includes(format)) throw new UsageError('--format must be csv or vcard');
    const version = (values['vcard-version'] ?? '4.0') as VcardVersion;
    if (!VCARD_VERSIONS.includes(version)) throw new UsageError('--vcard-version must be 3.0 or 4.0');
    const store = await ctx.store();
    const team = await ctx.team(store, values.team as string | undefined);
    const file = await exportContacts(store, team.id, format, version);
    if (typeof values.out === 'string') writeFileSync(values.out, file.body);
    else ctx.out(file.body);
    ctx.err(
      `Exported ${file.count} contacts of "${team.name}" as ${format === 'vcard' ? `vCard ${version}` : 'CSV'}${typeof values.out === 'string' ? ` to ${values.out}` : ''}.\n`,
    );
    return 0;
  },
};
