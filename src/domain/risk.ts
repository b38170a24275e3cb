// Load-risk indicators coaches read beside CTL (docs/metrics.md, Risk indicators). Pure.
//
// Every window is a rolling one ending today (today included), never an ISO week: on a
// Tuesday an ISO week holds two days and would read as a collapse in load (issue 16).

import { CTL_DAYS, fitnessSeries } from './fitness';

export const ACUTE_DAYS = 7;
export const CHRONIC_DAYS = 28;
/** Williams et al. 2017: λ = 2 / (N + 1). */
export const ACUTE_LAMBDA = 2 / (ACUTE_DAYS + 1);
export const CHRONIC_LAMBDA = 2 / (CHRONIC_DAYS + 1);
export const RAMP_RATE_UNIT = 'CTL points per week';

/**
 * The default ACWR. The rolling form divides a 7-day mean by a 28-day mean that contains
 * those same 7 days, so acute and chronic are mathematically coupled and the ratio
 * correlates with load spuriously (Lolli et al. 2019, Br J Sports Med, "Mathematical
 * coupling causes spurious correlation within the conventional acute-to-chronic workload
 * ratio calculations"). The exponentially weighted form (Williams et al. 2017) has no hard
 * window edge and weights recent days more, so it is the default; the rolling one stays
 * available because many coaches' spreadsheets use it.
 */
export const DEFAULT_ACWR_METHOD = 'EWMA' as const;

/** One local day of an athlete's training: load, distance and the longest single run. */
export interface RiskDay {
  load: number;
  distanceM: number;
  longestRunM: number;
}

/**
 * What the indicators need of the past, as of one day: small enough to cache per athlete,
 * and shiftable over later days without runs (advanceRiskState) without the full history.
 * Windows are oldest first, their last value the state's day, padded with zeros before
 * the first day with data.
 */
export interface RiskState {
  /** Days from the first day with data to the state's day, both included; 0 without data. */
  historyDays: number;
  /** Daily load, the last 28 days. */
  loads: number[];
  /** Daily distance (m), the last 14 days. */
  distances: number[];
  /** Each day's longest run (m), the last 7 days. */
  longestRuns: number[];
  acuteEwma: number;
  chronicEwma: number;
  /** CTL (src/domain/fitness.ts) of the last 8 days: 7 days ago .. the state's day. */
  ctl: number[];
}

export interface RiskIndicators {
  /** Days since the first day with data, today included. */
  historyDays: number;
  /** The default form's value (EWMA). */
  acwr: number | null;
  acwrRolling: number | null;
  acwrEwma: number | null;
  monotony: number | null;
  strain: number | null;
  weeklyLoad: number;
  /** CTL today − CTL 7 days ago. */
  rampRate: number;
  ctlWeekAgo: number;
  /** rampRate / CTL 7 days ago: the weekly ramp as a share; null when CTL 7 days ago is 0. */
  weeklyRamp: number | null;
  weeklyDistanceM: number;
  weeklyDistanceChange: number | null;
  longRunShare: number | null;
}

const zeros = (n: number) => new Array<number>(n).fill(0);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const mean = (values: number[]) => sum(values) / values.length;
const last = (values: number[], n: number) => values.slice(values.length - n);
const push = (window: number[], value: number) => [...window.slice(1), value];

export const EMPTY_RISK_STATE: RiskState = {
  historyDays: 0, loads: zeros(CHRONIC_DAYS), distances: zeros(14), longestRuns: zeros(7), acuteEwma: 0, chronicEwma: 0, ctl: zeros(8),
};

/** The state after one more day; `ctl` is that day's CTL as src/domain/fitness.ts computes it. */
function step(state: RiskState, day: RiskDay, ctl: number): RiskState {
  return {
    historyDays: state.historyDays + 1,
    loads: push(state.loads, day.load),
    distances: push(state.distances, day.distanceM),
    longestRuns: push(state.longestRuns, day.longestRunM),
    acuteEwma: ACUTE_LAMBDA * day.load + (1 - ACUTE_LAMBDA) * state.acuteEwma,
    chronicEwma: CHRONIC_LAMBDA * day.load + (1 - CHRONIC_LAMBDA) * state.chronicEwma,
    ctl: push(state.ctl, ctl),
  };
}

/** The state at the end of each day of `days` (one per consecutive local day from the first with data). */
export function riskStates(days: RiskDay[]): RiskState[] {
  const ctl = fitnessSeries(days.map((d) => d.load));
  const states: RiskState[] = [];
  let state = EMPTY_RISK_STATE;
  days.forEach((day, i) => {
    state = step(state, day, ctl[i].ctl);
    states.push(state);
  });
  return states;
}

