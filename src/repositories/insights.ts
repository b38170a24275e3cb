import { sql, type Kysely } from 'kysely';
import type { Database, LoadMethod } from '../db/types';
import { athleteTodays } from './activity-daily';
import { intArray } from './params';

export interface WeeklyInputRow {
  athlete_id: number;
  week_start: string;
  runs: number;
  distance_m: number;
  longest_run_m: number;
  load: number;
  avg_runs: number;
  avg_distance_m: number;
  avg_longest_run_m: number;
  avg_load: number;
  resting_hr_change: number | null;
  hrv_change_ms: number | null;
}

/**
 * The numbers behind each athlete's weekly summary: the last full ISO week against the mean
 * of the 4 weeks before (weeks without runs count as zero), and health against the week before it.
 */
export async function findWeeklyInputs(db: Kysely<Database>, orgId: number, athleteIds: readonly number[], now: Date): Promise<WeeklyInputRow[]> {
  const { rows } = await sql<WeeklyInputRow>`
    with today as materialized (${athleteTodays(orgId, athleteIds, now)}),
    weeks as (select athlete_id, date_trunc('week', today::timestamp)::date - 7 as ws from today),
    runs as (
      select w.athlete_id, w.ws,
        coalesce(sum(d.runs) filter (where d.local_date >= w.ws), 0)::int as runs,
        coalesce(sum(d.distance_m) filter (where d.local_date >= w.ws), 0)::float8 as distance_m,
        coalesce(max(d.longest_run_m) filter (where d.local_date >= w.ws), 0)::float8 as longest_run_m,
        coalesce(sum(d.training_load) filter (where d.local_date >= w.ws), 0)::float8 as load,
        (coalesce(sum(d.runs) filter (where d.local_date < w.ws), 0) / 4.0)::float8 as avg_runs,
        (coalesce(sum(d.distance_m) filter (where d.local_date < w.ws), 0) / 4.0)::float8 as avg_distance_m,
        (coalesce(sum(d.training_load) filter (where d.local_date < w.ws), 0) / 4.0)::float8 as avg_load
      from weeks w left join activity_daily d on d.org_id = ${orgId} and d.athlete_id = w.athlete_id
        and d.local_date between w.ws - 28 and w.ws + 6
      group by w.athlete_id, w.ws),
    longest as (
      select w.athlete_id, (coalesce(sum(l.longest), 0) / 4.0)::float8 as avg_longest_run_m
      from weeks w left join lateral (
        select max(d.longest_run_m) as longest from activity_daily d
        where d.org_id = ${orgId} and d.athlete_id = w.athlete_id and d.local_date between w.ws - 28 and w.ws - 1
        group by date_trunc('week', d.local_date::timestamp)) l on true
      group by w.athlete_id),
    health as (
      select w.athlete_id,
        avg(h.resting_hr) filter (where h.local_date >= w.ws) - avg(h.resting_hr) filter (where h.local_date < w.ws) as resting_hr_change,
        avg(h.hrv_rmssd_ms) filter (where h.local_date >= w.ws) - avg(h.hrv_rmssd_ms) filter (where h.local_date < w.ws) as hrv_change_ms
      from weeks w left join health_daily h on h.org_id = ${orgId} and h.athlete_id = w.athlete_id
        and h.local_date between w.ws - 7 and w.ws + 6
      group by w.athlete_id)
    select r.athlete_id, r.ws as week_start, r.runs, r.distance_m, r.longest_run_m, r.load, r.avg_runs, r.avg_distance_m,
      l.avg_longest_run_m, r.avg_load, h.resting_hr_change, h.hrv_change_ms
    from runs r join longest l using (athlete_id) join health h using (athlete_id)`.execute(db);
  return rows;
}

export interface ActivityInputRow {
  athlete_id: number;
  activity_id: number;
  local_date: string;
  distance_m: number;
  moving_s: number;
  avg_hr: number | null;
  training_load: number | null;
  load_method: LoadMethod | null;
  usual_pace: number | null;
}

