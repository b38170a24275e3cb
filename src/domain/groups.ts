// Group measures. Pure.
import { addDays, isoWeekday } from './time';
import { bucketProgress, bucketStart } from './buckets';

/** Engagement rate: share of members with at least one run in the period; null without members. */
export function engagementRate(engaged: number, members: number): number | null {
  return members > 0 ? engaged / members : null;
}

export type AnalyticsPeriod = 'LAST_7_DAYS' | 'LAST_14_DAYS' | 'LAST_30_DAYS' | 'CUSTOM';

const PERIOD_DAYS: Record<Exclude<AnalyticsPeriod, 'CUSTOM'>, number> = { LAST_7_DAYS: 7, LAST_14_DAYS: 14, LAST_30_DAYS: 30 };

/** The local dates of a rolling period ending today (today included). */
export function periodDates(period: Exclude<AnalyticsPeriod, 'CUSTOM'>, today: string): { from: string; to: string } {
  return { from: addDays(today, -(PERIOD_DAYS[period] - 1)), to: today };
}

/** The ISO week (Monday..Sunday) holding a date. */
export function isoWeekOf(date: string): { start: string; end: string } {
  const start = bucketStart(date, 'WEEK');
  return { start, end: addDays(start, 6) };
}

/**
 * The whole ISO weeks (Monday to Sunday) inside a range of local dates (both included), or
 * null when it holds none: long ranges read those weeks from the weekly rollup.
 */
export function wholeWeeksOf(range: { from: string; to: string }): { from: string; to: string } | null {
  const monday = addDays(range.from, (8 - isoWeekday(range.from)) % 7);
  const sunday = addDays(range.to, -(isoWeekday(range.to) % 7));
  return monday <= sunday ? { from: monday, to: sunday } : null;
}

/** The week of the group overview, how far today is through it, and the dates it counts. */
export interface OverviewWeek {
  /** Monday. */
  start: string;
  /** Sunday. */
  end: string;
  /** False for the current week (even on Sunday) and a week still to come. */
  complete: boolean;
  /** Days counted, Monday to today: 7 for a past week, 1..7 for the current one, 0 for one to come. */
  daysElapsed: number;
  /** The dates counted: Monday to today in the current week, the whole week when it is over. */
  counted: { from: string; to: string };
  /** The same span (Monday and the next daysElapsed − 1 days) in each of the 4 weeks before, oldest first. */
  previous: { from: string; to: string }[];
}

/**
 * The overview's week (docs/metrics.md, Groups): the ISO week holding `week` when given, the
 * current one when `currentWeekToDate`, otherwise the last complete week (the one before the
 * current week), so a Monday does not read as a collapse. An incomplete week counts Monday to
 * today and is compared with the same days of the 4 weeks before.
 */
export function overviewWeek(today: string, week: string | null, currentWeekToDate: boolean): OverviewWeek {
  const { start, end } = isoWeekOf(week ?? (currentWeekToDate ? today : addDays(today, -7)));
  const { complete, daysElapsed } = bucketProgress({ start, end }, today);
  const span = (monday: string) => ({ from: monday, to: addDays(monday, daysElapsed - 1) });
  return { start, end, complete, daysElapsed, counted: span(start), previous: [4, 3, 2, 1].map((n) => span(addDays(start, -7 * n))) };
}
