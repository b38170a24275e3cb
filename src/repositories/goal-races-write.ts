import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import { athleteTodays } from './activity-daily';
import { bestEffortJoin, type GoalRaceRow } from './profile';

// Goal races: every race of a batch of athletes with what its prediction needs, and the writes.

/**
 * Each athlete's goal races (all of them, or the one `raceId`), earliest first, with the VDOT
 * from settings and the best effort of the last 180 days, as findGoalRaces (profile.ts) reads
 * them for the next race: the same Daniels-Gilbert expression of src/domain/vdot.ts.
 */
export async function findGoalRaceRows(
  db: Kysely<Database>,
  orgId: number,
  athleteIds: readonly number[],
  now: Date,
  raceId?: number,
): Promise<GoalRaceRow[]> {
  const { rows } = await sql<GoalRaceRow>`
    with today as materialized (${athleteTodays(orgId, athleteIds, now)})
    select t.athlete_id, g.id, g.version, g.event_name, g.race_date, g.distance_m, g.goal_time_s, s.vdot as settings_vdot,
      best.vdot as best_vdot, best.distance_m as best_distance_m, best.moving_s as best_moving_s, best.local_date as best_date
    from today t
    join goal_races g on g.org_id = ${orgId} and g.athlete_id = t.athlete_id ${raceId === undefined ? sql`` : sql`and g.id = ${raceId}`}
    left join athlete_settings s on s.org_id = ${orgId} and s.athlete_id = t.athlete_id
    ${bestEffortJoin(orgId)}
    order by t.athlete_id, g.race_date, g.id`.execute(db);
  return rows;
}

export interface GoalRaceValues {
  event_name: string;
  race_date: string;
  distance_m: number;
  goal_time_s: number | null;
}

/** A goal race of the organization, locked for the rest of the transaction; undefined when there is none. */
export async function lockGoalRace(db: Kysely<Database>, orgId: number, id: number): Promise<(GoalRaceValues & { athlete_id: number; version: number }) | undefined> {
  return db
    .selectFrom('goal_races')
    .select(['athlete_id', 'version', 'event_name', 'race_date', 'distance_m', 'goal_time_s'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertGoalRace(db: Kysely<Database>, orgId: number, athleteId: number, values: GoalRaceValues): Promise<number> {
  const row = await db.insertInto('goal_races').values({ org_id: orgId, athlete_id: athleteId, ...values }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Writes the new values and increments the version. */
export async function updateGoalRaceRow(db: Kysely<Database>, orgId: number, id: number, values: GoalRaceValues): Promise<void> {
  await db.updateTable('goal_races').set({ ...values, version: sql`version + 1` }).where('org_id', '=', orgId).where('id', '=', id).execute();
}

export async function deleteGoalRaceRow(db: Kysely<Database>, orgId: number, id: number): Promise<void> {
  await db.deleteFrom('goal_races').where('org_id', '=', orgId).where('id', '=', id).execute();
}
