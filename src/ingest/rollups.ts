import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import { lockAthleteDerived } from '../repositories/athlete-lock';

const zoneSums = [1, 2, 3, 4, 5]
  .flatMap((z) => [`pace_z${z}_s`, `hr_z${z}_s`])
  .map((col) => sql`coalesce(sum(${sql.ref(col)}), 0)::int as ${sql.ref(col)}`);

/**
 * Rebuilds activity_daily for the given local dates of one athlete from the live
 * activities of those dates, then activity_weekly for the ISO weeks holding them. Called
 * inside the writing transaction, so the rollups never disagree with the raw rows; a day
 * or week left with no runs loses its row.
 */
export async function rebuildActivityDaily(
  trx: Kysely<Database>,
  orgId: number,
  athleteId: number,
  localDates: string[],
): Promise<void> {
  if (localDates.length === 0) return;
  const dates = [...new Set(localDates)];
  // One rebuild per athlete at a time: two writers to different days of one week would
  // otherwise both delete and re-insert that week's row (a duplicate key for the second).
  await lockAthleteDerived(trx, orgId, athleteId);
  await trx
    .deleteFrom('activity_daily')
    .where('org_id', '=', orgId)
    .where('athlete_id', '=', athleteId)
    .where(sql<boolean>`local_date = any(${dates}::date[])`)
    .execute();
  await sql`
    insert into activity_daily (
      org_id, athlete_id, local_date, runs, distance_m, moving_s, elapsed_s, training_load, calories,
      elevation_gain_m, longest_run_m, hr_sum, hr_s,
      pace_z1_s, hr_z1_s, pace_z2_s, hr_z2_s, pace_z3_s, hr_z3_s, pace_z4_s, hr_z4_s, pace_z5_s, hr_z5_s)
    select org_id, athlete_id, local_date,
      count(*)::int,
      sum(distance_m),
      sum(moving_s)::int,
      sum(elapsed_s)::int,
      coalesce(sum(training_load), 0),
      coalesce(sum(calories), 0),
      coalesce(sum(elevation_gain_m), 0),
      max(distance_m),
      coalesce(sum(avg_hr * moving_s) filter (where avg_hr is not null), 0),
      coalesce(sum(moving_s) filter (where avg_hr is not null), 0)::int,
      ${sql.join(zoneSums)}
    from activities
    where org_id = ${orgId} and athlete_id = ${athleteId}
      and local_date = any(${dates}::date[]) and deleted_at is null
    group by org_id, athlete_id, local_date
  `.execute(trx);
  await rebuildActivityWeekly(trx, orgId, athleteId, dates);
}

// The Monday of a date's ISO week (2000-01-03 was a Monday).
const weeksOf = (dates: string[]) =>
  sql`select distinct d - ((d - date '2000-01-03') % 7 + 7) % 7 as week_start from unnest(${dates}::date[]) as d`;

async function rebuildActivityWeekly(trx: Kysely<Database>, orgId: number, athleteId: number, dates: string[]): Promise<void> {
  await sql`
    delete from activity_weekly where org_id = ${orgId} and athlete_id = ${athleteId}
      and week_start in (${weeksOf(dates)})`.execute(trx);
  await sql`
    insert into activity_weekly (org_id, athlete_id, week_start, runs, distance_m, moving_s, training_load, calories, hr_sum, hr_s)
    select d.org_id, d.athlete_id, w.week_start, sum(d.runs)::int, sum(d.distance_m), sum(d.moving_s)::int,
      sum(d.training_load), sum(d.calories), sum(d.hr_sum), sum(d.hr_s)::int
    from (${weeksOf(dates)}) w
    join activity_daily d on d.org_id = ${orgId} and d.athlete_id = ${athleteId} and d.local_date between w.week_start and w.week_start + 6
    group by d.org_id, d.athlete_id, w.week_start`.execute(trx);
}
