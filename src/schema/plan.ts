import { builder } from './builder';
import { Athlete } from './athlete';
import { Activity } from './activity';
import { batched, groupBy, rowPerAthlete } from './loaders';
import { planLastDate, planProgress, planWeek, weeklyCompliance, type WorkoutFacts } from '../domain/plan';
import { complianceStatus, WORKOUT_KINDS, type WorkoutKind } from '../domain/plan-matching';
import { findActivePlans, type ActivePlanRow } from '../repositories/profile';
import { findLatestPlans, findPlansByIds, findPlanWeekWorkouts, findPlanWorkouts, type PlanCounts, type PlanWorkoutRow } from '../repositories/plans';
import { rowsInKeyOrder } from './loaders';
import { parseId } from './ids';
import { addDays } from '../domain/time';
import type { Context } from '../context';

export const PlanStatus = builder.enumType('PlanStatus', {
  description: 'Where a plan stands. An ACTIVE plan whose last week is over reads as COMPLETED (docs/metrics.md, Training plan).',
  values: {
    ACTIVE: { value: 'active', description: 'Being followed: the latest started active plan is the athlete\'s currentTrainingPlan.' },
    COMPLETED: { value: 'completed', description: 'Marked completed, or over: its last week (start + 7 × totalWeeks) has passed.' },
    ARCHIVED: { value: 'archived', description: 'Put away by a coach; its workouts and their matching stay.' },
  } as const,
});

const WORKOUT_KIND_DESCRIPTIONS: Record<WorkoutKind, string> = {
  easy: 'An easy run.',
  long: 'A long run.',
  tempo: 'A tempo (threshold) run.',
  intervals: 'An interval session.',
  race: 'A race.',
  rest: 'A rest day: nothing planned, no run matched; a run that day is an UNPLANNED_RUN.',
  cross: 'Cross-training; matched against the day\'s run like any kind other than REST.',
};

export const WorkoutKindEnum = builder.enumType('WorkoutKind', {
  description: 'What a planned day is. Every kind but REST is matched to the best run of its local day (docs/metrics.md, Training plan); a REST day plans nothing, and a run on it is an unplanned run.',
  values: Object.fromEntries(WORKOUT_KINDS.map((kind) => [kind.toUpperCase(), { value: kind, description: WORKOUT_KIND_DESCRIPTIONS[kind] }])) as Record<
    Uppercase<WorkoutKind>,
    { value: WorkoutKind; description: string }
  >,
});

const ComplianceStatusEnum = builder.enumType('ComplianceStatus', {
  description: 'How a planned workout went (docs/metrics.md, Plans): the matched run\'s score within 80–120% of the plan is COMPLETED, 50–80% or above 120% PARTIAL, below 50% MISSED.',
  values: {
    COMPLETED: { description: 'A run within 80–120% of the plan (or any run, when nothing was planned).' },
    PARTIAL: { description: 'A run at 50–80% or above 120% of the plan.' },
    MISSED: { description: 'The day is over without a run, or the run was below 50% of the plan.' },
    PENDING: { description: 'Today or later, no run yet.' },
    REST: { description: 'A rest day kept.' },
    UNPLANNED_RUN: { description: 'A rest day with a run.' },
  } as const,
});

const PlanProgress = builder.objectRef<PlanCounts>('PlanProgress').implement({
  description: 'Planned workouts (rest days aside) by compliance, as of the athlete\'s today.',
  fields: (t) => ({
    completed: t.exposeInt('completed', { description: 'Due workouts completed (a matched run within 80–120% of the plan).' }),
    partial: t.exposeInt('partial', { description: 'Due workouts with a run at 50–80% or above 120% of the plan.' }),
    missed: t.exposeInt('missed', { description: 'Days over without a run, or with one below 50% of the plan.' }),
    due: t.exposeInt('due', { description: 'Workouts dated today or earlier.' }),
    total: t.exposeInt('total', { description: 'Workouts in the whole plan.' }),
    ratio: t.float({ nullable: true, description: 'completed / due; null when nothing is due yet.', resolve: (p) => planProgress(p.completed, p.due) }),
  }),
});

const PlanWeek = builder.objectRef<ReturnType<typeof weeklyCompliance>[number]>('PlanWeek').implement({
  description: 'One week of a plan (7 days from its start date) by compliance.',
  fields: (t) => ({
    week: t.exposeInt('week', { description: 'Plan week, 1..totalWeeks.' }),
    startDate: t.expose('startDate', { type: 'Date', description: 'Its first day: the plan\'s start date + 7 × (week − 1).' }),
    planned: t.exposeInt('planned', { description: 'Workouts planned, rest days aside.' }),
    due: t.exposeInt('due', { description: 'Of those, dated today or earlier.' }),
    completed: t.exposeInt('completed', { description: 'Due workouts completed.' }),
    partial: t.exposeInt('partial', { description: 'Due workouts done partly.' }),
    missed: t.exposeInt('missed', { description: 'Due workouts missed.' }),
    pending: t.exposeInt('pending', { description: 'Workouts of today or later without a run yet.' }),
    unplannedRuns: t.exposeInt('unplannedRuns', { description: 'Rest days with a run.' }),
    ratio: t.float({ nullable: true, description: 'completed / due; null when nothing is due yet.', resolve: (w) => planProgress(w.completed, w.due) }),
  }),
});

