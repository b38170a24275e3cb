import { types } from 'pg';
import type { FloorHandler } from './handler';
import { planProgress, planWeek } from '../../src/domain/plan';
import { complianceStatus, type WorkoutKind } from '../../src/domain/plan-matching';
import { formatDuration, predictRaceTime } from '../../src/domain/vdot';
import { attentionSignals, DEFAULT_SIGNAL_THRESHOLDS, type SignalMetric, type SignalThresholds } from '../../src/domain/signals';
import { advanceRiskState, riskIndicators, type RiskState } from '../../src/domain/risk';
import { daysBetween } from '../../src/domain/buckets';
import { dataQuality } from '../../src/domain/quality';
import { plainInsights, RACE_HORIZON_DAYS, STREAK_MIN_DAYS, writeInsight, type InsightFacts, type KeyWorkout, type WeeklyFacts } from '../../src/domain/insights';
import { addDays } from '../../src/domain/time';

// The whole profile in one statement: a row for the athlete, one-row laterals for the plan,
// goal race, weekly-summary facts and signal inputs, and json_agg for the lists.
// The aggregates repeat the API's expressions term for term: insight hashes are taken over
// the facts' floats (to 10 significant digits), so a sum written differently could still
// land on the other side of a rounding.
// Timestamps inside JSON travel as text and go through pg's own timestamptz parser, so they
// are truncated to milliseconds exactly as the API's columns are.
const PROFILE_SQL = `
  with a as (
    select u.id, u.name, u.email, u.unit_system, u.timezone is not null as has_timezone,
      coalesce(u.timezone, o.timezone) as timezone,
      ($2::timestamptz at time zone coalesce(u.timezone, o.timezone))::date as today,
      (select json_build_object('hrvSd', hrv_sd, 'recoveryPoints', recovery_points, 'vo2max', vo2max_change,
          'acwrMax', acwr_max, 'monotonyMax', monotony_max, 'weeklyRampMax', weekly_ramp_max)
        from organization_signal_thresholds where org_id = $1) as thresholds,
      -- the signals muted for the athlete now: left out of attentionSignals
      (select coalesce(json_agg(m.metric), '[]') from athlete_signal_mutes m
        where m.org_id = $1 and m.athlete_id = u.id and m.muted_until > $2::timestamptz) as muted
    from users u join organizations o on o.id = u.org_id
    where u.org_id = $1 and u.id = $3 and u.role = 'athlete'),
  w as (select date_trunc('week', today::timestamp)::date - 7 as ws from a),
  recent as (
    select x.*, row_number() over (order by x.start_time desc, x.id desc) as n from (
      select * from activities where org_id = $1 and athlete_id = $3 and deleted_at is null
      order by start_time desc, id desc limit 6) x)
  select a.*, w.ws as week_start,
    s.vdot as settings_vdot, s.pace_zones is not null as has_pace_zones, s.hr_zones is not null as has_hr_zones,
    s.hr_max is not null and s.hr_rest is not null as has_hr_max_rest, s.threshold_pace_s_per_km is not null as has_threshold_pace,
    exists (select 1 from activity_daily d where d.org_id = $1 and d.athlete_id = a.id and d.local_date between a.today - 27 and a.today) as has_recent_runs,
    exists (select 1 from activity_daily d where d.org_id = $1 and d.athlete_id = a.id) as has_any_run,
    p.name as plan_name, p.start_date as plan_start, p.total_weeks as plan_weeks, p.status as plan_status, p.due, p.completed,
    p.partial, p.missed, p.total, p.this_week,
    g.event_name, g.race_date, g.distance_m as race_distance_m, g.goal_time_s,
    best.vdot as best_vdot, best.distance_m as best_distance_m, best.moving_s as best_moving_s, best.local_date as best_date,
    f.as_of, f.ctl, f.atl, f.tsb, f.ctl_days, f.atl_days, f.ramp_rate, f.vo2max as fitness_vo2max, f.resting_hr, f.hrv_7d, f.risk_state,
    wk.*, ld.*, lg.avg_longest_run_m, hs.*, st.*,
    -- the key workouts of the week, of plans not archived
    (select coalesce(json_agg(json_build_object('date', pw.date, 'kind', pw.kind, 'matched', pw.completed_activity_id is not null,
        'score', pw.compliance_score) order by pw.date, pw.id), '[]')
      from training_plans tp join planned_workouts pw on pw.org_id = $1 and pw.plan_id = tp.id
      where tp.org_id = $1 and tp.athlete_id = a.id and tp.status <> 'archived'
        and pw.date between w.ws and w.ws + 6 and pw.kind in ('long', 'tempo', 'intervals', 'race')) as key_workouts,
    (select coalesce(json_agg(l.name order by l.name), '[]') from athlete_labels al
      join labels l on l.org_id = al.org_id and l.id = al.label_id
      where al.org_id = $1 and al.athlete_id = a.id) as labels,
    (select coalesce(json_agg(json_build_object('name', c.name, 'email', c.email) order by c.name), '[]') from coach_assignments ca
      join users c on c.org_id = ca.org_id and c.id = ca.coach_id
      where ca.org_id = $1 and ca.athlete_id = a.id) as coaches,
    (select coalesce(json_agg(json_build_object('provider', i.provider, 'status', i.status,
        'last_sync_at', i.last_sync_at::text, 'error', i.error)), '[]')
      from integrations i where i.org_id = $1 and i.athlete_id = a.id) as integrations,
    (select coalesce(json_agg(json_build_object('id', r.id, 'start_time', r.start_time::text, 'local_date', r.local_date,
        'distance_m', r.distance_m, 'moving_s', r.moving_s, 'avg_hr', r.avg_hr, 'training_load', r.training_load,
        'load_method', r.load_method,
        'pace', array[r.pace_z1_s, r.pace_z2_s, r.pace_z3_s, r.pace_z4_s, r.pace_z5_s],
        'hr', array[r.hr_z1_s, r.hr_z2_s, r.hr_z3_s, r.hr_z4_s, r.hr_z5_s],
        -- only the 3 runs that get an insight line need their 28-day usual pace
        'usual_pace', case when r.n <= 3 then (select (sum(d.moving_s) / nullif(sum(d.distance_m) / 1000, 0))::float8
          from activity_daily d where d.org_id = $1 and d.athlete_id = a.id
            and d.local_date between r.local_date - 28 and r.local_date - 1) end) order by r.n), '[]')
      from recent r) as activities,
    (select coalesce(json_agg(json_build_object('kind', i.kind, 'period_start', i.period_start, 'activity_id', i.activity_id,
        'input_hash', i.input_hash, 'created_at', i.created_at::text)), '[]')
      from insights i where i.org_id = $1 and i.subject = 'athlete' and i.subject_id = a.id
        and ((i.kind = 'weekly' and i.period_start = w.ws)
          or (i.kind = 'activity' and i.activity_id in (select id from recent where n <= 3)))) as stored_insights
  from a cross join w
  left join athlete_settings s on s.org_id = $1 and s.athlete_id = a.id
  left join athlete_fitness f on f.org_id = $1 and f.athlete_id = a.id
  -- The active plan started last and not over; workouts counted rest days aside (completed: a
  -- matched run within 80-120% of the plan, partial 50-80% or above, missed below or no run
  -- by a day over), and the current plan week's workouts with their matched runs.
  left join lateral (
    select tp.*, wo.*, (
      select coalesce(json_agg(json_build_object('date', w.date, 'kind', w.kind, 'plannedDistance', w.planned_distance_m,
          'score', w.compliance_score, 'activityId', w.completed_activity_id,
          'ran', exists (select 1 from activities r where r.org_id = $1 and r.athlete_id = a.id and r.local_date = w.date and r.deleted_at is null),
          'run', (select json_build_object('id', r.id::text, 'distance', r.distance_m, 'movingTime', r.moving_s) from activities r
            where r.org_id = $1 and r.id = w.completed_activity_id and r.deleted_at is null)) order by w.date, w.id), '[]')
      from planned_workouts w
      where w.org_id = $1 and w.plan_id = tp.id and w.date >= tp.start_date
        and (w.date - tp.start_date) / 7 + 1 = least(greatest((a.today - tp.start_date) / 7 + 1, 1), tp.total_weeks)) as this_week
    from (
      select * from training_plans where org_id = $1 and athlete_id = a.id and status = 'active' and start_date + 7 * total_weeks > a.today
      order by start_date desc, id desc limit 1) tp
    cross join lateral (
      select count(*)::int as total, count(*) filter (where date <= a.today)::int as due,
        count(*) filter (where date <= a.today and completed_activity_id is not null
          and (compliance_score is null or compliance_score between 0.8 and 1.2))::int as completed,
        count(*) filter (where date <= a.today and compliance_score >= 0.5 and not compliance_score between 0.8 and 1.2)::int as partial,
        count(*) filter (where (date < a.today and completed_activity_id is null) or (date <= a.today and compliance_score < 0.5))::int as missed
      from planned_workouts where org_id = $1 and plan_id = tp.id and kind <> 'rest') wo) p on true
  left join lateral (
    select * from goal_races where org_id = $1 and athlete_id = a.id and race_date >= a.today
    order by race_date, id limit 1) g on true
  -- Daniels-Gilbert VDOT of src/domain/vdot.ts; the best effort is only shown for a race with no VDOT in settings
  left join lateral (
    select x.distance_m, x.moving_s, x.local_date,
      (-4.6 + 0.182258 * v + 0.000104 * v * v)
        / (0.8 + 0.1894393 * exp(-0.012778 * m) + 0.2989558 * exp(-0.1932605 * m)) as vdot
    from activities x,
      lateral (select x.moving_s / 60.0 as m) minutes,
      lateral (select x.distance_m / (x.moving_s / 60.0) as v) speed
    where g.id is not null and s.vdot is null and x.org_id = $1 and x.athlete_id = a.id and x.deleted_at is null
      and x.local_date between a.today - 179 and a.today and x.distance_m >= 3000 and x.moving_s > 0
    order by vdot desc limit 1) best on true
  -- the last full ISO week against the week before and the mean of the 4 before (weeks without runs count as zero)
  cross join lateral (
    select coalesce(sum(d.runs) filter (where d.local_date >= w.ws), 0)::int as runs,
      coalesce(sum(d.distance_m) filter (where d.local_date >= w.ws), 0)::float8 as distance_m,
      coalesce(max(d.longest_run_m) filter (where d.local_date >= w.ws), 0)::float8 as longest_run_m,
      coalesce(sum(d.training_load) filter (where d.local_date >= w.ws), 0)::float8 as load,
      coalesce(sum(d.runs) filter (where d.local_date between w.ws - 7 and w.ws - 1), 0)::int as prev_runs,
      coalesce(sum(d.distance_m) filter (where d.local_date between w.ws - 7 and w.ws - 1), 0)::float8 as prev_distance_m,
      coalesce(sum(d.training_load) filter (where d.local_date between w.ws - 7 and w.ws - 1), 0)::float8 as prev_load,
      (coalesce(sum(d.runs) filter (where d.local_date < w.ws), 0) / 4.0)::float8 as avg_runs,
      (coalesce(sum(d.distance_m) filter (where d.local_date < w.ws), 0) / 4.0)::float8 as avg_distance_m,
      (coalesce(sum(d.training_load) filter (where d.local_date < w.ws), 0) / 4.0)::float8 as avg_load
    from activity_daily d where d.org_id = $1 and d.athlete_id = a.id and d.local_date between w.ws - 28 and w.ws + 6) wk
  -- runs with a load, in the same weeks
  cross join lateral (
    select count(*) filter (where x.local_date >= w.ws)::int as loaded_runs,
      count(*) filter (where x.local_date between w.ws - 7 and w.ws - 1)::int as prev_loaded_runs,
      count(*) filter (where x.local_date < w.ws)::int as avg_loaded_runs
    from activities x where x.org_id = $1 and x.athlete_id = a.id and x.local_date between w.ws - 28 and w.ws + 6
      and x.deleted_at is null and x.training_load is not null) ld
  cross join lateral (
    select (coalesce(sum(l.longest), 0) / 4.0)::float8 as avg_longest_run_m from (
      select max(d.longest_run_m) as longest from activity_daily d
      where d.org_id = $1 and d.athlete_id = a.id and d.local_date between w.ws - 28 and w.ws - 1
      group by date_trunc('week', d.local_date::timestamp)) l) lg
  -- one scan of health from the 60 days before the week to today: the week's resting HR against
  -- the week before's and its HRV against the 60 days before it (the weekly summary), and the
  -- attention signals' last 7 local days against the 7 before, HRV against a 60-day baseline
  cross join lateral (
    select avg(h.resting_hr) filter (where h.local_date between w.ws and w.ws + 6)
        - avg(h.resting_hr) filter (where h.local_date between w.ws - 7 and w.ws - 1) as resting_hr_change,
      exp(avg(x.ln_hrv) filter (where h.local_date between w.ws and w.ws + 6)) as hrv_week_ms,
      count(x.ln_hrv) filter (where h.local_date between w.ws and w.ws + 6)::int as hrv_week_readings,
      exp(avg(x.ln_hrv) filter (where h.local_date < w.ws)) as hrv_week_baseline_ms,
      stddev_samp(x.ln_hrv) filter (where h.local_date < w.ws) as hrv_week_baseline_sd,
      count(x.ln_hrv) filter (where h.local_date < w.ws)::int as hrv_week_baseline_readings,
      avg(x.ln_hrv) filter (where h.local_date between a.today - 13 and a.today - 7) as hrv_previous_ln,
      count(x.ln_hrv) filter (where h.local_date between a.today - 13 and a.today - 7)::int as hrv_previous_count,
      avg(x.ln_hrv) filter (where h.local_date between a.today - 6 and a.today) as hrv_current_ln,
      count(x.ln_hrv) filter (where h.local_date between a.today - 6 and a.today)::int as hrv_current_count,
      stddev_samp(x.ln_hrv) filter (where h.local_date between a.today - 66 and a.today - 7) as hrv_baseline_sd,
      avg(h.recovery_score) filter (where h.local_date between a.today - 13 and a.today - 7) as recovery_previous,
      avg(h.recovery_score) filter (where h.local_date between a.today - 6 and a.today) as recovery_current,
      avg(h.vo2max) filter (where h.local_date between a.today - 13 and a.today - 7) as vo2max_previous,
      avg(h.vo2max) filter (where h.local_date between a.today - 6 and a.today) as vo2max_current
    from health_daily h
    cross join lateral (select case when h.hrv_rmssd_ms > 0 then ln(h.hrv_rmssd_ms) end as ln_hrv) x
    where h.org_id = $1 and h.athlete_id = a.id and h.local_date between w.ws - 60 and a.today) hs
  -- active-day streaks up to the week's Sunday: the latest island and the longest length
  cross join lateral (
    select max(i.length) as longest_streak, max(i.last_day) as latest_streak_end,
      (array_agg(i.length order by i.last_day desc))[1] as latest_streak
    from (
      select count(*)::int as length, max(y.local_date) as last_day
      from (
        select d.local_date, d.local_date - (row_number() over (order by d.local_date))::int as island
        from activity_daily d where d.org_id = $1 and d.athlete_id = a.id and d.local_date <= w.ws + 6 and d.runs > 0) y
      group by y.island) i) st`;

