import type { CliCommand } from '../command.ts';

/** A command's words and how to load it: the runner imports only the module of the command it runs. */
export interface CommandEntry {
  name: string;
  load(): Promise<CliCommand>;
}

/**
 * Every CLI command, in one table (help lists them in this order). To add one, write
 * commands/<name>.ts exporting a CliCommand (e.g. name 'import orders') and add an entry here with
 * the same name (commands.test.ts checks they match). Each module is loaded on demand, so `team list`
 * does not load the import, export, report and HTTP server code (and their npm packages).
 */
export const commandEntries: readonly CommandEntry[] = [
  { name: 'serve', load: async () => (await import('./serve.ts')).serveCommand },
  { name: 'team add', load: async () => (await import('./team.ts')).teamAddCommand },
  { name: 'team list', load: async () => (await import('./team.ts')).teamListCommand },
  { name: 'user add', load: async () => (await import('./user.ts')).userAddCommand },
  { name: 'user list', load: async () => (await import('./user.ts')).userListCommand },
  { name: 'user role', load: async () => (await import('./members.ts')).userRoleCommand },
  { name: 'user deactivate', load: async () => (await import('./members.ts')).userDeactivateCommand },
  { name: 'user activate', load: async () => (await import('./members.ts')).userActivateCommand },
  { name: 'user reset-password', load: async () => (await import('./members.ts')).userResetPasswordCommand },
  { name: 'customers reassign', load: async () => (await import('./members.ts')).customersReassignCommand },
  { name: 'import orders', load: async () => (await import('./import.ts')).importOrdersCommand },
  { name: 'import contacts', load: async () => (await import('./import.ts')).importContactsCommand },
  { name: 'import surveys', load: async () => (await import('./import.ts')).importSurveysCommand },
  { name: 'report customers', load: async () => (await import('./report.ts')).reportCustomersCommand },
  { name: 'export contacts', load: async () => (await import('./export.ts')).exportContactsCommand },
];
