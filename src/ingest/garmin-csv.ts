// Garmin Connect's Activities.csv (Activities → Export CSV): one row per activity, numbers
// only (no units: the account's km or miles, metres or feet), times as h:mm:ss, "--" for a
// missing value, thousands separators, and the start Date in the athlete's local time.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { fromZonedTime } from 'date-fns-tz';
import type { ActivityRecord } from './activities';
import { describeCsvProblem, isCsvError, MAX_ROW_BYTES } from './csv-problems';
import { MAX_IMPORT_ROWS } from './strava-csv';
import { ACTIVITY_BOUNDS } from './validate';
import { AppError, badInput } from '../errors';

export type Units = 'metric' | 'imperial';

const RUN_TYPES = new Set(['Running', 'Treadmill Running', 'Trail Running', 'Track Running', 'Virtual Run', 'Indoor Running', 'Street Running', 'Ultra Run', 'Obstacle Run']);
const METRES = { metric: { distance: 1000, ascent: 1 }, imperial: { distance: 1609.344, ascent: 0.3048 } } as const;
export const GARMIN_CHUNK = 500;

/** A Garmin header: Activity Type, Date and Distance, and no Strava "Activity ID". */
export function isGarminHeader(header: readonly string[]): boolean {
  const names = new Set(header.map((h) => h.trim()));
  return names.has('Activity Type') && names.has('Date') && names.has('Distance') && !names.has('Activity ID');
}

/** Seconds from "h:mm:ss", "hh:mm:ss.s", "mm:ss" or "mm:ss.s"; null for "--" or empty. */
export function garminDuration(text: string): number | null {
  const t = text.trim();
  if (t === '' || t === '--') return null;
  const m = /^(?:(\d+):)?(\d{1,2}):(\d{2}(?:\.\d+)?)$/.exec(t);
  if (!m || (m[1] !== undefined && Number(m[2]) > 59) || Number(m[3]) >= 60) return NaN;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/**
 * A number as Garmin writes it in an English-locale export: "1,234.5" (comma thousands);
 * null for "--" or empty. A comma not followed by three digits ("8,02", a decimal comma) is
 * refused rather than guessed.
 */
export function garminNumber(text: string): number | null {
  const t = text.trim();
  if (t === '' || t === '--') return null;
  if (!/^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$/.test(t)) return NaN;
  return Number(t.replaceAll(',', ''));
}

/** The instant of a local "YYYY-MM-DD HH:mm[:ss]" in `timezone`; null when it is no such date. */
export function garminDate(text: string, timezone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0));
  const check = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return fromZonedTime(`${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6] ?? '00'}`, timezone);
}

/**
 * Garmin's CSV has no activity id: the first 32 hex digits of the SHA-256 of the start
 * instant (ISO 8601, UTC) and the distance in whole metres, joined by "|".
 */
export function garminExternalId(startTime: Date, distanceM: number): string {
  return createHash('sha256').update(`${startTime.toISOString()}|${Math.round(distanceM)}`).digest('hex').slice(0, 32);
}

export interface GarminParseOptions {
  /** The athlete's zone: Garmin's Date is local time there. */
  timezone: string;
  /** What the numbers are in: km and metres, or miles and feet. */
  units: Units;
  now?: Date;
  maxRows?: number;
  /** Report a row out of range (its line and why) and leave it out, instead of refusing the file. */
  onRefused?: (line: number, message: string) => void;
}

/**
 * The runs of a Garmin Connect Activities.csv, parsed as the stream arrives, in chunks; a
 * row that cannot be read or is out of range stops the import with its line (all or nothing).
 */
