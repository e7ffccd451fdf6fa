// Teams of reps with bearer tokens, written straight into a database before its server starts, so a
// fault or load run begins without a single login (password hashing is not what it measures).
import { issueToken } from '@rapport/server/accounts/sessions';
import { systemClock } from '@rapport/server/lib/clock';
import { openStore } from '@rapport/server/store/open-store';
import type { User } from '@rapport/server/store/store';
import { seedTeam, seedUser } from '@rapport/server/testing/test-app';
import type { TestDatabaseEnv } from '@rapport/server/testing/test-store';

export interface Rep {
  user: User;
  token: string;
}

const TOKEN_TTL_MS = 7 * 24 * 3_600_000;

/** `teams` teams of `repsPerTeam` reps each, every rep with a valid token. */
export async function seedReps(db: TestDatabaseEnv, teams: number, repsPerTeam: number): Promise<Rep[][]> {
  const store = await openStore({ RAPPORT_DATA_DIR: db.RAPPORT_DATA_DIR, DATABASE_URL: db.DATABASE_URL });
  try {
    const out: Rep[][] = [];
    for (let t = 0; t < teams; t++) {
      const team = await seedTeam(store, `Team ${t + 1}`);
      const reps: Rep[] = [];
      for (let r = 0; r < repsPerTeam; r++) {
        const user = await seedUser(store, team.id, 'rep', {
          email: `rep${r + 1}.team${t + 1}@rapport.test`,
        });
        reps.push({ user, token: (await issueToken(store, systemClock, user, TOKEN_TTL_MS)).token });
      }
      out.push(reps);
    }
    return out;
  } finally {
    await store.close();
  }
}
