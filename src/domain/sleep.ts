// Sleep from several sources (a watch and a phone, say) overlaps: the night is the union of
// the intervals, not their sum, which can pass 24 hours. Pure; docs/api.md, Writing data.

/** [start, end) in unix seconds. */
export type Interval = readonly [number, number];

/** The intervals as disjoint, sorted ones: overlapping or touching intervals become one. */
export function unionOf(intervals: Iterable<Interval>): Interval[] {
  const sorted = [...intervals].filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Seconds covered by at least one interval. */
export function coveredSeconds(intervals: Iterable<Interval>): number {
  return unionOf(intervals).reduce((sum, [start, end]) => sum + (end - start), 0);
}
