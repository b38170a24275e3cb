// Attention signals: health week over week (the last 7 local days against the 7 before),
// and load risk today (src/domain/risk.ts) above the organization's thresholds. Pure.

import { CHRONIC_DAYS, type RiskIndicators } from './risk';

export interface AttentionThresholds {
  /** HRV: |Δ mean ln(RMSSD)| must exceed this many SDs of the 60-day daily baseline. */
  hrvSd: number;
  /** Recovery score: |Δ| of at least this many points. */
  recoveryPoints: number;
  /** VO2max: |Δ| of at least this many ml/kg/min. */
  vo2max: number;
}

/** The organization's load-risk thresholds (organization_signal_thresholds). */
export interface RiskThresholds {
  /** ACWR (the default, EWMA form) above this. */
  acwrMax: number;
  /** Foster's monotony above this. */
  monotonyMax: number;
  /** Weekly CTL ramp as a share of CTL 7 days ago (0.10 = 10%) above this. */
  weeklyRampMax: number;
}

/**
 * Set so that about one athlete in six is flagged on a typical week of the demo club (10 of
 * 60; docs/metrics.md, Attention signals, says why): a week's mean of seven ln(RMSSD)
 * readings varies by about 0.38 baseline SDs by chance alone, so 0.5 SD fired on noise.
 */
export const DEFAULT_THRESHOLDS: AttentionThresholds = { hrvSd: 1.0, recoveryPoints: 15, vo2max: 1.5 };
export const DEFAULT_RISK_THRESHOLDS: RiskThresholds = { acwrMax: 1.5, monotonyMax: 2.0, weeklyRampMax: 0.1 };
/** A risk value this many times its threshold or more is HIGH, below it MEDIUM. */
export const RISK_HIGH_FACTOR = 1.25;
export const MIN_HRV_READINGS = 4;

export interface SignalInputs {
  hrv: { previousLnMean: number | null; previousCount: number; currentLnMean: number | null; currentCount: number; baselineSd: number | null };
  recovery: { previous: number | null; current: number | null };
  vo2max: { previous: number | null; current: number | null };
  /** Today's load risk (what the signals need of it); null without a fitness cache. */
  risk?: RiskForSignals | null;
}

/** What the load-risk signals read of today's indicators (src/domain/risk.ts). */
export type RiskForSignals = Pick<RiskIndicators, 'acwr' | 'monotony' | 'strain' | 'weeklyRamp' | 'historyDays' | 'rampRate' | 'ctlWeekAgo'>;

export type SignalMetric = 'HRV' | 'RECOVERY_SCORE' | 'VO2MAX' | 'ACWR_HIGH' | 'MONOTONY_HIGH' | 'RAMP_HIGH';

