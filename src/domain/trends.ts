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
