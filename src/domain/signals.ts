// Attention signals, week over week (the last 7 local days against the 7 before). Pure.

export interface AttentionThresholds {
  /** HRV: |Δ mean ln(RMSSD)| must exceed this many SDs of the 60-day daily baseline. */
  hrvSd: number;
  /** Recovery score: |Δ| of at least this many points. */
  recoveryPoints: number;
  /** VO2max: |Δ| of at least this many ml/kg/min. */
  vo2max: number;
}

export const DEFAULT_THRESHOLDS: AttentionThresholds = { hrvSd: 0.5, recoveryPoints: 10, vo2max: 1.0 };
export const MIN_HRV_READINGS = 4;

export interface SignalInputs {
  hrv: { previousLnMean: number | null; previousCount: number; currentLnMean: number | null; currentCount: number; baselineSd: number | null };
  recovery: { previous: number | null; current: number | null };
  vo2max: { previous: number | null; current: number | null };
}

export type SignalMetric = 'HRV' | 'RECOVERY_SCORE' | 'VO2MAX';

export interface AttentionSignal {
  metric: SignalMetric;
  previous: number;
  current: number;
  change: number;
  direction: 'UP' | 'DOWN';
  /** A fall of twice the threshold or more is HIGH, a smaller fall MEDIUM, a rise LOW. */
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

export function attentionSignals(inputs: SignalInputs, thresholds: AttentionThresholds = DEFAULT_THRESHOLDS): AttentionSignal[] {
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
  return signals;
}
