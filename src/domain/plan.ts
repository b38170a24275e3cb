import { daysBetween } from './buckets';

/** Week of a plan: floor((today − start) / 7) + 1, clamped to 1..totalWeeks. */
export function planWeek(startDate: string, today: string, totalWeeks: number): number {
  const week = Math.floor(daysBetween(startDate, today) / 7) + 1;
  return Math.min(totalWeeks, Math.max(1, week));
}

/** Completed planned workouts / workouts due so far; null when none are due yet. */
export function planProgress(completed: number, due: number): number | null {
  return due > 0 ? completed / due : null;
}
