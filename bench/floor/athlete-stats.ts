import type { FloorHandler } from './handler';
import { listBuckets } from '../../src/domain/buckets';
import { addTotals, EMPTY_TOTALS, toStats, type Totals } from '../../src/domain/stats';
import { localDateOf } from '../../src/domain/time';

// Totals are folded in JS over the filled buckets in date order, exactly as the API's
// resolvers do: float addition is not associative, so a SQL sum over all rows (or a
// different order) could differ from the API in the last bit of trainingLoad or calories.

function athleteId(value: unknown): number {
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new Error(`bad athlete id ${JSON.stringify(value)}`);
  return Number(value);
}

const notFound = (id: number) => new Error(`athlete ${id} not found`);

interface DailyRow extends Totals {
  id: number;
  /** Null on the single row of an athlete with no day in the range (left join). */
  local_date: string | null;
  elevationGainM: number;
  longestRunM: number;
}

// activity_daily is keyed by (org_id, athlete_id, local_date), so a DAY bucket is one row:
// nothing to group. The join on users is the API's athlete lookup (a missing or
// non-athlete id is an error there), folded into the same statement.
const DAILY_SQL = `
  select u.id, d.local_date,
    d.runs, d.distance_m as "distanceM", d.moving_s as "movingS", d.training_load as "trainingLoad",
    d.calories, d.hr_sum as "hrSum", d.hr_s as "hrS",
    d.elevation_gain_m as "elevationGainM", d.longest_run_m as "longestRunM"
  from users u
  left join activity_daily d on d.org_id = $1 and d.athlete_id = u.id
    and d.local_date between $3::date and $4::date
  where u.org_id = $1 and u.id = $2 and u.role = 'athlete'
  order by d.local_date`;

export const activityStatsFloor: FloorHandler = async (client, { orgId, variables }) => {
  const id = athleteId(variables.id);
  const from = String(variables.from);
  const to = String(variables.to);
  const { rows } = await client.query<DailyRow>(DAILY_SQL, [orgId, id, from, to]);
  if (rows.length === 0) throw notFound(id);
  const byDate = new Map(rows.filter((r) => r.local_date !== null).map((r) => [r.local_date!, r]));
  let sum = EMPTY_TOTALS;
  const buckets = listBuckets(from, to, 'DAY').map(({ start, end }) => {
    const row = byDate.get(start);
    const totals = row ?? EMPTY_TOTALS;
    sum = addTotals(sum, totals);
    return { start, end, stats: toStats(totals), longestRun: row?.longestRunM ?? 0, elevationGain: row?.elevationGainM ?? 0 };
  });
  return { athlete: { id: String(rows[0].id), activityStats: { buckets, totals: toStats(sum) } } };
};

interface WeekRow {
  id: number;
  tz: string;
  /** Monday of the local ISO week; null on the single row of an athlete with no run in the range. */
  week: string | null;
  runs: number;
  distanceM: number;
  movingS: number;
  trainingLoad: number;
}

// Same shape as the API's statement (zone resolved in a CTE, activities left-joined and
// grouped by local week), so the plan is the same: activities_athlete_time_idx feeds rows in
// start_time order, and each week's float sum of trainingLoad adds them in that order, as
// the API's does. `between` is inclusive at both ends, as the field documents.
const WEEKLY_SQL = `
  with req as (
    select u.id, coalesce($3::text, u.timezone, o.timezone) as tz
    from users u join organizations o on o.id = u.org_id and o.id = $1
    where u.org_id = $1 and u.id = $2 and u.role = 'athlete')
  select req.id, req.tz,
    date_trunc('week', a.start_time at time zone req.tz)::date as week,
    count(a.id)::int as runs,
    coalesce(sum(a.distance_m), 0)::float8 as "distanceM",
    coalesce(sum(a.moving_s), 0)::int as "movingS",
    coalesce(sum(a.training_load), 0)::float8 as "trainingLoad"
  from req
  left join activities a on a.org_id = $1 and a.athlete_id = req.id and a.deleted_at is null
    and a.start_time between $4::timestamptz and $5::timestamptz
  group by req.id, req.tz, 3
  order by 3`;

export const runningStatsFloor: FloorHandler = async (client, { orgId, variables }) => {
  const id = athleteId(variables.id);
  const from = new Date(Number(variables.from) * 1000);
  const to = new Date(Number(variables.to) * 1000);
  const timezone = typeof variables.timezone === 'string' ? variables.timezone : null;
  const { rows } = await client.query<WeekRow>(WEEKLY_SQL, [orgId, id, timezone, from.toISOString(), to.toISOString()]);
  if (rows.length === 0) throw notFound(id);
  const tz = rows[0].tz;
  const byWeek = new Map(rows.filter((r) => r.week !== null).map((r) => [r.week!, r]));
  let sum = EMPTY_TOTALS;
  // Every week from the one holding `from` to the one holding `to`, in the resolved zone.
  const points = listBuckets(localDateOf(from, tz), localDateOf(to, tz), 'WEEK').map(({ start, end }) => {
    const row = byWeek.get(start);
    const totals: Totals = row ? { ...EMPTY_TOTALS, runs: row.runs, distanceM: row.distanceM, movingS: row.movingS, trainingLoad: row.trainingLoad } : EMPTY_TOTALS;
    sum = addTotals(sum, totals);
    // metricType is DISTANCE in this operation, so value is the distance.
    return { start, end, value: totals.distanceM, runs: totals.runs, duration: totals.movingS, trainingLoad: totals.trainingLoad };
  });
  const { totalActivities, totalDistance, totalDuration, avgPace } = toStats(sum);
  return { athlete: { id: String(rows[0].id), runningStats: { timezone: tz, points, totals: { totalActivities, totalDistance, totalDuration, avgPace } } } };
};
