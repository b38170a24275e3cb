import { builder } from './builder';
import { parseId } from './ids';
import { requirePlainText } from './args';
import { loadPlan, PlannedWorkout, planWritten, PlanStatus, TrainingPlan, workoutOf, WorkoutKindEnum } from './plan';
import { badInput, checkVersion, forbidden, notFound } from '../errors';
import { assertManagesAthlete } from '../auth/permissions';
import { expandTemplate, planEnded, planLastDate, PLAN_BOUNDS, templateProblem, workoutProblem, type TemplateDay, type WorkoutDraft } from '../domain/plan';
import { MAX_DATE } from '../domain/input-bounds';
import type { WorkoutKind } from '../domain/plan-matching';
import type { PlanStatus as StoredPlanStatus } from '../db/types';
import { inTransaction } from '../ingest/transaction';
import { rematchPlannedWorkouts } from '../ingest/plan-matching';
import { lockAthleteDerived } from '../repositories/athlete-lock';
import {
  completeEndedPlans, deleteWorkout, findCurrentGroupMembers, findPlanDates, insertPlans, insertWorkout, lockPlan, lockWorkout, setPlanStatus,
  unassignedAthletes, updateWorkout, type PlanForWrite,
} from '../repositories/plan-writes';
import type { Context } from '../context';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types';

// Training plans through the API (issue 14; docs/api.md, Setting up an organization).
// Who: an ADMIN for any athlete or group; a COACH for the athletes assigned to them, and for
// a group only when assigned to every current member; athletes may not write plans. Every
// change of workouts rematches the local dates it touched in the same transaction, so the
// stored matching always equals one recomputed from scratch; every write persists the
// completion of the athlete's plans whose last week is over (reads already show it).

const { maxDistanceM, maxDurationS, maxDescription, maxName, maxWeeks, maxWorkoutsPerWeek } = PLAN_BOUNDS;
const STAFF = { staff: true } as const;

const WorkoutTemplateDay = builder.inputType('WorkoutTemplateDay', {
  description: 'One workout of a template week.',
  fields: (t) => ({
    day: t.int({ required: true, description: 'Day of the plan week, 1..7: day 1 is the start date\'s weekday (with a Monday start, 1 = Monday ... 7 = Sunday).' }),
    kind: t.field({ type: WorkoutKindEnum, required: true, description: 'What is planned; a REST day plans nothing.' }),
    distance: t.float({ description: `Planned metres, 0..${maxDistanceM}.` }),
    duration: t.int({ description: `Planned seconds, 1..${maxDurationS} (10 h).` }),
    description: t.string({ description: `Notes for the day, at most ${maxDescription} characters.` }),
  }),
});

/** Optional text a client typed: trimmed, no control characters; empty is null. */
function optionalText(name: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = requirePlainText(name, value).trim();
  return text === '' ? null : text;
}

const kindOf = (kind: unknown) => kind as WorkoutKind;

function requireProblemFree(problem: string | null): void {
  if (problem) throw badInput(problem);
}

function requireInPlan(plan: Pick<PlanForWrite, 'id' | 'start_date' | 'total_weeks'>, date: string): void {
  const last = planLastDate(plan.start_date, plan.total_weeks);
  if (date < plan.start_date || date > last) throw badInput(`date ${date} is outside plan ${plan.id} (${plan.start_date}..${last})`);
}

/** The plan, locked, if the viewer may change it: NOT_FOUND for another organization's, FORBIDDEN for a coach not assigned to its athlete. */
async function planToChange(trx: Kysely<Database>, ctx: Context, planId: number, action: string): Promise<PlanForWrite> {
  const plan = await lockPlan(trx, ctx.viewer.orgId, planId, ctx.now);
  if (!plan) throw notFound('training plan', planId);
  await assertManagesAthlete(trx, ctx.viewer, plan.athlete_id, action);
  return plan;
}

/** After a write: match the touched dates again, and store the completion of plans that are over. */
async function settle(trx: Kysely<Database>, ctx: Context, athleteId: number, dates: readonly string[]): Promise<void> {
  await rematchPlannedWorkouts(trx, ctx.viewer.orgId, athleteId, [...new Set(dates)]);
  await completeEndedPlans(trx, ctx.viewer.orgId, [athleteId], ctx.now);
  planWritten(ctx);
}