export async function* parseGarminActivities(input: Readable | AsyncIterable<Uint8Array | string>, options: GarminParseOptions): AsyncGenerator<ActivityRecord[]> {
  const maxRows = options.maxRows ?? MAX_IMPORT_ROWS;
  const latestStart = (options.now ?? new Date()).getTime() + 86_400_000;
  const scale = METRES[options.units];
  const source = input instanceof Readable ? input : Readable.from(input);
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: MAX_ROW_BYTES });
  const rows = source.pipe(parser) as AsyncIterable<{ record: string[]; info: { lines: number } }>;
  let column: Map<string, number> | null = null;
  let dataRows = 0;
  const seen = new Map<string, number>();
  let chunk: ActivityRecord[] = [];
  try {
    for await (const { record: row, info } of rows) {
      const line = info.lines;
      if (!column) {
        if (!isGarminHeader(row)) throw badInput('not a Garmin Activities.csv: the header needs "Activity Type", "Date" and "Distance"');
        column = new Map();
        row.forEach((name, i) => { if (!column!.has(name.trim())) column!.set(name.trim(), i); });
        continue;
      }
      dataRows += 1;
      if (dataRows > maxRows) throw badInput(`Activities.csv may hold at most ${maxRows} rows after the header; line ${line} is row ${dataRows}: split the file`);
      const cell = (name: string) => (column!.has(name) ? (row[column!.get(name)!] ?? '').trim() : '');
      if (!RUN_TYPES.has(cell('Activity Type'))) continue;
      // With onRefused (skipInvalid), a row out of range is reported and left out; an
      // unreadable file, a header or the row cap still refuse the whole file.
      try {
        const fail = (what: string) => badInput(`Activities.csv line ${line}: ${what}`);
        const number = (name: string, range: { max: number }, factor = 1): number | null => {
          const value = garminNumber(cell(name));
          if (value === null) return null;
          if (Number.isNaN(value) || value < 0) throw fail(`${name} must be a non-negative number like 1,234.5; got ${JSON.stringify(cell(name))}`);
          if (value * factor > range.max) throw fail(`${name} must be at most ${range.max}${factor === 1 ? '' : ' once in metres'}; got ${JSON.stringify(cell(name))}`);
          return value * factor;
        };
        const duration = (name: string): number | null => {
          const value = garminDuration(cell(name));
          if (value !== null && Number.isNaN(value)) throw fail(`${name} must be a time like 1:02:03 or 45:12.5; got ${JSON.stringify(cell(name))}`);
          if (value !== null && value > ACTIVITY_BOUNDS.durationS.max) throw fail(`${name} must be at most ${ACTIVITY_BOUNDS.durationS.max} s; got ${JSON.stringify(cell(name))}`);
          return value;
        };
        const startTime = garminDate(cell('Date'), options.timezone);
        if (!startTime) throw fail(`Date ${JSON.stringify(cell('Date'))} is not a local time like "2026-03-07 08:00:00"`);
        if (startTime < ACTIVITY_BOUNDS.earliestStart) throw fail(`Date must be on or after ${ACTIVITY_BOUNDS.earliestStart.toISOString().slice(0, 10)}`);
        if (startTime.getTime() > latestStart) throw fail('Date is in the future');
        // Moving Time excludes stops; Time is the timer; Elapsed Time includes paused time.
        const moving = duration('Moving Time') ?? duration('Time');
        const elapsed = duration('Elapsed Time') ?? duration('Time') ?? moving;
        if (!moving && !elapsed) throw fail('the run has no Time, Moving Time or Elapsed Time');
        const movingS = Math.round(moving || elapsed!);
        const distanceM = number('Distance', ACTIVITY_BOUNDS.distanceM, scale.distance) ?? 0;
        const hr = (name: string) => {
          const value = number(name, ACTIVITY_BOUNDS.heartRate);
          if (value !== null && value < ACTIVITY_BOUNDS.heartRate.min) throw fail(`${name} must be ${ACTIVITY_BOUNDS.heartRate.min}..${ACTIVITY_BOUNDS.heartRate.max} bpm; got ${value}`);
          return value;
        };
        const externalId = garminExternalId(startTime, distanceM);
        if (seen.has(externalId)) throw fail(`the run repeats line ${seen.get(externalId)} (same start and distance)`);
        chunk.push({
          source: 'garmin_csv',
          externalId,
          sport: 'run',
          startTime,
          distanceM,
          movingS,
          elapsedS: Math.max(movingS, Math.round(elapsed ?? 0)),
          avgHr: hr('Avg HR'),
          maxHr: hr('Max HR'),
          calories: number('Calories', ACTIVITY_BOUNDS.calories),
          // Older exports call it "Elev Gain".
          elevationGainM: number(column!.has('Total Ascent') ? 'Total Ascent' : 'Elev Gain', ACTIVITY_BOUNDS.elevationGainM, scale.ascent),
        });
        // Remembered once the row is whole: a row refused under skipInvalid does not block a later one.
        seen.set(externalId, line);
      } catch (error) {
        if (!options.onRefused || !(error instanceof AppError)) throw error;
        options.onRefused(line, error.message);
      }
      if (chunk.length === GARMIN_CHUNK) {
        yield chunk;
        chunk = [];
      }
    }
  } catch (error) {
    if (isCsvError(error)) throw badInput(`Activities.csv line ${error.lines ?? '?'}: ${describeCsvProblem(error)}`);
    throw error;
  } finally {
    source.destroy();
  }
  if (!column) throw badInput('Activities.csv is empty');
  if (chunk.length) yield chunk;
}
