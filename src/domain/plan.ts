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