builder.relayMutationField(
  'createTrainingPlan',
  {
    description: 'A plan from a start date and a week-by-week template, for one athlete or for each current member of a group.',
    inputFields: (t) => ({
      athleteId: t.id({ description: 'The athlete the plan is for (give this or groupId).' }),
      groupId: t.id({ description: 'A group: one plan per current (not archived) member, each with the group recorded (give this or athleteId).' }),
      name: t.string({ required: true, description: `The plan's name, 1..${maxName} characters.` }),
      startDate: t.field({ type: 'Date', required: true, description: 'Day 1 of week 1, in the athletes\' local dates; any weekday (plan weeks are 7 days from it).' }),
      template: t.field({
        type: t.listRef(t.listRef(WorkoutTemplateDay)),
        required: true,
        description: `Week by week (1..${maxWeeks} weeks, at most ${maxWorkoutsPerWeek} workouts a week; a week may be empty): totalWeeks is its length.`,
      }),
    }),
  },
  {
    description: 'Creates a training plan from a template (admins; coaches for their assigned athletes, and for a group when assigned to every current member).',
    authScopes: STAFF,
    resolve: async (_root, { input }, ctx) => {
      const athleteId = input.athleteId === null || input.athleteId === undefined ? null : parseId(input.athleteId, 'athleteId');
      const groupId = input.groupId === null || input.groupId === undefined ? null : parseId(input.groupId, 'groupId');
      if ((athleteId === null) === (groupId === null)) throw badInput('give exactly one of athleteId and groupId');
      const name = optionalText('name', input.name);
      if (name === null || name.length > maxName) throw badInput(`name must be 1..${maxName} characters (after trimming)`);
      const template: TemplateDay[][] = input.template.map((week, i) =>
        week.map((d, j) => ({
          day: d.day, kind: kindOf(d.kind), distanceM: d.distance ?? null, durationS: d.duration ?? null,
          description: optionalText(`template[${i}][${j}].description`, d.description),
        })));
      requireProblemFree(templateProblem(template));
      const last = planLastDate(input.startDate, template.length);
      if (last > MAX_DATE) throw badInput(`the plan would end on ${last}, after ${MAX_DATE}`);
      const workouts = expandTemplate(input.startDate, template);
      const dates = workouts.map((w) => w.date);

      const planIds = await inTransaction(ctx.db, async (trx) => {
        let athleteIds: number[];
        if (athleteId !== null) {
          await assertManagesAthlete(trx, ctx.viewer, athleteId, 'createTrainingPlan');
          athleteIds = [athleteId];
        } else {
          const members = await findCurrentGroupMembers(trx, ctx.viewer.orgId, groupId!);
          if (!members) throw notFound('group', groupId!);
          if (members.length === 0) throw badInput(`group ${groupId} has no current members to plan for`);
          if (ctx.viewer.role === 'COACH') {
            const unassigned = await unassignedAthletes(trx, ctx.viewer.orgId, ctx.viewer.userId, members);
            if (unassigned.length > 0) {
              throw forbidden(`createTrainingPlan for group ${groupId}: a coach plans for a group only when assigned to every member; not assigned to athletes ${unassigned.join(', ')}`);
            }
          }
          athleteIds = members;
        }
        for (const id of athleteIds) await lockAthleteDerived(trx, ctx.viewer.orgId, id);
        const ids = await insertPlans(trx, ctx.viewer.orgId, { athleteIds, groupId, name, startDate: input.startDate, totalWeeks: template.length, workouts });
        for (const id of athleteIds) await rematchPlannedWorkouts(trx, ctx.viewer.orgId, id, [...new Set(dates)]);
        await completeEndedPlans(trx, ctx.viewer.orgId, athleteIds, ctx.now);
        planWritten(ctx);
        return ids;
      });
      return { planIds };
    },
  },
  {
    description: 'The plans created.',
    outputFields: (t) => ({
      plans: t.field({ type: [TrainingPlan], description: 'One plan per athlete: the athlete\'s, or one per current group member by athlete id.', resolve: (r, _args, ctx) => Promise.all(r.planIds.map((id) => loadPlan(id, ctx))) }),
      plan: t.field({ type: TrainingPlan, nullable: true, description: 'The plan, when created for one athlete; null for a group.', resolve: (r, _args, ctx) => (r.planIds.length === 1 ? loadPlan(r.planIds[0], ctx) : null) }),
    }),
  },
);

