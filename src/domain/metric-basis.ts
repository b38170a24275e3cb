// How sure a derived number is: the formula it comes from, how much data stands behind it,
// and which of its inputs were estimated rather than set (issue 15, section 4). Pure.
import type { LoadMethod } from './load';
import type { LoadBasis } from './load-basis';

export type EstimatedInput = 'hrMax' | 'restingHr' | 'thresholdPace' | 'vdot';

export interface LoadMethodCount {
  method: LoadMethod;
  runs: number;
}

export interface Coverage {
  /** Local days the number looks at. */
  windowDays: number;
  /** Of those, days with data (a run, or a reading for health numbers); null where the source does not count days (weekly sums). */
  daysWithData: number | null;
  /** Runs in the window; null for numbers not made of runs (health readings). */
  runs: number | null;
  /** For a series: its points, and those with data (a run, or a reading). */
  points?: number;
  pointsWithData?: number;
  /** Share of the runs' moving time recorded with heart rate; null without runs. */
  hrShare: number | null;
  /** Runs per load method, where the source keeps them; null where it does not. */
  loadMethods: LoadMethodCount[] | null;
  /** Readings behind a health average; null for numbers made of runs. */
  readings: number | null;
}

export interface MetricMethod {
  name: string;
  version: number;
  description: string;
}

export interface MetricBasis {
  method: MetricMethod;
  coverage: Coverage;
  estimatedInputs: EstimatedInput[];
}

/** What athlete_fitness keeps beside the cached numbers: the 42-day window of CTL and the 28-day one of the risk indicators. */
export interface CachedBasis {
  fitness: { coverage: Coverage; estimatedInputs: EstimatedInput[] };
  risk: { coverage: Coverage; estimatedInputs: EstimatedInput[] };
}

export const METRIC_METHODS = {
  fitness: {
    name: 'banister-ewma', version: 1,
    description: 'CTL and ATL: daily training load weighted with λ = 1 − e^(−1/42) and 1 − e^(−1/7), from zero on the first day of data; TSB = CTL − ATL of the day before.',
  },
  risk: {
    name: 'load-risk', version: 1,
    description: 'ACWR (EWMA λ 2/8 and 2/29, or 7-day over 28-day means), Foster monotony and strain over the last 7 days, CTL ramp over 7 days.',
  },
  windowTotals: {
    name: 'rollup-sum', version: 1,
    description: 'Sums of the daily rollup over the local days of the window; pace = time / distance, HR weighted by moving time.',
  },
  dailySeries: { name: 'trailing-mean', version: 1, description: 'One value per local day or ISO week, with a trailing mean over the last trendWindow points that have a value.' },
} as const satisfies Record<string, MetricMethod>;

/** Which loads use which input: TRIMP rests on HR max and rest, pace load on the threshold pace (and the VDOT it may come from). */
const INPUTS_OF_METHOD: Record<LoadMethod, EstimatedInput[]> = {
  trimp: ['hrMax', 'restingHr'],
  pace: ['thresholdPace', 'vdot'],
  session_rpe: [],
  duration: [],
};

/**
 * The estimated inputs a number rests on: those of the load methods in it, or every
 * estimated one when the methods are not known.
 */
export function estimatedInputsOf(basis: LoadBasis, methods: readonly LoadMethodCount[] | null): EstimatedInput[] {
  const estimated: EstimatedInput[] = [];
  if (basis.hrMax.source === 'estimated') estimated.push('hrMax');
  if (basis.hrRest.source === 'estimated') estimated.push('restingHr');
  if (basis.thresholdPace.source === 'estimated') estimated.push('thresholdPace');
  if (basis.vdot.source === 'estimated' && basis.thresholdPace.source !== 'settings') estimated.push('vdot');
  if (methods === null) return estimated;
  const used = new Set(methods.filter((m) => m.runs > 0).flatMap((m) => INPUTS_OF_METHOD[m.method]));
  return estimated.filter((input) => used.has(input));
}

export interface WindowRun {
  date: string;
  method: LoadMethod | null;
  movingS: number;
  hasHr: boolean;
}

/** Coverage of a window of `windowDays` local days from its runs. */
export function runCoverage(windowDays: number, runs: readonly WindowRun[]): Coverage {
  const moving = runs.reduce((sum, r) => sum + r.movingS, 0);
  const withHr = runs.reduce((sum, r) => sum + (r.hasHr ? r.movingS : 0), 0);
  const counts = new Map<LoadMethod, number>();
  for (const r of runs) if (r.method) counts.set(r.method, (counts.get(r.method) ?? 0) + 1);
  return {
    windowDays,
    daysWithData: new Set(runs.map((r) => r.date)).size,
    runs: runs.length,
    hrShare: runs.length === 0 ? null : moving > 0 ? withHr / moving : 0,
    loadMethods: [...counts].map(([method, n]) => ({ method, runs: n })).sort((a, b) => b.runs - a.runs || a.method.localeCompare(b.method)),
    readings: null,
  };
}

/** Coverage of a window from rollup sums (no per-method counts there). */
export function totalsCoverage(windowDays: number, totals: { daysWithData: number; runs: number; movingS: number; hrS: number }): Coverage {
  return {
    windowDays,
    daysWithData: totals.daysWithData,
    runs: totals.runs,
    hrShare: totals.runs === 0 ? null : totals.movingS > 0 ? totals.hrS / totals.movingS : 0,
    loadMethods: null,
    readings: null,
  };
}
