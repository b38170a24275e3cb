import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/types';
import { COMPLIANCE_BANDS } from '../domain/plan-matching';
import { intArray, equalsAny } from './params';
import { activitySelection, type ActivityRow } from './activities';
import { jsonRows, toDate } from './json-rows';
import type { ActivePlanRow } from './profile';
import { athleteTodays } from './activity-daily';

/** Counts of a plan's workouts (rest days aside) by compliance, as of the athlete's today. */
export interface PlanCounts {
  /** Planned in the whole plan. */
  total: number;
  /** Planned up to today. */
  due: number;
  completed: number;
  partial: number;
  /** Days over without a completing run, or with a run below half the plan. */
  missed: number;
}

export const PLAN_COUNT_COLUMNS = ['total', 'due', 'completed', 'partial', 'missed'] as const;

/**
 * The counts' aggregates over `planned_workouts` rows of one plan, for a FROM that filters
 * them (a LATERAL per plan). The bands are the domain's (src/domain/plan-matching.ts).
 */
export function planCountAggregates(today: RawBuilder<unknown>): RawBuilder<PlanCounts> {
  const { completedFrom, completedTo, partialFrom } = COMPLIANCE_BANDS;
  const completed = sql`completed_activity_id is not null and (compliance_score is null or compliance_score between ${completedFrom}::float8 and ${completedTo}::float8)`;
  const partial = sql`completed_activity_id is not null and compliance_score >= ${partialFrom}::float8 and not (compliance_score between ${completedFrom}::float8 and ${completedTo}::float8)`;
  return sql<PlanCounts>`
    count(*)::int as total,
    count(*) filter (where date <= ${today})::int as due,
    count(*) filter (where date <= ${today} and ${completed})::int as completed,
    count(*) filter (where date <= ${today} and ${partial})::int as partial,
    count(*) filter (where (date < ${today} and completed_activity_id is null)
      or (date <= ${today} and compliance_score < ${partialFrom}::float8))::int as missed`;
}

export interface PlanWorkoutRow {
  plan_id: number;
  id: number;
  date: string;
  kind: string;
  planned_distance_m: number | null;
  planned_duration_s: number | null;
  completed_activity_id: number | null;
  compliance_score: number | null;
  description: string | null;
  version: number;
  /** The athlete ran that local day (what tells a rest day kept from an unplanned run). */
  ran: boolean;
  /** The matched run. */
  run: ActivityRow | null;
}

/** Every workout of the given plans, by date, with its matched run: one statement for any number of plans. */
export function findPlanWorkouts(db: Kysely<Database>, orgId: number, planIds: readonly number[]): Promise<PlanWorkoutRow[]> {
  return selectPlanWorkouts(db, orgId, sql`where w.org_id = ${orgId} and w.plan_id ${equalsAny(planIds)}`);
}

/**
 * The workouts of one week (7 days from `weekStart`) of each given plan: what a plan's current
 * week shows, without reading the whole plan. One statement.
 */
export function findPlanWeekWorkouts(db: Kysely<Database>, orgId: number, weeks: readonly { planId: number; weekStart: string }[]): Promise<PlanWorkoutRow[]> {
  return selectPlanWorkouts(db, orgId, sql`
    join unnest(${intArray(weeks.map((w) => w.planId))}::int[], ${`{${weeks.map((w) => w.weekStart).join(',')}}`}::date[]) as wk(plan_id, week_start)
      on wk.plan_id = w.plan_id and w.date >= wk.week_start and w.date < wk.week_start + 7
    where w.org_id = ${orgId}`);
}

async function selectPlanWorkouts(db: Kysely<Database>, orgId: number, filter: RawBuilder<unknown>): Promise<PlanWorkoutRow[]> {
  const { rows } = await sql<PlanWorkoutRow>`
    select w.plan_id, w.id, w.date, w.kind, w.planned_distance_m, w.planned_duration_s, w.completed_activity_id, w.compliance_score, w.description, w.version,
      exists (select 1 from activity_daily d where d.org_id = w.org_id and d.athlete_id = p.athlete_id and d.local_date = w.date and d.runs > 0) as ran,
      (select row_to_json(r) from (
        select a.athlete_id, ${activitySelection} from activities a
        where a.org_id = w.org_id and a.id = w.completed_activity_id and a.deleted_at is null) r) as run
    from planned_workouts w join training_plans p on p.org_id = w.org_id and p.id = w.plan_id
    ${filter}
    order by w.plan_id, w.date, w.id`.execute(db);
  for (const row of rows) if (row.run) row.run.start_time = toDate(row.run.start_time);
  return rows;
}

/**
 * Plans by id, in the shape of an athlete's current plan (repositories/profile.ts), with their
 * counts: one statement. An active plan whose last week is over (start + 7 × weeks on or
 * before the athlete's today) reads as completed, whether or not a write has stored it yet.
 */
export async function findPlansByIds(db: Kysely<Database>, orgId: number, planIds: readonly number[], now: Date): Promise<ActivePlanRow[]> {
  return jsonRows<ActivePlanRow>(db, sql`
    select p.athlete_id, t.today, p.id, p.name, p.start_date, p.total_weeks,
      case when p.status = 'active' and p.start_date + 7 * p.total_weeks <= t.today then 'completed' else p.status end as status,
      p.version, w.*
    from training_plans p
    join users u on u.org_id = p.org_id and u.id = p.athlete_id join organizations o on o.id = p.org_id
    cross join lateral (select (${now.toISOString()}::timestamptz at time zone coalesce(u.timezone, o.timezone))::date as today) t
    cross join lateral (
      select ${planCountAggregates(sql`t.today`)}
      from planned_workouts where org_id = ${orgId} and plan_id = p.id and kind <> 'rest') w
    where p.org_id = ${orgId} and p.id ${equalsAny(planIds)}
    order by p.id`,
    ['athlete_id', 'today', 'id', 'name', 'start_date', 'total_weeks', 'status', 'version', 'total', 'due', 'completed', 'partial', 'missed']);
}

/**
 * Each athlete's latest started plan that is not archived, whatever its status: the current
 * one, or the one that just ended (COMPLETED) when none is running. One statement.
 */
export async function findLatestPlans(db: Kysely<Database>, orgId: number, athleteIds: readonly number[], now: Date): Promise<ActivePlanRow[]> {
  return jsonRows<ActivePlanRow>(db, sql`
    with today as materialized (${athleteTodays(orgId, athleteIds, now)})
    select t.athlete_id, t.today, p.id, p.name, p.start_date, p.total_weeks,
      case when p.status = 'active' and p.start_date + 7 * p.total_weeks <= t.today then 'completed' else p.status end as status,
      p.version, w.*
    from today t
    cross join lateral (
      select * from training_plans where org_id = ${orgId} and athlete_id = t.athlete_id and status <> 'archived' and start_date <= t.today
      order by start_date desc, id desc limit 1) p
    cross join lateral (
      select ${planCountAggregates(sql`t.today`)}
      from planned_workouts where org_id = ${orgId} and plan_id = p.id and kind <> 'rest') w`,
    ['athlete_id', 'today', 'id', 'name', 'start_date', 'total_weeks', 'status', 'version', 'total', 'due', 'completed', 'partial', 'missed']);
}