export interface AttentionSignal {
  metric: SignalMetric;
  /** Health: the previous week's value. Risk: the organization's threshold. */
  previous: number;
  current: number;
  change: number;
  direction: 'UP' | 'DOWN';
  /** Health: a fall of twice the threshold or more is HIGH, a smaller fall MEDIUM, a rise LOW. Risk: see riskSignal. */
  severity: 'HIGH' | 'MEDIUM' | 'LOW';
  reason: string;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function signal(metric: SignalMetric, previous: number, current: number, size: number, threshold: number, reason: string): AttentionSignal {
  const change = current - previous;
  const direction = change >= 0 ? 'UP' : 'DOWN';
  const severity = direction === 'UP' ? 'LOW' : Math.abs(size) >= 2 * threshold ? 'HIGH' : 'MEDIUM';
  return { metric, previous: round(previous, 2), current: round(current, 2), change: round(change, 2), direction, severity, reason };
}

export function attentionSignals(
  inputs: SignalInputs,
  thresholds: AttentionThresholds = DEFAULT_THRESHOLDS,
  riskThresholds: RiskThresholds = DEFAULT_RISK_THRESHOLDS,
): AttentionSignal[] {
  const signals: AttentionSignal[] = [];
  const { hrv, recovery, vo2max } = inputs;

  if (
    hrv.previousLnMean !== null && hrv.currentLnMean !== null && hrv.baselineSd !== null && hrv.baselineSd > 0 &&
    hrv.previousCount >= MIN_HRV_READINGS && hrv.currentCount >= MIN_HRV_READINGS
  ) {
    const sds = (hrv.currentLnMean - hrv.previousLnMean) / hrv.baselineSd;
    if (Math.abs(sds) > thresholds.hrvSd) {
      const previous = Math.exp(hrv.previousLnMean);
      const current = Math.exp(hrv.currentLnMean);
      signals.push(
        signal('HRV', previous, current, sds, thresholds.hrvSd,
          `HRV ${sds < 0 ? 'fell' : 'rose'} from ${round(previous)} ms to ${round(current)} ms week over week: ${round(Math.abs(sds), 2)} SD of the 60-day baseline (threshold ${thresholds.hrvSd} SD, ${hrv.previousCount} and ${hrv.currentCount} readings).`),
      );
    }
  }

  if (recovery.previous !== null && recovery.current !== null) {
    const change = recovery.current - recovery.previous;
    if (Math.abs(change) >= thresholds.recoveryPoints) {
      signals.push(
        signal('RECOVERY_SCORE', recovery.previous, recovery.current, change, thresholds.recoveryPoints,
          `Recovery score ${change < 0 ? 'fell' : 'rose'} by ${round(Math.abs(change))} points week over week, from ${round(recovery.previous)} to ${round(recovery.current)} (threshold ${thresholds.recoveryPoints} points).`),
      );
    }
  }

  if (vo2max.previous !== null && vo2max.current !== null) {
    const change = vo2max.current - vo2max.previous;
    if (Math.abs(change) >= thresholds.vo2max) {
      signals.push(
        signal('VO2MAX', vo2max.previous, vo2max.current, change, thresholds.vo2max,
          `VO2max ${change < 0 ? 'fell' : 'rose'} by ${round(Math.abs(change))} ml/kg/min week over week, from ${round(vo2max.previous)} to ${round(vo2max.current)} (threshold ${thresholds.vo2max}).`),
      );
    }
  }
  signals.push(...riskSignals(inputs.risk ?? null, riskThresholds));
  return signals;
}

/** Above the threshold: MEDIUM, HIGH from RISK_HIGH_FACTOR times it; previous is the threshold. */
function riskSignal(metric: SignalMetric, value: number, threshold: number, reason: string): AttentionSignal {
  return {
    metric, previous: round(threshold, 2), current: round(value, 2), change: round(value - threshold, 2), direction: 'UP',
    severity: value >= RISK_HIGH_FACTOR * threshold ? 'HIGH' : 'MEDIUM', reason,
  };
}

const percent = (share: number) => `${round(share * 100)}%`;

function riskSignals(risk: RiskForSignals | null, th: RiskThresholds): AttentionSignal[] {
  if (!risk) return [];
  const signals: AttentionSignal[] = [];
  if (risk.acwr !== null && risk.acwr > th.acwrMax) {
    signals.push(riskSignal('ACWR_HIGH', risk.acwr, th.acwrMax,
      `Acute:chronic workload ratio ${round(risk.acwr, 2)} (exponentially weighted, 7 against 28 days) is above ${th.acwrMax}.`));
  }
  if (risk.monotony !== null && risk.monotony > th.monotonyMax) {
    signals.push(riskSignal('MONOTONY_HIGH', risk.monotony, th.monotonyMax,
      `Training monotony ${round(risk.monotony, 2)} over the last 7 days (strain ${round(risk.strain ?? 0)}) is above ${th.monotonyMax}: the days vary too little.`));
  }
  // A ramp off a CTL built in a few days says nothing: like ACWR, it needs 28 days of history.
  if (risk.weeklyRamp !== null && risk.historyDays >= CHRONIC_DAYS && risk.weeklyRamp > th.weeklyRampMax) {
    signals.push(riskSignal('RAMP_HIGH', risk.weeklyRamp, th.weeklyRampMax,
      `CTL rose ${round(risk.rampRate)} points this week, from ${round(risk.ctlWeekAgo)} to ${round(risk.ctlWeekAgo + risk.rampRate)}: ${percent(risk.weeklyRamp)}, above ${percent(th.weeklyRampMax)}.`));
  }
  return signals;
}

/**
 * What an organization may set. Below the lower bounds nearly every athlete would fire every
 * day; above the upper ones a signal could never fire.
 */
export const RISK_THRESHOLD_RANGES: Record<keyof RiskThresholds, { min: number; max: number }> = {
  acwrMax: { min: 0.5, max: 3 },
  monotonyMax: { min: 0.5, max: 10 },
  weeklyRampMax: { min: 0.01, max: 1 },
};

/**
 * The health thresholds an organization may set (docs/metrics.md, Attention signals, says
 * why): HRV from 0.25 SD (the week-over-week difference of two weekly means already varies by
 * about 0.53 SD by chance, so lower would flag most athletes every week) to 5 SD (beyond any
 * real week); recovery from 1 point (the score's resolution) to 100 (its whole scale); VO2max
 * from 0.1 ml/kg/min (what devices report to) to 10 (no week moves a real VO2max that far).
 */
export const HEALTH_THRESHOLD_RANGES: Record<keyof AttentionThresholds, { min: number; max: number }> = {
  hrvSd: { min: 0.25, max: 5 },
  recoveryPoints: { min: 1, max: 100 },
  vo2max: { min: 0.1, max: 10 },
};

/** Every threshold of the attention signals, as an organization stores them (organization_signal_thresholds). */
export type SignalThresholds = AttentionThresholds & RiskThresholds;
export const DEFAULT_SIGNAL_THRESHOLDS: SignalThresholds = { ...DEFAULT_THRESHOLDS, ...DEFAULT_RISK_THRESHOLDS };
export const SIGNAL_THRESHOLD_RANGES: Record<keyof SignalThresholds, { min: number; max: number }> = { ...HEALTH_THRESHOLD_RANGES, ...RISK_THRESHOLD_RANGES };
export const SIGNAL_THRESHOLD_KEYS = Object.keys(SIGNAL_THRESHOLD_RANGES) as (keyof SignalThresholds)[];

/** The first threshold out of its range, as a sentence naming the field; null when all fit. */
export function signalThresholdsProblem(values: Partial<SignalThresholds>, prefix = 'input.'): string | null {
  for (const key of SIGNAL_THRESHOLD_KEYS) {
    const value = values[key];
    const { min, max } = SIGNAL_THRESHOLD_RANGES[key];
    if (value !== undefined && !(value >= min && value <= max)) return `${prefix}${key} must be within ${min}..${max}; got ${value}`;
  }
  return null;
}

/** The load-risk thresholds' problem (signalThresholdsProblem over those three). */
export function riskThresholdsProblem(values: Partial<RiskThresholds>, prefix = 'input.'): string | null {
  return signalThresholdsProblem(values, prefix);
}

// Mutes: one signal of one athlete left out of attentionSignals and the ATTENTION order until
// a moment; from that moment on it shows again (nothing has to run for it to expire).

/** A mute ends at most this many days after it is set: a coach looks again at least once a season. */
export const MAX_MUTE_DAYS = 90;
export const MAX_MUTE_NOTE_LENGTH = 500;
const DAY_MS = 86_400_000;

/** A mute's end must be after now and at most MAX_MUTE_DAYS days later; a sentence naming the field otherwise. */
export function muteUntilProblem(until: Date, now: Date, field = 'input.until'): string | null {
  const latest = new Date(now.getTime() + MAX_MUTE_DAYS * DAY_MS);
  if (Number.isNaN(until.getTime()) || until <= now || until > latest) {
    return `${field} must be after now (${now.toISOString()}) and at most ${MAX_MUTE_DAYS} days later (${latest.toISOString()}); got ${Number.isNaN(until.getTime()) ? 'an invalid date' : until.toISOString()}`;
  }
  return null;
}

/** Whether a mute that ends at `until` still applies at `now`. */
export const muteActive = (until: Date, now: Date): boolean => until.getTime() > now.getTime();

/**
 * The signals with the end of the mute each is under (null when none), muted ones left out
 * unless asked for. `mutes` holds the active mutes only, by metric.
 */
export function withMutes<S extends { metric: SignalMetric }>(
  signals: readonly S[],
  mutes: ReadonlyMap<SignalMetric, Date>,
  includeMuted: boolean,
): (S & { mutedUntil: Date | null })[] {
  return signals
    .map((s) => Object.assign({}, s, { mutedUntil: mutes.get(s.metric) ?? null }))
    .filter((s) => includeMuted || s.mutedUntil === null);
}
