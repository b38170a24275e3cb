// Fitness (CTL), fatigue (ATL) and form (TSB) from daily training load. Pure.

import { daysBetween } from './buckets';
import { addDays } from './time';

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

/** One local day of an athlete's rollup: its summed training load (0 when no run had a load). */
export interface DailyLoad {
  date: string;
  load: number;
}

/** A day of the fitness history; `tsb` is form as in the summary (CTL − ATL of the day before). */
export interface FitnessDay {
  date: string;
  load: number;
  ctl: number;
  atl: number;
  tsb: number;
}

export interface FitnessHistory {
  /** The first day with data up to the window's end, where CTL and ATL start from zero; null without data. */
  firstDataDate: string | null;
  points: FitnessDay[];
}

/**
 * The daily series for the dates from..to (inclusive), weighted from the athlete's first day
 * of data however long before `from` it is, so the curve shown has no cliff where the window
 * starts and the point of any day equals `summarizeFitness` of the loads up to that day.
 * Seeded from zero on that first day, as the cached value is: an athlete's fitness before
 * their first recorded day is unknown, and a seed drawn from the first weeks would let later
 * data set an earlier state (and move with every back-filled import). Days of `days` after
 * `to` are ignored; days before the first day of data are all zero.
 */
export function fitnessHistory(days: readonly DailyLoad[], window: { from: string; to: string }): FitnessHistory {
  let firstDataDate: string | null = null;
  for (const day of days) if (day.date <= window.to && (firstDataDate === null || day.date < firstDataDate)) firstDataDate = day.date;
  const points: FitnessDay[] = [];
  const windowDays = daysBetween(window.from, window.to) + 1;
  if (firstDataDate === null) {
    for (let i = 0; i < windowDays; i++) points.push({ date: addDays(window.from, i), load: 0, ctl: 0, atl: 0, tsb: 0 });
    return { firstDataDate, points };
  }
  const loads = new Array<number>(daysBetween(firstDataDate, window.to) + 1).fill(0);
  for (const day of days) if (day.date <= window.to) loads[daysBetween(firstDataDate, day.date)] += day.load;
  const series = fitnessSeries(loads);
  const offset = daysBetween(firstDataDate, window.from);
  for (let i = 0; i < windowDays; i++) {
    const index = offset + i;
    const today = series[index];
    const yesterday = series[index - 1];
    points.push({
      date: addDays(window.from, i),
      load: index >= 0 ? loads[index] : 0,
      ctl: today?.ctl ?? 0,
      atl: today?.atl ?? 0,
      tsb: yesterday ? yesterday.ctl - yesterday.atl : 0,
    });
  }
  return { firstDataDate, points };
}
