import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import { matchWorkouts, WORKOUT_KINDS, type WorkoutKind } from '../domain/plan-matching';
import { appendEvents } from '../repositories/events';

const asKind = (kind: string): WorkoutKind => ((WORKOUT_KINDS as readonly string[]).includes(kind) ? (kind as WorkoutKind) : 'easy');

/**
 * Brings the matching of an athlete's planned workouts on the given local dates up to date
 * with their live runs (src/domain/plan-matching.ts), inside the caller's transaction: every
 * write of runs calls it with the dates it touched. Workouts of archived plans take no run.
 * Two reads, and when a match changed one update and its PLAN_COMPLIANCE_CHANGED event.
 */
export async function rematchPlannedWorkouts(trx: Kysely<Database>, orgId: number, athleteId: number, localDates: readonly string[]): Promise<number> {
  if (localDates.length === 0) return 0;
  const workouts = await trx
    .selectFrom('planned_workouts as w')
    .innerJoin('training_plans as p', (join) => join.onRef('p.org_id', '=', 'w.org_id').onRef('p.id', '=', 'w.plan_id'))
    .select(['w.id', 'w.date', 'w.kind', 'w.planned_distance_m', 'w.planned_duration_s', 'w.completed_activity_id', 'w.compliance_score', 'p.status'])
    .where('w.org_id', '=', orgId)
    .where('p.athlete_id', '=', athleteId)
    .where(sql<boolean>`w.date = any(${[...localDates]}::date[])`)
    .execute();
  if (workouts.length === 0) return 0;
  const runs = await trx
    .selectFrom('activities')
    .select(['id', 'local_date', 'distance_m', 'moving_s'])
    .where('org_id', '=', orgId)
    .where('athlete_id', '=', athleteId)
    .where('deleted_at', 'is', null)
    .where(sql<boolean>`local_date = any(${[...new Set(workouts.map((w) => w.date))]}::date[])`)
    .execute();
  const live = workouts.filter((w) => w.status !== 'archived');
  const matches = [
    ...matchWorkouts(
      live.map((w) => ({ id: w.id, date: w.date, kind: asKind(w.kind), plannedDistanceM: w.planned_distance_m, plannedDurationS: w.planned_duration_s })),
      runs.map((r) => ({ id: Number(r.id), date: r.local_date, distanceM: r.distance_m, movingS: r.moving_s })),
    ),
    ...workouts.filter((w) => w.status === 'archived').map((w) => ({ workoutId: w.id, activityId: null, score: null })),
  ];
  const stored = new Map(workouts.map((w) => [w.id, w]));
  const changed = matches.filter((m) => {
    const before = stored.get(m.workoutId)!;
    return (before.completed_activity_id === null ? null : Number(before.completed_activity_id)) !== m.activityId || before.compliance_score !== m.score;
  });
  if (changed.length === 0) return 0;
  await sql`
    update planned_workouts w set completed_activity_id = m.activity_id, compliance_score = m.score
    from unnest(${changed.map((m) => m.workoutId)}::int[], ${changed.map((m) => m.activityId)}::bigint[], ${changed.map((m) => m.score)}::float8[])
      as m(id, activity_id, score)
    where w.org_id = ${orgId} and w.id = m.id`.execute(trx);
  await appendEvents(trx, orgId, [{
    kind: 'PLAN_COMPLIANCE_CHANGED',
    athleteId,
    payload: {
      workouts: changed.map((m) => {
        const before = stored.get(m.workoutId)!;
        return { workoutId: m.workoutId, date: before.date, completedActivityId: m.activityId, complianceScore: m.score, previousComplianceScore: before.compliance_score };
      }),
    },
  }]);
  return changed.length;
}
