// The one aggregate shape wherever totals appear (windows, buckets, groups). Pure.

export interface Totals {
  runs: number;
  distanceM: number;
  movingS: number;
  trainingLoad: number;
  calories: number;
  /** Σ avg_hr × moving_s over runs with HR, and Σ moving_s over those runs. */
  hrSum: number;
  hrS: number;
}

export interface Stats {
  totalActivities: number;
  totalDistance: number;
  totalDuration: number;
  /** Seconds per km: total moving time / total km; null without distance. */
  avgPace: number | null;
  /** Moving-time-weighted over runs with HR; null when none had HR. */
  avgHeartRate: number | null;
  trainingLoad: number;
  calories: number;
}

export const EMPTY_TOTALS: Totals = { runs: 0, distanceM: 0, movingS: 0, trainingLoad: 0, calories: 0, hrSum: 0, hrS: 0 };

export function toStats(t: Totals): Stats {
  return {
    totalActivities: t.runs,
    totalDistance: t.distanceM,
    totalDuration: t.movingS,
    avgPace: t.distanceM > 0 ? t.movingS / (t.distanceM / 1000) : null,
    avgHeartRate: t.hrS > 0 ? t.hrSum / t.hrS : null,
    trainingLoad: t.trainingLoad,
    calories: t.calories,
  };
}

export function addTotals(a: Totals, b: Totals): Totals {
  return {
    runs: a.runs + b.runs,
    distanceM: a.distanceM + b.distanceM,
    movingS: a.movingS + b.movingS,
    trainingLoad: a.trainingLoad + b.trainingLoad,
    calories: a.calories + b.calories,
    hrSum: a.hrSum + b.hrSum,
    hrS: a.hrS + b.hrS,
  };
}