/** The state as of the last day of `days` (one per consecutive local day from the first with data). */
export function riskState(days: RiskDay[]): RiskState {
  return riskStates(days).at(-1) ?? EMPTY_RISK_STATE;
}

/**
 * The state `days` later, none of them with a run: what a cache written on the last day
 * with data says today. CTL keeps e^(−1/42) a rest day (fitness.ts: x += λ(0 − x), λ = 1 − e^(−1/N)).
 */
export function advanceRiskState(state: RiskState, days: number): RiskState {
  if (state.historyDays === 0 || days <= 0) return state;
  // Windows shift in one step (the Athletes list shifts a thousand caches per request); the
  // exponential values decay day by day over the first 28 days, exactly as step() would, so
  // the shifted state equals the one computed over the whole history to the last bit.
  const shifted = (window: number[]) => window.map((_, i) => (i + days < window.length ? window[i + days] : 0));
  const ctlKept = Math.exp(-1 / CTL_DAYS);
  let { acuteEwma, chronicEwma } = state;
  const ctl = [...state.ctl];
  for (let i = 0; i < Math.min(days, CHRONIC_DAYS); i++) {
    acuteEwma *= 1 - ACUTE_LAMBDA;
    chronicEwma *= 1 - CHRONIC_LAMBDA;
    ctl.push(ctl[ctl.length - 1] * ctlKept);
    ctl.shift();
  }
  // Past 28 empty days every window is zeros and only the exponential values keep decaying.
  const more = Math.max(0, days - CHRONIC_DAYS);
  return {
    historyDays: state.historyDays + days,
    loads: shifted(state.loads),
    distances: shifted(state.distances),
    longestRuns: shifted(state.longestRuns),
    acuteEwma: acuteEwma * (1 - ACUTE_LAMBDA) ** more,
    chronicEwma: chronicEwma * (1 - CHRONIC_LAMBDA) ** more,
    ctl: more ? ctl.map((c) => c * ctlKept ** more) : ctl,
  };
}

export const SD_ROUNDING = 1e-9;

/** Population SD: the 7 days are the whole week, not a sample of it (Foster 1998). */
function populationSd(values: number[]): number {
  const m = mean(values);
  return Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
}

/**
 * a / b, or null when b is not positive or the quotient is not finite: a denominator that has
 * decayed to a subnormal (a CTL weeks after one tiny load) would make it Infinity, which no
 * Float can carry.
 */
function ratio(a: number, b: number): number | null {
  const quotient = a / b;
  return b > 0 && Number.isFinite(quotient) ? quotient : null;
}

export function riskIndicators(state: RiskState): RiskIndicators {
  const week = last(state.loads, ACUTE_DAYS);
  const weeklyLoad = sum(week);
  // Both ACWR forms need 28 days of history (a chronic mean or EWMA from fewer days
  // underestimates and inflates the ratio) and some load in the 28 days.
  const ratioDefined = state.historyDays >= CHRONIC_DAYS && state.loads.some((l) => l > 0);
  const chronicMean = mean(state.loads);
  const acwrRolling = ratioDefined ? ratio(mean(week), chronicMean) : null;
  const acwrEwma = ratioDefined ? ratio(state.acuteEwma, state.chronicEwma) : null;
  const sd = populationSd(week);
  // An SD within rounding of 0 (seven equal loads whose mean is not exact) is 0.
  const monotony = sd > SD_ROUNDING * mean(week) ? ratio(mean(week), sd) : null;
  const [ctlWeekAgo, ctlToday] = [state.ctl[0], state.ctl[7]];
  const weeklyDistanceM = sum(last(state.distances, 7));
  const previousDistanceM = sum(state.distances.slice(0, 7));
  return {
    historyDays: state.historyDays,
    acwr: acwrEwma,
    acwrRolling,
    acwrEwma,
    monotony,
    strain: monotony === null ? null : weeklyLoad * monotony,
    weeklyLoad,
    rampRate: ctlToday - ctlWeekAgo,
    ctlWeekAgo,
    weeklyRamp: ratio(ctlToday - ctlWeekAgo, ctlWeekAgo),
    weeklyDistanceM,
    weeklyDistanceChange: ratio(weeklyDistanceM - previousDistanceM, previousDistanceM),
    longRunShare: ratio(Math.max(...state.longestRuns), weeklyDistanceM),
  };
}

/** Today's indicators from the days since the first with data (oldest first, the last being today). */
export function computeRisk(days: RiskDay[]): RiskIndicators {
  return riskIndicators(riskState(days));
}