type WorkoutShape = PlanWorkoutRow & { today: string };

export const PlannedWorkout = builder.objectRef<WorkoutShape>('PlannedWorkout').implement({
  description: 'One planned day of a training plan, with how it went.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The workout\'s id (updatePlannedWorkout, deletePlannedWorkout).' }),
    date: t.expose('date', { type: 'Date', description: "The athlete's local date." }),
    kind: t.field({ type: WorkoutKindEnum, description: 'What is planned.', resolve: (w) => w.kind as WorkoutKind }),
    plannedDistance: t.exposeFloat('planned_distance_m', { nullable: true, description: 'Metres.' }),
    plannedDuration: t.exposeInt('planned_duration_s', { nullable: true, description: 'Seconds.' }),
    description: t.exposeString('description', { nullable: true, description: 'What the coach wrote for the day, e.g. "6 × 800 m at 5K pace".' }),
    version: t.exposeInt('version', { description: 'Taken by every update; pass it as expectedVersion to refuse a stale edit (CONFLICT).' }),
    status: t.field({ type: ComplianceStatusEnum, description: "How it went on the athlete's today (docs/metrics.md, Training plan).", resolve: (w) => complianceStatus({ date: w.date, kind: w.kind as WorkoutKind }, { activityId: w.completed_activity_id, score: w.compliance_score }, w.today, w.ran) }),
    complianceScore: t.exposeFloat('compliance_score', { nullable: true, description: 'Done / planned distance (or duration when only that was planned) of the matched run.' }),
    run: t.field({
      type: Activity,
      nullable: true,
      description: 'The run that completes the workout: the best of its local day (docs/metrics.md, Plans).',
      resolve: (w) => w.run,
    }),
  }),
});

/**
 * How many plan writes the request has made: the plan loaders key on it, so a mutation's
 * payload reads what the mutation wrote even when an earlier field of the same document
 * loaded the plan already (several mutations in one document).
 */
const planWrites = new WeakMap<Context, number>();
export const planWritten = (ctx: Context): void => {
  planWrites.set(ctx, (planWrites.get(ctx) ?? 0) + 1);
};

/** `batched` by id, per plan-write generation of the request. */
function perPlanWrite<V>(name: string, load: (ids: number[], ctx: Context) => Promise<readonly (V | Error)[]>): (id: number, ctx: Context) => Promise<V> {
  const loader = batched(name, async (keys: string[], ctx: Context) => load(keys.map((k) => Number(k.slice(k.indexOf('|') + 1))), ctx));
  return (id, ctx) => loader(`${planWrites.get(ctx) ?? 0}|${id}`, ctx);
}

const loadWorkouts = perPlanWrite('loadWorkouts', async (planIds: number[], ctx) => {
  const byPlan = groupBy(await findPlanWorkouts(ctx.db, ctx.viewer.orgId, planIds), (w) => w.plan_id);
  return planIds.map((id) => byPlan.get(id) ?? []);
});

/** One plan week's workouts, keyed `generation|planId|weekStart` (generations as perPlanWrite). */
const weekLoader = batched('weekLoader', async (keys: string[], ctx: Context) => {
  const weeks = keys.map((key) => {
    const [, planId, weekStart] = key.split('|');
    return { planId: Number(planId), weekStart };
  });
  const byPlan = groupBy(await findPlanWeekWorkouts(ctx.db, ctx.viewer.orgId, weeks), (w) => w.plan_id);
  return weeks.map(({ planId, weekStart }) => (byPlan.get(planId) ?? []).filter((w) => w.date >= weekStart && w.date < addDays(weekStart, 7)));
});
const loadWeekWorkouts = (planId: number, weekStart: string, ctx: Context) => weekLoader(`${planWrites.get(ctx) ?? 0}|${planId}|${weekStart}`, ctx);

const factsOf = (w: PlanWorkoutRow): WorkoutFacts => ({ date: w.date, kind: w.kind as WorkoutKind, activityId: w.completed_activity_id, score: w.compliance_score, ran: w.ran });

