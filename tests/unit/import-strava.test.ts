import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { parseStravaActivities } from '../../src/ingest/strava-csv';
import type { ActivityRecord } from '../../src/ingest/activities';

const FIXTURE = readFileSync(path.resolve(__dirname, '..', 'fixtures', 'strava-activities.csv'), 'utf8');
const NOW = new Date('2026-03-10T18:00:00Z');

async function runsOf(csv: string): Promise<ActivityRecord[]> {
  const runs: ActivityRecord[] = [];
  for await (const chunk of parseStravaActivities(Readable.from([csv]), { now: NOW })) runs.push(...chunk);
  return runs;
}

/** The fixture with one cell of every data row set by `edit(row, header)`. */
function edited(edit: (row: string[], header: string[]) => void): string {
  const [header, ...rows] = parse(FIXTURE, { relax_column_count: true }) as string[][];
  rows.forEach((row) => edit(row, header));
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  return [header, ...rows].map((row) => row.map(quote).join(',')).join('\n');
}

const nth = (header: string[], name: string, n: number) => header.flatMap((h, i) => (h === name ? [i] : []))[n];

describe('Strava activities.csv: repeated columns (issue 17)', () => {
  it('reads Max Heart Rate from the first column when the second one is empty, as real exports have it', async () => {
    const csv = edited((row, header) => { row[nth(header, 'Max Heart Rate', 1)] = ''; });
    const runs = await runsOf(csv);
    // The first Max Heart Rate cell of each run row, read straight from the file.
    const [header, ...rows] = parse(csv, { relax_column_count: true }) as string[][];
    const expected = rows.filter((r) => r[3] !== 'Ride').map((r) => (r[nth(header, 'Max Heart Rate', 0)] === '' ? null : Number(r[nth(header, 'Max Heart Rate', 0)])));
    expect(runs.map((r) => r.maxHr)).toEqual(expected);
    expect(expected).toEqual([168, 181, null]);
  });

  it('reads the second Max Heart Rate when only it is filled, and agrees when both are', async () => {
    const onlySecond = await runsOf(edited((row, header) => { row[nth(header, 'Max Heart Rate', 0)] = ''; }));
    expect(onlySecond.map((r) => r.maxHr)).toEqual([168, 181, null]);
    expect((await runsOf(FIXTURE)).map((r) => r.maxHr)).toEqual([168, 181, null]);
  });

  it('prefers the decimal Elapsed Time and falls back to the first one when it is empty', async () => {
    expect((await runsOf(FIXTURE)).map((r) => r.elapsedS)).toEqual([2712, 5402, 1800]);
    const firstOnly = await runsOf(edited((row, header) => { row[nth(header, 'Elapsed Time', 1)] = ''; }));
    expect(firstOnly.map((r) => r.elapsedS)).toEqual([2712, 5400, 1800]);
  });

  it('never reads the first Distance (km or miles) as metres', async () => {
    const csv = edited((row, header) => { row[nth(header, 'Distance', 1)] = ''; });
    await expect(runsOf(csv)).rejects.toThrow('activities.csv line 2: Distance (metres) is empty');
  });
});
