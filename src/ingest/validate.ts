import { z } from 'zod';
import type { ActivityRecord } from './activities';
import type { HealthDayRecord } from './health';
import { AppError, badInput } from '../errors';
import { coveredSeconds } from '../domain/sleep';
import { CONTROL_CHARACTERS, MAX_INSTANT, MIN_INSTANT, findControlCharacter } from '../domain/input-bounds';

// Every item of a batch is checked before anything is written; the first problem rejects
// the whole batch with the item's index and field, and the allowed range.

export const MAX_ACTIVITIES_PER_BATCH = 1000;
export const MAX_HEALTH_DAYS_PER_BATCH = 1000;
/** Sleep intervals one day may carry (a night in stages from two sources stays far below). */
export const MAX_SLEEP_INTERVALS = 200;

/** The ranges of an activity's fields, shared by every way in (JSON batches, activities.csv). */
export const ACTIVITY_BOUNDS = {
  earliestStart: new Date('1990-01-01T00:00:00Z'),
  externalIdLength: 128,
  distanceM: { min: 0, max: 1_000_000 },
  durationS: { min: 1, max: 604_800 },
  heartRate: { min: 20, max: 250 },
  calories: { min: 0, max: 50_000 },
  elevationGainM: { min: 0, max: 20_000 },
  rpe: { min: 0, max: 10 },
} as const;

const B = ACTIVITY_BOUNDS;
const zones = z.array(z.number().int().min(0).max(B.durationS.max)).length(5);
const plainText = (text: string) => findControlCharacter(text) === null;

const ActivitySchema = z
  .object({
    source: z.string().regex(/^[a-z0-9_-]{1,32}$/, 'must be 1..32 of a-z, 0-9, _ and -'),
    externalId: z.string().min(1).max(B.externalIdLength).refine(plainText, `must not contain ${CONTROL_CHARACTERS}`),
    sport: z.literal('run', { message: 'must be "run": Stride keeps runs only' }).default('run'),
    startTime: z.date().min(B.earliestStart),
    timezone: z.string().nullish(),
    distance: z.number().min(B.distanceM.min).max(B.distanceM.max),
    movingTime: z.number().int().min(B.durationS.min).max(B.durationS.max),
    elapsedTime: z.number().int().min(B.durationS.min).max(B.durationS.max).nullish(),
    avgHeartRate: z.number().min(B.heartRate.min).max(B.heartRate.max).nullish(),
    maxHeartRate: z.number().min(B.heartRate.min).max(B.heartRate.max).nullish(),
    calories: z.number().min(B.calories.min).max(B.calories.max).nullish(),
    elevationGain: z.number().min(B.elevationGainM.min).max(B.elevationGainM.max).nullish(),
    paceZoneTimes: zones.nullish(),
    hrZoneTimes: zones.nullish(),
    rpe: z.number().min(B.rpe.min).max(B.rpe.max).nullish(),
    // The source's version is compared in SQL: an instant in the API's calendar (1970..2100).
    updatedAt: z.date().min(MIN_INSTANT).max(MAX_INSTANT).nullish(),
  })
  .refine((a) => a.elapsedTime == null || a.elapsedTime >= a.movingTime, { path: ['elapsedTime'], message: 'must not be less than movingTime' });

const HealthSchema = z.object({
  date: z.string(),
  restingHeartRate: z.number().min(20).max(150).nullish(),
  hrv: z.number().min(1).max(500).nullish(),
  hrvSdnn: z.number().min(1).max(500).nullish(),
  vo2max: z.number().min(10).max(100).nullish(),
  recoveryScore: z.number().min(0).max(100).nullish(),
  sleepSeconds: z.number().int().min(0).max(86_400).nullish(),
  sleepIntervals: z.array(z.object({ start: z.date(), end: z.date() })).max(MAX_SLEEP_INTERVALS).nullish(),
  source: z.string().regex(/^[a-z0-9_-]{1,32}$/, 'must be 1..32 of a-z, 0-9, _ and -'),
});

function problem(list: string, index: number, error: z.ZodError): never {
  const issue = error.issues[0];
  const field = issue.path.join('.');
  const limit = (value: unknown) => (issue.path.some((p) => p === 'startTime' || p === 'updatedAt') ? new Date(Number(value)).toISOString() : value);
  const detail = issue.code === 'too_small' ? `must be at least ${limit(issue.minimum)}` : issue.code === 'too_big' ? `must be at most ${limit(issue.maximum)}` : issue.message;
  throw badInput(`${list}[${index}].${field} ${detail}`);
}

export type ActivityInput = z.input<typeof ActivitySchema>;
export type HealthDayInput = z.input<typeof HealthSchema>;