export const TrainingPlan = builder.objectRef<ActivePlanRow>('TrainingPlan').implement({
  description: 'A list of planned workouts over totalWeeks weeks of 7 days from startDate, in the athlete\'s local dates.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The plan\'s id.' }),
    athlete: t.field({ type: Athlete, description: 'Whose plan it is.', resolve: (p) => p.athlete_id }),
    name: t.exposeString('name', { description: 'The plan\'s name, e.g. "Spring 10K".' }),
    status: t.expose('status', { type: PlanStatus, description: 'ACTIVE, COMPLETED (marked, or its last week is over) or ARCHIVED.' }),
    version: t.exposeInt('version', { description: 'Taken by setTrainingPlanStatus; pass it as expectedVersion to refuse a stale change (CONFLICT). Workout edits carry their own versions.' }),
    startDate: t.expose('start_date', { type: 'Date', description: 'Day 1 of week 1, any weekday; each plan week is 7 days from it.' }),
    totalWeeks: t.exposeInt('total_weeks', { description: 'Weeks in the plan, 1..52.' }),
    endDate: t.field({ type: 'Date', description: 'The last day of the last week: startDate + 7 × totalWeeks − 1. The plan is over the day after.', resolve: (p) => planLastDate(p.start_date, p.total_weeks) }),
    currentWeek: t.int({
      description: "floor((today − startDate) / 7) + 1 in the athlete's zone, clamped to 1..totalWeeks.",
      resolve: (p) => planWeek(p.start_date, p.today, p.total_weeks),
    }),
    progress: t.field({ type: PlanProgress, description: 'Workouts by compliance, due so far and in total.', resolve: (p) => p }),
    workouts: t.field({
      type: [PlannedWorkout],
      description: 'Every workout of the plan by date, with status and matched run (at most 52 × 14).',
      resolve: async (p, _args, ctx) => (await loadWorkouts(p.id, ctx)).map((w) => ({ ...w, today: p.today })),
    }),
    weeks: t.field({
      type: [PlanWeek],
      description: 'Every week of the plan by compliance (one statement for the plans of a request).',
      resolve: async (p, _args, ctx) => weeklyCompliance(p.start_date, p.total_weeks, (await loadWorkouts(p.id, ctx)).map(factsOf), p.today),
    }),
    thisWeek: t.field({
      type: [PlannedWorkout],
      description: 'The workouts of the current plan week, each with its status and matched run.',
      resolve: async (p, _args, ctx) => {
        const weekStart = addDays(p.start_date, 7 * (planWeek(p.start_date, p.today, p.total_weeks) - 1));
        return (await loadWeekWorkouts(p.id, weekStart, ctx)).map((w) => ({ ...w, today: p.today }));
      },
    }),
  }),
});

const loadActivePlan = perPlanWrite('loadActivePlan', async (athleteIds: number[], ctx) => rowPerAthlete(athleteIds, await findActivePlans(ctx.db, ctx.viewer.orgId, athleteIds, ctx.now)));

builder.objectField(Athlete, 'currentTrainingPlan', (t) =>
  t.field({
    type: TrainingPlan,
    nullable: true,
    description: 'The active training plan (the latest started); null when there is none. A plan whose last week is over is COMPLETED and no longer current (latestTrainingPlan shows it).',
    resolve: (athlete, _args, ctx) => loadActivePlan(athlete.id, ctx),
  }),
);

const loadLatestPlan = perPlanWrite('loadLatestPlan', async (athleteIds: number[], ctx) => rowPerAthlete(athleteIds, await findLatestPlans(ctx.db, ctx.viewer.orgId, athleteIds, ctx.now)));

builder.objectField(Athlete, 'latestTrainingPlan', (t) =>
  t.field({
    type: TrainingPlan,
    nullable: true,
    description: 'The latest started plan that is not archived, whatever its status: the current plan, or the one that just ended (COMPLETED) when none is running; null when there is none.',
    resolve: (athlete, _args, ctx) => loadLatestPlan(athlete.id, ctx),
  }),
);

/** Plans by id, as TrainingPlan answers them (a plan of another organization is NOT_FOUND). */
export const loadPlan = perPlanWrite('loadPlan', async (planIds: number[], ctx) =>
  rowsInKeyOrder(planIds, await findPlansByIds(ctx.db, ctx.viewer.orgId, planIds, ctx.now), (p) => p.id, 'training plan'));

/** A plan's workouts as PlannedWorkout answers them. */
export async function workoutOf(planId: number, workoutId: number, ctx: Context): Promise<WorkoutShape> {
  const plan = await loadPlan(planId, ctx);
  const workout = (await loadWorkouts(planId, ctx)).find((w) => w.id === workoutId);
  if (!workout) throw new Error(`workout ${workoutId} is not in plan ${planId}`);
  return { ...workout, today: plan.today };
}

builder.queryField('trainingPlan', (t) =>
  t.field({
    type: TrainingPlan,
    nullable: true,
    description: 'Any training plan of the organization by id, whatever its status (coaches and admins); an athlete reads their own through currentTrainingPlan.',
    args: { id: t.arg.id({ required: true, description: 'The plan\'s id.' }) },
    authScopes: { staff: true },
    resolve: (_root, args, ctx) => loadPlan(parseId(args.id, 'id'), ctx),
  }),
);
