import { sql, type Kysely, type Selectable } from 'kysely';
import type { AthleteFitnessTable, Database, IntegrationProvider, IntegrationStatus } from '../db/types';
import { athleteTodays } from './activity-daily';
import { equalsAny } from './params';
import { jsonRows } from './json-rows';
import { RECENT_RUNS_DAYS } from '../domain/quality';
import type { CachedBasis } from '../domain/metric-basis';
import { PLAN_COUNT_COLUMNS, planCountAggregates, type PlanCounts } from './plans';

// The athlete profile's reads: each takes the organization and a batch of athlete ids and
// answers in one statement, whatever the number of athletes.

export interface ActivePlanRow extends PlanCounts {
  athlete_id: number;
  today: string;
  id: number;
  name: string;
  start_date: string;
  total_weeks: number;
  status: 'active' | 'completed' | 'archived';
  version: number;
}

/**
 * Each athlete's active plan (the latest started), with its workouts counted by compliance
 * (repositories/plans.ts). A plan whose last week is over (start + 7 × weeks on or before
 * the athlete's today) is completed, stored so or not (docs/metrics.md), so never current.
 */
export async function findActivePlans(db: Kysely<Database>, orgId: number, athleteIds: readonly number[], now: Date): Promise<ActivePlanRow[]> {
  return jsonRows<ActivePlanRow>(db, sql`
    with today as materialized (${athleteTodays(orgId, athleteIds, now)})
    select t.athlete_id, t.today, p.id, p.name, p.start_date, p.total_weeks, p.status, p.version, w.*
    from today t
    cross join lateral (
      select * from training_plans where org_id = ${orgId} and athlete_id = t.athlete_id and status = 'active'
        and start_date + 7 * total_weeks > t.today
      order by start_date desc, id desc limit 1) p
    cross join lateral (
      select ${planCountAggregates(sql`t.today`)}
      from planned_workouts where org_id = ${orgId} and plan_id = p.id and kind <> 'rest') w`,
    ['athlete_id', 'today', 'id', 'name', 'start_date', 'total_weeks', 'status', 'version', ...PLAN_COUNT_COLUMNS]);
}

export interface GoalRaceRow {
  athlete_id: number;
  id: number;
  version: number;
  event_name: string;
  race_date: string;
  distance_m: number;
  goal_time_s: number | null;
  settings_vdot: number | null;
  best_vdot: number | null;
  best_distance_m: number | null;
  best_moving_s: number | null;
  best_date: string | null;
}

/**
 * `best`: the athlete's run of 3 km or more in the last 180 local days with the highest VDOT
 * (Daniels-Gilbert, as src/domain/vdot.ts), for a FROM with `t.athlete_id` and `t.today`.
 */
export function bestEffortJoin(orgId: number) {
  return sql`left join lateral (
      select a.distance_m, a.moving_s, a.local_date,
        (-4.6 + 0.182258 * v + 0.000104 * v * v)
          / (0.8 + 0.1894393 * exp(-0.012778 * m) + 0.2989558 * exp(-0.1932605 * m)) as vdot
      from activities a,
        lateral (select a.moving_s / 60.0 as m) minutes,
        lateral (select a.distance_m / (a.moving_s / 60.0) as v) speed
      where a.org_id = ${orgId} and a.athlete_id = t.athlete_id and a.deleted_at is null
        and a.local_date between t.today - 179 and t.today and a.distance_m >= 3000 and a.moving_s > 0
      order by vdot desc limit 1) best on true`;
}

/**
 * Each athlete's next goal race (the earliest on or after today), their VDOT from settings,
 * and their best effort of the last 180 days by VDOT. The VDOT expression is the
 * Daniels-Gilbert formula of src/domain/vdot.ts, written in SQL so only the best run per
 * athlete leaves the database (a test checks both agree).
 */
export async function findGoalRaces(db: Kysely<Database>, orgId: number, athleteIds: readonly number[], now: Date): Promise<GoalRaceRow[]> {
  const { rows } = await sql<GoalRaceRow>`
    with today as materialized (${athleteTodays(orgId, athleteIds, now)})
    select t.athlete_id, g.id, g.version, g.event_name, g.race_date, g.distance_m, g.goal_time_s, s.vdot as settings_vdot,
      best.vdot as best_vdot, best.distance_m as best_distance_m, best.moving_s as best_moving_s, best.local_date as best_date
    from today t
    cross join lateral (
      select * from goal_races where org_id = ${orgId} and athlete_id = t.athlete_id and race_date >= t.today
      order by race_date, id limit 1) g
    left join athlete_settings s on s.org_id = ${orgId} and s.athlete_id = t.athlete_id
    ${bestEffortJoin(orgId)}`.execute(db);
  return rows;
}

export interface IntegrationRow {
  athlete_id: number;
  provider: IntegrationProvider;
  status: IntegrationStatus;
  last_sync_at: Date | null;
  error: string | null;
  version: number;
}

export async function findIntegrations(db: Kysely<Database>, orgId: number, athleteIds: readonly number[]): Promise<IntegrationRow[]> {
  return db
    .selectFrom('integrations')
    .select(['athlete_id', 'provider', 'status', 'last_sync_at', 'error', 'version'])
    .where('org_id', '=', orgId)
    .where(sql<boolean>`athlete_id ${equalsAny(athleteIds)}`)
    .execute();
}

export interface QualityRow {
  athlete_id: number;
  has_pace_zones: boolean;
  has_hr_zones: boolean;
  has_hr_max_rest: boolean;
  has_threshold_pace: boolean;
  has_vdot: boolean;
  has_connected_integration: boolean;
  has_timezone: boolean;
  has_unit_system: boolean;
  has_recent_runs: boolean;
  has_any_run: boolean;
}

