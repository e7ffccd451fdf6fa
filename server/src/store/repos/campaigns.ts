import type { Db } from '../driver.ts';

export interface CampaignRecord {
  id: string;
  name: string;
  /** The filters the list was built from (JSON as validated by the route). */
  definition: Record<string, unknown>;
  /** The member snapshot: customer record ids. */
  members: string[];
  /** Touches logged: day, channel and how many interactions each wrote. */
  touches: { day: string; at: string; channel: string; interactions: number }[];
  createdBy: string;
  createdAt: string;
}

export interface CampaignsRepo {
  insert(teamId: string, c: CampaignRecord): Promise<void>;
  get(teamId: string, id: string): Promise<CampaignRecord | null>;
  /** Newest first. */
  list(teamId: string): Promise<CampaignRecord[]>;
  setTouches(teamId: string, id: string, touches: CampaignRecord['touches']): Promise<void>;
}

interface Row {
  id: string;
  name: string;
  definition: string;
  members: string;
  touches: string;
  created_by: string;
  created_at: string;
}

const record = (r: Row): CampaignRecord => ({
  id: r.id,
  name: r.name,
  definition: JSON.parse(r.definition) as Record<string, unknown>,
  members: JSON.parse(r.members) as string[],
  touches: JSON.parse(r.touches) as CampaignRecord['touches'],
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** Every query names the team: one team never reads another's campaigns. */
export function campaignsRepo(db: Db): CampaignsRepo {
  return {
    async insert(teamId, c) {
      await db.run(
        'INSERT INTO campaigns (team_id, id, name, definition, members, touches, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [
          teamId,
          c.id,
          c.name,
          JSON.stringify(c.definition),
          JSON.stringify(c.members),
          JSON.stringify(c.touches),
          c.createdBy,
          c.createdAt,
        ],
      );
    },
    async get(teamId, id) {
      const r = await db.get<Row>('SELECT * FROM campaigns WHERE team_id = ? AND id = ?', [teamId, id]);
      return r ? record(r) : null;
    },
    async list(teamId) {
      const rows = await db.all<Row>('SELECT * FROM campaigns WHERE team_id = ? ORDER BY id DESC', [teamId]);
      return rows.map(record);
    },
    async setTouches(teamId, id, touches) {
      await db.run('UPDATE campaigns SET touches = ? WHERE team_id = ? AND id = ?', [
        JSON.stringify(touches),
        teamId,
        id,
      ]);
    },
  };
}