type N = number | null;
interface RecentRun {
  id: number; start_time: string; local_date: string; distance_m: number; moving_s: number; avg_hr: N; training_load: N;
  load_method: 'trimp' | 'pace' | 'session_rpe' | 'duration' | null; pace: number[]; hr: number[]; usual_pace: N;
}
interface StoredInsight { kind: string; period_start: string; activity_id: N; input_hash: string; created_at: string }
interface ProfileRow {
  id: number; name: string; email: string; unit_system: 'metric' | 'imperial' | null; has_timezone: boolean; timezone: string; today: string;
  thresholds: SignalThresholds | null; muted: SignalMetric[]; risk_state: RiskState | null; week_start: string;
  settings_vdot: N; has_pace_zones: boolean; has_hr_zones: boolean;
  has_hr_max_rest: boolean | null; has_threshold_pace: boolean | null; has_recent_runs: boolean; has_any_run: boolean;
  plan_name: string | null; plan_start: string; plan_weeks: number; plan_status: string; due: number; completed: number;
  partial: number; missed: number; total: number;
  this_week: { date: string; kind: WorkoutKind; plannedDistance: number | null; score: number | null; activityId: number | null; ran: boolean; run: { id: string; distance: number; movingTime: number } | null }[];
  event_name: string | null; race_date: string; race_distance_m: number; goal_time_s: N;
  best_vdot: N; best_distance_m: number; best_moving_s: number; best_date: string;
  as_of: string | null; ctl: number; atl: number; tsb: number; ctl_days: number; atl_days: number;
  ramp_rate: N; fitness_vo2max: N; resting_hr: N; hrv_7d: N;
  runs: number; distance_m: number; longest_run_m: number; load: number; prev_runs: number; prev_distance_m: number; prev_load: number;
  avg_runs: number; avg_distance_m: number; avg_longest_run_m: number; avg_load: number;
  loaded_runs: number; prev_loaded_runs: number; avg_loaded_runs: number;
  resting_hr_change: N; hrv_week_ms: N; hrv_week_readings: number; hrv_week_baseline_ms: N; hrv_week_baseline_sd: N; hrv_week_baseline_readings: number;
  key_workouts: { date: string; kind: KeyWorkout['kind']; matched: boolean; score: N }[];
  longest_streak: N; latest_streak: N; latest_streak_end: string | null;
  hrv_previous_ln: N; hrv_previous_count: number; hrv_current_ln: N; hrv_current_count: number; hrv_baseline_sd: N;
  recovery_previous: N; recovery_current: N; vo2max_previous: N; vo2max_current: N;
  labels: string[]; coaches: { name: string; email: string }[];
  integrations: { provider: string; status: string; last_sync_at: string | null; error: string | null }[];
  activities: RecentRun[]; stored_insights: StoredInsight[];
}