/** Each athlete's `limit` most recent runs with their average pace over the 28 days before each. */
export async function findActivityInputs(db: Kysely<Database>, orgId: number, athleteIds: readonly number[], limit: number): Promise<ActivityInputRow[]> {
  const { rows } = await sql<ActivityInputRow>`
    select r.athlete_id, a.id as activity_id, a.local_date, a.distance_m, a.moving_s, a.avg_hr, a.training_load, a.load_method,
      (select sum(d.moving_s) / nullif(sum(d.distance_m) / 1000, 0) from activity_daily d
        where d.org_id = ${orgId} and d.athlete_id = r.athlete_id and d.local_date between a.local_date - 28 and a.local_date - 1)::float8 as usual_pace
    from unnest(${intArray(athleteIds)}::int[]) as r(athlete_id)
    cross join lateral (
      select * from activities a where a.org_id = ${orgId} and a.athlete_id = r.athlete_id and a.deleted_at is null
      order by a.start_time desc, a.id desc limit ${limit}) a
    order by r.athlete_id, a.start_time desc, a.id desc`.execute(db);
  return rows;
}

export interface StoredInsightRow {
  subject_id: number;
  kind: 'activity' | 'weekly';
  period_start: string;
  activity_id: number | null;
  text: string;
  generator: string;
  generator_version: string;
  input_hash: string;
  created_at: Date;
}

/** The stored athlete insights for these weeks (weekly) and runs (activity). */
export async function findStoredInsights(
  db: Kysely<Database>,
  orgId: number,
  athleteIds: readonly number[],
  wanted: { weekStarts: string[]; activityIds: number[] },
): Promise<StoredInsightRow[]> {
  const { rows } = await sql<StoredInsightRow>`
    select subject_id, kind, period_start, activity_id, text, generator, generator_version, input_hash, created_at
    from insights
    where org_id = ${orgId} and subject = 'athlete' and subject_id = any(${intArray(athleteIds)}::int[])
      and ((kind = 'weekly' and period_start = any(${wanted.weekStarts}::date[]))
        or (kind = 'activity' and activity_id = any(${wanted.activityIds}::bigint[])))`.execute(db);
  return rows;
}

export interface StoredGroupInsightRow {
  subject_id: number;
  input_hash: string;
  created_at: Date;
}

/** The stored group insights of one week (period_start = its Monday). */
export async function findStoredGroupInsights(db: Kysely<Database>, orgId: number, weekStart: string): Promise<StoredGroupInsightRow[]> {
  return db
    .selectFrom('insights')
    .select(['subject_id', 'input_hash', 'created_at'])
    .where('org_id', '=', orgId)
    .where('subject', '=', 'group')
    .where('kind', '=', 'group')
    .where('period_start', '=', weekStart)
    .execute();
}

/** Stores group insights of a week, replacing one only when its numbers changed. */
export async function storeGroupInsights(
  db: Kysely<Database>,
  orgId: number,
  weekStart: string,
  insights: { groupId: number; text: string; hash: string; generator: string; version: string }[],
): Promise<void> {
  if (insights.length === 0) return;
  await db
    .insertInto('insights')
    .values(insights.map((i) => ({
      org_id: orgId, subject: 'group' as const, subject_id: i.groupId, kind: 'group' as const, period_start: weekStart, activity_id: null,
      text: i.text, generator: i.generator, generator_version: i.version, input_hash: i.hash,
    })))
    .onConflict((oc) =>
      oc
        .columns(['org_id', 'subject', 'subject_id', 'kind', 'period_start', 'activity_id'])
        .doUpdateSet((eb) => ({
          text: eb.ref('excluded.text'), generator: eb.ref('excluded.generator'), generator_version: eb.ref('excluded.generator_version'),
          input_hash: eb.ref('excluded.input_hash'), created_at: sql`now()`,
        }))
        .where('insights.input_hash', '<>', (eb) => eb.ref('excluded.input_hash')),
    )
    .execute();
}
