import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { assignCoach, createOrganization, createUser } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { errorCodes, execute } from '../helpers/graphql';
import type { App } from '../../src/app';

// Training plans through GraphQL (issue 14): each mutation for each role, another
// organization's ids, stale versions, bounds; a plan from a template followed by real runs;
// a group plan; plans whose last week is over completing without anyone acting.

const NOW = new Date('2026-11-18T12:00:00Z'); // a Wednesday; every zone here is UTC
let t: TestDatabase;
let app: App;
let orgId: number;
let foreignOrg: number;
const tokens = {} as Record<'admin' | 'coach' | 'otherCoach' | 'athlete', string>;
let runner: number; // coached by coach and otherCoach
let other: number; // coached by coach only
let archived: number;
let groupId: number;
let foreign: { athlete: number; plan: number; workout: number; group: number };

type Result = Awaited<ReturnType<typeof execute<any, any>>>;
const gql = (token: string, query: string, variables?: Record<string, unknown>): Promise<Result> => execute<any, any>(app, token, query, variables);

const CREATE = `mutation($input: CreateTrainingPlanInput!) { createTrainingPlan(input: $input) {
  plan { id name status startDate endDate totalWeeks version athlete { id } }
  plans { id athlete { id } workouts { date kind plannedDistance plannedDuration description } } } }`;
const ADD = `mutation($input: AddPlannedWorkoutInput!) { addPlannedWorkout(input: $input) {
  workout { id date kind plannedDistance plannedDuration description version status complianceScore run { distance } }
  plan { id progress { completed partial missed due total } } } }`;
const UPDATE = `mutation($input: UpdatePlannedWorkoutInput!) { updatePlannedWorkout(input: $input) {
  workout { id date kind plannedDistance plannedDuration description version status complianceScore run { distance } }
  plan { id progress { completed partial missed due total } } } }`;
const DELETE = `mutation($input: DeletePlannedWorkoutInput!) { deletePlannedWorkout(input: $input) {
  deletedWorkoutId plan { id progress { completed partial missed due total } } } }`;
const STATUS = `mutation($input: SetTrainingPlanStatusInput!) { setTrainingPlanStatus(input: $input) { plan { id status version } } }`;
const CURRENT = `query($id: ID!) { athlete(id: $id) { currentTrainingPlan {
  id name status currentWeek totalWeeks progress { completed partial missed due total ratio }
  weeks { week startDate planned due completed partial missed pending unplannedRuns }
  thisWeek { date kind status plannedDistance plannedDuration complianceScore run { distance } } } } }`;
const PLAN = `query($id: ID!) { trainingPlan(id: $id) { id status version endDate } }`;
const INGEST = 'mutation($athleteId: ID!, $activities: [ActivityInput!]!) { ingestActivities(athleteId: $athleteId, activities: $activities) { written } }';

async function ingest(athleteId: number, runs: { id: string; date: string; km: number; minutes?: number }[]) {
  const result = await gql(tokens.admin, INGEST, {
    athleteId: String(athleteId),
    activities: runs.map((r) => ({ source: 'watch', externalId: r.id, startTime: `${r.date}T07:00:00Z`, distance: r.km * 1000, movingTime: (r.minutes ?? r.km * 5) * 60 })),
  });
  expect(result.errors).toBeUndefined();
}

const count = async (table: 'training_plans' | 'planned_workouts') =>
  (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.db)).rows[0].n;

async function storedStatus(planId: number) {
  return (await t.db.selectFrom('training_plans').select(['status', 'version']).where('id', '=', planId).executeTakeFirstOrThrow());
}

/** A plan written behind the API's back, the way the demo seed keeps some: active, whatever its dates. */
async function insertPlan(athleteId: number, startDate: string, totalWeeks: number, status: 'active' | 'completed' | 'archived' = 'active') {
  return (await t.db.insertInto('training_plans').values({ org_id: orgId, athlete_id: athleteId, name: `Old ${startDate}`, start_date: startDate, total_weeks: totalWeeks, status })
    .returning('id').executeTakeFirstOrThrow()).id;
}