const parseTimestamptz = types.getTypeParser(1184) as (text: string) => Date;
const iso = (text: string | null) => (text === null ? null : parseTimestamptz(text).toISOString());
const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const PROVIDERS = ['strava', 'garmin', 'apple_health'];
const [RECENT_RUNS, INSIGHT_RUNS] = [5, 3]; // recentActivities(first: 5); insight lines for the 3 latest runs

/**
 * The weekly summary's facts, keys in the order src/ingest/insights.ts builds them: the
 * stored hash is over their JSON. Every key workout's day is over (the week is complete).
 */
function weeklyFacts(r: ProfileRow): WeeklyFacts {
  const weekEnd = addDays(r.week_start, 6);
  // The goal race the GOAL_RACE rule speaks of: within its horizon of the week's Sunday.
  const raceInHorizon = r.event_name !== null && r.race_date <= addDays(weekEnd, RACE_HORIZON_DAYS);
  // Streaks as of the week's Sunday (src/domain/streaks.ts): the latest island when it reaches Saturday or Sunday.
  const current = r.latest_streak_end !== null && r.latest_streak_end >= addDays(weekEnd, -1);
  return {
    weekStart: r.week_start,
    units: r.unit_system ?? 'metric',
    week: { runs: r.runs, distanceM: r.distance_m, longestRunM: r.longest_run_m, load: r.loaded_runs > 0 ? r.load : null, loadedRuns: r.loaded_runs },
    previousWeek: { runs: r.prev_runs, distanceM: r.prev_distance_m, load: r.prev_loaded_runs > 0 ? r.prev_load : null, loadedRuns: r.prev_loaded_runs },
    average: {
      runs: r.avg_runs, distanceM: r.avg_distance_m, longestRunM: r.avg_longest_run_m,
      load: r.avg_loaded_runs > 0 ? r.avg_load : null, loadedRuns: r.avg_loaded_runs / 4,
    },
    restingHrChange: r.resting_hr_change,
    hrv: {
      weekMs: r.hrv_week_ms, weekReadings: r.hrv_week_readings, baselineMs: r.hrv_week_baseline_ms,
      baselineSd: r.hrv_week_baseline_sd, baselineReadings: r.hrv_week_baseline_readings,
    },
    keyWorkouts: r.key_workouts.map((k) => ({
      date: k.date,
      kind: k.kind,
      status: complianceStatus({ date: k.date, kind: k.kind }, { activityId: k.matched ? 0 : null, score: k.score }, addDays(weekEnd, 1), k.matched) as KeyWorkout['status'],
      score: k.score,
    })),
    form: r.as_of === null ? null : { asOf: r.as_of, ctl: r.ctl, atl: r.atl, tsb: r.tsb },
    race: !raceInHorizon ? null : {
      name: r.event_name!, date: r.race_date, distanceM: r.race_distance_m, goalTimeS: r.goal_time_s, vdot: r.settings_vdot ?? r.best_vdot,
      vdotSource: r.settings_vdot !== null ? 'settings' : r.best_vdot !== null ? 'best_effort' : null,
    },
    streak: current && r.latest_streak! >= STREAK_MIN_DAYS ? { current: r.latest_streak!, currentEnd: r.latest_streak_end!, longest: r.longest_streak ?? r.latest_streak! } : null,
  };
}

