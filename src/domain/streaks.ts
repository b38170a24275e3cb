// Streaks of active days (local days with at least one run). Pure: dates are 'yyyy-MM-dd'.
import { addDays } from './time';
import { daysBetween } from './buckets';

export interface Island {
  start: string;
  end: string;
  length: number;
}

export interface Streaks {
  current: Island | null;
  longest: Island | null;
}

/** Runs of consecutive dates in a sorted, duplicate-free list of active dates. */
export function islandsOf(activeDates: string[]): Island[] {
  const islands: Island[] = [];
  for (const date of activeDates) {
    const last = islands[islands.length - 1];
    if (last && daysBetween(last.end, date) === 1) {
      last.end = date;
      last.length += 1;
    } else {
      islands.push({ start: date, end: date, length: 1 });
    }
  }
  return islands;
}

/**
 * The current streak counts back from today, or from yesterday when today has no run yet;
 * the longest is over all history (the most recent one on a tie). Days after today are ignored.
 */
export function summarizeStreaks(islands: Island[], today: string): Streaks {
  const past = islands
    .filter((i) => i.start <= today)
    .map((i) => (i.end > today ? { start: i.start, end: today, length: daysBetween(i.start, today) + 1 } : i));
  const latest = past.reduce<Island | null>((a, b) => (a === null || b.end > a.end ? b : a), null);
  const longest = past.reduce<Island | null>(
    (a, b) => (a === null || b.length > a.length || (b.length === a.length && b.end > a.end) ? b : a),
    null,
  );
  const current = latest && latest.end >= addDays(today, -1) ? latest : null;
  return { current, longest };
}
