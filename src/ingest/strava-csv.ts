import { Readable } from 'node:stream';
import { describeCsvProblem, isCsvError, MAX_ROW_BYTES } from './csv-problems';
import { parse } from 'csv-parse';
import type { ActivityRecord } from './activities';
import { AppError, badInput } from '../errors';
import { CONTROL_CHARACTERS, findControlCharacter } from '../domain/input-bounds';
import { ACTIVITY_BOUNDS } from './validate';

// Strava's bulk export (activities.csv) repeats some headers: the first "Distance" is in
// the athlete's units (km or miles) and the later one in metres; the later "Elapsed Time"
// is seconds as a decimal. Start times ("Activity Date") are UTC, e.g. "Mar 7, 2026, 8:00:00 AM".
const RUN_TYPES = new Set(['Run', 'Trail Run', 'Virtual Run']);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const STRAVA_CHUNK = 500;

function stravaDate(text: string): Date | null {
  const m = /^([A-Z][a-z]{2}) (\d{1,2}), (\d{4}),? (\d{1,2}):(\d{2}):(\d{2}) ?(AM|PM)$/.exec(text.trim());
  if (!m || !MONTHS.includes(m[1])) return null;
  const hour = (Number(m[4]) % 12) + (m[7] === 'PM' ? 12 : 0);
  return new Date(Date.UTC(Number(m[3]), MONTHS.indexOf(m[1]), Number(m[2]), hour, Number(m[5]), Number(m[6])));
}

// A column's positions in the header, read in this order: the first non-empty one gives the
// value. Repeated headers that mean the same thing are read as one: in real exports the
// second "Max Heart Rate" is often empty while the first has the value (where both are
// filled they agree); the second "Elapsed Time" has decimals, so it comes first.
type Column = number[];

interface Columns {
  id: Column; date: Column; type: Column; distanceM: Column; moving: Column; elapsed: Column;
  avgHr: Column; maxHr: Column; calories: Column; elevation: Column; rpe: Column; filename: Column;
}

function columnsOf(header: string[]): Columns {
  const all = (name: string) => header.flatMap((h, i) => (h.trim() === name ? [i] : []));
  const first = (name: string) => all(name).slice(0, 1);
  const last = (name: string) => all(name).slice(-1);
  const columns: Columns = {
    // Only the last Distance is metres (the first is in the athlete's km or miles): never mixed.
    id: first('Activity ID'), date: first('Activity Date'), type: first('Activity Type'), distanceM: last('Distance'),
    moving: all('Moving Time'), elapsed: all('Elapsed Time').reverse(), avgHr: all('Average Heart Rate'), maxHr: all('Max Heart Rate'),
    // Strava's own 1..10 rating of the run (blank when the athlete gave none): session RPE.
    calories: all('Calories'), elevation: all('Elevation Gain'), rpe: all('Perceived Exertion'),
    // The run's file in a bulk export zip, e.g. "activities/123.fit.gz".
    filename: all('Filename'),
  };
  for (const required of ['id', 'date', 'type', 'distanceM', 'moving', 'elapsed'] as const) {
    if (columns[required].length === 0) throw badInput(`not a Strava activities.csv: no ${required} column`);
  }
  if (all('Distance').length < 2) throw badInput('not a Strava activities.csv: it needs the second Distance column (metres)');
  return columns;
}

/** The first non-empty cell of a column's positions, trimmed ('' when all are empty). */
export function cellOf(row: readonly string[], column: Column): string {
  for (const index of column) {
    const text = (row[index] ?? '').trim();
    if (text !== '') return text;
  }
  return '';
}

/** Rows (after the header) one activities.csv may hold: ten times a JSON batch, and years of a daily runner's history. */
export const MAX_IMPORT_ROWS = 10_000;


export interface StravaParseOptions {
  /** The request's instant: a start more than a day after it is refused. */
  now?: Date;
  /** Rows after the header; more refuses the whole file. */
  maxRows?: number;
  /** Report a row out of range (its line and why) and leave it out, instead of refusing the file. */
  onRefused?: (line: number, message: string) => void;
}

/** A run of the CSV and, in a bulk export, the path of its activity file in the zip. */
export type StravaRecord = ActivityRecord & { file?: string };

/**
 * The runs of a Strava activities.csv, parsed as the stream arrives, in chunks of 500; a row
 * that cannot be read, a field out of the range ingestActivities allows, or a row past
 * `maxRows` stops the import with its line (the caller's transaction then writes nothing).
 */