const QUALITY_COLUMNS = [
  'athlete_id', 'has_pace_zones', 'has_hr_zones', 'has_hr_max_rest', 'has_threshold_pace', 'has_vdot', 'has_connected_integration',
  'has_timezone', 'has_unit_system', 'has_recent_runs', 'has_any_run',
] as const satisfies readonly (keyof QualityRow)[];

/** What the data-quality score checks, per athlete. */
export async function findQualityInputs(db: Kysely<Database>, orgId: number, athleteIds: readonly number[], now: Date): Promise<QualityRow[]> {
  return jsonRows<QualityRow>(db, sql`
    with today as materialized (${athleteTodays(orgId, athleteIds, now)})
    select u.id as athlete_id,
      s.pace_zones is not null as has_pace_zones,
      s.hr_zones is not null as has_hr_zones,
      coalesce(s.hr_max is not null and s.hr_rest is not null, false) as has_hr_max_rest,
      s.threshold_pace_s_per_km is not null as has_threshold_pace,
      s.vdot is not null as has_vdot,
      exists (select 1 from integrations i where i.org_id = u.org_id and i.athlete_id = u.id and i.status = 'connected') as has_connected_integration,
      u.timezone is not null as has_timezone,
      u.unit_system is not null as has_unit_system,
      exists (select 1 from activity_daily d where d.org_id = u.org_id and d.athlete_id = u.id
        and d.local_date between t.today - ${RECENT_RUNS_DAYS - 1}::int and t.today) as has_recent_runs,
      exists (select 1 from activity_daily d where d.org_id = u.org_id and d.athlete_id = u.id) as has_any_run
    from today t
    join users u on u.org_id = ${orgId} and u.id = t.athlete_id
    left join athlete_settings s on s.org_id = u.org_id and s.athlete_id = u.id`,
    QUALITY_COLUMNS);
}

/** The load basis of each athlete: the settings loads use, and the estimates standing in for missing ones. */
export interface LoadBasisRow {
  athlete_id: number;
  sex: 'male' | 'female' | null;
  hr_max: number | null;
  hr_rest: number | null;
  threshold_pace: number | null;
  vdot: number | null;
  est_hr_max: number | null;
  est_hr_max_readings: number | null;
  est_hr_max_since: string | null;
  est_hr_rest: number | null;
  est_hr_rest_readings: number | null;
  est_hr_rest_since: string | null;
  est_vdot: number | null;
  est_vdot_readings: number | null;
  est_vdot_since: string | null;
}

const LOAD_BASIS_COLUMNS = [
  'athlete_id', 'sex', 'hr_max', 'hr_rest', 'threshold_pace', 'vdot', 'est_hr_max', 'est_hr_max_readings', 'est_hr_max_since',
  'est_hr_rest', 'est_hr_rest_readings', 'est_hr_rest_since', 'est_vdot', 'est_vdot_readings', 'est_vdot_since',
] as const satisfies readonly (keyof LoadBasisRow)[];

export async function findLoadBasisInputs(db: Kysely<Database>, orgId: number, athleteIds: readonly number[]): Promise<LoadBasisRow[]> {
  return jsonRows<LoadBasisRow>(db, sql`
    select u.id as athlete_id, u.sex, s.hr_max, s.hr_rest, s.threshold_pace_s_per_km as threshold_pace, s.vdot,
      e.hr_max as est_hr_max, e.hr_max_readings as est_hr_max_readings, e.hr_max_since as est_hr_max_since,
      e.hr_rest as est_hr_rest, e.hr_rest_readings as est_hr_rest_readings, e.hr_rest_since as est_hr_rest_since,
      e.vdot as est_vdot, e.vdot_readings as est_vdot_readings, e.vdot_since as est_vdot_since
    from users u
    left join athlete_settings s on s.org_id = u.org_id and s.athlete_id = u.id
    left join athlete_load_estimates e on e.org_id = u.org_id and e.athlete_id = u.id
    where u.org_id = ${orgId} and u.id ${equalsAny(athleteIds)}`,
    LOAD_BASIS_COLUMNS);
}

export type FitnessRow = Omit<Selectable<AthleteFitnessTable>, 'org_id' | 'updated_at' | 'risk_state' | 'basis'>;

export async function findFitness(db: Kysely<Database>, orgId: number, athleteIds: readonly number[]): Promise<FitnessRow[]> {
  return jsonRows<FitnessRow>(db, sql`
    select athlete_id, as_of, ctl, atl, tsb, ctl_days, atl_days, ramp_rate, vo2max, resting_hr, hrv_7d
    from athlete_fitness where org_id = ${orgId} and athlete_id ${equalsAny(athleteIds)}`,
    ['athlete_id', 'as_of', 'ctl', 'atl', 'tsb', 'ctl_days', 'atl_days', 'ramp_rate', 'vo2max', 'resting_hr', 'hrv_7d']);
}

/**
 * What the cached fitness and risk numbers stand on, read only when a client asks for a
 * basis: a thousand of them as JSON cost the Athletes list a fifth of its time when every
 * request carried them.
 */
export async function findCachedBases(db: Kysely<Database>, orgId: number, athleteIds: readonly number[]): Promise<{ athlete_id: number; basis: CachedBasis | null }[]> {
  return jsonRows<{ athlete_id: number; basis: CachedBasis | null }>(db, sql`
    select athlete_id, basis from athlete_fitness where org_id = ${orgId} and athlete_id ${equalsAny(athleteIds)}`,
    ['athlete_id', 'basis']);
}
