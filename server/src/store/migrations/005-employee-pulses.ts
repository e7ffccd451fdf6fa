import type { Migration } from './migration.ts';

/**
 * Employee pulse scores (the triangle's employee corner). Not a synced row: a pull would hand every
 * teammate each rep's private comment, so pulses live in their own table, written by the `pulse.add`
 * mutation and read only through the pulse report (comments of others only when shared).
 */
export const employeePulses: Migration = {
  version: 5,
  name: 'employee-pulses',
  up() {
    return `
CREATE TABLE employee_pulses (
  team_id TEXT NOT NULL,
  id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  date TEXT NOT NULL,
  score INTEGER NOT NULL,
  comment TEXT,
  shared INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (team_id, id)
);
CREATE INDEX employee_pulses_date ON employee_pulses (team_id, date);
`;
  },
};
