import type { Driver } from '../driver.ts';
import { createSqlStore, type Store } from '../store.ts';
import { coreSchema } from './001-core.ts';
import { loginAddresses } from './002-login-addresses.ts';
import { customerRollups } from './003-customer-rollups.ts';
import { campaigns } from './004-campaigns.ts';
import { employeePulses } from './005-employee-pulses.ts';
import { customerDirectory } from './006-customer-directory.ts';
import { customerIntervals } from './007-customer-intervals.ts';
import { metricsLines } from './008-metrics-lines.ts';
import { monthProfits } from './009-month-profits.ts';
import { reportTotals } from './010-report-totals.ts';
import { rejectionCodes } from './011-rejection-codes.ts';
import { customerNameKeys } from './012-customer-name-keys.ts';
import { rowsJsonText } from './013-rows-json-text.ts';
import { windowSumIndexes } from './014-window-sum-indexes.ts';
import { importTotals } from './015-import-totals.ts';
import { identitiesValueIndex } from './016-identities-value-index.ts';
import type { Migration } from './migration.ts';
import { runMigrations } from './run-migrations.ts';

/** Every migration in order. Add a new file `NNN-name.ts` and append it here; never reorder or edit. */
export const migrations: readonly Migration[] = [
  coreSchema,
  loginAddresses,
  customerRollups,
  campaigns,
  employeePulses,
  customerDirectory,
  customerIntervals,
  metricsLines,
  monthProfits,
  reportTotals,
  rejectionCodes,
  customerNameKeys,
  rowsJsonText,
  windowSumIndexes,
  importTotals,
  identitiesValueIndex,
];

/** The store over `driver`, its schema brought up to date first; the driver is closed when that fails. */
export async function migratedStore(driver: Driver): Promise<Store> {
  try {
    await runMigrations(driver, migrations);
  } catch (err) {
    await driver.close();
    throw err;
  }
  return createSqlStore(driver);
}
