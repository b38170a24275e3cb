// Daniels-Gilbert running formulas (Daniels & Gilbert, "Oxygen Power", 1979). Pure.

/** Oxygen cost (ml/kg/min) of running at `metresPerMinute`. */
function oxygenCost(metresPerMinute: number): number {
  return -4.6 + 0.182258 * metresPerMinute + 0.000104 * metresPerMinute ** 2;
}

/** Fraction of VO2max sustainable for a race lasting `minutes`. */
function sustainableFraction(minutes: number): number {
  return 0.8 + 0.1894393 * Math.exp(-0.012778 * minutes) + 0.2989558 * Math.exp(-0.1932605 * minutes);
}

/** VDOT of a race effort: distance in metres, time in seconds. */
export function vdotFromRace(distanceM: number, seconds: number): number {
  const minutes = seconds / 60;
  return oxygenCost(distanceM / minutes) / sustainableFraction(minutes);
}

/**
 * The time (seconds) a runner of this VDOT is predicted to run `distanceM` in: the time
 * whose effort has exactly this VDOT (VDOT falls as time grows, so bisection finds it).
 */
export function predictRaceTime(vdot: number, distanceM: number): number {
  let fast = (distanceM / 1000) * 60; // 1:00/km: faster than any human
  let slow = (distanceM / 1000) * 1200; // 20:00/km
  for (let i = 0; i < 100 && slow - fast > 0.01; i++) {
    const mid = (fast + slow) / 2;
    if (vdotFromRace(distanceM, mid) > vdot) fast = mid;
    else slow = mid;
  }
  return (fast + slow) / 2;
}

/** h:mm:ss, the way race times are written. */
export function formatDuration(seconds: number): string {
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}
