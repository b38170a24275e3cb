// One run often arrives twice: from Strava and from Garmin, or as a CSV row and as its FIT
// file. The rule that says two copies are the same run, and which copy the run should show.
// Pure; docs/api.md, Runs from several sources.

/** Starts at most this far apart (device clocks and "start" button presses differ). */
export const SAME_RUN_START_S = 120;
/** Distances at most this share of the longer one apart (GPS against footpod, rounding in CSVs). */
export const SAME_RUN_DISTANCE_SHARE = 0.03;

export interface RunShape {
  startTime: Date;
  distanceM: number;
}

/** Same athlete is the caller's part; this compares start and distance. */
export function isSameRun(a: RunShape, b: RunShape): boolean {
  const apart = Math.abs(a.startTime.getTime() - b.startTime.getTime()) / 1000;
  return apart <= SAME_RUN_START_S && Math.abs(a.distanceM - b.distanceM) <= SAME_RUN_DISTANCE_SHARE * Math.max(a.distanceM, b.distanceM);
}

/** The candidate that is the same run, the nearest start first (then the nearest distance); null when none is. */
export function findSameRun<T extends RunShape>(run: RunShape, candidates: Iterable<T>): T | null {
  let best: T | null = null;
  let bestKey = [Infinity, Infinity];
  for (const candidate of candidates) {
    if (!isSameRun(run, candidate)) continue;
    const key = [Math.abs(run.startTime.getTime() - candidate.startTime.getTime()), Math.abs(run.distanceM - candidate.distanceM)];
    if (key[0] < bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) {
      best = candidate;
      bestKey = key;
    }
  }
  return best;
}

export interface RunDetail {
  avgHr?: number | null;
  maxHr?: number | null;
  elevationGainM?: number | null;
  calories?: number | null;
  paceZoneS?: number[];
  hrZoneS?: number[];
}

const hasTimes = (zones: number[] | undefined) => (zones ?? []).some((s) => s > 0);

/**
 * How much a copy tells about the run: heart rate first, since it makes the load TRIMP and the
 * HR zones possible (per-second HR zone times, then average HR), then per-second pace zone
 * times, max HR, elevation and calories. A GPX route without HR therefore never takes over
 * from a Strava row with HR. The run shows its richest copy; a tie keeps the copy it shows.
 */
export function richness(run: RunDetail): number {
  return (hasTimes(run.hrZoneS) ? 32 : 0) + (run.avgHr != null ? 16 : 0) + (hasTimes(run.paceZoneS) ? 8 : 0)
    + (run.maxHr != null ? 4 : 0) + (run.elevationGainM != null ? 2 : 0) + (run.calories != null ? 1 : 0);
}
