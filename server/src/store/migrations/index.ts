import { coreSchema } from './001-core.ts';
import { loginAddresses } from './002-login-addresses.ts';
import { customerRollups } from './003-customer-rollups.ts';
import { campaigns } from './004-campaigns.ts';
import { employeePulses } from './005-employee-pulses.ts';
import { customerDirectory } from './006-customer-directory.ts';
import type { Migration } from './migration.ts';

/** Every migration in order. Add a new file `NNN-name.ts` and append it here; never reorder or edit. */
export const migrations: readonly Migration[] = [
  coreSchema,
  loginAddresses,
  customerRollups,
  campaigns,
  employeePulses,
  customerDirectory,
];
