import { builder } from './builder';
import { Athlete } from './athlete';
import { Activity } from './activity';
import { batched, groupBy, rowPerAthlete } from './loaders';
import { planProgress, planWeek, weeklyCompliance, type WorkoutFacts } from '../domain/plan';
import { complianceStatus, WORKOUT_KINDS, type WorkoutKind } from '../domain/plan-matching';
import { findActivePlans, type ActivePlanRow } from '../repositories/profile';
import { findPlanWorkouts, type PlanCounts, type PlanWorkoutRow } from '../repositories/plans';
import { daysBetween } from '../domain/buckets';

const PlanStatus = builder.enumType('PlanStatus', {
  values: { ACTIVE: { value: 'active' }, COMPLETED: { value: 'completed' }, ARCHIVED: { value: 'archived' } } as const,
});

const WorkoutKindEnum = builder.enumType('WorkoutKind', {
  values: Object.fromEntries(WORKOUT_KINDS.map((kind) => [kind.toUpperCase(), { value: kind }])) as Record<Uppercase<WorkoutKind>, { value: WorkoutKind }>,
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
    week: t.exposeInt('week'),
    startDate: t.expose('startDate', { type: 'Date' }),
    planned: t.exposeInt('planned', { description: 'Workouts planned, rest days aside.' }),
    due: t.exposeInt('due'),
    completed: t.exposeInt('completed'),
    partial: t.exposeInt('partial'),
    missed: t.exposeInt('missed'),
    pending: t.exposeInt('pending'),
    unplannedRuns: t.exposeInt('unplannedRuns', { description: 'Rest days with a run.' }),
    ratio: t.float({ nullable: true, description: 'completed / due; null when nothing is due yet.', resolve: (w) => planProgress(w.completed, w.due) }),
  }),
});

type WorkoutShape = PlanWorkoutRow & { today: string };

const PlannedWorkout = builder.objectRef<WorkoutShape>('PlannedWorkout').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    date: t.expose('date', { type: 'Date', description: "The athlete's local date." }),
    kind: t.field({ type: WorkoutKindEnum, resolve: (w) => w.kind as WorkoutKind }),
    plannedDistance: t.exposeFloat('planned_distance_m', { nullable: true, description: 'Metres.' }),
    plannedDuration: t.exposeInt('planned_duration_s', { nullable: true, description: 'Seconds.' }),
    status: t.field({ type: ComplianceStatusEnum, resolve: (w) => complianceStatus({ date: w.date, kind: w.kind as WorkoutKind }, { activityId: w.completed_activity_id, score: w.compliance_score }, w.today, w.ran) }),
    complianceScore: t.exposeFloat('compliance_score', { nullable: true, description: 'Done / planned distance (or duration when only that was planned) of the matched run.' }),
    run: t.field({
      type: Activity,
      nullable: true,
      description: 'The run that completes the workout: the best of its local day (docs/metrics.md, Plans).',
      resolve: (w) => w.run,
    }),
  }),
});

const loadWorkouts = batched(async (planIds: number[], ctx) => {
  const byPlan = groupBy(await findPlanWorkouts(ctx.db, ctx.viewer.orgId, planIds), (w) => w.plan_id);
  return planIds.map((id) => byPlan.get(id) ?? []);
});

const factsOf = (w: PlanWorkoutRow): WorkoutFacts => ({ date: w.date, kind: w.kind as WorkoutKind, activityId: w.completed_activity_id, score: w.compliance_score, ran: w.ran });

export const TrainingPlan = builder.objectRef<ActivePlanRow>('TrainingPlan').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    status: t.expose('status', { type: PlanStatus }),
    startDate: t.expose('start_date', { type: 'Date' }),
    totalWeeks: t.exposeInt('total_weeks'),
    currentWeek: t.int({
      description: "floor((today − startDate) / 7) + 1 in the athlete's zone, clamped to 1..totalWeeks.",
      resolve: (p) => planWeek(p.start_date, p.today, p.total_weeks),
    }),
    progress: t.field({ type: PlanProgress, resolve: (p) => p }),
    weeks: t.field({
      type: [PlanWeek],
      description: 'Every week of the plan by compliance (one statement for the plans of a request).',
      resolve: async (p, _args, ctx) => weeklyCompliance(p.start_date, p.total_weeks, (await loadWorkouts(p.id, ctx)).map(factsOf), p.today),
    }),
    thisWeek: t.field({
      type: [PlannedWorkout],
      description: 'The workouts of the current plan week, each with its status and matched run.',
      resolve: async (p, _args, ctx) => {
        const week = planWeek(p.start_date, p.today, p.total_weeks);
        return (await loadWorkouts(p.id, ctx))
          .filter((w) => Math.floor(daysBetween(p.start_date, w.date) / 7) + 1 === week && w.date >= p.start_date)
          .map((w) => ({ ...w, today: p.today }));
      },
    }),
  }),
});

const loadActivePlan = batched(async (athleteIds: number[], ctx) => rowPerAthlete(athleteIds, await findActivePlans(ctx.db, ctx.viewer.orgId, athleteIds, ctx.now)));

builder.objectField(Athlete, 'currentTrainingPlan', (t) =>
  t.field({
    type: TrainingPlan,
    nullable: true,
    description: 'The active training plan (the latest started); null when there is none.',
    resolve: (athlete, _args, ctx) => loadActivePlan(athlete.id, ctx),
  }),
);
