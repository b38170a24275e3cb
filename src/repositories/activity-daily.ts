import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/types';
import type { Totals } from '../domain/stats';
import { intArray, equalsAny } from './params';
import { jsonRows, type RowsQuery } from './json-rows';

// Reads of the activity_daily rollup (local dates in each athlete's zone). Every function
// takes the organization first and a batch of athlete ids; aggregation happens here, in SQL.

export interface DailyTotalsRow extends Totals {
  athlete_id: number;
}

/**
 * `today` for each athlete: the local date of `now` in their zone (the organization's if unset).
 * Callers put it in a MATERIALIZED CTE: inlined, its AT TIME ZONE (not leakproof) kept the date
 * bounds out of the index conditions under row-level security, and the planner hashed the
 * organization's whole rollup instead.
 */
export function athleteTodays(orgId: number, athleteIds: readonly number[], now: Date): RawBuilder<unknown> {
  return sql`
    select u.id as athlete_id, (${now.toISOString()}::timestamptz at time zone coalesce(u.timezone, o.timezone))::date as today
    from users u join organizations o on o.id = u.org_id
    where u.org_id = ${orgId} and u.id ${equalsAny(athleteIds)} and u.role = 'athlete'`;
}

/** Sums of rollup rows aliased `d` (activity_daily, or rows with its totals columns) as Totals. */
export const totalsColumns = sql`
  coalesce(sum(d.runs), 0)::int as runs,
  coalesce(sum(d.distance_m), 0)::float8 as "distanceM",
  coalesce(sum(d.moving_s), 0)::int as "movingS",
  coalesce(sum(d.training_load), 0)::float8 as "trainingLoad",
  coalesce(sum(d.calories), 0)::float8 as calories,
  coalesce(sum(d.hr_sum), 0)::float8 as "hrSum",
  coalesce(sum(d.hr_s), 0)::int as "hrS"`;

/** Totals over the N local days ending today, per (athlete, days) request, in one statement. */
export async function findRollingTotals(
  db: Kysely<Database>,
  orgId: number,
  requests: readonly { athleteId: number; days: number }[],
  now: Date,
): Promise<(DailyTotalsRow & { days: number; daysWithData: number })[]> {
  const ids = requests.map((r) => r.athleteId);
  // LATERAL: one index range scan per athlete; a join let the planner hash the organization's whole rollup.
  return jsonRows<DailyTotalsRow & { days: number; daysWithData: number }>(db, sql`
    with today as materialized (${athleteTodays(orgId, ids, now)}),
    req as (select * from unnest(${intArray(ids)}::int[], ${intArray(requests.map((r) => r.days))}::int[]) as r(athlete_id, days))
    select req.athlete_id, req.days, s.*
    from req
    join today t on t.athlete_id = req.athlete_id
    cross join lateral (
      select ${totalsColumns}, count(*)::int as "daysWithData" from activity_daily d
      where d.org_id = ${orgId} and d.athlete_id = req.athlete_id and d.local_date between t.today - (req.days - 1) and t.today) s`,
    ['athlete_id', 'days', 'runs', 'distanceM', 'movingS', 'trainingLoad', 'calories', 'hrSum', 'hrS', 'daysWithData']);
}

export interface DailyBucketRow extends DailyTotalsRow {
  bucket: string;
  elapsedS: number;
  elevationGainM: number;
  longestRunM: number;
  /** Only when asked for (`zones`). */
  paceZoneS?: number[];
  hrZoneS?: number[];
}

const zoneArray = (prefix: 'pace' | 'hr') =>
  sql.raw(`array[${[1, 2, 3, 4, 5].map((z) => `coalesce(sum(d.${prefix}_z${z}_s), 0)::int`).join(', ')}]`);

/**
 * Rollup sums per athlete and bucket (local day or month) between two local dates; the time in
 * each zone only with `zones` (summing and parsing its two arrays took a third of a year of
 * daily stats' cost, bench/cpu-split.ts).
 */
export function dailyBucketsQuery(
  orgId: number,
  athleteIds: readonly number[],
  range: { from: string; to: string; unit: 'day' | 'month'; zones: boolean },
): RowsQuery<DailyBucketRow> {
  // As JSON column arrays (json-rows.ts): a year of days is 400 rows, and pg's parsing of them was a fifth of the request.
  return { columns: range.zones ? BUCKET_COLUMNS_WITH_ZONES : BUCKET_COLUMNS, query: sql`
    select d.athlete_id, date_trunc(${range.unit}, d.local_date::timestamp)::date as bucket, ${totalsColumns},
      coalesce(sum(d.elapsed_s), 0)::int as "elapsedS",
      coalesce(sum(d.elevation_gain_m), 0)::float8 as "elevationGainM",
      coalesce(max(d.longest_run_m), 0)::float8 as "longestRunM"
      ${range.zones ? sql`, ${zoneArray('pace')} as "paceZoneS", ${zoneArray('hr')} as "hrZoneS"` : sql``}
    from activity_daily d
    where d.org_id = ${orgId} and d.athlete_id ${equalsAny(athleteIds)}
      and d.local_date between ${range.from}::date and ${range.to}::date
    group by d.athlete_id, 2
    order by d.athlete_id, 2` };
}