export function validateActivities(items: ActivityInput[], now: Date): ActivityRecord[] {
  if (items.length > MAX_ACTIVITIES_PER_BATCH) throw badInput(`activities may hold at most ${MAX_ACTIVITIES_PER_BATCH} items; got ${items.length}`);
  const latestStart = new Date(now.getTime() + 86_400_000);
  const seen = new Map<string, number>();
  return items.map((item, index) => {
    const parsed = ActivitySchema.safeParse(item);
    if (!parsed.success) problem('activities', index, parsed.error);
    const a = parsed.data;
    if (a.startTime > latestStart) throw badInput(`activities[${index}].startTime must not be more than a day in the future`);
    const key = `${a.source}/${a.externalId}`;
    if (seen.has(key)) throw badInput(`activities[${index}].externalId repeats activities[${seen.get(key)}] (${key}): send each activity once per batch`);
    seen.set(key, index);
    return {
      source: a.source, externalId: a.externalId, sport: a.sport, startTime: a.startTime, timezone: a.timezone ?? null,
      distanceM: a.distance, movingS: a.movingTime, elapsedS: a.elapsedTime ?? a.movingTime, avgHr: a.avgHeartRate ?? null,
      maxHr: a.maxHeartRate ?? null, calories: a.calories ?? null, elevationGainM: a.elevationGain ?? null,
      paceZoneS: a.paceZoneTimes ?? undefined, hrZoneS: a.hrZoneTimes ?? undefined, sourceUpdatedAt: a.updatedAt ?? null, rpe: a.rpe ?? null,
    };
  });
}

export interface RefusedItem {
  index: number;
  /** The item's date, when it has a readable one. */
  date: string | null;
  message: string;
}

/** A day's sleep intervals as unix-second pairs, each within 24 hours, their union at most a day; else the problem. */
function sleepIntervalsOf(index: number, intervals: { start: Date; end: Date }[]): [number, number][] {
  const pairs = intervals.map(({ start, end }, i): [number, number] => {
    // Whole seconds: sleep is stored in seconds, and half a second of sleep means nothing.
    const [from, to] = [Math.round(start.getTime() / 1000), Math.round(end.getTime() / 1000)];
    if (!(to > from && to - from <= 86_400)) throw badInput(`days[${index}].sleepIntervals[${i}] must end after it starts, at most 24 hours later`);
    return [from, to];
  });
  if (coveredSeconds(pairs) > 86_400) throw badInput(`days[${index}].sleepIntervals cover more than 24 hours together`);
  return pairs;
}

function healthDay(item: HealthDayInput, index: number): HealthDayRecord {
  const parsed = HealthSchema.safeParse(item);
  if (!parsed.success) problem('days', index, parsed.error);
  const d = parsed.data;
  if (d.sleepSeconds != null && d.sleepIntervals?.length) throw badInput(`days[${index}] gives both sleepSeconds and sleepIntervals; send one`);
  return {
    localDate: d.date, restingHr: d.restingHeartRate ?? null, hrvRmssdMs: d.hrv ?? null, hrvSdnnMs: d.hrvSdnn ?? null, vo2max: d.vo2max ?? null,
    recoveryScore: d.recoveryScore ?? null, sleepS: d.sleepSeconds ?? null,
    sleepIntervals: d.sleepIntervals?.length ? sleepIntervalsOf(index, d.sleepIntervals) : null, source: d.source,
  };
}

/**
 * The days of a batch. One invalid day refuses the batch (nothing is written), unless
 * `skipInvalid`: then each invalid day is refused alone, with its index, date and reason,
 * and the others are written.
 */
export function validateHealthDays(items: HealthDayInput[], options: { skipInvalid?: boolean } = {}): { days: HealthDayRecord[]; refused: RefusedItem[] } {
  if (items.length > MAX_HEALTH_DAYS_PER_BATCH) throw badInput(`days may hold at most ${MAX_HEALTH_DAYS_PER_BATCH} items; got ${items.length}`);
  const seen = new Map<string, number>();
  const days: HealthDayRecord[] = [];
  const refused: RefusedItem[] = [];
  items.forEach((item, index) => {
    try {
      const day = healthDay(item, index);
      if (seen.has(day.localDate)) throw badInput(`days[${index}].date repeats days[${seen.get(day.localDate)}] (${day.localDate})`);
      seen.set(day.localDate, index);
      days.push(day);
    } catch (error) {
      if (!options.skipInvalid || !(error instanceof AppError)) throw error;
      refused.push({ index, date: typeof item.date === 'string' ? item.date : null, message: error.message });
    }
  });
  return { days, refused };
}
