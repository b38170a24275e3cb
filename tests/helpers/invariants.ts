import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/types';

/**
 * Days where activity_daily disagrees with a fresh aggregation of the live activities
 * (a missing row, an extra row, or a different sum). An empty list means they agree.
 */
export async function rollupMismatches(db: Kysely<Database>) {
  const { rows } = await sql<{ athlete_id: number; local_date: string }>`
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
  return rows;
}
