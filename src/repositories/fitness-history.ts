import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import { athleteTodays } from './activity-daily';
import { jsonRows } from './json-rows';

// The daily loads a fitness history is weighted from: every rollup day from the athlete's
// first, because CTL carries (with a 42-day time constant) everything before the window.

export interface DailyLoadRow {
  athlete_id: number;
  /** The athlete's local today, for windows that end today. */
  today: string;
  /** Null for an athlete without a rollup day up to the end (one row then, to carry `today`). */
  date: string | null;
  load: number | null;
}

/**
 * Each athlete's rollup days (date, training load) up to `to`, or up to their own local today
 * when `to` is null, oldest first, in one statement for the batch. The first row of an
 * athlete is their first day of data.
 */
export async function findDailyLoadsUpTo(
  db: Kysely<Database>,
  orgId: number,
  athleteIds: readonly number[],
  to: string | null,
  now: Date,
): Promise<DailyLoadRow[]> {
  // LATERAL: one index range scan per athlete, as in findRollingTotals.
  return jsonRows<DailyLoadRow>(db, sql`
    with today as materialized (${athleteTodays(orgId, athleteIds, now)})
    select t.athlete_id, t.today, d.local_date as date, d.training_load as load
    from today t left join lateral (
      select d.local_date, d.training_load from activity_daily d
      where d.org_id = ${orgId} and d.athlete_id = t.athlete_id and d.local_date <= coalesce(${to}::date, t.today)) d on true
    order by t.athlete_id, d.local_date`,
    ['athlete_id', 'today', 'date', 'load']);
}
