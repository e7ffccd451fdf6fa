import type { CliCommand } from '../command.ts';
import { exportContactsCommand } from './export.ts';
import { importContactsCommand, importOrdersCommand } from './import.ts';
import {
  customersReassignCommand,
  userActivateCommand,
  userDeactivateCommand,
  userResetPasswordCommand,
  userRoleCommand,
} from './members.ts';
import { reportCustomersCommand } from './report.ts';
import { serveCommand } from './serve.ts';
import { teamAddCommand, teamListCommand } from './team.ts';
import { userAddCommand, userListCommand } from './user.ts';

/**
 * Every CLI command, in one table (help lists them in this order). To add one, write
 * commands/<name>.ts exporting a CliCommand (e.g. name 'import orders') and append it here.
 */
export const commands: readonly CliCommand[] = [
  serveCommand,
  teamAddCommand,
  teamListCommand,
  userAddCommand,
  userListCommand,
  userRoleCommand,
  userDeactivateCommand,
  userActivateCommand,
  userResetPasswordCommand,
  customersReassignCommand,
  importOrdersCommand,
  importContactsCommand,
  reportCustomersCommand,
  exportContactsCommand,
];
