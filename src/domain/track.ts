// Totals of a recorded track (GPX, TCX trackpoints): distance, moving and elapsed time, heart
// rate, elevation gain and zone times from timed samples. Pure.
import { zoneTimes, type Sample, type ZoneSettings } from './zones';

/** A gap between samples longer than this is a pause, not running time (the FIT rule). */
export const PAUSE_SECONDS = 10;

/** Mean Earth radius (IUGG), metres: the sphere haversine distances are measured on. */
export const EARTH_RADIUS_M = 6_371_008.8;

export interface TrackPoint {
  /** Epoch milliseconds. */
  time: number;
  lat?: number | null;
  lon?: number | null;
  /** Metres above sea level. */
  elevationM?: number | null;
  /** Cumulative metres as the device measured them (TCX); preferred over positions when both ends have it. */
  distanceM?: number | null;
  heartRate?: number | null;
  /** Steps (or strides) per minute, as recorded. */
  cadence?: number | null;
  /** First point of a new segment: the step into it is neither moving time nor distance. */
  segmentStart?: boolean;
}

export interface TrackTotals {
  startTime: Date;
  distanceM: number;
  movingS: number;
  elapsedS: number;
  avgHr: number | null;
  maxHr: number | null;
  avgCadence: number | null;
  elevationGainM: number | null;
  hrZoneS: number[];
  paceZoneS: number[];
}

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/**
 * Great-circle distance in metres by the haversine formula on a sphere of EARTH_RADIUS_M:
 * d = 2R·asin(√(sin²(Δφ/2) + cos φ1 · cos φ2 · sin²(Δλ/2))).
 */
export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = radians(lat2 - lat1);
  const dLon = radians(lon2 - lon1);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(lat1)) * Math.cos(radians(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

const has = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);

/** Metres between two consecutive points: the device's own distance when both carry it, else haversine. */
function stepDistance(a: TrackPoint, b: TrackPoint): number {
  if (has(a.distanceM) && has(b.distanceM)) return Math.max(0, b.distanceM - a.distanceM);
  if (has(a.lat) && has(a.lon) && has(b.lat) && has(b.lon)) return haversineM(a.lat, a.lon, b.lat, b.lon);
  return 0;
}

/**
 * Totals of points in time order (the caller checks the order). Each point stands for the
 * step to the next one: a step over PAUSE_SECONDS, or into a new segment, is a pause and
 * counts in neither moving time, distance, average HR nor zone times; elapsed time is the
 * first to last point. Average HR is weighted by the moving seconds; max HR is the highest
 * reading. Elevation gain is the sum of rises between consecutive readings, unsmoothed.
 */
export function trackTotals(points: readonly TrackPoint[], zones: ZoneSettings): TrackTotals {
  if (points.length === 0) throw new Error('trackTotals needs at least one point');
  let distanceM = 0;
  let movingS = 0;
  let hrWeighted = 0;
  let hrSeconds = 0;
  let cadenceWeighted = 0;
  let cadenceSeconds = 0;
  const samples: Sample[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    const seconds = (b.time - a.time) / 1000;
    if (b.segmentStart || seconds > PAUSE_SECONDS || seconds <= 0) continue;
    const metres = stepDistance(a, b);
    distanceM += metres;
    movingS += seconds;
    const heartRate = has(a.heartRate) && a.heartRate > 0 ? a.heartRate : null;
    if (heartRate !== null) {
      hrWeighted += heartRate * seconds;
      hrSeconds += seconds;
    }
    if (has(a.cadence) && a.cadence > 0) {
      cadenceWeighted += a.cadence * seconds;
      cadenceSeconds += seconds;
    }
    samples.push({ seconds, heartRate, speed: metres / seconds });
  }
  // A loop, not Math.max(...): a day-long track has more readings than a call takes arguments.
  let maxHr: number | null = null;
  for (const p of points) if (has(p.heartRate) && p.heartRate > 0 && (maxHr === null || p.heartRate > maxHr)) maxHr = p.heartRate;
  let gain: number | null = null;
  let previous: number | null = null;
  for (const p of points) {
    if (!has(p.elevationM)) continue;
    if (previous !== null) gain = (gain ?? 0) + Math.max(0, p.elevationM - previous);
    else gain = gain ?? 0;
    previous = p.elevationM;
  }
  const times = zoneTimes(samples, zones);
  return {
    startTime: new Date(points[0].time),
    distanceM,
    movingS,
    elapsedS: (points[points.length - 1].time - points[0].time) / 1000,
    avgHr: hrSeconds > 0 ? hrWeighted / hrSeconds : null,
    maxHr,
    avgCadence: cadenceSeconds > 0 ? cadenceWeighted / cadenceSeconds : null,
    elevationGainM: gain,
    hrZoneS: times.hr,
    paceZoneS: times.pace,
  };
}
