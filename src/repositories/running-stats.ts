import { sql } from 'kysely';
import type { Totals } from '../domain/stats';
import { equalsAny } from './params';
import type { RowsQuery } from './json-rows';

export interface RunningBucketRow extends Totals {
  athlete_id: number;
  /** The zone the buckets are in: the requested one or the athlete's own. */
  tz: string;
  /** Null for an athlete with no run in the range (one row carrying the zone). */
  bucket: string | null;
  paceZoneS: number[];
}

export type RunningUnit = 'day' | 'week' | 'month' | 'year';

/** Totals of live activities `a` as the domain's Totals (runs, distance, time, load, calories, HR sums). */
// count(a.start_time), not count(a.id): the covering index has start_time, so totals stay index-only.
export const activityTotals = sql`
  count(a.start_time)::int as runs,
  coalesce(sum(a.distance_m), 0)::float8 as "distanceM",
  coalesce(sum(a.moving_s), 0)::int as "movingS",
  coalesce(sum(a.training_load), 0)::float8 as "trainingLoad",
  coalesce(sum(a.calories), 0)::float8 as calories,
  coalesce(sum(a.avg_hr * a.moving_s) filter (where a.avg_hr is not null), 0)::float8 as "hrSum",
  coalesce(sum(a.moving_s) filter (where a.avg_hr is not null), 0)::int as "hrS"`;

const zoneArray = sql.raw(`array[${[1, 2, 3, 4, 5].map((z) => `coalesce(sum(a.pace_z${z}_s), 0)::int`).join(', ')}]`);

/**
 * The raw path: live activities between two instants (inclusive), bucketed by local day,
 * ISO week, month or year of their start in a zone, with PostgreSQL's AT TIME ZONE.
 */
export function runningBucketsQuery(
  orgId: number,
  athleteIds: readonly number[],
  range: { from: Date; to: Date; unit: RunningUnit; timezone: string | null },
): RowsQuery<RunningBucketRow> {
  // As JSON column arrays (json-rows.ts): pg parsed each bucket's zone array element by element.
  return { columns: RUNNING_BUCKET_COLUMNS, query: sql`
    with req as (
      select u.id as athlete_id, coalesce(${range.timezone}::text, u.timezone, o.timezone) as tz
      from users u join organizations o on o.id = u.org_id
      where u.org_id = ${orgId} and u.id ${equalsAny(athleteIds)} and u.role = 'athlete')
    select req.athlete_id, req.tz,
      date_trunc(${range.unit}, a.start_time at time zone req.tz)::date as bucket,
      ${activityTotals},
      ${zoneArray} as "paceZoneS"
    from req
    left join activities a on a.org_id = ${orgId} and a.athlete_id = req.athlete_id and a.deleted_at is null
      and a.start_time between ${range.from.toISOString()}::timestamptz and ${range.to.toISOString()}::timestamptz
    group by req.athlete_id, req.tz, 3
    order by req.athlete_id, 3` };
}

const RUNNING_BUCKET_COLUMNS = [
  'athlete_id', 'tz', 'bucket', 'runs', 'distanceM', 'movingS', 'trainingLoad', 'calories', 'hrSum', 'hrS', 'paceZoneS',
] as const satisfies readonly (keyof RunningBucketRow)[];