builder.relayMutationField(
  'addPlannedWorkout',
  {
    description: 'A workout to add to a plan.',
    inputFields: (t) => ({
      planId: t.id({ required: true, description: 'The plan.' }),
      date: t.field({ type: 'Date', required: true, description: 'The athlete\'s local date, within the plan\'s weeks.' }),
      kind: t.field({ type: WorkoutKindEnum, required: true, description: 'What is planned; a REST day plans nothing.' }),
      distance: t.float({ description: `Planned metres, 0..${maxDistanceM}.` }),
      duration: t.int({ description: `Planned seconds, 1..${maxDurationS} (10 h).` }),
      description: t.string({ description: `Notes for the day, at most ${maxDescription} characters.` }),
    }),
  },
  {
    description: 'Adds a workout to a plan and matches its day again (admins; coaches for their assigned athletes).',
    authScopes: STAFF,
    resolve: async (_root, { input }, ctx) => {
      const planId = parseId(input.planId, 'planId');
      const draft: WorkoutDraft = {
        date: input.date, kind: kindOf(input.kind), distanceM: input.distance ?? null, durationS: input.duration ?? null,
        description: optionalText('description', input.description),
      };
      requireProblemFree(workoutProblem(draft, ''));
      return inTransaction(ctx.db, async (trx) => {
        const plan = await planToChange(trx, ctx, planId, 'addPlannedWorkout');
        requireInPlan(plan, draft.date);
        const workoutId = await insertWorkout(trx, ctx.viewer.orgId, planId, draft);
        await settle(trx, ctx, plan.athlete_id, [draft.date]);
        return { planId, workoutId };
      });
    },
  },
  {
    description: 'The workout added and its plan.',
    outputFields: (t) => ({
      workout: t.field({ type: PlannedWorkout, description: 'The workout, matched.', resolve: (r, _args, ctx) => workoutOf(r.planId, r.workoutId, ctx) }),
      plan: t.field({ type: TrainingPlan, description: 'Its plan, with progress as of now.', resolve: (r, _args, ctx) => loadPlan(r.planId, ctx) }),
    }),
  },
);

builder.relayMutationField(
  'updatePlannedWorkout',
  {
    description: 'Changes to a workout: a field left out keeps its value; null clears distance, duration or description.',
    inputFields: (t) => ({
      id: t.id({ required: true, description: 'The workout.' }),
      expectedVersion: t.int({ description: 'The version read; a newer one makes the update fail with CONFLICT.' }),
      date: t.field({ type: 'Date', description: 'Move it to this local date, within the plan\'s weeks.' }),
      kind: t.field({ type: WorkoutKindEnum, description: 'What is planned; REST clears distance and duration unless given.' }),
      distance: t.float({ description: `Planned metres, 0..${maxDistanceM}; null for none.` }),
      duration: t.int({ description: `Planned seconds, 1..${maxDurationS}; null for none.` }),
      description: t.string({ description: `Notes, at most ${maxDescription} characters; null for none.` }),
    }),
  },
  {
    description: 'Moves or edits a workout and matches its old and new days again (admins; coaches for their assigned athletes).',
    authScopes: STAFF,
    resolve: async (_root, { input }, ctx) => {
      const id = parseId(input.id, 'id');
      const description = input.description === undefined ? undefined : optionalText('description', input.description);
      return inTransaction(ctx.db, async (trx) => {
        const before = await lockWorkout(trx, ctx.viewer.orgId, id);
        if (!before) throw notFound('planned workout', id);
        const plan = await planToChange(trx, ctx, before.plan_id, 'updatePlannedWorkout');
        checkVersion(`planned workout ${id}`, before.version, input.expectedVersion);
        const kind = input.kind === null || input.kind === undefined ? before.kind : kindOf(input.kind);
        const toRest = kind === 'rest' && before.kind !== 'rest';
        const after: WorkoutDraft = {
          date: input.date ?? before.date,
          kind,
          distanceM: input.distance !== undefined ? input.distance : toRest ? null : before.distanceM,
          durationS: input.duration !== undefined ? input.duration : toRest ? null : before.durationS,
          description: description !== undefined ? description : before.description,
        };
        requireProblemFree(workoutProblem(after, ''));
        requireInPlan(plan, after.date);
        await updateWorkout(trx, ctx.viewer.orgId, id, after);
        await settle(trx, ctx, plan.athlete_id, [before.date, after.date]);
        return { planId: plan.id, workoutId: id };
      });
    },
  },
  {
    description: 'The workout as updated and its plan.',
    outputFields: (t) => ({
      workout: t.field({ type: PlannedWorkout, description: 'The workout, matched again.', resolve: (r, _args, ctx) => workoutOf(r.planId, r.workoutId, ctx) }),
      plan: t.field({ type: TrainingPlan, description: 'Its plan, with progress as of now.', resolve: (r, _args, ctx) => loadPlan(r.planId, ctx) }),
    }),
  },
);

