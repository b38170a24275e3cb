// GPX 1.1 (and 1.0) tracks as one run: every <trkpt> of every <trk> and <trkseg> in file
// order, read as the file streams in. Heart rate and cadence come from Garmin's
// TrackPointExtension (v1 or v2 namespace, whatever its prefix).
import { createHash } from 'node:crypto';
import type { ActivityRecord } from './activities';
import { trackTotals, type TrackPoint } from '../domain/track';
import type { ZoneSettings } from '../domain/zones';
import { heartRateOf, instantOf, MAX_TRACK_POINTS, numberOf, readXml, trackRecord } from './xml';
import { badInput } from '../errors';
import { notARun } from './sniff';

const TRACK_POINT_EXTENSION = new Set([
  'http://www.garmin.com/xmlschemas/TrackPointExtension/v1',
  'http://www.garmin.com/xmlschemas/TrackPointExtension/v2',
]);

// <trk><type> values that are runs: GPX leaves the vocabulary free. Garmin writes
// "running"/"trail_running", others "Run"; Strava's own GPX writes its activity type number, 9 for a run.
const RUN_TYPES = new Set(['running', 'run', 'trail_running', 'trail running', 'trail run', 'treadmill_running', 'track_running', 'virtual_run', '9']);

export interface GpxTrack {
  name: string | null;
  type: string | null;
  points: TrackPoint[];
}

/** The points of a GPX file as it streams in; BAD_USER_INPUT with the point and line for a bad one. */
export async function readGpx(input: AsyncIterable<Uint8Array | string>): Promise<GpxTrack> {
  const track: GpxTrack = { name: null, type: null, points: [] };
  let root: string | null = null;
  let point: TrackPoint | null = null;
  let pointLine = 0;
  await readXml(input, 'the GPX file', (reader) => ({
    open(element, stack) {
      if (stack.length === 0) {
        root = element.local;
        if (root !== 'gpx') throw badInput(`not a GPX file: the root element is <${root}>`);
      }
      if (element.local === 'trkpt' && stack[stack.length - 1]?.local === 'trkseg') {
        const n = track.points.length + 1;
        if (n > MAX_TRACK_POINTS) throw badInput(`the GPX file may hold at most ${MAX_TRACK_POINTS} track points; point ${n} is on line ${reader.line()}`);
        pointLine = reader.line();
        const where = `GPX point ${n} (line ${pointLine})`;
        const lat = numberOf(element.attributes.lat ?? '', `${where}: lat`);
        const lon = numberOf(element.attributes.lon ?? '', `${where}: lon`);
        if (lat === null || lon === null || Math.abs(lat) > 90 || Math.abs(lon) > 180) throw badInput(`${where}: lat and lon must be degrees within ±90 and ±180`);
        // The first point of each segment after the first starts a new one: a gap is not distance.
        const segmentStart = track.points.length > 0 && stack[stack.length - 1].hasChildren === false;
        point = { time: NaN, lat, lon, segmentStart };
      }
    },
    close(element, stack) {
      const parent = stack[stack.length - 1]?.local;
      if (element.local === 'name' && parent === 'trk' && track.name === null) track.name = element.text.trim();
      else if (element.local === 'type' && parent === 'trk' && track.type === null) track.type = element.text.trim();
      if (!point) return;
      const where = `GPX point ${track.points.length + 1} (line ${pointLine})`;
      if (parent === 'trkpt') {
        if (element.local === 'time') point.time = instantOf(element.text, `${where}: time`);
        else if (element.local === 'ele') point.elevationM = numberOf(element.text, `${where}: ele`);
      } else if (TRACK_POINT_EXTENSION.has(element.uri)) {
        if (element.local === 'hr') point.heartRate = heartRateOf(element.text, `${where}: hr`);
        else if (element.local === 'cad') point.cadence = numberOf(element.text, `${where}: cad`);
      }
      if (element.local === 'trkpt' && parent === 'trkseg') {
        if (!Number.isFinite(point.time)) throw badInput(`${where}: the point has no <time>: a run needs timed points`);
        const previous = track.points[track.points.length - 1];
        if (previous && point.time < previous.time) throw badInput(`${where}: its time goes back before the point before it`);
        track.points.push(point);
        point = null;
      }
    },
  }));
  if (root === null) throw badInput('the GPX file is empty');
  return track;
}

/**
 * A stable id for a GPX run, which has none of its own: the first 32 hex digits of the
 * SHA-256 of the first point's instant (ISO 8601, UTC) and the track name, joined by a
 * newline. The same file imported twice is the same run.
 */
export function gpxExternalId(firstPoint: Date, name: string | null): string {
  return createHash('sha256').update(`${firstPoint.toISOString()}\n${name ?? ''}`).digest('hex').slice(0, 32);
}

/** One GPX file as a run (source "gpx"); a track typed as another sport is refused. */
export async function parseGpxActivity(input: AsyncIterable<Uint8Array | string>, zones: ZoneSettings, now?: Date): Promise<ActivityRecord> {
  const track = await readGpx(input);
  if (track.type && !RUN_TYPES.has(track.type.toLowerCase())) throw notARun(`the GPX track is a ${JSON.stringify(track.type)} activity: only runs are imported`);
  if (track.points.length < 2) throw badInput(`the GPX file has ${track.points.length} timed track point${track.points.length === 1 ? '' : 's'}: a run needs at least 2`);
  const totals = trackTotals(track.points, zones);
  return trackRecord('the GPX file', totals, { source: 'gpx', externalId: gpxExternalId(totals.startTime, track.name) }, now);
}
