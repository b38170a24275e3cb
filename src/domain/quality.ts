// Data quality score, 0-100: what a coach should fill in so the numbers can be trusted. Pure.

export type QualityItemKey =
  | 'PACE_ZONES' | 'HR_ZONES' | 'HR_MAX_REST' | 'THRESHOLD_PACE' | 'VDOT' | 'INTEGRATION' | 'TIMEZONE' | 'UNIT_SYSTEM' | 'RECENT_RUNS';

/**
 * HR max and rest and the threshold pace decide every run's load, so they weigh as much as
 * zones; recent runs count because a score about numbers needs numbers to be about.
 */
export const QUALITY_WEIGHTS: Record<QualityItemKey, number> = {
  PACE_ZONES: 15,
  HR_ZONES: 10,
  HR_MAX_REST: 15,
  THRESHOLD_PACE: 10,
  VDOT: 10,
  INTEGRATION: 15,
  TIMEZONE: 10,
  UNIT_SYSTEM: 5,
  RECENT_RUNS: 10,
};

/** The window RECENT_RUNS looks at, in local days ending today. */
export const RECENT_RUNS_DAYS = 28;

export interface QualityInputs {
  hasPaceZones: boolean;
  hasHrZones: boolean;
  /** Both HR max and resting HR set in settings (an estimate stands in, but is not a setting). */
  hasHrMaxAndRest: boolean;
  hasThresholdPace: boolean;
  hasVdot: boolean;
  hasConnectedIntegration: boolean;
  hasTimezone: boolean;
  hasUnitSystem: boolean;
  hasRecentRuns: boolean;
  hasAnyRun: boolean;
}

export interface QualityItem {
  key: QualityItemKey;
  weight: number;
  met: boolean;
}

export interface DataQualityScore {
  score: number;
  items: QualityItem[];
  /** What the score means when it cannot mean what it usually does; null otherwise. */
  note: string | null;
}

export const NO_RUNS_NOTE = 'No runs yet: the score covers the set-up only; load, fitness and predictions have no runs to stand on.';

export function dataQuality(inputs: QualityInputs): DataQualityScore {
  const met: Record<QualityItemKey, boolean> = {
    PACE_ZONES: inputs.hasPaceZones,
    HR_ZONES: inputs.hasHrZones,
    HR_MAX_REST: inputs.hasHrMaxAndRest,
    THRESHOLD_PACE: inputs.hasThresholdPace,
    VDOT: inputs.hasVdot,
    INTEGRATION: inputs.hasConnectedIntegration,
    TIMEZONE: inputs.hasTimezone,
    UNIT_SYSTEM: inputs.hasUnitSystem,
    RECENT_RUNS: inputs.hasRecentRuns,
  };
  const items = (Object.keys(QUALITY_WEIGHTS) as QualityItemKey[]).map((key) => ({ key, weight: QUALITY_WEIGHTS[key], met: met[key] }));
  return {
    score: items.reduce((sum, i) => sum + (i.met ? i.weight : 0), 0),
    items,
    note: inputs.hasAnyRun ? null : NO_RUNS_NOTE,
  };
}