// Two weeks from Monday 2026-11-09: week 1 Monday easy 8 km, Tuesday rest, Wednesday tempo 10 km,
// Friday intervals for an hour, Sunday long 20 km; week 2 easy 8, tempo 10 (today), easy 6, long 22.
const TEMPLATE = [
  [
    { day: 1, kind: 'EASY', distance: 8000 },
    { day: 2, kind: 'REST' },
    { day: 3, kind: 'TEMPO', distance: 10000, description: '3 km warm-up, 5 km at threshold' },
    { day: 5, kind: 'INTERVALS', duration: 3600, description: '6 × 800 m' },
    { day: 7, kind: 'LONG', distance: 20000 },
  ],
  [
    { day: 1, kind: 'EASY', distance: 8000 },
    { day: 3, kind: 'TEMPO', distance: 10000 },
    { day: 5, kind: 'EASY', distance: 6000 },
    { day: 7, kind: 'LONG', distance: 22000 },
  ],
];

beforeAll(async () => {
  t = await createTestDatabase();
  app = createTestApp(t.db, { clock: () => NOW });
  orgId = await createOrganization(t.db, 'Plan Setup Club');
  const admin = await createUser(t.db, orgId, { role: 'admin', name: 'Ada Admin' });
  const coach = await createUser(t.db, orgId, { role: 'coach', name: 'Cora Coach' });
  const otherCoach = await createUser(t.db, orgId, { role: 'coach', name: 'Otto Coach' });
  runner = await createUser(t.db, orgId, { role: 'athlete', name: 'Rita Runner', timezone: 'UTC' });
  other = await createUser(t.db, orgId, { role: 'athlete', name: 'Oli Other', timezone: 'UTC' });
  archived = await createUser(t.db, orgId, { role: 'athlete', name: 'Arch Ived', timezone: 'UTC' });
  await t.db.updateTable('users').set({ archived_at: new Date('2026-10-01T00:00:00Z') }).where('id', '=', archived).execute();
  for (const a of [runner, other, archived]) await assignCoach(t.db, orgId, coach, a);
  await assignCoach(t.db, orgId, otherCoach, runner);
  groupId = (await t.db.insertInto('groups').values({ org_id: orgId, name: 'Tuesday Tempo' }).returning('id').executeTakeFirstOrThrow()).id;
  await t.db.insertInto('group_members').values([runner, other, archived].map((a) => ({ org_id: orgId, group_id: groupId, athlete_id: a }))).execute();
  tokens.admin = await tokenFor({ orgId, userId: admin, role: 'ADMIN' });
  tokens.coach = await tokenFor({ orgId, userId: coach, role: 'COACH' });
  tokens.otherCoach = await tokenFor({ orgId, userId: otherCoach, role: 'COACH' });
  tokens.athlete = await tokenFor({ orgId, userId: runner, role: 'ATHLETE' });

  // Another organization, with ids that name nothing in this one (each table numbers its rows).
  foreignOrg = await createOrganization(t.db, 'Elsewhere Harriers');
  for (let i = 0; i < 8; i++) await createUser(t.db, foreignOrg, { role: 'athlete', name: `Filler ${i}` });
  const fAthlete = await createUser(t.db, foreignOrg, { role: 'athlete', name: 'Far Away' });
  for (let i = 0; i < 5; i++) await t.db.insertInto('groups').values({ org_id: foreignOrg, name: `Filler ${i}` }).execute();
  const fGroup = (await t.db.insertInto('groups').values({ org_id: foreignOrg, name: 'Far Group' }).returning('id').executeTakeFirstOrThrow()).id;
  await t.db.insertInto('group_members').values({ org_id: foreignOrg, group_id: fGroup, athlete_id: fAthlete }).execute();
  for (let i = 0; i < 5; i++) await t.db.insertInto('training_plans').values({ org_id: foreignOrg, athlete_id: fAthlete, name: 'Filler', start_date: '2026-11-02', total_weeks: 4, status: 'archived' }).execute();
  const fPlan = (await t.db.insertInto('training_plans').values({ org_id: foreignOrg, athlete_id: fAthlete, name: 'Far Plan', start_date: '2026-11-16', total_weeks: 4, status: 'active' }).returning('id').executeTakeFirstOrThrow()).id;
  for (let i = 0; i < 80; i++) await t.db.insertInto('planned_workouts').values({ org_id: foreignOrg, plan_id: fPlan, date: '2026-11-17', kind: 'easy', planned_distance_m: 5000, planned_duration_s: null, completed_activity_id: null }).execute();
  const fWorkout = (await t.db.insertInto('planned_workouts').values({ org_id: foreignOrg, plan_id: fPlan, date: '2026-11-18', kind: 'easy', planned_distance_m: 5000, planned_duration_s: null, completed_activity_id: null }).returning('id').executeTakeFirstOrThrow()).id;
  foreign = { athlete: fAthlete, plan: fPlan, workout: fWorkout, group: fGroup };
});

