// Fitness (CTL), fatigue (ATL) and form (TSB) from daily training load. Pure.

export const CTL_DAYS = 42;
export const ATL_DAYS = 7;

const lambda = (days: number) => 1 - Math.exp(-1 / days);

export interface FitnessPoint {
  date: string;
  ctl: number;
  atl: number;
}

export interface FitnessSummary {
  ctl: number;
  atl: number;
  /** Form today = CTL yesterday − ATL yesterday. */
  tsb: number;
  /** CTL today − CTL seven days ago: points per week. */
  rampRate: number;
  ctlDays: number;
  atlDays: number;
}

/**
 * Exponentially weighted load, day by day from zero: x_today = x_yesterday + λ (load − x_yesterday),
 * λ = 1 − e^(−1/N). `loads` holds one value per consecutive day (0 for rest days), oldest first.
 */
export function fitnessSeries(loads: number[]): { ctl: number; atl: number }[] {
  const series: { ctl: number; atl: number }[] = [];
  let ctl = 0;
  let atl = 0;
  for (const load of loads) {
    ctl += lambda(CTL_DAYS) * (load - ctl);
    atl += lambda(ATL_DAYS) * (load - atl);
    series.push({ ctl, atl });
  }
  return series;
}

/** The summary as of the last day of `loads` (one per consecutive day, the last being today). */
export function summarizeFitness(loads: number[]): FitnessSummary {
  const series = fitnessSeries(loads);
  const at = (daysAgo: number) => series[series.length - 1 - daysAgo] ?? { ctl: 0, atl: 0 };
  return {
    ctl: at(0).ctl,
    atl: at(0).atl,
    tsb: at(1).ctl - at(1).atl,
    rampRate: at(0).ctl - at(7).ctl,
    ctlDays: CTL_DAYS,
    atlDays: ATL_DAYS,
  };
}
