import { localDateOf } from './time';
import { unionOf, type Interval } from './sleep';

// Readings as a phone exports them (one per measurement, each with its instant) folded into
// the athlete's local days: the mean of a day's readings per metric, and each night's sleep as
// the union of its asleep intervals, dated by the local day the night ends (a night that
// starts on Sunday evening is Monday's sleep, as watches and Apple Health show it). A night is
// the asleep stages with gaps under SLEEP_SESSION_GAP_S between them, so a stage that ends
// before midnight still belongs to the night that ends on Monday morning. Pure.

/** Asleep stages this close belong to one night (an awake spell at 3 a.m. does not split it). */
export const SLEEP_SESSION_GAP_S = 2 * 3600;

export type DailyMetric = 'restingHeartRate' | 'hrvSdnn' | 'hrv' | 'vo2max';

export interface HealthDayTotals {
  date: string;
  restingHeartRate?: number;
  hrvSdnn?: number;
  hrv?: number;
  vo2max?: number;
  /** Disjoint, sorted, in unix seconds. */
  sleepIntervals?: Interval[];
}

interface Sum {
  total: number;
  count: number;
}

export class HealthDayFolder {
  private readonly sums = new Map<string, Partial<Record<DailyMetric, Sum>>>();
  private sleep: Interval[] = [];

  constructor(private readonly timeZone: string) {}

  reading(metric: DailyMetric, at: Date, value: number): void {
    const date = localDateOf(at, this.timeZone);
    const day = this.sums.get(date) ?? {};
    const sum = day[metric] ?? { total: 0, count: 0 };
    sum.total += value;
    sum.count += 1;
    day[metric] = sum;
    this.sums.set(date, day);
  }

  asleep(start: Date, end: Date): void {
    if (end <= start) return;
    this.sleep.push([Math.round(start.getTime() / 1000), Math.round(end.getTime() / 1000)]);
    // Merged as they come, so years of nights in many stages from two sources stay a few per night.
    if (this.sleep.length >= 4096) this.sleep = unionOf(this.sleep);
  }

  /** The nights: the union of the asleep stages, split where a gap reaches SLEEP_SESSION_GAP_S, each dated by its end. */
  private nights(): Map<string, Interval[]> {
    const byDate = new Map<string, Interval[]>();
    let night: Interval[] = [];
    const close = () => {
      if (night.length === 0) return;
      const date = localDateOf(new Date(night[night.length - 1][1] * 1000), this.timeZone);
      byDate.set(date, [...(byDate.get(date) ?? []), ...night]);
      night = [];
    };
    for (const interval of unionOf(this.sleep)) {
      if (night.length && interval[0] - night[night.length - 1][1] >= SLEEP_SESSION_GAP_S) close();
      night.push(interval);
    }
    close();
    return byDate;
  }

  /** Every day with a reading, oldest first. */
  days(): HealthDayTotals[] {
    const nights = this.nights();
    const dates = [...new Set([...this.sums.keys(), ...nights.keys()])].sort();
    return dates.map((date) => {
      const day: HealthDayTotals = { date };
      for (const [metric, sum] of Object.entries(this.sums.get(date) ?? {}) as [DailyMetric, Sum][]) day[metric] = sum.total / sum.count;
      const sleep = nights.get(date);
      if (sleep) day.sleepIntervals = sleep;
      return day;
    });
  }
}
