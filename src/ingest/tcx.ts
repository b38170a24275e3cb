// Garmin Training Center XML (TCX v2): one running Activity as one run, read as the file
// streams in. Totals come from the laps (the device's own timer, distance and calories);
// zone times and elevation gain from the trackpoints.
import type { ActivityRecord } from './activities';
import { trackTotals, type TrackPoint, type TrackTotals } from '../domain/track';
import type { ZoneSettings } from '../domain/zones';
import { heartRateOf, instantOf, MAX_TRACK_POINTS, numberOf, readXml, trackRecord } from './xml';
import { ACTIVITY_BOUNDS } from './validate';
import { badInput } from '../errors';
import { notARun } from './sniff';

export interface TcxLap {
  startTime: number | null;
  totalTimeS: number | null;
  distanceM: number | null;
  calories: number | null;
  avgHr: number | null;
  maxHr: number | null;
}

export interface TcxActivity {
  sport: string;
  /** The Activity's Id: its start time as the device wrote it. */
  id: string;
  laps: TcxLap[];
  points: TrackPoint[];
}

const emptyLap = (startTime: number | null): TcxLap => ({ startTime, totalTimeS: null, distanceM: null, calories: null, avgHr: null, maxHr: null });

/** The activities of a TCX file as it streams in; BAD_USER_INPUT with the trackpoint and line for a bad one. */
export async function readTcx(input: AsyncIterable<Uint8Array | string>): Promise<TcxActivity[]> {
  const activities: TcxActivity[] = [];
  let rootSeen = false;
  let activity: TcxActivity | null = null;
  let lap: TcxLap | null = null;
  let point: TrackPoint | null = null;
  let pointLine = 0;
  let newTrack = false;
  let lapTracks = 0;
  await readXml(input, 'the TCX file', (reader) => ({
    open(element, stack) {
      if (!rootSeen) {
        rootSeen = true;
        if (element.local !== 'TrainingCenterDatabase') throw badInput(`not a TCX file: the root element is <${element.local}>`);
      }
      const parent = stack[stack.length - 1]?.local;
      if (element.local === 'Activity' && parent === 'Activities') {
        activity = { sport: element.attributes.Sport ?? '', id: '', laps: [], points: [] };
        activities.push(activity);
      } else if (element.local === 'Lap' && activity && parent === 'Activity') {
        const start = element.attributes.StartTime;
        lap = emptyLap(start ? instantOf(start, `TCX lap ${activity.laps.length + 1} (line ${reader.line()}): StartTime`) : null);
        activity.laps.push(lap);
        lapTracks = 0;
      } else if (element.local === 'Track' && activity) {
        // A second Track in one lap is the device resuming after a stop: the step into it is a
        // pause. A new lap's first Track goes on from the last lap.
        newTrack = lapTracks > 0 && activity.points.length > 0;
        lapTracks += 1;
      } else if (element.local === 'Trackpoint' && activity) {
        const n = activity.points.length + 1;
        if (n > MAX_TRACK_POINTS) throw badInput(`the TCX file may hold at most ${MAX_TRACK_POINTS} trackpoints; trackpoint ${n} is on line ${reader.line()}`);
        pointLine = reader.line();
        point = { time: NaN, segmentStart: newTrack };
        newTrack = false;
      }
    },
    close(element, stack) {
      const parent = stack[stack.length - 1]?.local;
      const grandparent = stack[stack.length - 2]?.local;
      if (!activity) return;
      if (element.local === 'Id' && parent === 'Activity') activity.id = element.text.trim();
      if (point) {
        const where = `TCX trackpoint ${activity.points.length + 1} (line ${pointLine})`;
        if (parent === 'Trackpoint') {
          if (element.local === 'Time') point.time = instantOf(element.text, `${where}: Time`);
          else if (element.local === 'AltitudeMeters') point.elevationM = numberOf(element.text, `${where}: AltitudeMeters`);
          else if (element.local === 'DistanceMeters') point.distanceM = numberOf(element.text, `${where}: DistanceMeters`);
          else if (element.local === 'Cadence') point.cadence = numberOf(element.text, `${where}: Cadence`);
        } else if (parent === 'Position') {
          if (element.local === 'LatitudeDegrees') point.lat = numberOf(element.text, `${where}: LatitudeDegrees`);
          else if (element.local === 'LongitudeDegrees') point.lon = numberOf(element.text, `${where}: LongitudeDegrees`);
        } else if (element.local === 'Value' && parent === 'HeartRateBpm') {
          point.heartRate = heartRateOf(element.text, `${where}: HeartRateBpm`);
        } else if (element.local === 'RunCadence' && point.cadence == null) {
          // ActivityExtension v2 (TPX): running cadence, per foot.
          point.cadence = numberOf(element.text, `${where}: RunCadence`);
        }
        if (element.local === 'Trackpoint') {
          if (!Number.isFinite(point.time)) throw badInput(`${where}: the trackpoint has no <Time>`);
          const previous = activity.points[activity.points.length - 1];
          if (previous && point.time < previous.time) throw badInput(`${where}: its time goes back before the trackpoint before it`);
          activity.points.push(point);
          point = null;
        }
        return;
      }
      if (lap && parent === 'Lap') {
        const where = `TCX lap ${activity.laps.length} (line ${reader.line()})`;
        if (element.local === 'TotalTimeSeconds') lap.totalTimeS = numberOf(element.text, `${where}: TotalTimeSeconds`);
        else if (element.local === 'DistanceMeters') lap.distanceM = numberOf(element.text, `${where}: DistanceMeters`);
        else if (element.local === 'Calories') lap.calories = numberOf(element.text, `${where}: Calories`);
      } else if (lap && element.local === 'Value' && grandparent === 'Lap') {
        if (parent === 'AverageHeartRateBpm') lap.avgHr = heartRateOf(element.text, `TCX lap ${activity.laps.length}: AverageHeartRateBpm`);
        else if (parent === 'MaximumHeartRateBpm') lap.maxHr = heartRateOf(element.text, `TCX lap ${activity.laps.length}: MaximumHeartRateBpm`);
      }
      if (element.local === 'Lap') lap = null;
      if (element.local === 'Activity') activity = null;
    },
  }));
  if (!rootSeen) throw badInput('the TCX file is empty');
  return activities;
}