afterAll(() => t.close());

describe('createTrainingPlan', () => {
  it('expands a template, rematches the runs already there, and reads back progress, weeks and this week with their compliance', async () => {
    // Week 1's runs arrive before the plan exists: creating it matches them.
    await ingest(runner, [
      { id: 'w1-mon', date: '2026-11-09', km: 8 }, // easy 8 km: 100%, completed
      { id: 'w1-tue', date: '2026-11-10', km: 5 }, // rest day: unplanned run
      { id: 'w1-wed', date: '2026-11-11', km: 6 }, // tempo 10 km: 60%, partial
      { id: 'w1-fri', date: '2026-11-13', km: 10, minutes: 50 }, // intervals for 60 min: 50/60, completed by duration
      // Sunday's long run: none, missed
    ]);
    const created = await gql(tokens.coach, CREATE, { input: { athleteId: String(runner), name: ' Winter 10K ', startDate: '2026-11-09', template: TEMPLATE } });
    expect(created.errors).toBeUndefined();
    const plan = created.data.createTrainingPlan.plan;
    expect(plan).toMatchObject({ name: 'Winter 10K', status: 'ACTIVE', startDate: '2026-11-09', endDate: '2026-11-22', totalWeeks: 2, version: 1, athlete: { id: String(runner) } });
    expect(created.data.createTrainingPlan.plans[0].workouts.map((w: any) => `${w.date} ${w.kind}`)).toEqual([
      '2026-11-09 EASY', '2026-11-10 REST', '2026-11-11 TEMPO', '2026-11-13 INTERVALS', '2026-11-15 LONG',
      '2026-11-16 EASY', '2026-11-18 TEMPO', '2026-11-20 EASY', '2026-11-22 LONG',
    ]);
    expect(created.data.createTrainingPlan.plans[0].workouts[2].description).toBe('3 km warm-up, 5 km at threshold');

    // Week 2's runs arrive after: the ingest matches them.
    await ingest(runner, [
      { id: 'w2-mon', date: '2026-11-16', km: 8.5 }, // 106%, completed
      { id: 'w2-wed', date: '2026-11-18', km: 10 }, // today, completed
    ]);
    const read = await gql(tokens.coach, CURRENT, { id: String(runner) });
    expect(read.errors).toBeUndefined();
    const current = read.data.athlete.currentTrainingPlan;
    expect(current).toMatchObject({ id: plan.id, status: 'ACTIVE', currentWeek: 2, totalWeeks: 2 });
    expect(current.progress).toEqual({ completed: 4, partial: 1, missed: 1, due: 6, total: 8, ratio: 4 / 6 });
    expect(current.weeks).toEqual([
      { week: 1, startDate: '2026-11-09', planned: 4, due: 4, completed: 2, partial: 1, missed: 1, pending: 0, unplannedRuns: 1 },
      { week: 2, startDate: '2026-11-16', planned: 4, due: 2, completed: 2, partial: 0, missed: 0, pending: 2, unplannedRuns: 0 },
    ]);
    expect(current.thisWeek.map((w: any) => [w.date, w.kind, w.status, w.complianceScore, w.run?.distance ?? null])).toEqual([
      ['2026-11-16', 'EASY', 'COMPLETED', 8500 / 8000, 8500],
      ['2026-11-18', 'TEMPO', 'COMPLETED', 1, 10000],
      ['2026-11-20', 'EASY', 'PENDING', null, null],
      ['2026-11-22', 'LONG', 'PENDING', null, null],
    ]);
    // The athlete reads their own plan.
    const own = await gql(tokens.athlete, CURRENT, { id: String(runner) });
    expect(own.data.athlete.currentTrainingPlan.progress.completed).toBe(4);
  });

  it('follows the role rules: admin for anyone, a coach for assigned athletes only, never an athlete; another organization\'s ids are NOT_FOUND', async () => {
    const input = (athleteId: number) => ({ input: { athleteId: String(athleteId), name: 'Base', startDate: '2026-12-07', template: [[{ day: 1, kind: 'EASY', distance: 5000 }]] } });
    const plans = await count('training_plans');
    expect(errorCodes(await gql(tokens.otherCoach, CREATE, input(other)))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(tokens.athlete, CREATE, input(runner)))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(tokens.admin, CREATE, input(foreign.athlete)))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await gql(tokens.coach, CREATE, input(foreign.athlete)))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await gql(tokens.admin, CREATE, { input: { ...input(runner).input, athleteId: undefined, groupId: String(foreign.group) } }))).toEqual(['NOT_FOUND']);
    expect(await count('training_plans')).toBe(plans);
    const byAdmin = await gql(tokens.admin, CREATE, input(other));
    expect(byAdmin.errors).toBeUndefined();
    const byOtherCoach = await gql(tokens.otherCoach, CREATE, input(runner));
    expect(byOtherCoach.errors).toBeUndefined();
    expect(await count('training_plans')).toBe(plans + 2);
    // Tidy: these two future plans would otherwise be the athletes' latest started.
    for (const id of [byAdmin.data.createTrainingPlan.plan.id, byOtherCoach.data.createTrainingPlan.plan.id]) {
      expect((await gql(tokens.admin, STATUS, { input: { planId: id, status: 'ARCHIVED' } })).errors).toBeUndefined();
    }
  });

  it('refuses bad input with BAD_USER_INPUT naming the problem, and writes nothing', async () => {
    const plans = await count('training_plans');
    const base = { athleteId: String(runner), name: 'Bad', startDate: '2026-12-07', template: [[{ day: 1, kind: 'EASY', distance: 5000 }]] };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ groupId: String(groupId) }, /exactly one of athleteId and groupId/],
      [{ athleteId: undefined }, /exactly one of athleteId and groupId/],
      [{ name: '   ' }, /name must be 1\.\.100/],
      [{ name: 'x'.repeat(101) }, /name must be 1\.\.100/],
      [{ template: [] }, /1\.\.52 weeks; got 0/],
      [{ template: Array.from({ length: 53 }, () => []) }, /got 53/],
      [{ template: [[{ day: 8, kind: 'EASY' }]] }, /template\[0\]\[0\]\.day must be between 1 and 7/],
      [{ template: [[], [{ day: 1, kind: 'LONG', distance: 100001 }]] }, /template\[1\]\[0\]\.distance must be between 0 and 100000/],
      [{ template: [[{ day: 1, kind: 'LONG', duration: 36001 }]] }, /duration must be between 1 and 36000/],
      [{ template: [[{ day: 2, kind: 'REST', distance: 3000 }]] }, /a rest day plans nothing/],
      [{ template: [[{ day: 2, kind: 'EASY', description: 'a\u0000b' }]] }, /control characters/],
      [{ startDate: '2100-12-26' }, /after 2100-12-31/],
      [{ athleteId: '0' }, /athleteId must be a positive integer/],
    ];
    for (const [change, message] of cases) {
      const result = await gql(tokens.admin, CREATE, { input: { ...base, ...change } });
      expect({ change, codes: errorCodes(result) }).toEqual({ change, codes: ['BAD_USER_INPUT'] });
      expect(result.errors![0].message).toMatch(message);
    }
    expect(await count('training_plans')).toBe(plans);
  });

  it('creates one plan per current member of a group (archived members aside), with the group recorded; a coach only for a group of their own athletes', async () => {
    const input = { input: { groupId: String(groupId), name: 'Group block', startDate: '2026-11-30', template: [[{ day: 2, kind: 'TEMPO', distance: 8000 }], [{ day: 2, kind: 'INTERVALS', duration: 3000 }]] } };
    const plans = await count('training_plans');
    expect(errorCodes(await gql(tokens.otherCoach, CREATE, input))).toEqual(['FORBIDDEN']);
    expect((await gql(tokens.otherCoach, CREATE, input)).errors![0].message).toContain(`not assigned to athletes ${other}`);
    expect(errorCodes(await gql(tokens.athlete, CREATE, input))).toEqual(['FORBIDDEN']);
    expect(await count('training_plans')).toBe(plans);
    const created = await gql(tokens.coach, CREATE, input);
    expect(created.errors).toBeUndefined();
    expect(created.data.createTrainingPlan.plan).toBeNull();
    const made = created.data.createTrainingPlan.plans;
    expect(made.map((p: any) => Number(p.athlete.id))).toEqual([runner, other].sort((a, b) => a - b));
    expect(made[0].workouts.map((w: any) => [w.date, w.kind, w.plannedDistance, w.plannedDuration])).toEqual([['2026-12-01', 'TEMPO', 8000, null], ['2026-12-08', 'INTERVALS', null, 3000]]);
    const rows = await t.db.selectFrom('training_plans').select(['athlete_id', 'group_id']).where('name', '=', 'Group block').execute();
    expect(rows.map((r) => r.group_id)).toEqual([groupId, groupId]);
    expect(rows.map((r) => r.athlete_id)).not.toContain(archived);
    expect((await gql(tokens.admin, CREATE, input)).errors).toBeUndefined();
    for (const p of await t.db.selectFrom('training_plans').select('id').where('name', '=', 'Group block').execute()) {
      expect((await gql(tokens.admin, STATUS, { input: { planId: String(p.id), status: 'ARCHIVED' } })).errors).toBeUndefined();
    }
  });
});

