import { sql, type Kysely, type Selectable } from 'kysely';
import type { ActivitiesTable, Database } from '../db/types';
import { intArray } from './params';
import { readRows, toDate, type RowsQuery } from './json-rows';

/** A live activity as the API shows it: the table's columns, with zone times as arrays. */
export type ActivityRow = Pick<
  Selectable<ActivitiesTable>,
  | 'athlete_id' | 'id' | 'source' | 'sport' | 'start_time' | 'timezone' | 'local_date' | 'distance_m' | 'moving_s' | 'elapsed_s'
  | 'avg_hr' | 'max_hr' | 'calories' | 'elevation_gain_m' | 'training_load' | 'load_method' | 'rpe'
> & { pace_zone_s: number[]; hr_zone_s: number[] };

const ACTIVITY_COLUMNS = [
  'athlete_id', 'id', 'source', 'sport', 'start_time', 'timezone', 'local_date', 'distance_m', 'moving_s', 'elapsed_s',
  'avg_hr', 'max_hr', 'calories', 'elevation_gain_m', 'training_load', 'load_method', 'rpe', 'pace_zone_s', 'hr_zone_s',
] as const satisfies readonly (keyof ActivityRow)[];

/** The columns of ActivityRow but athlete_id, read from an activity aliased `a`. */
export const activitySelection = sql`a.id, a.source, a.sport, a.start_time, a.timezone, a.local_date, a.distance_m, a.moving_s,
  a.elapsed_s, a.avg_hr, a.max_hr, a.calories, a.elevation_gain_m, a.training_load, a.load_method, a.rpe,
  json_build_array(a.pace_z1_s, a.pace_z2_s, a.pace_z3_s, a.pace_z4_s, a.pace_z5_s) as pace_zone_s,
  json_build_array(a.hr_z1_s, a.hr_z2_s, a.hr_z3_s, a.hr_z4_s, a.hr_z5_s) as hr_zone_s`;

export interface ActivityCursor {
  startTime: string;
  id: number;
}

/**
 * Each athlete's live activities, newest first, `limit` of them after the cursor: one
 * statement for any number of athletes (a LATERAL per athlete on the time index), read as
 * JSON column arrays (json-rows.ts).
 */
export function recentActivitiesQuery(orgId: number, athleteIds: readonly number[], page: { limit: number; before: ActivityCursor | null }): RowsQuery<ActivityRow> {
  const before = page.before ? sql`and (a.start_time, a.id) < (${page.before.startTime}::timestamptz, ${page.before.id})` : sql``;
  return {
    query: sql`
      select r.athlete_id, ${activitySelection}
      from unnest(${intArray(athleteIds)}::int[]) as r(athlete_id)
      cross join lateral (
        select * from activities a
        where a.org_id = ${orgId} and a.athlete_id = r.athlete_id and a.deleted_at is null ${before}
        order by a.start_time desc, a.id desc limit ${page.limit}) a
      order by r.athlete_id, a.start_time desc, a.id desc`,
    columns: ACTIVITY_COLUMNS,
    finish: withStartTimes,
  };
}

function withStartTimes(rows: ActivityRow[]): ActivityRow[] {
  for (const row of rows) row.start_time = toDate(row.start_time);
  return rows;
}

export function findRecentActivities(
  db: Kysely<Database>,
  orgId: number,
  athleteIds: readonly number[],
  page: { limit: number; before: ActivityCursor | null },
): Promise<ActivityRow[]> {
  return readRows(db, recentActivitiesQuery(orgId, athleteIds, page));
}

