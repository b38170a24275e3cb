// What a run's load is computed from when settings are missing: HR max, resting HR and a
// threshold pace estimated from the athlete's own data (docs/metrics.md, Load basis). Pure.
import { bucketStart } from './buckets';
import type { AthletePhysiology, Sex } from './load';

/** A max HR outside this is a strap or optical artefact, not a heart. */
export const CREDIBLE_MAX_HR = { min: 120, max: 230 } as const;
/** A highest reading counts when another run comes within this many bpm of it. */
export const MAX_HR_CONFIRM_BPM = 5;
export const CREDIBLE_RESTING_HR = { min: 25, max: 120 } as const;
/** A week of resting HR counts with at least this many readings (when any week has them). */
export const RESTING_WEEK_MIN_READINGS = 3;
/** Daniels' threshold intensity: T pace is run at 88% of VO2max (Daniels' Running Formula). */
export const THRESHOLD_FRACTION_OF_VDOT = 0.88;
/** Windows the estimates look back over, in local days ending today. */
export const ESTIMATE_WINDOWS = { hrMaxDays: 365, restingHrDays: 90, vdotDays: 180 } as const;
/**
 * An estimate that moves less than this keeps its stored value, so a new run does not
 * recompute a whole history for a beat; beyond it, every run's load is recomputed.
 */
export const ESTIMATE_MARGINS = { hrMaxBpm: 2, restingHrBpm: 2, vdotPoints: 1 } as const;

export interface Estimate {
  value: number;
  /** Readings behind the value: runs with a max HR, resting-HR readings of the week, or 1 run for VDOT. */
  readings: number;
  /** The local date the value dates from: the run, or the Monday of the week. */
  since: string;
}

export interface LoadEstimates {
  hrMax: Estimate | null;
  hrRest: Estimate | null;
  vdot: Estimate | null;
}

export interface DatedReading {
  date: string;
  value: number;
}

/**
 * HR max: the highest credible max HR of the window's runs that a second run confirms
 * (within 5 bpm), so one spike does not set it; with one credible run, that run's.
 */
export function estimateHrMax(runs: readonly DatedReading[]): Estimate | null {
  const credible = runs.filter((r) => r.value >= CREDIBLE_MAX_HR.min && r.value <= CREDIBLE_MAX_HR.max)
    .sort((a, b) => b.value - a.value || b.date.localeCompare(a.date));
  if (credible.length === 0) return null;
  const confirmed = credible.find((r, i) => i + 1 < credible.length && r.value - credible[i + 1].value <= MAX_HR_CONFIRM_BPM);
  const chosen = confirmed ?? credible[0];
  return { value: chosen.value, readings: credible.length, since: chosen.date };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Resting HR: the median of the ISO week whose median is lowest (weeks with at least three
 * readings, when there are any), so a fever week or a missed morning does not move it.
 */
export function estimateHrRest(readings: readonly DatedReading[]): Estimate | null {
  const weeks = new Map<string, number[]>();
  for (const r of readings) {
    if (r.value < CREDIBLE_RESTING_HR.min || r.value > CREDIBLE_RESTING_HR.max) continue;
    const week = bucketStart(r.date, 'WEEK');
    weeks.set(week, [...(weeks.get(week) ?? []), r.value]);
  }
  const all = [...weeks].map(([since, values]) => ({ since, values, median: median(values) }));
  const full = all.filter((w) => w.values.length >= RESTING_WEEK_MIN_READINGS);
  const candidates = full.length ? full : all;
  if (candidates.length === 0) return null;
  const lowest = candidates.reduce((a, b) => (b.median < a.median || (b.median === a.median && b.since > a.since) ? b : a));
  return { value: lowest.median, readings: lowest.values.length, since: lowest.since };
}

/**
 * Threshold pace (s/km) of a VDOT: the speed whose oxygen cost (Daniels-Gilbert,
 * src/domain/vdot.ts) is 88% of it, solved from the quadratic.
 */
export function thresholdPaceFromVdot(vdot: number): number {
  const vo2 = THRESHOLD_FRACTION_OF_VDOT * vdot;
  const [a, b, c] = [0.000104, 0.182258, -4.6 - vo2];
  const metresPerMinute = (-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a);
  return (1000 / metresPerMinute) * 60;
}

/** True when a fresh estimate differs from the stored one by more than its margin (or one is missing). */
export function estimatesMoved(stored: LoadEstimates, fresh: LoadEstimates): boolean {
  const moved = (a: Estimate | null, b: Estimate | null, margin: number) =>
    (a === null) !== (b === null) || (a !== null && b !== null && Math.abs(a.value - b.value) > margin);
  return moved(stored.hrMax, fresh.hrMax, ESTIMATE_MARGINS.hrMaxBpm)
    || moved(stored.hrRest, fresh.hrRest, ESTIMATE_MARGINS.restingHrBpm)
    || moved(stored.vdot, fresh.vdot, ESTIMATE_MARGINS.vdotPoints);
}

/** An estimate as stored (value, readings, since columns); null without a value. */
export const storedEstimate = (value: number | null, readings: number | null, since: string | null): Estimate | null =>
  value === null ? null : { value, readings: readings ?? 0, since: since ?? '' };

export type BasisSource = 'settings' | 'estimated' | 'none';

export interface BasisValue {
  value: number | null;
  source: BasisSource;
  /** Readings behind an estimate; null for a setting. */
  readings: number | null;
  since: string | null;
}

export interface LoadBasis {
  hrMax: BasisValue;
  hrRest: BasisValue;
  /** Set, or derived from the VDOT below. */
  thresholdPace: BasisValue;
  /** The VDOT the threshold pace comes from when not set: the setting, or the best effort. */
  vdot: BasisValue;
  sex: Sex;
}

export interface LoadSettings {
  sex: Sex;
  hrMax: number | null;
  hrRest: number | null;
  thresholdPaceSPerKm: number | null;
  vdot: number | null;
}

const fromSetting = (value: number): BasisValue => ({ value, source: 'settings', readings: null, since: null });
const fromEstimate = (e: Estimate | null): BasisValue =>
  e ? { value: e.value, source: 'estimated', readings: e.readings, since: e.since } : { value: null, source: 'none', readings: null, since: null };

/** Settings first, each missing one from its estimate; the threshold pace from the VDOT when not set. */
export function resolveLoadBasis(settings: LoadSettings, estimates: LoadEstimates): LoadBasis {
  const vdot = settings.vdot != null ? fromSetting(settings.vdot) : fromEstimate(estimates.vdot);
  const thresholdPace: BasisValue = settings.thresholdPaceSPerKm != null
    ? fromSetting(settings.thresholdPaceSPerKm)
    : vdot.value != null ? { ...vdot, value: thresholdPaceFromVdot(vdot.value), source: vdot.source === 'settings' ? 'estimated' : vdot.source } : fromEstimate(null);
  return {
    hrMax: settings.hrMax != null ? fromSetting(settings.hrMax) : fromEstimate(estimates.hrMax),
    hrRest: settings.hrRest != null ? fromSetting(settings.hrRest) : fromEstimate(estimates.hrRest),
    thresholdPace,
    vdot,
    sex: settings.sex,
  };
}

export function physiologyOf(basis: LoadBasis): AthletePhysiology {
  return { sex: basis.sex, hrMax: basis.hrMax.value, hrRest: basis.hrRest.value, thresholdPaceSPerKm: basis.thresholdPace.value };
}