describe('planned workouts: add, move, edit, delete', () => {
  let planId: string;
  let sunday: { id: string; version: number };

  beforeAll(async () => {
    const read = await gql(tokens.admin, CURRENT, { id: String(runner) });
    planId = read.data.athlete.currentTrainingPlan.id;
    const row = await t.db.selectFrom('planned_workouts').select(['id', 'version']).where('plan_id', '=', Number(planId)).where('date', '=', '2026-11-15').executeTakeFirstOrThrow();
    sunday = { id: String(row.id), version: row.version };
  });

  it('moves the missed long run to the day of a long run, and the matching follows (old and new dates)', async () => {
    await ingest(runner, [{ id: 'w1-sat', date: '2026-11-14', km: 19 }]);
    const moved = await gql(tokens.coach, UPDATE, { input: { id: sunday.id, expectedVersion: sunday.version, date: '2026-11-14' } });
    expect(moved.errors).toBeUndefined();
    expect(moved.data.updatePlannedWorkout.workout).toMatchObject({ date: '2026-11-14', kind: 'LONG', version: sunday.version + 1, status: 'COMPLETED', complianceScore: 19 / 20, run: { distance: 19000 } });
    expect(moved.data.updatePlannedWorkout.plan.progress).toEqual({ completed: 5, partial: 1, missed: 0, due: 6, total: 8 });
    // Stale: the version it was read at is gone.
    const stale = await gql(tokens.coach, UPDATE, { input: { id: sunday.id, expectedVersion: sunday.version, description: 'late' } });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0].message).toMatch(/version 2, not the expectedVersion 1/);
    // Edit amounts and description; REST clears amounts; null clears a description.
    const edited = await gql(tokens.admin, UPDATE, { input: { id: sunday.id, expectedVersion: 2, distance: 25000, description: 'Progressive' } });
    expect(edited.data.updatePlannedWorkout.workout).toMatchObject({ plannedDistance: 25000, description: 'Progressive', version: 3, status: 'PARTIAL', complianceScore: 19 / 25 });
    const rest = await gql(tokens.admin, UPDATE, { input: { id: sunday.id, kind: 'REST', description: null } });
    expect(rest.data.updatePlannedWorkout.workout).toMatchObject({ kind: 'REST', plannedDistance: null, plannedDuration: null, description: null, version: 4, status: 'UNPLANNED_RUN', run: null });
    const back = await gql(tokens.admin, UPDATE, { input: { id: sunday.id, kind: 'LONG', distance: 20000, date: '2026-11-15' } });
    expect(back.data.updatePlannedWorkout.workout).toMatchObject({ date: '2026-11-15', status: 'MISSED', run: null, version: 5 });
  });

  it('adds a workout on a day with a run and deletes it again; a deleted workout frees its run for another of that day', async () => {
    const added = await gql(tokens.otherCoach, ADD, { input: { planId, date: '2026-11-14', kind: 'EASY', distance: 5000, description: 'Shakeout' } });
    expect(added.errors).toBeUndefined();
    expect(added.data.addPlannedWorkout.workout).toMatchObject({ date: '2026-11-14', kind: 'EASY', description: 'Shakeout', version: 1, status: 'PARTIAL', complianceScore: 19 / 5, run: { distance: 19000 } });
    const easyId = added.data.addPlannedWorkout.workout.id;
    // A second workout that day, bigger: it chooses first and takes the run; the easy one is left without.
    const long = await gql(tokens.admin, ADD, { input: { planId, date: '2026-11-14', kind: 'LONG', distance: 18000 } });
    expect(long.data.addPlannedWorkout.workout).toMatchObject({ status: 'COMPLETED', run: { distance: 19000 } });
    const stored = await t.db.selectFrom('planned_workouts').select(['id', 'completed_activity_id']).where('plan_id', '=', Number(planId)).where('date', '=', '2026-11-14').orderBy('id').execute();
    expect(stored.map((w) => w.completed_activity_id === null)).toEqual([true, false]);
    expect(errorCodes(await gql(tokens.admin, DELETE, { input: { id: long.data.addPlannedWorkout.workout.id, expectedVersion: 7 } }))).toEqual(['CONFLICT']);
    const deleted = await gql(tokens.coach, DELETE, { input: { id: long.data.addPlannedWorkout.workout.id, expectedVersion: 1 } });
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data.deletePlannedWorkout.deletedWorkoutId).toBe(long.data.addPlannedWorkout.workout.id);
    const easy = await t.db.selectFrom('planned_workouts').select('completed_activity_id').where('id', '=', Number(easyId)).executeTakeFirstOrThrow();
    expect(easy.completed_activity_id).not.toBeNull();
    expect((await gql(tokens.admin, DELETE, { input: { id: easyId } })).errors).toBeUndefined();
    expect(errorCodes(await gql(tokens.admin, DELETE, { input: { id: easyId } }))).toEqual(['NOT_FOUND']);
  });

  it('answers each mutation of a document with what it wrote, though an earlier one loaded the plan', async () => {
    const result = await gql(tokens.admin, `mutation($planId: ID!) {
      a: addPlannedWorkout(input: { planId: $planId, date: '2026-11-21', kind: EASY, distance: 4000 }) { workout { id } plan { progress { total } workouts { date } } }
      b: addPlannedWorkout(input: { planId: $planId, date: '2026-11-21', kind: CROSS }) { workout { id } plan { progress { total } workouts { date } } } }`.replace(/'/g, '"'), { planId });
    expect(result.errors).toBeUndefined();
    expect(result.data.b.plan.progress.total).toBe(result.data.a.plan.progress.total + 1);
    expect(result.data.b.plan.workouts.filter((w: any) => w.date === '2026-11-21')).toHaveLength(2);
    for (const w of [result.data.a.workout.id, result.data.b.workout.id]) expect((await gql(tokens.admin, DELETE, { input: { id: w } })).errors).toBeUndefined();
  });

  it('refuses athletes, unassigned coaches, another organization\'s ids and bad input, writing nothing', async () => {
    const otherPlan = (await gql(tokens.admin, CREATE, { input: { athleteId: String(other), name: 'Other', startDate: '2026-11-16', template: [[{ day: 1, kind: 'EASY', distance: 5000 }]] } })).data.createTrainingPlan.plan.id;
    const otherWorkout = String((await t.db.selectFrom('planned_workouts').select('id').where('plan_id', '=', Number(otherPlan)).executeTakeFirstOrThrow()).id);
    const before = await t.db.selectFrom('planned_workouts').selectAll().orderBy('id').execute();
    const add = (plan: string, extra: Record<string, unknown> = {}) => ({ input: { planId: plan, date: '2026-11-17', kind: 'EASY', distance: 4000, ...extra } });
    const cases: [string, string, Record<string, unknown>, string][] = [
      ['athlete adds', ADD, add(planId), 'FORBIDDEN'],
      ['athlete moves', UPDATE, { input: { id: sunday.id, date: '2026-11-16' } }, 'FORBIDDEN'],
      ['athlete deletes', DELETE, { input: { id: sunday.id } }, 'FORBIDDEN'],
      ['unassigned coach adds', ADD, add(otherPlan), 'FORBIDDEN'],
      ['unassigned coach edits', UPDATE, { input: { id: otherWorkout, distance: 1 } }, 'FORBIDDEN'],
      ['unassigned coach deletes', DELETE, { input: { id: otherWorkout } }, 'FORBIDDEN'],
      ['foreign plan', ADD, add(String(foreign.plan)), 'NOT_FOUND'],
      ['foreign workout edit', UPDATE, { input: { id: String(foreign.workout), distance: 1 } }, 'NOT_FOUND'],
      ['foreign workout delete', DELETE, { input: { id: String(foreign.workout) } }, 'NOT_FOUND'],
      ['before the plan', ADD, add(planId, { date: '2026-11-08' }), 'BAD_USER_INPUT'],
      ['after the plan', UPDATE, { input: { id: sunday.id, date: '2026-11-23' } }, 'BAD_USER_INPUT'],
      ['rest with a distance', ADD, add(planId, { kind: 'REST' }), 'BAD_USER_INPUT'],
      ['150 km', UPDATE, { input: { id: sunday.id, distance: 150000 } }, 'BAD_USER_INPUT'],
      ['11 hours', ADD, add(planId, { duration: 39600 }), 'BAD_USER_INPUT'],
      ['a long description', ADD, add(planId, { description: 'x'.repeat(501) }), 'BAD_USER_INPUT'],
    ];
    for (const [name, query, variables, code] of cases) {
      const token = name.startsWith('athlete') ? tokens.athlete : name.startsWith('unassigned') ? tokens.otherCoach : tokens.coach;
      expect({ name, codes: errorCodes(await gql(token, query, variables)) }).toEqual({ name, codes: [code] });
    }
    expect(await t.db.selectFrom('planned_workouts').selectAll().orderBy('id').execute()).toEqual(before);
    expect((await gql(tokens.admin, STATUS, { input: { planId: otherPlan, status: 'ARCHIVED' } })).errors).toBeUndefined();
  });
});

