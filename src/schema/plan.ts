import { builder } from './builder';
import { Athlete } from './athlete';
import { batched, rowPerAthlete } from './loaders';
import { planProgress, planWeek } from '../domain/plan';
import { findActivePlans, type ActivePlanRow } from '../repositories/profile';

const PlanStatus = builder.enumType('PlanStatus', {
  values: { ACTIVE: { value: 'active' }, COMPLETED: { value: 'completed' }, ARCHIVED: { value: 'archived' } } as const,
});

const PlanProgress = builder.objectRef<{ completed: number; due: number }>('PlanProgress').implement({
  description: 'Completed planned workouts out of those due so far (dated today or earlier).',
  fields: (t) => ({
    completed: t.exposeInt('completed'),
    due: t.exposeInt('due'),
    ratio: t.float({ nullable: true, description: 'completed / due; null when nothing is due yet.', resolve: (p) => planProgress(p.completed, p.due) }),
  }),
});

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
    progress: t.field({ type: PlanProgress, resolve: (p) => ({ completed: p.completed, due: p.due }) }),
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
