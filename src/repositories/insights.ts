import { sql, type Kysely } from 'kysely';
import type { Database, LoadMethod } from '../db/types';
import { bestEffortJoin } from './profile';
import { RACE_HORIZON_DAYS, STREAK_MIN_DAYS } from '../domain/insights/weekly-rules';
import { intArray, equalsAny } from './params';

export interface WeeklyInputRow {
  athlete_id: number;
  unit_system: 'metric' | 'imperial' | null;
  week_start: string;
  runs: number;
  distance_m: number;
  longest_run_m: number;
  load: number;
  loaded_runs: number;
  prev_runs: number;
  prev_distance_m: number;
  prev_load: number;
  prev_loaded_runs: number;
  avg_runs: number;
  avg_distance_m: number;
  avg_longest_run_m: number;
  avg_load: number;
  avg_loaded_runs: number;
  resting_hr_change: number | null;
  hrv_week_ms: number | null;
  hrv_week_readings: number;
  hrv_baseline_ms: number | null;
  hrv_baseline_sd: number | null;
  hrv_baseline_readings: number;
  /** Workouts of kind long, tempo, intervals or race in the week, of plans not archived. */
  key_workouts: { date: string; kind: 'long' | 'tempo' | 'intervals' | 'race'; matched: boolean; score: number | null }[];
  form_as_of: string | null;
  ctl: number | null;
  atl: number | null;
  tsb: number | null;
  race_name: string | null;
  race_date: string | null;
  race_distance_m: number | null;
  goal_time_s: number | null;
  settings_vdot: number | null;
  best_vdot: number | null;
  /** The islands of active days up to the week's Sunday: the most recent and the longest. */
  streak_islands: { start: string; end: string; length: number }[];
}

/** Key workouts of a plan (docs/metrics.md, Insights); rest, easy and cross days are not. */
const KEY_KINDS = ['long', 'tempo', 'intervals', 'race'];

/**
 * The facts behind each athlete's weekly summary, in one statement: the last complete ISO
 * week (in the athlete's zone) against the week before and the mean of the 4 weeks before
 * (weeks without runs count as zero), health against the week before and a 60-day HRV
 * baseline, the week's key workouts, the fitness cache, the next goal race (when within the
 * GOAL_RACE rule's horizon) with the VDOT behind its prediction, and the streak islands up to
 * the week's Sunday. About 1.3 ms per athlete on the demo (the gaps-and-islands over all
 * history is half of it).
 */