builder.relayMutationField(
  'deletePlannedWorkout',
  {
    description: 'A workout to delete.',
    inputFields: (t) => ({
      id: t.id({ required: true, description: 'The workout.' }),
      expectedVersion: t.int({ description: 'The version read; a newer one makes the delete fail with CONFLICT.' }),
    }),
  },
  {
    description: 'Deletes a workout and matches its day again: a run it had may complete another workout of that day (admins; coaches for their assigned athletes).',
    authScopes: STAFF,
    resolve: async (_root, { input }, ctx) => {
      const id = parseId(input.id, 'id');
      return inTransaction(ctx.db, async (trx) => {
        const before = await lockWorkout(trx, ctx.viewer.orgId, id);
        if (!before) throw notFound('planned workout', id);
        const plan = await planToChange(trx, ctx, before.plan_id, 'deletePlannedWorkout');
        checkVersion(`planned workout ${id}`, before.version, input.expectedVersion);
        await deleteWorkout(trx, ctx.viewer.orgId, id);
        await settle(trx, ctx, plan.athlete_id, [before.date]);
        return { planId: plan.id, workoutId: id };
      });
    },
  },
  {
    description: 'What was deleted and the plan without it.',
    outputFields: (t) => ({
      deletedWorkoutId: t.id({ description: 'The deleted workout\'s id.', resolve: (r) => r.workoutId }),
      plan: t.field({ type: TrainingPlan, description: 'Its plan, with progress as of now.', resolve: (r, _args, ctx) => loadPlan(r.planId, ctx) }),
    }),
  },
);

builder.relayMutationField(
  'setTrainingPlanStatus',
  {
    description: 'A plan\'s new status.',
    inputFields: (t) => ({
      planId: t.id({ required: true, description: 'The plan.' }),
      status: t.field({ type: PlanStatus, required: true, description: 'ACTIVE (only while its last week is not over), COMPLETED or ARCHIVED.' }),
      expectedVersion: t.int({ description: 'The version read; a newer one makes the change fail with CONFLICT.' }),
    }),
  },
  {
    description: 'Marks a plan active, completed or archived (admins; coaches for their assigned athletes). Setting the status it has changes nothing.',
    authScopes: STAFF,
    resolve: async (_root, { input }, ctx) => {
      const planId = parseId(input.planId, 'planId');
      const status = input.status as StoredPlanStatus;
      return inTransaction(ctx.db, async (trx) => {
        const plan = await planToChange(trx, ctx, planId, 'setTrainingPlanStatus');
        checkVersion(`training plan ${planId}`, plan.version, input.expectedVersion);
        const ended = planEnded(plan.start_date, plan.total_weeks, plan.today);
        if (status === 'active' && ended) {
          throw badInput(`plan ${planId} ended on ${planLastDate(plan.start_date, plan.total_weeks)}: a plan whose last week is over cannot be ACTIVE`);
        }
        const shown = plan.status === 'active' && ended ? 'completed' : plan.status;
        if (status !== shown) await setPlanStatus(trx, ctx.viewer.orgId, planId, status);
        // An archived plan's workouts take no runs: its days are matched again either way.
        if ((status === 'archived') !== (plan.status === 'archived')) {
          await rematchPlannedWorkouts(trx, ctx.viewer.orgId, plan.athlete_id, await findPlanDates(trx, ctx.viewer.orgId, planId));
        }
        await completeEndedPlans(trx, ctx.viewer.orgId, [plan.athlete_id], ctx.now);
        planWritten(ctx);
        return { planId };
      });
    },
  },
  {
    description: 'The plan with its new status.',
    outputFields: (t) => ({
      plan: t.field({ type: TrainingPlan, description: 'The plan.', resolve: (r, _args, ctx) => loadPlan(r.planId, ctx) }),
    }),
  },
);
