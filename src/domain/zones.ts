// Time in five intensity zones from per-second samples. Pure.

/** Heart-rate reserve fractions where zones 1..5 start, and pace factors of threshold pace. */
const HR_RESERVE_STARTS = [0.6, 0.7, 0.8, 0.88, 0.95];
const PACE_FACTORS = [1.25, 1.12, 1.03, 0.97, 0.9];

export interface ZoneSettings {
  /** Lower bounds (bpm) of HR zones 1..5, or null to derive them. */
  hrZones: number[] | null;
  /** Upper bounds (s/km) of pace zones 1..5, slowest first, or null to derive them. */
  paceZones: number[] | null;
  hrMax: number | null;
  hrRest: number | null;
  thresholdPaceSPerKm: number | null;
}

/** HR zone starts from settings, else from HR max and rest; null when neither is known. */
export function hrZoneStarts(s: ZoneSettings): number[] | null {
  if (s.hrZones?.length === 5) return s.hrZones;
  if (s.hrMax && s.hrRest && s.hrMax > s.hrRest) return HR_RESERVE_STARTS.map((f) => s.hrRest! + f * (s.hrMax! - s.hrRest!));
  return null;
}

/** Pace zone bounds (s/km, slowest first) from settings, else from the threshold pace. */
export function paceZoneBounds(s: ZoneSettings): number[] | null {
  if (s.paceZones?.length === 5) return s.paceZones;
  if (s.thresholdPaceSPerKm) return PACE_FACTORS.map((f) => s.thresholdPaceSPerKm! * f);
  return null;
}

/** Index 0..4 of the highest zone whose start `value` reaches (below zone 1 counts as zone 1). */
function zoneOf(value: number, starts: number[]): number {
  let zone = 0;
  for (let i = 0; i < starts.length; i++) if (value >= starts[i]) zone = i;
  return zone;
}

export interface Sample {
  /** Seconds this sample stands for. */
  seconds: number;
  heartRate: number | null;
  /** Metres per second. */
  speed: number | null;
}

/** Seconds in HR zones and pace zones 1..5; zeros where the zones or the samples are missing. */
export function zoneTimes(samples: Sample[], settings: ZoneSettings): { hr: number[]; pace: number[] } {
  const hr = [0, 0, 0, 0, 0];
  const pace = [0, 0, 0, 0, 0];
  const hrStarts = hrZoneStarts(settings);
  const paceBounds = paceZoneBounds(settings);
  // Pace zones as speeds (m/s), so both work the same way: faster reaches a higher zone.
  const speedStarts = paceBounds?.map((secondsPerKm) => 1000 / secondsPerKm) ?? null;
  for (const s of samples) {
    if (hrStarts && s.heartRate !== null && s.heartRate > 0) hr[zoneOf(s.heartRate, hrStarts)] += s.seconds;
    if (speedStarts && s.speed !== null && s.speed > 0) pace[zoneOf(s.speed, speedStarts)] += s.seconds;
  }
  return { hr: hr.map(Math.round), pace: pace.map(Math.round) };
}

/** What stored zone bounds may hold: five numbers each, HR lower bounds in bpm and pace bounds in s/km. */
export const ZONE_BOUNDS = {
  hr: { min: 30, max: 250 },
  pace: { min: 120, max: 1200 },
} as const;

/**
 * Why five zone bounds cannot be stored, or null when they can. The format is the one
 * zoneTimes reads: HR zones are the bpm where zones 1..5 start, strictly ascending
 * (e.g. [120, 140, 155, 168, 180]); pace zones are s/km where zones 1..5 start, slowest
 * first, so strictly descending in s/km, ascending in speed (e.g. [330, 300, 275, 260, 245]).
 * Equal neighbours would make a zone empty, and a bound out of order would overlap two zones.
 */
export function zoneBoundsProblem(kind: 'hr' | 'pace', bounds: readonly number[]): string | null {
  const field = kind === 'hr' ? 'hrZones' : 'paceZones';
  const rule = kind === 'hr'
    ? `${field} must be five bpm values where zones 1..5 start, strictly ascending, each ${ZONE_BOUNDS.hr.min}..${ZONE_BOUNDS.hr.max}`
    : `${field} must be five s/km values where zones 1..5 start, slowest first (strictly descending s/km: each zone faster than the one before), each ${ZONE_BOUNDS.pace.min}..${ZONE_BOUNDS.pace.max}`;
  const { min, max } = ZONE_BOUNDS[kind];
  if (bounds.length !== 5) return `${rule}; got ${bounds.length} values`;
  const bad = bounds.findIndex((b) => !Number.isFinite(b) || b < min || b > max);
  if (bad >= 0) return `${rule}; ${field}[${bad}] is ${bounds[bad]}`;
  for (let i = 1; i < 5; i++) {
    const ordered = kind === 'hr' ? bounds[i] > bounds[i - 1] : bounds[i] < bounds[i - 1];
    if (!ordered) return `${rule}; ${field}[${i}] (${bounds[i]}) does not follow ${field}[${i - 1}] (${bounds[i - 1]})`;
  }
  return null;
}

/** Zone bounds as stored (a JSON array of five numbers); anything else reads as not set. */
export function storedZoneBounds(value: unknown): number[] | null {
  return Array.isArray(value) && value.length === 5 && value.every((v) => typeof v === 'number') ? value : null;
}