export async function findWeeklyInputs(db: Kysely<Database>, orgId: number, athleteIds: readonly number[], now: Date): Promise<WeeklyInputRow[]> {
  const { rows } = await sql<WeeklyInputRow>`
    -- The parts are materialized: inlined, the planner searched their joins together, and
    -- planning alone took 8 ms of the statement's 11 (5 of 7 materialized, bench org of 1,000).
    with t as materialized (
      select u.id as athlete_id, u.unit_system, (${now.toISOString()}::timestamptz at time zone coalesce(u.timezone, o.timezone))::date as today
      from users u join organizations o on o.id = u.org_id
      where u.org_id = ${orgId} and u.id ${equalsAny(athleteIds)} and u.role = 'athlete'),
    weeks as (select athlete_id, today, unit_system, date_trunc('week', today::timestamp)::date - 7 as ws from t),
    runs as materialized (
      select w.athlete_id, w.ws,
        coalesce(sum(d.runs) filter (where d.local_date >= w.ws), 0)::int as runs,
        count(*) filter (where d.local_date >= w.ws and d.runs > 0)::int as active_days,
        coalesce(sum(d.distance_m) filter (where d.local_date >= w.ws), 0)::float8 as distance_m,
        coalesce(max(d.longest_run_m) filter (where d.local_date >= w.ws), 0)::float8 as longest_run_m,
        coalesce(sum(d.training_load) filter (where d.local_date >= w.ws), 0)::float8 as load,
        coalesce(sum(d.runs) filter (where d.local_date between w.ws - 7 and w.ws - 1), 0)::int as prev_runs,
        coalesce(sum(d.distance_m) filter (where d.local_date between w.ws - 7 and w.ws - 1), 0)::float8 as prev_distance_m,
        coalesce(sum(d.training_load) filter (where d.local_date between w.ws - 7 and w.ws - 1), 0)::float8 as prev_load,
        (coalesce(sum(d.runs) filter (where d.local_date < w.ws), 0) / 4.0)::float8 as avg_runs,
        (coalesce(sum(d.distance_m) filter (where d.local_date < w.ws), 0) / 4.0)::float8 as avg_distance_m,
        (coalesce(sum(d.training_load) filter (where d.local_date < w.ws), 0) / 4.0)::float8 as avg_load
      from weeks w left join activity_daily d on d.org_id = ${orgId} and d.athlete_id = w.athlete_id
        and d.local_date between w.ws - 28 and w.ws + 6
      group by w.athlete_id, w.ws),
    loaded as materialized (
      select w.athlete_id, c.* from weeks w cross join lateral (
        select count(*) filter (where a.local_date >= w.ws)::int as loaded_runs,
          count(*) filter (where a.local_date between w.ws - 7 and w.ws - 1)::int as prev_loaded_runs,
          count(*) filter (where a.local_date < w.ws)::int as avg_loaded_runs
        from activities a where a.org_id = ${orgId} and a.athlete_id = w.athlete_id and a.local_date between w.ws - 28 and w.ws + 6
          and a.deleted_at is null and a.training_load is not null) c),
    longest as materialized (
      select w.athlete_id, (coalesce(sum(l.longest), 0) / 4.0)::float8 as avg_longest_run_m
      from weeks w left join lateral (
        select max(d.longest_run_m) as longest from activity_daily d
        where d.org_id = ${orgId} and d.athlete_id = w.athlete_id and d.local_date between w.ws - 28 and w.ws - 1
        group by date_trunc('week', d.local_date::timestamp)) l on true
      group by w.athlete_id),
    health as materialized (
      select w.athlete_id,
        avg(h.resting_hr) filter (where h.local_date >= w.ws) - avg(h.resting_hr) filter (where h.local_date between w.ws - 7 and w.ws - 1) as resting_hr_change,
        exp(avg(x.ln_hrv) filter (where h.local_date >= w.ws)) as hrv_week_ms,
        count(x.ln_hrv) filter (where h.local_date >= w.ws)::int as hrv_week_readings,
        exp(avg(x.ln_hrv) filter (where h.local_date < w.ws)) as hrv_baseline_ms,
        stddev_samp(x.ln_hrv) filter (where h.local_date < w.ws) as hrv_baseline_sd,
        count(x.ln_hrv) filter (where h.local_date < w.ws)::int as hrv_baseline_readings
      from weeks w left join health_daily h on h.org_id = ${orgId} and h.athlete_id = w.athlete_id
        and h.local_date between w.ws - 60 and w.ws + 6
      left join lateral (select case when h.hrv_rmssd_ms > 0 then ln(h.hrv_rmssd_ms) end as ln_hrv) x on true
      group by w.athlete_id),
    key_workouts as materialized (
      select w.athlete_id, coalesce(json_agg(json_build_object('date', pw.date, 'kind', pw.kind, 'matched', pw.completed_activity_id is not null,
        'score', pw.compliance_score) order by pw.date, pw.id) filter (where pw.id is not null), '[]') as key_workouts
      from weeks w
      left join training_plans p on p.org_id = ${orgId} and p.athlete_id = w.athlete_id and p.status <> 'archived'
      left join planned_workouts pw on pw.org_id = ${orgId} and pw.plan_id = p.id and pw.date between w.ws and w.ws + 6
        and pw.kind = any(${KEY_KINDS}::text[])
      group by w.athlete_id),
    -- Materialized: inlined, the planner ran it (and its best effort) once per athlete of the page.
    race as materialized (
      select t.athlete_id, g.event_name as race_name, g.race_date, g.distance_m as race_distance_m, g.goal_time_s,
        s.vdot as settings_vdot, best.vdot as best_vdot
      from t
      cross join lateral (
        select * from goal_races where org_id = ${orgId} and athlete_id = t.athlete_id and race_date >= t.today
          -- Only a race the rule speaks of (docs/metrics.md, Insights): the best effort is read for no other.
          and race_date <= date_trunc('week', t.today::timestamp)::date - 1 + ${RACE_HORIZON_DAYS}::int
        order by race_date, id limit 1) g
      left join athlete_settings s on s.org_id = ${orgId} and s.athlete_id = t.athlete_id
      ${bestEffortJoin(orgId)}),
    -- A streak the STREAK rule speaks of (7 days reaching the week's Saturday or Sunday) has at
    -- least 6 active days in the week: only those athletes pay for the islands of all history.
    active_days as (
      select d.athlete_id, d.local_date, d.local_date - (row_number() over (partition by d.athlete_id order by d.local_date))::int as island
      from activity_daily d join weeks w on w.athlete_id = d.athlete_id join runs r on r.athlete_id = w.athlete_id and r.active_days >= ${STREAK_MIN_DAYS - 1}
      where d.org_id = ${orgId} and d.local_date <= w.ws + 6 and d.runs > 0),
    islands as (
      select athlete_id, min(local_date) as start, max(local_date) as "end", count(*)::int as length,
        row_number() over (partition by athlete_id order by max(local_date) desc) as recency,
        row_number() over (partition by athlete_id order by count(*) desc, max(local_date) desc) as size_rank
      from active_days group by athlete_id, island),
    streaks as materialized (
      select w.athlete_id, coalesce(json_agg(json_build_object('start', i.start, 'end', i."end", 'length', i.length) order by i."end")
        filter (where i.athlete_id is not null), '[]') as streak_islands
      from weeks w left join islands i on i.athlete_id = w.athlete_id and (i.recency = 1 or i.size_rank = 1)
      group by w.athlete_id)
    select w.athlete_id, w.unit_system, r.ws as week_start, r.runs, r.distance_m, r.longest_run_m, r.load, ld.loaded_runs,
      r.prev_runs, r.prev_distance_m, r.prev_load, ld.prev_loaded_runs,
      r.avg_runs, r.avg_distance_m, l.avg_longest_run_m, r.avg_load, ld.avg_loaded_runs,
      h.resting_hr_change, h.hrv_week_ms, h.hrv_week_readings, h.hrv_baseline_ms, h.hrv_baseline_sd, h.hrv_baseline_readings,
      k.key_workouts, f.as_of as form_as_of, f.ctl, f.atl, f.tsb,
      rc.race_name, rc.race_date, rc.race_distance_m, rc.goal_time_s, rc.settings_vdot, rc.best_vdot, s.streak_islands
    from weeks w join runs r using (athlete_id) join loaded ld using (athlete_id) join longest l using (athlete_id)
      join health h using (athlete_id) join key_workouts k using (athlete_id) join streaks s using (athlete_id)
      left join race rc using (athlete_id)
      left join athlete_fitness f on f.org_id = ${orgId} and f.athlete_id = w.athlete_id`.execute(db);
  return rows;
}