const sum = (values: (number | null)[]) => values.reduce<number | null>((total, v) => (v === null ? total : (total ?? 0) + v), null);

/**
 * One TCX file with one running Activity as a run (source "tcx", externalId its Id): distance,
 * timer time and calories summed over the laps, average HR the laps' averages weighted by
 * their time, max HR the highest lap maximum (else the highest reading); elapsed time from
 * the start to the last trackpoint (at least the timer time).
 */
export async function parseTcxActivity(input: AsyncIterable<Uint8Array | string>, zones: ZoneSettings, now?: Date): Promise<ActivityRecord> {
  const activities = await readTcx(input);
  if (activities.length === 0) throw badInput('the TCX file holds no Activity');
  if (activities.length > 1) throw badInput(`the TCX file holds ${activities.length} activities: import one per file`);
  const [activity] = activities;
  if (activity.sport !== 'Running') throw notARun(`the TCX activity is a ${JSON.stringify(activity.sport)} activity: only Sport="Running" is imported`);
  if (activity.laps.length === 0) throw badInput('the TCX activity has no laps');
  if (!activity.id || activity.id.length > ACTIVITY_BOUNDS.externalIdLength) throw badInput(`the TCX activity's Id must be 1..${ACTIVITY_BOUNDS.externalIdLength} characters`);
  const start = instantOf(activity.id, "the TCX activity's Id (its start time)");
  const laps = activity.laps;
  const timed = laps.filter((l) => l.avgHr !== null && l.totalTimeS !== null && l.totalTimeS > 0);
  const timedS = timed.reduce((total, l) => total + l.totalTimeS!, 0);
  const lapMax = laps.map((l) => l.maxHr).filter((v): v is number => v !== null);
  const totals: TrackTotals = activity.points.length
    ? trackTotals(activity.points, zones)
    : { startTime: new Date(start), distanceM: 0, movingS: 0, elapsedS: 0, avgHr: null, maxHr: null, avgCadence: null, elevationGainM: null, hrZoneS: [0, 0, 0, 0, 0], paceZoneS: [0, 0, 0, 0, 0] };
  const lastPoint = activity.points[activity.points.length - 1]?.time ?? start;
  return trackRecord('the TCX file', { ...totals, startTime: new Date(start), elapsedS: Math.max(0, (lastPoint - start) / 1000) }, {
    source: 'tcx',
    externalId: activity.id,
    distanceM: sum(laps.map((l) => l.distanceM)) ?? undefined,
    movingS: sum(laps.map((l) => l.totalTimeS)) ?? undefined,
    calories: sum(laps.map((l) => l.calories)),
    avgHr: timedS > 0 ? timed.reduce((total, l) => total + l.avgHr! * l.totalTimeS!, 0) / timedS : undefined,
    maxHr: lapMax.length ? Math.max(...lapMax) : undefined,
  }, now);
}
