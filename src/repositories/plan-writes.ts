import { sql, type Kysely } from 'kysely';
import type { Database, PlanStatus } from '../db/types';
import type { WorkoutDraft } from '../domain/plan';
import { intArray, equalsAny } from './params';
import { lockAthleteDerived } from './athlete-lock';

// The writes of training plans (src/schema/setup-plans.ts). Each runs inside the mutation's
// tenant transaction; the rows a mutation changes are read FOR UPDATE, so two concurrent
// edits of one plan or workout queue, and expectedVersion sees the version that lands.

/** `now` as each listed athlete's local date (their zone, else the organization's). */
const todayOf = (now: Date) => sql<string>`(${now.toISOString()}::timestamptz at time zone coalesce(u.timezone, o.timezone))::date`;

export interface PlanForWrite {
  id: number;
  athlete_id: number;
  start_date: string;
  total_weeks: number;
  status: PlanStatus;
  version: number;
  today: string;
}

/**
 * A plan of the organization, locked for the rest of the transaction, with its athlete's
 * today; the athlete's derived rows are locked first (lockAthleteDerived).
 */
export async function lockPlan(trx: Kysely<Database>, orgId: number, planId: number, now: Date): Promise<PlanForWrite | undefined> {
  const owner = await trx.selectFrom('training_plans').select('athlete_id').where('org_id', '=', orgId).where('id', '=', planId).executeTakeFirst();
  if (!owner) return undefined;
  await lockAthleteDerived(trx, orgId, owner.athlete_id);
  const { rows } = await sql<PlanForWrite>`
    select p.id, p.athlete_id, to_char(p.start_date, 'YYYY-MM-DD') as start_date, p.total_weeks, p.status, p.version, to_char(${todayOf(now)}, 'YYYY-MM-DD') as today
    from training_plans p join users u on u.org_id = p.org_id and u.id = p.athlete_id join organizations o on o.id = p.org_id
    where p.org_id = ${orgId} and p.id = ${planId}
    for update of p`.execute(trx);
  return rows[0];
}

export interface WorkoutForWrite extends WorkoutDraft {
  id: number;
  plan_id: number;
  version: number;
}

/** A planned workout of the organization, locked for the rest of the transaction (after its athlete's derived rows). */
export async function lockWorkout(trx: Kysely<Database>, orgId: number, workoutId: number): Promise<WorkoutForWrite | undefined> {
  const owner = await trx.selectFrom('planned_workouts as w')
    .innerJoin('training_plans as p', (j) => j.onRef('p.org_id', '=', 'w.org_id').onRef('p.id', '=', 'w.plan_id'))
    .select('p.athlete_id').where('w.org_id', '=', orgId).where('w.id', '=', workoutId).executeTakeFirst();
  if (!owner) return undefined;
  await lockAthleteDerived(trx, orgId, owner.athlete_id);
  const { rows } = await sql<WorkoutForWrite>`
    select id, plan_id, to_char(date, 'YYYY-MM-DD') as date, kind, planned_distance_m as "distanceM", planned_duration_s as "durationS", description, version
    from planned_workouts where org_id = ${orgId} and id = ${workoutId}
    for update`.execute(trx);
  return rows[0];
}

/** The distinct dates of a plan's workouts. */
export async function findPlanDates(trx: Kysely<Database>, orgId: number, planId: number): Promise<string[]> {
  const rows = await trx.selectFrom('planned_workouts').select(sql<string>`date::text`.as('date')).distinct()
    .where('org_id', '=', orgId).where('plan_id', '=', planId).execute();
  return rows.map((r) => r.date);
}

/** The group's current members (not archived): undefined when the group is not the organization's. */
export async function findCurrentGroupMembers(trx: Kysely<Database>, orgId: number, groupId: number): Promise<number[] | undefined> {
  const { rows } = await sql<{ athlete_id: number | null }>`
    select gm.athlete_id from groups g
    left join group_members gm on gm.org_id = g.org_id and gm.group_id = g.id
      and exists (select 1 from users u where u.org_id = gm.org_id and u.id = gm.athlete_id and u.role = 'athlete' and u.archived_at is null)
    where g.org_id = ${orgId} and g.id = ${groupId}
    order by gm.athlete_id`.execute(trx);
  if (rows.length === 0) return undefined;
  return rows.flatMap((r) => (r.athlete_id === null ? [] : [r.athlete_id]));
}

