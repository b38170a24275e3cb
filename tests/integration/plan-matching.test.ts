import fc from 'fast-check';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { assignCoach, createOrganization, createUser } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { execute } from '../helpers/graphql';
import { matchWorkouts, WORKOUT_KINDS, type WorkoutKind } from '../../src/domain/plan-matching';
import type { App } from '../../src/app';

// Runs written through the API move the matching of planned workouts with them (issue 14,
// part 2): ingest, a re-ingest that changes a run or its day, and delete; and plan edits
// through the plan mutations (add, move, edit, delete a workout) move it too.
let t: TestDatabase;
let planId: number;
let app: App;
let token: string;
let orgId: number;
let athleteId: number;
const workoutIds: Record<string, number> = {};

const INGEST = 'mutation($athleteId: ID!, $activities: [ActivityInput!]!) { ingestActivities(athleteId: $athleteId, activities: $activities) { written } }';
const DELETE = 'mutation($id: ID!) { deleteActivity(id: $id) { id } }';
const ADD_WORKOUT = 'mutation($input: AddPlannedWorkoutInput!) { addPlannedWorkout(input: $input) { workout { id } } }';
const UPDATE_WORKOUT = 'mutation($input: UpdatePlannedWorkoutInput!) { updatePlannedWorkout(input: $input) { workout { id } } }';
const DELETE_WORKOUT = 'mutation($input: DeletePlannedWorkoutInput!) { deletePlannedWorkout(input: $input) { deletedWorkoutId } }';
const PLAN = [
  { date: '2026-11-02', kind: 'easy', km: 8 },
  { date: '2026-11-03', kind: 'rest', km: null },
  { date: '2026-11-04', kind: 'long', km: 20 },
  { date: '2026-11-05', kind: 'tempo', km: 10 },
  { date: '2026-11-05', kind: 'easy', km: 5 },
];

let version = 0;
async function ingest(externalId: string, date: string, km: number) {
  version += 1;
  const result = await execute(app, token, INGEST, {
    athleteId: String(athleteId),
    activities: [{ source: 'watch', externalId, startTime: `${date}T07:00:00Z`, distance: km * 1000, movingTime: Math.round(km * 300), updatedAt: new Date(Date.UTC(2026, 10, 20, 0, 0, version)).toISOString() }],
  });
  expect(result.errors).toBeUndefined();
}

const idOf = async (externalId: string) =>
  Number((await t.db.selectFrom('activities').select('id').where('org_id', '=', orgId).where('external_id', '=', externalId).executeTakeFirstOrThrow()).id);

async function storedMatching() {
  const rows = await t.db.selectFrom('planned_workouts').select(['id', 'completed_activity_id', 'compliance_score']).where('org_id', '=', orgId).orderBy('id').execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.completed_activity_id === null ? null : Number(r.completed_activity_id)]));
}

async function storedScores() {
  const rows = await t.db.selectFrom('planned_workouts').select(['id', 'compliance_score']).where('org_id', '=', orgId).orderBy('id').execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.compliance_score]));
}

async function recomputedMatching() {
  const workouts = await t.db.selectFrom('planned_workouts').selectAll().where('org_id', '=', orgId).orderBy('id').execute();
  const runs = await t.db.selectFrom('activities').selectAll().where('org_id', '=', orgId).where('deleted_at', 'is', null).execute();
  const matches = matchWorkouts(
    workouts.map((w) => ({ id: w.id, date: w.date, kind: ((WORKOUT_KINDS as readonly string[]).includes(w.kind) ? w.kind : 'easy') as WorkoutKind, plannedDistanceM: w.planned_distance_m, plannedDurationS: w.planned_duration_s })),
    runs.map((r) => ({ id: Number(r.id), date: r.local_date, distanceM: r.distance_m, movingS: r.moving_s })),
  );
  return Object.fromEntries(matches.map((m) => [m.workoutId, m.activityId]));
}

