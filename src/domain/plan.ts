import { daysBetween } from './buckets';
import { addDays } from './time';
import { complianceStatus, type WorkoutKind } from './plan-matching';

/** Week of a plan: floor((today − start) / 7) + 1, clamped to 1..totalWeeks. */
export function planWeek(startDate: string, today: string, totalWeeks: number): number {
  const week = Math.floor(daysBetween(startDate, today) / 7) + 1;
  return Math.min(totalWeeks, Math.max(1, week));
}

/** Completed planned workouts / workouts due so far; null when none are due yet. */
export function planProgress(completed: number, due: number): number | null {
  return due > 0 ? completed / due : null;
}

export interface WorkoutFacts {
  date: string;
  kind: WorkoutKind;
  activityId: number | null;
  score: number | null;
  /** The athlete ran that local day. */
  ran: boolean;
}

export interface PlanWeekCompliance {
  week: number;
  startDate: string;
  /** Workouts planned this week, rest days aside. */
  planned: number;
  /** Of those, dated today or earlier. */
  due: number;
  completed: number;
  partial: number;
  missed: number;
  pending: number;
  /** Rest days with a run. */
  unplannedRuns: number;
}

/**
 * Each week of a plan (7 days from its start date, 1..totalWeeks) with its workouts counted
 * by compliance status on `today`. Workouts dated outside the plan's weeks are left out.
 */
export function weeklyCompliance(startDate: string, totalWeeks: number, workouts: readonly WorkoutFacts[], today: string): PlanWeekCompliance[] {
  const weeks: PlanWeekCompliance[] = Array.from({ length: totalWeeks }, (_, i) => ({
    week: i + 1, startDate: addDays(startDate, 7 * i), planned: 0, due: 0, completed: 0, partial: 0, missed: 0, pending: 0, unplannedRuns: 0,
  }));
  for (const workout of workouts) {
    const week = weeks[Math.floor(daysBetween(startDate, workout.date) / 7)];
    if (!week || workout.date < startDate) continue;
    const status = complianceStatus(workout, workout, today, workout.ran);
    if (status === 'UNPLANNED_RUN') week.unplannedRuns += 1;
    if (workout.kind === 'rest') continue;
    week.planned += 1;
    if (workout.date <= today) week.due += 1;
    if (status === 'COMPLETED') week.completed += 1;
    else if (status === 'PARTIAL') week.partial += 1;
    else if (status === 'MISSED') week.missed += 1;
    else if (status === 'PENDING') week.pending += 1;
  }
  return weeks;
}

// ---------------------------------------------------------------- writing plans (issue 14)

/** Bounds of what a plan may hold (docs/api.md, Setting up an organization: training plans). */
export const PLAN_BOUNDS = {
  minWeeks: 1,
  maxWeeks: 52,
  maxWorkoutsPerWeek: 14,
  maxDistanceM: 100_000,
  maxDurationS: 36_000,
  maxDescription: 500,
  maxName: 100,
} as const;

/** A workout as a client writes it: one local date, a kind, what is planned. */
export interface WorkoutDraft {
  date: string;
  kind: WorkoutKind;
  distanceM: number | null;
  durationS: number | null;
  description: string | null;
}

/** One day of a week-by-week template: `day` 1..7 is the day of the plan week (1 = the start date's weekday). */
export interface TemplateDay {
  day: number;
  kind: WorkoutKind;
  distanceM?: number | null;
  durationS?: number | null;
  description?: string | null;
}

/**
 * What is wrong with a workout's amounts and description, naming the field under `path`;
 * null when nothing is. Distance 0..100 km, duration 1 s..10 h, a rest day plans nothing,
 * a description at most 500 characters.
 */
export function workoutProblem(w: Pick<WorkoutDraft, 'kind' | 'distanceM' | 'durationS' | 'description'>, path: string): string | null {
  const { maxDistanceM, maxDurationS, maxDescription } = PLAN_BOUNDS;
  if (w.distanceM !== null && !(Number.isFinite(w.distanceM) && w.distanceM >= 0 && w.distanceM <= maxDistanceM)) {
    return `${path}distance must be between 0 and ${maxDistanceM} m; got ${w.distanceM}`;
  }
  if (w.durationS !== null && !(Number.isInteger(w.durationS) && w.durationS >= 1 && w.durationS <= maxDurationS)) {
    return `${path}duration must be between 1 and ${maxDurationS} s (10 h); got ${w.durationS}`;
  }
  if (w.kind === 'rest' && (w.distanceM !== null || w.durationS !== null)) {
    return `${path}distance and duration must be null on a REST day: a rest day plans nothing`;
  }
  if (w.description !== null && w.description.length > maxDescription) {
    return `${path}description must be at most ${maxDescription} characters; got ${w.description.length}`;
  }
  return null;
}

/** The last date of a plan: start + 7 × weeks − 1. */
export const planLastDate = (startDate: string, totalWeeks: number): string => addDays(startDate, 7 * totalWeeks - 1);

/**
 * A plan has ended once its last week is over: start + 7 × weeks is on or before the
 * athlete's today. An active plan that has ended reads as completed (docs/metrics.md).
 */
export const planEnded = (startDate: string, totalWeeks: number, today: string): boolean => addDays(startDate, 7 * totalWeeks) <= today;

/** The first problem of a template (weeks 1..52, days 1..7, at most 14 workouts a week, each workout's bounds); null when none. */
export function templateProblem(template: readonly (readonly TemplateDay[])[]): string | null {
  const { minWeeks, maxWeeks, maxWorkoutsPerWeek } = PLAN_BOUNDS;
  if (template.length < minWeeks || template.length > maxWeeks) return `template must have ${minWeeks}..${maxWeeks} weeks; got ${template.length}`;
  for (const [i, week] of template.entries()) {
    if (week.length > maxWorkoutsPerWeek) return `template[${i}] may hold at most ${maxWorkoutsPerWeek} workouts; got ${week.length}`;
    for (const [j, d] of week.entries()) {
      if (!Number.isInteger(d.day) || d.day < 1 || d.day > 7) return `template[${i}][${j}].day must be between 1 and 7; got ${d.day}`;
      const problem = workoutProblem({ kind: d.kind, distanceM: d.distanceM ?? null, durationS: d.durationS ?? null, description: d.description ?? null }, `template[${i}][${j}].`);
      if (problem) return problem;
    }
  }
  return null;
}

/**
 * The workouts of a template from `startDate`: week i (0-based), day d (1..7) falls on
 * start + 7i + d − 1, so plan weeks are the 7 days from the start date whatever its weekday.
 * Ordered by date, then as written. The template is assumed valid (templateProblem).
 */
export function expandTemplate(startDate: string, template: readonly (readonly TemplateDay[])[]): WorkoutDraft[] {
  return template
    .flatMap((week, i) => week.map((d, j) => ({ order: i * 100 + j, draft: {
      date: addDays(startDate, 7 * i + d.day - 1),
      kind: d.kind,
      distanceM: d.distanceM ?? null,
      durationS: d.durationS ?? null,
      description: d.description ?? null,
    } })))
    .sort((a, b) => (a.draft.date < b.draft.date ? -1 : a.draft.date > b.draft.date ? 1 : a.order - b.order))
    .map((x) => x.draft);
}