/** Which of the athletes the coach is not assigned to. */
export async function unassignedAthletes(trx: Kysely<Database>, orgId: number, coachId: number, athleteIds: readonly number[]): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    select a.id from unnest(${intArray(athleteIds)}::int[]) as a(id)
    where not exists (select 1 from coach_assignments ca where ca.org_id = ${orgId} and ca.coach_id = ${coachId} and ca.athlete_id = a.id)
    order by a.id`.execute(trx);
  return rows.map((r) => r.id);
}

/** One plan per athlete with the same workouts; the plans' ids in the order of `athleteIds`. */
export async function insertPlans(
  trx: Kysely<Database>,
  orgId: number,
  plan: { athleteIds: readonly number[]; groupId: number | null; name: string; startDate: string; totalWeeks: number; workouts: readonly WorkoutDraft[] },
): Promise<number[]> {
  const { rows } = await sql<{ id: number; athlete_id: number }>`
    insert into training_plans (org_id, athlete_id, group_id, name, start_date, total_weeks, status)
    select ${orgId}, a.id, ${plan.groupId}::int, ${plan.name}, ${plan.startDate}::date, ${plan.totalWeeks}, 'active'
    from unnest(${intArray(plan.athleteIds)}::int[]) with ordinality as a(id, n) order by a.n
    returning id, athlete_id`.execute(trx);
  const planOf = new Map(rows.map((r) => [r.athlete_id, r.id]));
  const planIds = plan.athleteIds.map((id) => planOf.get(id)!);
  if (plan.workouts.length > 0) {
    const w = plan.workouts;
    await sql`
      insert into planned_workouts (org_id, plan_id, date, kind, planned_distance_m, planned_duration_s, description)
      select ${orgId}, p.id, w.date, w.kind, w.distance, w.duration, w.description
      from unnest(${intArray(planIds)}::int[]) as p(id)
      cross join unnest(${w.map((x) => x.date)}::date[], ${w.map((x) => x.kind)}::text[], ${w.map((x) => x.distanceM)}::float8[],
        ${w.map((x) => x.durationS)}::int[], ${w.map((x) => x.description)}::text[]) with ordinality as w(date, kind, distance, duration, description, n)
      order by p.id, w.n`.execute(trx);
  }
  return planIds;
}

export async function insertWorkout(trx: Kysely<Database>, orgId: number, planId: number, w: WorkoutDraft): Promise<number> {
  const row = await trx
    .insertInto('planned_workouts')
    .values({ org_id: orgId, plan_id: planId, date: w.date, kind: w.kind, planned_distance_m: w.distanceM, planned_duration_s: w.durationS, description: w.description, completed_activity_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes the workout's fields and takes the next version. */
export async function updateWorkout(trx: Kysely<Database>, orgId: number, id: number, w: WorkoutDraft): Promise<void> {
  await trx
    .updateTable('planned_workouts')
    .set((eb) => ({ date: w.date, kind: w.kind, planned_distance_m: w.distanceM, planned_duration_s: w.durationS, description: w.description, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

export async function deleteWorkout(trx: Kysely<Database>, orgId: number, id: number): Promise<void> {
  await trx.deleteFrom('planned_workouts').where('org_id', '=', orgId).where('id', '=', id).execute();
}

export async function setPlanStatus(trx: Kysely<Database>, orgId: number, id: number, status: PlanStatus): Promise<void> {
  await trx
    .updateTable('training_plans')
    .set((eb) => ({ status, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

/**
 * Persists what reads already show: the athletes' active plans whose last week is over
 * (start + 7 × weeks on or before the athlete's today) become 'completed'. The version
 * stays: what a client read does not change, so its expectedVersion stays good.
 */
export async function completeEndedPlans(trx: Kysely<Database>, orgId: number, athleteIds: readonly number[], now: Date): Promise<number> {
  if (athleteIds.length === 0) return 0;
  const result = await sql`
    update training_plans p set status = 'completed'
    from users u join organizations o on o.id = u.org_id
    where p.org_id = ${orgId} and p.athlete_id ${equalsAny(athleteIds)} and p.status = 'active'
      and u.org_id = p.org_id and u.id = p.athlete_id
      and p.start_date + 7 * p.total_weeks <= ${todayOf(now)}`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}