async function recomputedScores() {
  const workouts = await t.db.selectFrom('planned_workouts').selectAll().where('org_id', '=', orgId).orderBy('id').execute();
  const runs = await t.db.selectFrom('activities').selectAll().where('org_id', '=', orgId).where('deleted_at', 'is', null).execute();
  const matches = matchWorkouts(
    workouts.map((w) => ({ id: w.id, date: w.date, kind: ((WORKOUT_KINDS as readonly string[]).includes(w.kind) ? w.kind : 'easy') as WorkoutKind, plannedDistanceM: w.planned_distance_m, plannedDurationS: w.planned_duration_s })),
    runs.map((r) => ({ id: Number(r.id), date: r.local_date, distanceM: r.distance_m, movingS: r.moving_s })),
  );
  return Object.fromEntries(matches.map((m) => [m.workoutId, m.score]));
}

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganization(t.db, 'Plan Club');
  const coachId = await createUser(t.db, orgId, { role: 'coach', name: 'Plan Coach' });
  athleteId = await createUser(t.db, orgId, { role: 'athlete', name: 'Plan Runner', timezone: 'UTC' });
  await assignCoach(t.db, orgId, coachId, athleteId);
  token = await tokenFor({ orgId, userId: coachId, role: 'COACH' });
  app = createTestApp(t.db, { clock: () => new Date('2026-11-06T12:00:00Z') });
  const plan = await t.db
    .insertInto('training_plans')
    .values({ org_id: orgId, athlete_id: athleteId, name: 'Base', start_date: '2026-11-02', total_weeks: 1, status: 'active' })
    .returning('id')
    .executeTakeFirstOrThrow();
  planId = plan.id;
  for (const w of PLAN) {
    const row = await t.db
      .insertInto('planned_workouts')
      .values({ org_id: orgId, plan_id: plan.id, date: w.date, kind: w.kind, planned_distance_m: w.km === null ? null : w.km * 1000, planned_duration_s: null, completed_activity_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    workoutIds[`${w.date} ${w.kind}`] = row.id;
  }
});

afterAll(() => t.close());

describe('planned workouts follow the runs', () => {
  it('matches on ingest, moves with a run that changes day, and lets go on delete', async () => {
    await ingest('a', '2026-11-02', 8);
    await ingest('b', '2026-11-03', 6);
    await ingest('c', '2026-11-04', 12);
    await ingest('d', '2026-11-04', 19);
    let stored = await storedMatching();
    expect(stored[workoutIds['2026-11-02 easy']]).toBe(await idOf('a'));
    expect(stored[workoutIds['2026-11-03 rest']]).toBeNull();
    expect(stored[workoutIds['2026-11-04 long']]).toBe(await idOf('d'));
    expect(stored[workoutIds['2026-11-05 tempo']]).toBeNull();
    expect((await storedScores())[workoutIds['2026-11-04 long']]).toBeCloseTo(19 / 20, 12);

    // The 19 km run was really on Thursday: the long run takes the 12 km one, Thursday's tempo the moved run.
    await ingest('d', '2026-11-05', 9.5);
    stored = await storedMatching();
    expect(stored[workoutIds['2026-11-04 long']]).toBe(await idOf('c'));
    expect(stored[workoutIds['2026-11-05 tempo']]).toBe(await idOf('d'));
    expect(stored[workoutIds['2026-11-05 easy']]).toBeNull();

    const deleted = await execute(app, token, DELETE, { id: String(await idOf('c')) });
    expect(deleted.errors).toBeUndefined();
    expect((await storedMatching())[workoutIds['2026-11-04 long']]).toBeNull();
    expect(await storedMatching()).toEqual(await recomputedMatching());
  });

  it('keeps the stored matching equal to one recomputed from scratch after any ingests, changes, deletes and plan edits', async () => {
    const day = fc.constantFrom('2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06');
    const kind = fc.constantFrom(...WORKOUT_KINDS);
    const amount = fc.option(fc.integer({ min: 2, max: 25 }), { nil: null });
    const step = fc.oneof(
      fc.record({ op: fc.constant('ingest' as const), run: fc.integer({ min: 0, max: 5 }), date: day, km: fc.integer({ min: 2, max: 25 }) }),
      fc.record({ op: fc.constant('delete' as const), run: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ op: fc.constant('addWorkout' as const), date: day, kind, km: amount }),
      fc.record({ op: fc.constant('moveWorkout' as const), workout: fc.nat(), date: day }),
      fc.record({ op: fc.constant('editWorkout' as const), workout: fc.nat(), kind, km: amount }),
      fc.record({ op: fc.constant('deleteWorkout' as const), workout: fc.nat() }),
    );
    /** The plan's n-th workout (modulo how many there are), by id; undefined when it has none. */
    const nthWorkout = async (n: number) => {
      const rows = await t.db.selectFrom('planned_workouts').select('id').where('org_id', '=', orgId).where('plan_id', '=', planId).orderBy('id').execute();
      return rows.length ? String(rows[n % rows.length].id) : undefined;
    };
    const amountOf = (k: WorkoutKind, km: number | null) => (k === 'rest' || km === null ? null : km * 1000);
    const planEdit = async (query: string, input: Record<string, unknown>) => expect((await execute(app, token, query, { input })).errors).toBeUndefined();
    let round = 0;
    await t.db.deleteFrom('activities').where('org_id', '=', orgId).execute();
    await t.db.updateTable('planned_workouts').set({ completed_activity_id: null, compliance_score: null }).where('org_id', '=', orgId).execute();
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        round += 1;
        for (const s of steps) {
          const externalId = 'run' in s ? `p${round}-${s.run}` : '';
          if (s.op === 'ingest') await ingest(externalId, s.date, s.km);
          else if (s.op === 'addWorkout') {
            await planEdit(ADD_WORKOUT, { planId: String(planId), date: s.date, kind: s.kind.toUpperCase(), distance: amountOf(s.kind, s.km) });
          } else if (s.op === 'moveWorkout') {
            const id = await nthWorkout(s.workout);
            if (id) await planEdit(UPDATE_WORKOUT, { id, date: s.date });
          } else if (s.op === 'editWorkout') {
            const id = await nthWorkout(s.workout);
            if (id) await planEdit(UPDATE_WORKOUT, { id, kind: s.kind.toUpperCase(), distance: amountOf(s.kind, s.km), duration: null });
          } else if (s.op === 'deleteWorkout') {
            const id = await nthWorkout(s.workout);
            if (id) await planEdit(DELETE_WORKOUT, { id });
          } else {
            const row = await t.db.selectFrom('activities').select('id').where('org_id', '=', orgId).where('external_id', '=', externalId).executeTakeFirst();
            if (row) expect((await execute(app, token, DELETE, { id: String(row.id) })).errors).toBeUndefined();
          }
        }
        const stored = await storedMatching();
        expect(stored).toEqual(await recomputedMatching());
        expect(await storedScores()).toEqual(await recomputedScores());
        const used = Object.values(stored).filter((id) => id !== null);
        expect(new Set(used).size).toBe(used.length);
        // The next round starts from no runs (removed behind the API's back, so the matching is reset too).
        await t.db.deleteFrom('activities').where('org_id', '=', orgId).execute();
        await t.db.updateTable('planned_workouts').set({ completed_activity_id: null, compliance_score: null }).where('org_id', '=', orgId).execute();
      }),
      { numRuns: 25 },
    );
  });
});