export interface ActivityInputRow {
  athlete_id: number;
  unit_system: 'metric' | 'imperial' | null;
  activity_id: number;
  local_date: string;
  distance_m: number;
  moving_s: number;
  avg_hr: number | null;
  training_load: number | null;
  load_method: LoadMethod | null;
  usual_pace: number | null;
}

/** Each athlete's `limit` most recent runs with their average pace over the 28 days before each, and the athlete's units. */
export async function findActivityInputs(db: Kysely<Database>, orgId: number, athleteIds: readonly number[], limit: number): Promise<ActivityInputRow[]> {
  const { rows } = await sql<ActivityInputRow>`
    select r.athlete_id, u.unit_system, a.id as activity_id, a.local_date, a.distance_m, a.moving_s, a.avg_hr, a.training_load, a.load_method,
      (select sum(d.moving_s) / nullif(sum(d.distance_m) / 1000, 0) from activity_daily d
        where d.org_id = ${orgId} and d.athlete_id = r.athlete_id and d.local_date between a.local_date - 28 and a.local_date - 1)::float8 as usual_pace
    from unnest(${intArray(athleteIds)}::int[]) as r(athlete_id)
    join users u on u.org_id = ${orgId} and u.id = r.athlete_id
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
    where org_id = ${orgId} and subject = 'athlete' and subject_id ${equalsAny(athleteIds)}
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
