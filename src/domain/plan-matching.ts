/**
 * Planned against done: which run completes which planned workout of a local day, and how
 * well. Pure: the ingest keeps the stored matching equal to this (issue 14, docs/metrics.md).
 */

export const WORKOUT_KINDS = ['easy', 'long', 'tempo', 'intervals', 'race', 'rest', 'cross'] as const;
export type WorkoutKind = (typeof WORKOUT_KINDS)[number];

export interface PlannedWorkout {
  id: number;
  date: string;
  kind: WorkoutKind;
  plannedDistanceM: number | null;
  plannedDurationS: number | null;
}

export interface DayRun {
  id: number;
  date: string;
  distanceM: number;
  movingS: number;
}

export interface WorkoutMatch {
  workoutId: number;
  /** The run that completes the workout; null when none does (and always on a rest day). */
  activityId: number | null;
  /** Done / planned (distance when planned, else duration); null without a run or a planned amount. */
  score: number | null;
}

/** Compliance bands of a matched run's score (docs/metrics.md, Plans). */
export const COMPLIANCE_BANDS = { completedFrom: 0.8, completedTo: 1.2, partialFrom: 0.5 } as const;

export type ComplianceStatus = 'COMPLETED' | 'PARTIAL' | 'MISSED' | 'PENDING' | 'REST' | 'UNPLANNED_RUN';

export function complianceScore(workout: PlannedWorkout, run: DayRun): number | null {
  if (workout.plannedDistanceM && workout.plannedDistanceM > 0) return run.distanceM / workout.plannedDistanceM;
  if (workout.plannedDurationS && workout.plannedDurationS > 0) return run.movingS / workout.plannedDurationS;
  return null;
}

/**
 * A workout's status on `today` (the athlete's local date). A day not yet over is pending
 * until a run matches it; a rest day is REST, or UNPLANNED_RUN when the athlete ran.
 */
export function complianceStatus(
  workout: Pick<PlannedWorkout, 'date' | 'kind'>,
  match: Pick<WorkoutMatch, 'activityId' | 'score'>,
  today: string,
  ranThatDay: boolean,
): ComplianceStatus {
  if (workout.kind === 'rest') return ranThatDay ? 'UNPLANNED_RUN' : workout.date > today ? 'PENDING' : 'REST';
  if (match.activityId === null) return workout.date < today ? 'MISSED' : 'PENDING';
  if (match.score === null) return 'COMPLETED';
  if (match.score >= COMPLIANCE_BANDS.completedFrom && match.score <= COMPLIANCE_BANDS.completedTo) return 'COMPLETED';
  if (match.score >= COMPLIANCE_BANDS.partialFrom) return 'PARTIAL';
  return 'MISSED';
}

/** How far a score is from the plan, on a ratio scale (90% and 111% are as far off). */
const distanceFromPlan = (score: number | null) => (score === null ? 0 : Math.abs(Math.log(Math.max(score, 1e-9))));

/**
 * Matches one athlete's workouts to their runs, day by day. Each workout that is not a rest
 * day takes the best run of its local day still free: the one closest to what was planned
 * (the longest when nothing was planned; then the longer, then the lower id). The biggest
 * workout of a day chooses first, so one run never completes two workouts.
 */
export function matchWorkouts(workouts: readonly PlannedWorkout[], runs: readonly DayRun[]): WorkoutMatch[] {
  const runsByDate = new Map<string, DayRun[]>();
  for (const run of runs) runsByDate.set(run.date, [...(runsByDate.get(run.date) ?? []), run]);
  const matches = new Map<number, WorkoutMatch>();
  const byDate = new Map<string, PlannedWorkout[]>();
  for (const workout of workouts) byDate.set(workout.date, [...(byDate.get(workout.date) ?? []), workout]);

  for (const [date, dayWorkouts] of byDate) {
    const free = [...(runsByDate.get(date) ?? [])];
    const choosing = dayWorkouts
      .filter((w) => w.kind !== 'rest')
      .sort((a, b) => (b.plannedDistanceM ?? 0) - (a.plannedDistanceM ?? 0) || (b.plannedDurationS ?? 0) - (a.plannedDurationS ?? 0) || a.id - b.id);
    for (const workout of choosing) {
      let best: DayRun | undefined;
      for (const run of free) {
        if (!best) {
          best = run;
          continue;
        }
        const nothingPlanned = complianceScore(workout, run) === null;
        const closer = nothingPlanned ? 0 : distanceFromPlan(complianceScore(workout, run)) - distanceFromPlan(complianceScore(workout, best));
        if (closer < 0 || (closer === 0 && (run.distanceM > best.distanceM || (run.distanceM === best.distanceM && run.id < best.id)))) best = run;
      }
      if (best) free.splice(free.indexOf(best), 1);
      matches.set(workout.id, { workoutId: workout.id, activityId: best?.id ?? null, score: best ? complianceScore(workout, best) : null });
    }
    for (const workout of dayWorkouts) {
      if (workout.kind === 'rest') matches.set(workout.id, { workoutId: workout.id, activityId: null, score: null });
    }
  }
  return workouts.map((w) => matches.get(w.id)!);
}
