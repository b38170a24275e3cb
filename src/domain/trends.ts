// Chart trends: trailing means and least-squares slopes. Pure.

/**
 * Trailing mean of each point over the `window` points ending at it, skipping nulls.
 * `history` holds the window − 1 values before the first point, so the first point's
 * mean is over a full window too. Null when the window has no value.
 */
export function trailingMeans(history: (number | null)[], values: (number | null)[], window: number): (number | null)[] {
  const all = [...history, ...values];
  return values.map((_, i) => {
    const end = history.length + i;
    const slice = all.slice(Math.max(0, end - window + 1), end + 1).filter((v): v is number => v !== null);
    return slice.length ? slice.reduce((a, b) => a + b, 0) / slice.length : null;
  });
}

/**
 * Least-squares slope of the values against their index (per point: per day or per week),
 * over the points that have a value. Null with fewer than two such points.
 */
export function leastSquaresSlope(values: (number | null)[]): number | null {
  const points = values.flatMap((y, x) => (y === null ? [] : [[x, y] as const]));
  if (points.length < 2) return null;
  const n = points.length;
  const meanX = points.reduce((s, [x]) => s + x, 0) / n;
  const meanY = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - meanX) ** 2, 0);
  const sxy = points.reduce((s, [x, y]) => s + (x - meanX) * (y - meanY), 0);
  return sxy / sxx;
}

/**
 * Trends over complete buckets only (docs/metrics.md, Trends). `history` holds the
 * buckets before the first point shown (all complete: only the current bucket is partial);
 * `complete[i]` says whether point i is. A complete point's trend is the trailing mean of
 * the `window` buckets ending at it, over the complete ones with a value. An incomplete
 * point keeps its value but takes the trend of the complete points before it: the trailing
 * mean of the window ending at the last complete bucket before it, or null when none.
 */
export function completeTrailingMeans(
  history: (number | null)[], values: (number | null)[], complete: boolean[], window: number,
): (number | null)[] {
  const all = [...history, ...values];
  const done = [...history.map(() => true), ...complete];
  const meanEndingAt = (end: number) => {
    const slice = all.slice(Math.max(0, end - window + 1), end + 1).filter((v, k): v is number => v !== null && done[Math.max(0, end - window + 1) + k]);
    return slice.length ? slice.reduce((a, b) => a + b, 0) / slice.length : null;
  };
  return values.map((_, i) => {
    let end = history.length + i;
    if (!done[end]) {
      while (end >= 0 && !done[end]) end--;
      if (end < 0) return null;
    }
    return meanEndingAt(end);
  });
}

/** Least-squares slope per point over the complete points only; incomplete ones keep their index but are left out. */
export function completeSlope(values: (number | null)[], complete: boolean[]): number | null {
  return leastSquaresSlope(values.map((v, i) => (complete[i] ? v : null)));
}
