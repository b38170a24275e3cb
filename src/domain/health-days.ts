import { localDateOf } from './time';
import { unionOf, type Interval } from './sleep';

// Readings as a phone exports them (one per measurement, each with its instant) folded into
// the athlete's local days: the mean of a day's readings per metric, and the night's sleep as
// the union of its asleep intervals, dated by the local day the sleep ends (a night that
// starts on Sunday evening is Monday's sleep, as watches and Apple Health show it). Pure.

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
  private readonly sleep = new Map<string, Interval[]>();

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
    const date = localDateOf(end, this.timeZone);
    const intervals = this.sleep.get(date) ?? [];
    intervals.push([start.getTime() / 1000, end.getTime() / 1000]);
    // Kept merged as they come, so a night recorded in a thousand stages holds a few intervals.
    this.sleep.set(date, intervals.length > 64 ? unionOf(intervals) : intervals);
  }

  /** Every day with a reading, oldest first. */
  days(): HealthDayTotals[] {
    const dates = [...new Set([...this.sums.keys(), ...this.sleep.keys()])].sort();
    return dates.map((date) => {
      const day: HealthDayTotals = { date };
      for (const [metric, sum] of Object.entries(this.sums.get(date) ?? {}) as [DailyMetric, Sum][]) day[metric] = sum.total / sum.count;
      const sleep = this.sleep.get(date);
      if (sleep) day.sleepIntervals = unionOf(sleep);
      return day;
    });
  }
}