export const athleteProfileFloor: FloorHandler = async (client, { orgId, variables, now }) => {
  const id = Number(variables.id);
  if (!Number.isInteger(id) || id < 1 || id > 2_147_483_647) return { athlete: null };
  const { rows } = await client.query<ProfileRow>(PROFILE_SQL, [orgId, now.toISOString(), id]);
  const r = rows[0];
  if (!r) return { athlete: null };

  // Insights are written by the generator from the facts on every read; the stored row only
  // lends its timestamp when its hash still matches (the API does not write on read).
  const stored = new Map(r.stored_insights.map((s) => [`${s.kind}|${s.period_start}|${s.activity_id ?? ''}`, s]));
  const insight = async (periodStart: string, activityId: number | null, input: InsightFacts) => {
    const written = await writeInsight(plainInsights, input);
    if (written === null) return null;
    const match = stored.get(`${input.kind}|${periodStart}|${activityId ?? ''}`);
    return { periodStart, text: written.text, storedAt: match && match.input_hash === written.hash ? iso(match.created_at) : null };
  };
  const units = r.unit_system ?? 'metric';
  const weekly = await insight(r.week_start, null, { kind: 'weekly', facts: weeklyFacts(r) });
  const runInsights = [];
  for (const a of r.activities.slice(0, INSIGHT_RUNS)) {
    // Keys in the API's order (the hash is over the JSON).
    const line = await insight(a.local_date, a.id, { kind: 'activity', facts: {
      date: a.local_date, units, distanceM: a.distance_m, movingS: a.moving_s, avgHr: a.avg_hr,
      load: a.training_load, loadMethod: a.load_method, usualPace: a.usual_pace,
    } });
    if (line) runInsights.push({ ...line, activityId: String(a.id) });
  }
  const muted = new Set(r.muted);

  const settingsVdot = r.settings_vdot;
  const vdot = settingsVdot ?? r.best_vdot;
  const predicted = r.event_name === null || vdot === null ? null : predictRaceTime(vdot, r.race_distance_m);
  const page = r.activities.slice(0, RECENT_RUNS);
  const last = page[page.length - 1];

  return {
    athlete: {
      id: String(r.id), name: r.name, email: r.email, timezone: r.timezone,
      unitSystem: r.unit_system?.toUpperCase() ?? null,
      labels: r.labels.map((name) => ({ name })),
      coaches: r.coaches,
      currentTrainingPlan: r.plan_name === null ? null : {
        name: r.plan_name, status: r.plan_status.toUpperCase(), startDate: r.plan_start,
        currentWeek: planWeek(r.plan_start, r.today, r.plan_weeks), totalWeeks: r.plan_weeks,
        progress: { completed: r.completed, partial: r.partial, missed: r.missed, due: r.due, total: r.total, ratio: planProgress(r.completed, r.due) },
        thisWeek: r.this_week.map((w) => ({
          date: w.date, kind: w.kind.toUpperCase(), plannedDistance: w.plannedDistance, complianceScore: w.score,
          status: complianceStatus({ date: w.date, kind: w.kind }, { activityId: w.activityId, score: w.score }, r.today, w.ran),
          run: w.run,
        })),
      },
      goalRace: r.event_name === null ? null : {
        eventName: r.event_name, date: r.race_date, distance: r.race_distance_m, goalTime: r.goal_time_s,
        goalTimeFormatted: r.goal_time_s === null ? null : formatDuration(r.goal_time_s),
        predictedTime: predicted === null ? null : {
          seconds: Math.round(predicted), formatted: formatDuration(predicted),
          method: settingsVdot !== null ? 'VDOT_FROM_SETTINGS' : 'VDOT_FROM_BEST_EFFORT',
          vdot: Math.round(vdot! * 100) / 100,
          gapToGoal: r.goal_time_s === null ? null : Math.round(predicted) - r.goal_time_s,
          basedOn: settingsVdot !== null ? null : { date: r.best_date, distance: r.best_distance_m, duration: r.best_moving_s },
        },
      },
      integrations: PROVIDERS.map((provider) => {
        const i = r.integrations.find((x) => x.provider === provider);
        return { provider: provider.toUpperCase(), status: (i?.status ?? 'not_connected').toUpperCase(), lastSyncAt: iso(i?.last_sync_at ?? null), error: i?.error ?? null };
      }),
      insights: {
        weeklySummary: weekly && { ...weekly, generator: plainInsights.name, generatorVersion: plainInsights.version },
        recentActivities: runInsights,
      },
      attentionSignals: attentionSignals({
        hrv: { previousLnMean: r.hrv_previous_ln, previousCount: r.hrv_previous_count, currentLnMean: r.hrv_current_ln, currentCount: r.hrv_current_count, baselineSd: r.hrv_baseline_sd },
        recovery: { previous: r.recovery_previous, current: r.recovery_current },
        vo2max: { previous: r.vo2max_previous, current: r.vo2max_current },
        // The cached risk state of the last write, shifted to today over rest days (as the API reads it).
        risk: r.risk_state && r.as_of ? riskIndicators(advanceRiskState(r.risk_state, daysBetween(r.as_of, r.today))) : null,
      }, r.thresholds ?? DEFAULT_SIGNAL_THRESHOLDS, r.thresholds ?? DEFAULT_SIGNAL_THRESHOLDS).filter((s) => !muted.has(s.metric)),
      dataQuality: (({ score, items }) => ({ score, items }))(dataQuality({
        hasPaceZones: r.has_pace_zones, hasHrZones: r.has_hr_zones, hasVdot: settingsVdot !== null,
        hasHrMaxAndRest: r.has_hr_max_rest ?? false, hasThresholdPace: r.has_threshold_pace ?? false,
        hasConnectedIntegration: r.integrations.some((i) => i.status === 'connected'),
        hasTimezone: r.has_timezone, hasUnitSystem: r.unit_system !== null, hasRecentRuns: r.has_recent_runs, hasAnyRun: r.has_any_run,
      })),
      recentActivities: {
        pageInfo: { hasNextPage: r.activities.length > RECENT_RUNS, endCursor: last ? cursor({ startTime: iso(last.start_time), id: last.id }) : null },
        edges: page.map((a) => ({
          node: {
            id: String(a.id), startTime: iso(a.start_time), localDate: a.local_date, distance: a.distance_m, movingTime: a.moving_s,
            avgPace: a.distance_m > 0 ? a.moving_s / (a.distance_m / 1000) : null,
            avgHeartRate: a.avg_hr, trainingLoad: a.training_load, loadMethod: a.load_method?.toUpperCase() ?? null,
            paceZ1Time: a.pace[0], paceZ2Time: a.pace[1], paceZ3Time: a.pace[2], paceZ4Time: a.pace[3], paceZ5Time: a.pace[4],
            hrZ1Time: a.hr[0], hrZ2Time: a.hr[1], hrZ3Time: a.hr[2], hrZ4Time: a.hr[3], hrZ5Time: a.hr[4],
          },
        })),
      },
      fitness: r.as_of === null ? null : {
        asOf: r.as_of, ctl: r.ctl, atl: r.atl, tsb: r.tsb, ctlDays: r.ctl_days, atlDays: r.atl_days,
        rampRate: r.ramp_rate, vo2max: r.fitness_vo2max, restingHeartRate: r.resting_hr, hrv7d: r.hrv_7d,
      },
    },
  };
};