export async function* parseStravaActivities(
  input: Readable | AsyncIterable<Uint8Array | string>,
  options: StravaParseOptions = {},
): AsyncGenerator<StravaRecord[]> {
  const maxRows = options.maxRows ?? MAX_IMPORT_ROWS;
  const latestStart = (options.now ?? new Date()).getTime() + 86_400_000;
  const source = input instanceof Readable ? input : Readable.from(input);
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: MAX_ROW_BYTES });
  const rows = source.pipe(parser) as AsyncIterable<{ record: string[]; info: { lines: number } }>;
  let columns: Columns | null = null;
  let dataRows = 0;
  const seen = new Map<string, number>();
  let chunk: StravaRecord[] = [];
  try {
    for await (const { record: row, info } of rows) {
      const line = info.lines;
      if (!columns) {
        columns = columnsOf(row);
        continue;
      }
      dataRows += 1;
      if (dataRows > maxRows) throw badInput(`activities.csv may hold at most ${maxRows} rows after the header; line ${line} is row ${dataRows}: split the file`);
      if (!RUN_TYPES.has(cellOf(row, columns.type))) continue;
      // With onRefused (skipInvalid), a row out of range is reported and left out; an
      // unreadable file, a header or the row cap still refuse the whole file.
      try {
        const number = (column: Column, name: string, required: boolean, range: { min: number; max: number }): number | null => {
          const text = cellOf(row, column);
          if (text === '') {
            if (required) throw badInput(`activities.csv line ${line}: ${name} is empty`);
            return null;
          }
          const value = Number(text);
          if (!Number.isFinite(value) || value < 0) throw badInput(`activities.csv line ${line}: ${name} must be a non-negative number; got ${JSON.stringify(text)}`);
          if (value > range.max) throw badInput(`activities.csv line ${line}: ${name} must be at most ${range.max}; got ${JSON.stringify(text)}`);
          return value;
        };
        const optional = (column: Column, name: string, range: { min: number; max: number }) => number(column, name, false, range);
        const dateText = cellOf(row, columns.date);
        const startTime = stravaDate(dateText);
        if (!startTime) throw badInput(`activities.csv line ${line}: Activity Date ${JSON.stringify(dateText)} is not like "Mar 7, 2026, 8:00:00 AM"`);
        if (startTime < ACTIVITY_BOUNDS.earliestStart) {
          throw badInput(`activities.csv line ${line}: Activity Date must be on or after ${ACTIVITY_BOUNDS.earliestStart.toISOString().slice(0, 10)}; got ${JSON.stringify(dateText)}`);
        }
        if (startTime.getTime() > latestStart) throw badInput(`activities.csv line ${line}: Activity Date is in the future`);
        const elapsedS = number(columns.elapsed, 'Elapsed Time', true, ACTIVITY_BOUNDS.durationS)!;
        const movingS = number(columns.moving, 'Moving Time', false, ACTIVITY_BOUNDS.durationS) ?? elapsedS;
        const externalId = cellOf(row, columns.id);
        if (!externalId) throw badInput(`activities.csv line ${line}: Activity ID is empty`);
        if (externalId.length > ACTIVITY_BOUNDS.externalIdLength) {
          throw badInput(`activities.csv line ${line}: Activity ID may be at most ${ACTIVITY_BOUNDS.externalIdLength} characters; got ${externalId.length}`);
        }
        const control = findControlCharacter(externalId);
        if (control) throw badInput(`activities.csv line ${line}: Activity ID must not contain ${CONTROL_CHARACTERS}; got ${control.codePoint}`);
        if (seen.has(externalId)) throw badInput(`activities.csv line ${line}: Activity ID ${externalId} repeats line ${seen.get(externalId)}`);
        if (movingS <= 0 && elapsedS <= 0) throw badInput(`activities.csv line ${line}: the run has no moving or elapsed time`);
        // Remembered once the row is whole: a row refused under skipInvalid does not block a later one.
        chunk.push({
          source: 'strava',
          externalId,
          sport: 'run',
          startTime,
          distanceM: number(columns.distanceM, 'Distance (metres)', true, ACTIVITY_BOUNDS.distanceM)!,
          movingS: Math.round(movingS > 0 ? movingS : elapsedS),
          elapsedS: Math.round(elapsedS),
          avgHr: optional(columns.avgHr, 'Average Heart Rate', ACTIVITY_BOUNDS.heartRate),
          maxHr: optional(columns.maxHr, 'Max Heart Rate', ACTIVITY_BOUNDS.heartRate),
          calories: optional(columns.calories, 'Calories', ACTIVITY_BOUNDS.calories),
          elevationGainM: optional(columns.elevation, 'Elevation Gain', ACTIVITY_BOUNDS.elevationGainM),
          rpe: optional(columns.rpe, 'Perceived Exertion', ACTIVITY_BOUNDS.rpe),
          ...(cellOf(row, columns.filename) ? { file: cellOf(row, columns.filename) } : {}),
        });
        seen.set(externalId, line);
      } catch (error) {
        if (!options.onRefused || !(error instanceof AppError)) throw error;
        options.onRefused(line, error.message);
      }
      if (chunk.length === STRAVA_CHUNK) {
        yield chunk;
        chunk = [];
      }
    }
  } catch (error) {
    if (isCsvError(error)) {
      throw badInput(`activities.csv line ${error.lines ?? '?'}: ${describeCsvProblem(error)}`);
    }
    throw error;
  } finally {
    // An import stopped early leaves no file handle or upload stream open behind it.
    source.destroy();
  }
  if (!columns) throw badInput('activities.csv is empty');
  if (chunk.length) yield chunk;
}