describe('setTrainingPlanStatus', () => {
  it('archives and reactivates by role and version; an archived plan is not current', async () => {
    const planId = (await gql(tokens.admin, CURRENT, { id: String(runner) })).data.athlete.currentTrainingPlan.id;
    const { version } = await storedStatus(Number(planId));
    expect(errorCodes(await gql(tokens.athlete, STATUS, { input: { planId, status: 'ARCHIVED' } }))).toEqual(['FORBIDDEN']);
    // A coach not assigned to the plan's athlete may not either (otherCoach coaches the runner only).
    const othersPlan = await insertPlan(other, '2026-11-16', 2);
    expect(errorCodes(await gql(tokens.otherCoach, STATUS, { input: { planId: String(othersPlan), status: 'ARCHIVED' } }))).toEqual(['FORBIDDEN']);
    expect(await storedStatus(othersPlan)).toEqual({ status: 'active', version: 1 });
    await t.db.deleteFrom('training_plans').where('id', '=', othersPlan).execute();
    expect(errorCodes(await gql(tokens.admin, STATUS, { input: { planId: String(foreign.plan), status: 'ARCHIVED' } }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await gql(tokens.coach, STATUS, { input: { planId, status: 'ARCHIVED', expectedVersion: version + 1 } }))).toEqual(['CONFLICT']);
    const matched = async () => (await t.db.selectFrom('planned_workouts').select('completed_activity_id').where('plan_id', '=', Number(planId))
      .where('completed_activity_id', 'is not', null).execute()).length;
    const matchedBefore = await matched();
    expect(matchedBefore).toBeGreaterThan(0);
    const archivedPlan = await gql(tokens.otherCoach, STATUS, { input: { planId, status: 'ARCHIVED', expectedVersion: version } });
    expect(archivedPlan.data.setTrainingPlanStatus.plan).toEqual({ id: planId, status: 'ARCHIVED', version: version + 1 });
    expect((await gql(tokens.coach, CURRENT, { id: String(runner) })).data.athlete.currentTrainingPlan).toBeNull();
    // An archived plan's workouts let go of their runs (another plan of those days may take them), and take them back.
    expect(await matched()).toBe(0);
    const again = await gql(tokens.coach, STATUS, { input: { planId, status: 'ACTIVE', expectedVersion: version + 1 } });
    expect(again.data.setTrainingPlanStatus.plan).toEqual({ id: planId, status: 'ACTIVE', version: version + 2 });
    expect(await matched()).toBe(matchedBefore);
    expect((await gql(tokens.coach, CURRENT, { id: String(runner) })).data.athlete.currentTrainingPlan.id).toBe(planId);
    // The status it has: nothing changes.
    expect((await gql(tokens.coach, STATUS, { input: { planId, status: 'ACTIVE' } })).data.setTrainingPlanStatus.plan.version).toBe(version + 2);
    expect((await storedStatus(Number(foreign.plan))).status).toBe('active');
  });
});

describe('plans whose last week is over', () => {
  it('read as COMPLETED and leave currentTrainingPlan at once, and a write for the athlete stores it', async () => {
    // Four weeks from 2026-10-19: the last week ended on Sunday 2026-11-15. Four weeks from
    // 2026-10-21 end on Tuesday 2026-11-17: over today (start + 28 days = 2026-11-18).
    const ended = await insertPlan(other, '2026-10-19', 4);
    const endedYesterday = await insertPlan(other, '2026-10-21', 4);
    const lastDay = await insertPlan(other, '2026-10-22', 4); // ends today: still running
    let current = (await gql(tokens.coach, CURRENT, { id: String(other) })).data.athlete.currentTrainingPlan;
    expect(current).toMatchObject({ id: String(lastDay), status: 'ACTIVE', currentWeek: 4 });
    for (const id of [ended, endedYesterday]) {
      expect((await gql(tokens.coach, PLAN, { id: String(id) })).data.trainingPlan).toEqual({ id: String(id), status: 'COMPLETED', version: 1, endDate: id === ended ? '2026-11-15' : '2026-11-17' });
      expect(await storedStatus(id)).toEqual({ status: 'active', version: 1 }); // reads do not write
    }
    // Tomorrow, the last one is over too: currentTrainingPlan shows nothing.
    const tomorrow = createTestApp(t.db, { clock: () => new Date('2026-11-19T12:00:00Z') });
    current = (await execute<any, any>(tomorrow, tokens.coach, CURRENT, { id: String(other) })).data.athlete.currentTrainingPlan;
    expect(current).toBeNull();
    // latestTrainingPlan still shows the plan that just ended, completed; archived ones never.
    const LATEST = 'query($id: ID!) { athlete(id: $id) { latestTrainingPlan { id status currentWeek progress { due } } } }';
    expect((await execute<any, any>(tomorrow, tokens.coach, LATEST, { id: String(other) })).data.athlete.latestTrainingPlan).toMatchObject({ id: String(lastDay), status: 'COMPLETED', currentWeek: 4 });
    expect((await gql(tokens.athlete, LATEST, { id: String(runner) })).data.athlete.latestTrainingPlan).toMatchObject({ status: 'ACTIVE' });

    // An ACTIVE status for a plan that is over is refused.
    expect(errorCodes(await gql(tokens.admin, STATUS, { input: { planId: String(ended), status: 'ACTIVE' } }))).toEqual(['BAD_USER_INPUT']);
    // Any plan write for the athlete stores the completion (the version stays: what was read is unchanged).
    const archivedOne = await gql(tokens.admin, STATUS, { input: { planId: String(endedYesterday), status: 'ARCHIVED', expectedVersion: 1 } });
    expect(archivedOne.data.setTrainingPlanStatus.plan).toMatchObject({ status: 'ARCHIVED', version: 2 });
    expect(await storedStatus(ended)).toEqual({ status: 'completed', version: 1 });
    expect(await storedStatus(lastDay)).toEqual({ status: 'active', version: 1 });
    // A batch of runs stores it too: tomorrow, the last plan is over.
    const batch = await execute<any, any>(tomorrow, tokens.admin, INGEST, { athleteId: String(other), activities: [
      { source: 'watch', externalId: 'after-the-plan', startTime: '2026-11-19T07:00:00Z', distance: 5000, movingTime: 1500 },
    ] });
    expect(batch.errors).toBeUndefined();
    expect(await storedStatus(lastDay)).toEqual({ status: 'completed', version: 1 });
    // Back to today's world (the batch wrote as of tomorrow) for the tests that follow.
    await t.db.updateTable('training_plans').set({ status: 'active' }).where('id', '=', lastDay).execute();
    await t.db.deleteFrom('activities').where('external_id', '=', 'after-the-plan').execute();
    expect((await gql(tokens.admin, PLAN, { id: String(foreign.plan) })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(errorCodes(await gql(tokens.athlete, PLAN, { id: String(ended) }))).toEqual(['FORBIDDEN']);
  });

  it('drop out of the group dashboard\'s Plans tab', async () => {
    const dashboard = `{ groupDashboard { trainingPlans { athletesWithActivePlan athletes { id } byGroup { group { id } athletesWithPlan due } } } }`;
    const read = async (clock: Date) => (await execute<any, any>(createTestApp(t.db, { clock: () => clock }), tokens.coach, dashboard)).data.groupDashboard.trainingPlans;
    const today = await read(NOW);
    expect(today.athletes.map((a: any) => Number(a.id)).sort()).toEqual([runner, other].sort((a, b) => a - b));
    // 2026-11-23: the runner's two-week plan and the other's last plan are over.
    const later = await read(new Date('2026-11-23T12:00:00Z'));
    expect(later).toMatchObject({ athletesWithActivePlan: 0, athletes: [] });
    expect(later.byGroup.map((g: any) => g.athletesWithPlan)).toEqual([0]);
  });
});
