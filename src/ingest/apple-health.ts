import { createHash } from 'node:crypto';
import { SaxesParser } from 'saxes';
import type { ActivityRecord } from './activities';
import { HealthDayFolder, type DailyMetric, type HealthDayTotals } from '../domain/health-days';
import { badInput } from '../errors';
import { feedXml } from './xml';

// Apple Health's export.xml (Health app → profile → Export All Health Data): a <HealthData>
// of <Record> and <Workout> elements, often gigabytes, most of it per-beat heart rate that
// Stride does not keep. It is read as a stream with saxes (no namespaces, no DOM, attributes
// only), so memory stays flat whatever the file's size: what is kept is one total per local
// day and one record per running workout. docs/api.md, Import formats, Apple Health.

const RECORD_METRIC: Record<string, DailyMetric> = {
  HKQuantityTypeIdentifierRestingHeartRate: 'restingHeartRate',
  // Apple's HRV is SDNN: stored apart from RMSSD (docs/api.md, Writing data).
  HKQuantityTypeIdentifierHeartRateVariabilitySDNN: 'hrvSdnn',
  HKQuantityTypeIdentifierVO2Max: 'vo2max',
};
const SLEEP = 'HKCategoryTypeIdentifierSleepAnalysis';
// In bed and awake are not sleep; every asleep stage is (older exports say just "Asleep").
const ASLEEP = /^HKCategoryValueSleepAnalysisAsleep/;
const RUNNING = 'HKWorkoutActivityTypeRunning';

/** "2026-03-01 07:00:00 +0100", the export's own format, or ISO 8601. */
export function appleInstant(text: string | undefined, what: string): Date {
  const m = text ? /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2})$/.exec(text.trim()) : null;
  const instant = new Date(m ? `${m[1]}T${m[2]}${m[3]}:${m[4]}` : (text ?? ''));
  if (Number.isNaN(instant.getTime())) throw badInput(`${what} must be a time such as "2026-03-01 07:00:00 +0100"; got ${JSON.stringify((text ?? '').slice(0, 40))}`);
  return instant;
}

const SECONDS: Record<string, number> = { s: 1, sec: 1, min: 60, h: 3600, hr: 3600 };
const METRES: Record<string, number> = { m: 1, km: 1000, mi: 1609.344, ft: 0.3048, yd: 0.9144, cm: 0.01 };

function scaled(value: string | undefined, unit: string | undefined, table: Record<string, number>, what: string): number | null {
  if (value === undefined || value === '') return null;
  const number = Number(value);
  const factor = table[unit ?? ''];
  if (!Number.isFinite(number)) throw badInput(`${what} must be a number; got ${JSON.stringify(value.slice(0, 40))}`);
  if (factor === undefined) throw badInput(`${what} has the unit ${JSON.stringify(unit)}; known: ${Object.keys(table).join(', ')}`);
  return number * factor;
}

/** "4500 cm" (HKElevationAscended) in metres. */
function quantityInMetres(text: string | undefined): number | null {
  const m = text ? /^([\d.]+) ?(\w+)$/.exec(text.trim()) : null;
  return m && METRES[m[2]] !== undefined ? Number(m[1]) * METRES[m[2]] : null;
}

export interface AppleHealthData {
  days: HealthDayTotals[];
  runs: ActivityRecord[];
  /** Elements read, kept or not (the bench's throughput). */
  elements: number;
}

interface OpenWorkout {
  start: Date;
  end: Date;
  movingS: number;
  distanceM: number | null;
  calories: number | null;
  avgHr: number | null;
  maxHr: number | null;
  elevationGainM: number | null;
  source: string;
}

/** Reads an export.xml as it arrives into daily health totals in `timeZone` and running workouts. */
export async function readAppleHealth(input: AsyncIterable<Uint8Array | string> | Iterable<string>, timeZone: string, label = 'export.xml'): Promise<AppleHealthData> {
  const parser = new SaxesParser({ position: true });
  const folder = new HealthDayFolder(timeZone);
  const runs: ActivityRecord[] = [];
  let workout: OpenWorkout | null = null;
  let root: string | null = null;
  let elements = 0;
  const at = () => `${label} line ${parser.line}`;

  parser.on('opentag', (tag) => {
    elements += 1;
    const a = tag.attributes as Record<string, string>;
    if (root === null) {
      root = tag.name;
      if (root !== 'HealthData') throw badInput(`${label} is not an Apple Health export: its root is <${root}>, not <HealthData>`);
    }
    if (tag.name === 'Record') {
      const metric = RECORD_METRIC[a.type];
      if (metric) {
        const value = Number(a.value);
        if (!Number.isFinite(value)) throw badInput(`${at()}: ${a.type} value must be a number; got ${JSON.stringify(a.value)}`);
        folder.reading(metric, appleInstant(a.startDate, `${at()}: startDate`), value);
      } else if (a.type === SLEEP && ASLEEP.test(a.value ?? '')) {
        folder.asleep(appleInstant(a.startDate, `${at()}: startDate`), appleInstant(a.endDate, `${at()}: endDate`));
      }
    } else if (tag.name === 'Workout' && a.workoutActivityType === RUNNING) {
      const start = appleInstant(a.startDate, `${at()}: startDate`);
      const end = appleInstant(a.endDate, `${at()}: endDate`);
      workout = {
        start, end, source: a.sourceName ?? '',
        movingS: scaled(a.duration, a.durationUnit, SECONDS, `${at()}: duration`) ?? (end.getTime() - start.getTime()) / 1000,
        distanceM: scaled(a.totalDistance, a.totalDistanceUnit, METRES, `${at()}: totalDistance`),
        calories: a.totalEnergyBurned ? Number(a.totalEnergyBurned) : null,
        avgHr: null, maxHr: null, elevationGainM: null,
      };
    } else if (workout && tag.name === 'WorkoutStatistics') {
      // Newer exports give distance and heart rate here instead of on the workout.
      if (a.type === 'HKQuantityTypeIdentifierDistanceWalkingRunning' && workout.distanceM === null) workout.distanceM = scaled(a.sum, a.unit, METRES, `${at()}: sum`);
      if (a.type === 'HKQuantityTypeIdentifierHeartRate') {
        workout.avgHr = a.average ? Number(a.average) : null;
        workout.maxHr = a.maximum ? Number(a.maximum) : null;
      }
      if (a.type === 'HKQuantityTypeIdentifierActiveEnergyBurned' && workout.calories === null && a.sum) workout.calories = Number(a.sum);
    } else if (workout && tag.name === 'MetadataEntry' && a.key === 'HKElevationAscended') {
      workout.elevationGainM = quantityInMetres(a.value);
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.name !== 'Workout' || !workout) return;
    const w = workout;
    workout = null;
    runs.push({
      source: 'apple_health',
      // The export has no workout ids: a workout is its start instant and the app that wrote it
      // (two apps writing the same run are two copies, which the import then merges).
      externalId: `workout-${w.start.toISOString()}-${createHash('sha256').update(w.source).digest('hex').slice(0, 8)}`,
      sport: 'run',
      startTime: w.start,
      distanceM: w.distanceM ?? 0,
      movingS: Math.round(w.movingS),
      elapsedS: Math.max(Math.round((w.end.getTime() - w.start.getTime()) / 1000), Math.round(w.movingS)),
      avgHr: w.avgHr, maxHr: w.maxHr, calories: w.calories, elevationGainM: w.elevationGainM,
    });
  });

  await feedXml(parser, input, label);
  if (root === null) throw badInput(`${label} is empty: not an Apple Health export`);
  return { days: folder.days(), runs, elements };
}
