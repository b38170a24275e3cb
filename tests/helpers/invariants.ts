import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/types';

/**
 * Days where activity_daily disagrees with a fresh aggregation of the live activities, and
 * weeks where activity_weekly disagrees with the days (a missing row, an extra row, or a
 * different sum). An empty list means they all agree.
 */
export async function rollupMismatches(db: Kysely<Database>) {
  const { rows: weeks } = await sql<{ athlete_id: number; week_start: string }>`
    with recomputed as (
      select org_id, athlete_id, date_trunc('week', local_date::timestamp)::date as week_start, sum(runs)::int as runs,
        sum(distance_m) as distance_m, sum(moving_s)::int as moving_s, sum(training_load) as training_load,
        sum(calories) as calories, sum(hr_sum) as hr_sum, sum(hr_s)::int as hr_s
      from activity_daily group by 1, 2, 3)
    select coalesce(r.athlete_id, w.athlete_id) as athlete_id, coalesce(r.week_start, w.week_start) as week_start
    from recomputed r
    full join activity_weekly w using (org_id, athlete_id, week_start)
    where r.runs is distinct from w.runs
       or abs(r.distance_m - w.distance_m) > 1e-6
       or r.moving_s is distinct from w.moving_s
       or abs(r.training_load - w.training_load) > 1e-6
       or abs(r.calories - w.calories) > 1e-6
       or abs(r.hr_sum - w.hr_sum) > 1e-6
       or r.hr_s is distinct from w.hr_s
  `.execute(db);
  const { rows: days } = await sql<{ athlete_id: number; local_date: string }>`
    with recomputed as (
      select org_id, athlete_id, local_date, count(*)::int as runs, sum(distance_m) as distance_m,
        sum(moving_s)::int as moving_s, coalesce(sum(training_load), 0) as training_load,
        coalesce(sum(avg_hr * moving_s) filter (where avg_hr is not null), 0) as hr_sum,
        coalesce(sum(moving_s) filter (where avg_hr is not null), 0)::int as hr_s,
        sum(pace_z3_s)::int as pace_z3_s
      from activities where deleted_at is null
      group by org_id, athlete_id, local_date)
    select coalesce(r.athlete_id, d.athlete_id) as athlete_id, coalesce(r.local_date, d.local_date) as local_date
    from recomputed r
    full join activity_daily d using (org_id, athlete_id, local_date)
    where r.runs is distinct from d.runs
       or abs(r.distance_m - d.distance_m) > 1e-6
       or r.moving_s is distinct from d.moving_s
       or abs(r.training_load - d.training_load) > 1e-6
       or abs(r.hr_sum - d.hr_sum) > 1e-6
       or r.hr_s is distinct from d.hr_s
       or r.pace_z3_s is distinct from d.pace_z3_s
  `.execute(db);
  return [...days, ...weeks];
}