const BUCKET_COLUMNS = [
  'athlete_id', 'bucket', 'runs', 'distanceM', 'movingS', 'trainingLoad', 'calories', 'hrSum', 'hrS', 'elapsedS', 'elevationGainM', 'longestRunM',
] as const satisfies readonly (keyof DailyBucketRow)[];
const BUCKET_COLUMNS_WITH_ZONES = [...BUCKET_COLUMNS, 'paceZoneS', 'hrZoneS'] as const satisfies readonly (keyof DailyBucketRow)[];

export interface ActiveDayRow {
  athlete_id: number;
  local_date: string;
  runs: number;
  distance_m: number;
}

/** The active days (at least one run) of each athlete between two local dates. */
export async function findActiveDays(
  db: Kysely<Database>,
  orgId: number,
  athleteIds: readonly number[],
  range: { from: string; to: string },
): Promise<ActiveDayRow[]> {
  return db
    .selectFrom('activity_daily')
    .select(['athlete_id', 'local_date', 'runs', 'distance_m'])
    .where('org_id', '=', orgId)
    .where(sql<boolean>`athlete_id ${equalsAny(athleteIds)}`)
    .where('local_date', '>=', range.from)
    .where('local_date', '<=', range.to)
    .orderBy('athlete_id')
    .orderBy('local_date')
    .execute();
}

export interface StreakIslandRow {
  athlete_id: number;
  today: string;
  start: string | null;
  end: string | null;
  length: number | null;
}

/**
 * Per athlete, their local today and at most two islands of consecutive active days up to
 * today: the most recent and the longest (gaps and islands, in SQL).
 */
export async function findStreakIslands(db: Kysely<Database>, orgId: number, athleteIds: readonly number[], now: Date): Promise<StreakIslandRow[]> {
  const { rows } = await sql<StreakIslandRow>`
    with today as materialized (${athleteTodays(orgId, athleteIds, now)}),
    days as (
      select d.athlete_id, d.local_date, d.local_date - (row_number() over (partition by d.athlete_id order by d.local_date))::int as island
      from activity_daily d join today t on t.athlete_id = d.athlete_id
      where d.org_id = ${orgId} and d.local_date <= t.today),
    islands as (
      select athlete_id, min(local_date) as start, max(local_date) as "end", count(*)::int as length
      from days group by athlete_id, island),
    ranked as (
      select *, row_number() over (partition by athlete_id order by "end" desc) as recency,
        row_number() over (partition by athlete_id order by length desc, "end" desc) as size_rank
      from islands)
    select t.athlete_id, t.today, r.start, r."end", r.length
    from today t left join ranked r on r.athlete_id = t.athlete_id and (r.recency = 1 or r.size_rank = 1)`.execute(db);
  return rows;
}

export interface DatedValueRow {
  athlete_id: number;
  today: string;
  date: string | null;
  value: number | null;
}

/** Daily distance per athlete for the `days` local days ending today (active days only), in no order. */
export async function findDailyDistances(db: Kysely<Database>, orgId: number, athleteIds: readonly number[], days: number, now: Date): Promise<DatedValueRow[]> {
  const { rows } = await sql<DatedValueRow>`
    with today as materialized (${athleteTodays(orgId, athleteIds, now)})
    select t.athlete_id, t.today, d.date, d.value
    from today t left join lateral (
      select d.local_date as date, d.distance_m as value from activity_daily d
      where d.org_id = ${orgId} and d.athlete_id = t.athlete_id and d.local_date between t.today - ${days - 1}::int and t.today) d on true`.execute(db);
  return rows;
}

/**
 * Training load per ISO week (Monday dates) per athlete for the `weeks` weeks ending with the
 * current one, in no order: past weeks from the weekly rollup (a fifth of the daily rows over
 * an organization), the current one from the daily rollup up to today.
 */
export async function findWeeklyLoads(db: Kysely<Database>, orgId: number, athleteIds: readonly number[], weeks: number, now: Date): Promise<DatedValueRow[]> {
  const { rows } = await sql<DatedValueRow>`
    with today as materialized (${athleteTodays(orgId, athleteIds, now)}),
    monday as materialized (select athlete_id, today, date_trunc('week', today::timestamp)::date as current_week from today)
    select m.athlete_id, m.today, w.date, w.value
    from monday m left join lateral (
      select w.week_start as date, w.training_load as value from activity_weekly w
      where w.org_id = ${orgId} and w.athlete_id = m.athlete_id
        and w.week_start between m.current_week - ${7 * (weeks - 1)}::int and m.current_week - 7
      union all
      select m.current_week, sum(d.training_load)::float8 from activity_daily d
      where d.org_id = ${orgId} and d.athlete_id = m.athlete_id and d.local_date between m.current_week and m.today
      having count(*) > 0) w on true`.execute(db);
  return rows;
}
