import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { ActivityRecord } from './activities';
import { badInput } from '../errors';

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

interface Columns {
  id: number; date: number; type: number; distanceM: number; moving: number; elapsed: number;
  avgHr: number; maxHr: number; calories: number; elevation: number;
}

function columnsOf(header: string[]): Columns {
  const first = (name: string) => header.indexOf(name);
  const last = (name: string) => header.lastIndexOf(name);
  const columns = {
    id: first('Activity ID'), date: first('Activity Date'), type: first('Activity Type'), distanceM: last('Distance'),
    moving: first('Moving Time'), elapsed: last('Elapsed Time'), avgHr: first('Average Heart Rate'), maxHr: last('Max Heart Rate'),
    calories: first('Calories'), elevation: first('Elevation Gain'),
  };
  for (const required of ['id', 'date', 'type', 'distanceM', 'moving', 'elapsed'] as const) {
    if (columns[required] < 0) throw badInput(`not a Strava activities.csv: no ${required} column`);
  }
  if (first('Distance') === last('Distance')) throw badInput('not a Strava activities.csv: it needs the second Distance column (metres)');
  return columns;
}

/**
 * The runs of a Strava activities.csv, parsed as the stream arrives, in chunks of 500; a row
 * that cannot be read stops the import with its line and column.
 */
export async function* parseStravaActivities(input: Readable | AsyncIterable<Uint8Array | string>): AsyncGenerator<ActivityRecord[]> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true });
  const rows = (input instanceof Readable ? input : Readable.from(input)).pipe(parser);
  let columns: Columns | null = null;
  let line = 0;
  const seen = new Map<string, number>();
  const latestStart = Date.now() + 86_400_000;
  let chunk: ActivityRecord[] = [];
  for await (const row of rows as AsyncIterable<string[]>) {
    line += 1;
    if (!columns) {
      columns = columnsOf(row);
      continue;
    }
    if (!RUN_TYPES.has(row[columns.type])) continue;
    const number = (index: number, name: string, required: boolean): number | null => {
      const text = (row[index] ?? '').trim();
      if (text === '') {
        if (required) throw badInput(`activities.csv line ${line}: ${name} is empty`);
        return null;
      }
      const value = Number(text);
      if (!Number.isFinite(value) || value < 0) throw badInput(`activities.csv line ${line}: ${name} must be a non-negative number; got ${JSON.stringify(text)}`);
      return value;
    };
    const startTime = stravaDate(row[columns.date] ?? '');
    if (!startTime) throw badInput(`activities.csv line ${line}: Activity Date ${JSON.stringify(row[columns.date])} is not like "Mar 7, 2026, 8:00:00 AM"`);
    const elapsedS = number(columns.elapsed, 'Elapsed Time', true)!;
    const movingS = number(columns.moving, 'Moving Time', false) ?? elapsedS;
    const externalId = (row[columns.id] ?? '').trim();
    if (!externalId) throw badInput(`activities.csv line ${line}: Activity ID is empty`);
    if (seen.has(externalId)) throw badInput(`activities.csv line ${line}: Activity ID ${externalId} repeats line ${seen.get(externalId)}`);
    seen.set(externalId, line);
    if (movingS <= 0 && elapsedS <= 0) throw badInput(`activities.csv line ${line}: the run has no moving or elapsed time`);
    if (startTime.getTime() > latestStart) throw badInput(`activities.csv line ${line}: Activity Date is in the future`);
    chunk.push({
      source: 'strava',
      externalId,
      sport: 'run',
      startTime,
      distanceM: number(columns.distanceM, 'Distance (metres)', true)!,
      movingS: Math.round(movingS > 0 ? movingS : elapsedS),
      elapsedS: Math.round(elapsedS),
      avgHr: columns.avgHr >= 0 ? number(columns.avgHr, 'Average Heart Rate', false) : null,
      maxHr: columns.maxHr >= 0 ? number(columns.maxHr, 'Max Heart Rate', false) : null,
      calories: columns.calories >= 0 ? number(columns.calories, 'Calories', false) : null,
      elevationGainM: columns.elevation >= 0 ? number(columns.elevation, 'Elevation Gain', false) : null,
    });
    if (chunk.length === STRAVA_CHUNK) {
      yield chunk;
      chunk = [];
    }
  }
  if (!columns) throw badInput('activities.csv is empty');
  if (chunk.length) yield chunk;
}
