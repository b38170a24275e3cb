// Group measures. Pure.
import { addDays, isoWeekday } from './time';
import { bucketStart } from './buckets';

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
