import { fromZonedTime } from 'date-fns-tz';
import { addDays, dateOfDayNumber, dayNumber, isoWeekday } from './time';

// Calendar buckets over local dates ('yyyy-MM-dd'). Everything here is calendar arithmetic
// on dates, never on instants, so DST days of 23 or 25 hours cannot shift a bucket.

export type Granularity = 'DAY' | 'WEEK' | 'MONTH' | 'YEAR';

export interface Bucket {
  /** First local date of the bucket. */
  start: string;
  /** Last local date of the bucket (inclusive). */
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function addMonths(date: string, months: number): string {
  const [y, m] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01`;
}

/** The first local date of the bucket holding `date`: the day, the ISO week's Monday, the 1st, or 1 January. */
export function bucketStart(date: string, granularity: Granularity): string {
  switch (granularity) {
    case 'DAY':
      return date;
    case 'WEEK':
      return addDays(date, 1 - isoWeekday(date));
    case 'MONTH':
      return `${date.slice(0, 7)}-01`;
    case 'YEAR':
      return `${date.slice(0, 4)}-01-01`;
  }
}

function nextBucketStart(start: string, granularity: Granularity): string {
  switch (granularity) {
    case 'DAY':
      return addDays(start, 1);
    case 'WEEK':
      return addDays(start, 7);
    case 'MONTH':
      return addMonths(start, 1);
    case 'YEAR':
      return addMonths(start, 12);
  }
}

export function bucketOf(date: string, granularity: Granularity): Bucket {
  const start = bucketStart(date, granularity);
  return { start, end: addDays(nextBucketStart(start, granularity), -1) };
}

/** Whole days from `from` to `to` (to − from), for dates. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** How many buckets cover the dates from..to (inclusive), without listing them. */
export function countBuckets(from: string, to: string, granularity: Granularity): number {
  if (to < from) return 0;
  const first = bucketStart(from, granularity);
  const last = bucketStart(to, granularity);
  switch (granularity) {
    case 'DAY':
      return daysBetween(first, last) + 1;
    case 'WEEK':
      return daysBetween(first, last) / 7 + 1;
    case 'MONTH': {
      const months = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
      return months(last) - months(first) + 1;
    }
    case 'YEAR':
      return Number(last.slice(0, 4)) - Number(first.slice(0, 4)) + 1;
  }
}

/** Every bucket covering the dates from..to (inclusive), in order, so a chart has no gaps. */
export function listBuckets(from: string, to: string, granularity: Granularity): Bucket[] {
  const buckets: Bucket[] = [];
  if (granularity === 'DAY') {
    // A year of days is the common chart: one date written per day, counted rather than
    // printed by a Date (toISOString made listing 400 days half a millisecond).
    const last = dayNumber(to);
    for (let day = dayNumber(from); day <= last; day++) {
      const date = dateOfDayNumber(day);
      buckets.push({ start: date, end: date });
    }
    return buckets;
  }
  for (let start = bucketStart(from, granularity); start <= to; start = nextBucketStart(start, granularity)) {
    buckets.push({ start, end: addDays(nextBucketStart(start, granularity), -1) });
  }
  return buckets;
}

const dayBounds = new Map<string, { start: number; end: number }>();
/** Days remembered by localDayBounds; past it the memory starts again (a request needs a few). */
const MAX_REMEMBERED_DAYS = 10_000;

/**
 * The instants a local day spans in a zone: [start, end). 23 or 25 hours on DST days.
 * Remembered per zone and day: date-fns-tz takes about 10 µs a conversion, and a request
 * converts the same few days (its range's ends, today) as the requests before it.
 */
export function localDayBounds(date: string, timeZone: string): { start: Date; end: Date } {
  const key = `${timeZone} ${date}`;
  let bounds = dayBounds.get(key);
  if (!bounds) {
    if (dayBounds.size >= MAX_REMEMBERED_DAYS) dayBounds.clear();
    bounds = {
      start: fromZonedTime(`${date}T00:00:00`, timeZone).getTime(),
      end: fromZonedTime(`${addDays(date, 1)}T00:00:00`, timeZone).getTime(),
    };
    dayBounds.set(key, bounds);
  }
  return { start: new Date(bounds.start), end: new Date(bounds.end) };
}

/** The N local days ending on `today`, today included. */
export function rollingWindow(today: string, days: number): { from: string; to: string } {
  return { from: addDays(today, -(days - 1)), to: today };
}

/**
 * How far `today` is through a bucket: complete once its last day is over (today itself is
 * never complete), and the days of it up to today, today included (0 for a bucket still to
 * come, its length for one that is over). docs/metrics.md, Windows and buckets.
 */
export function bucketProgress(bucket: Bucket, today: string): { complete: boolean; daysElapsed: number } {
  const length = daysBetween(bucket.start, bucket.end) + 1;
  return { complete: bucket.end < today, daysElapsed: Math.min(length, Math.max(0, daysBetween(bucket.start, today) + 1)) };
}

/**
 * What a bucket's figures cover when a range cuts it: the days of it inside `covered` (the
 * range's whole days) up to today, and complete only when that is the whole bucket and it is
 * over. A range ending inside a month makes its month incomplete, as today does.
 */
export function bucketCoverage(bucket: Bucket, covered: { from: string; to: string }, today: string): { complete: boolean; daysElapsed: number } {
  const first = bucket.start > covered.from ? bucket.start : covered.from;
  const lastCounted = [bucket.end, covered.to, today].reduce((a, b) => (a < b ? a : b));
  // Dates compare as text; only a span of several days needs the calendar.
  const daysElapsed = lastCounted < first ? 0 : lastCounted === first ? 1 : daysBetween(first, lastCounted) + 1;
  return { complete: bucket.end < today && covered.from <= bucket.start && bucket.end <= covered.to, daysElapsed };
}