describe('plan counts read in SQL', () => {
  it('agree with the domain statuses, a short run today included', async () => {
    await t.db.deleteFrom('activities').where('org_id', '=', orgId).execute();
    await t.db.updateTable('planned_workouts').set({ completed_activity_id: null, compliance_score: null }).where('org_id', '=', orgId).execute();
    const plan = await t.db.selectFrom('training_plans').select('id').where('org_id', '=', orgId).where('athlete_id', '=', athleteId).orderBy('id').executeTakeFirstOrThrow();
    // Workouts the property test's plan edits left on that day would choose the run first.
    await t.db.deleteFrom('planned_workouts').where('org_id', '=', orgId).where('date', '=', '2026-11-06').execute();
    await t.db.insertInto('planned_workouts').values({ org_id: orgId, plan_id: plan.id, date: '2026-11-06', kind: 'tempo', planned_distance_m: 10_000, planned_duration_s: null }).execute();
    await ingest('today-short', '2026-11-06', 3); // 30% of the plan, today: missed already
    await ingest('mon', '2026-11-02', 8);
    const result = await execute<any, any>(app, token, `query($id: ID!) { athlete(id: $id) { currentTrainingPlan {
      progress { completed partial missed due } weeks { completed partial missed due } thisWeek { date status } } } }`, { id: String(athleteId) });
    expect(result.errors).toBeUndefined();
    const plan0 = result.data.athlete.currentTrainingPlan;
    const summed = (key: string) => plan0.weeks.reduce((sum: number, w: any) => sum + w[key], 0);
    expect({ completed: summed('completed'), partial: summed('partial'), missed: summed('missed'), due: summed('due') }).toEqual(plan0.progress);
    expect(plan0.progress.missed).toBeGreaterThan(0);
    const statuses = new Map(plan0.thisWeek.map((w: any) => [w.date, w.status]));
    expect(statuses.get('2026-11-06')).toBe('MISSED');
  });
});
