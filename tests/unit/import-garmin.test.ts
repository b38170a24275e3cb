import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { garminDate, garminDuration, garminExternalId, garminNumber, parseGarminActivities, type Units } from '../../src/ingest/garmin-csv';
import type { ActivityRecord } from '../../src/ingest/activities';

// Built by hand from Garmin Connect's export format (see tests/fixtures/garmin/README.md).
const CSV = readFileSync(path.resolve(__dirname, '..', 'fixtures', 'garmin', 'Activities.csv'), 'utf8');
const NOW = new Date('2026-03-10T18:00:00Z');
const LA = 'America/Los_Angeles';

async function runsOf(csv: string, units: Units = 'metric', timezone = LA): Promise<ActivityRecord[]> {
  const runs: ActivityRecord[] = [];
  for await (const chunk of parseGarminActivities(Readable.from([csv]), { timezone, units, now: NOW })) runs.push(...chunk);
  return runs;
}

/** The fixture's running rows, converted here: Los Angeles is UTC-8 until 2026-03-08 02:00, UTC-7 after. */
function expectedFromFixture(csv: string, km: number, ascent: number) {
  const [header, ...rows] = parse(csv) as string[][];
  const at = (row: string[], name: string) => row[header.indexOf(name)];
  const num = (text: string) => (text === '--' ? null : Number(text.replaceAll(',', '')));
  const secs = (text: string) => {
    if (text === '--') return null;
    const parts = text.split(':').map(Number);
    return parts.length === 3 ? parts[0] * 3600 + parts[1] * 60 + parts[2] : parts[0] * 60 + parts[1];
  };
  const runTypes = ['Running', 'Treadmill Running', 'Trail Running', 'Track Running', 'Virtual Run'];
  return rows.filter((r) => runTypes.includes(at(r, 'Activity Type'))).map((r) => {
    const local = at(r, 'Date');
    const offsetHours = local < '2026-03-08 02:00:00' ? 8 : 7;
    const start = new Date(Date.parse(`${local.replace(' ', 'T')}Z`) + offsetHours * 3_600_000);
    const moving = secs(at(r, 'Moving Time')) ?? secs(at(r, 'Time'))!;
    return {
      startTime: start,
      distanceM: Number(at(r, 'Distance')) * km,
      movingS: Math.round(moving),
      elapsedS: Math.max(Math.round(moving), Math.round(secs(at(r, 'Elapsed Time')) ?? secs(at(r, 'Time'))!)),
      avgHr: num(at(r, 'Avg HR')), maxHr: num(at(r, 'Max HR')), calories: num(at(r, 'Calories')),
      elevationGainM: num(at(r, 'Total Ascent')) === null ? null : num(at(r, 'Total Ascent'))! * ascent,
    };
  });
}

describe('Garmin Connect Activities.csv', () => {
  it('reads the running rows: local Date in the athlete zone, km, h:mm:ss and mm:ss.s, "--" and thousands separators', async () => {
    const runs = await runsOf(CSV);
    const expected = expectedFromFixture(CSV, 1000, 1);
    expect(expected).toHaveLength(6);
    expect(runs.map(({ source, externalId, sport, ...rest }) => rest)).toEqual(expected.map((e) => ({ ...e, distanceM: expect.closeTo(e.distanceM, 6) })));
    expect(runs.every((r) => r.source === 'garmin_csv' && r.externalId === garminExternalId(r.startTime, r.distanceM))).toBe(true);
    // Spot checks written out: 23:40 local on 5 March is 07:40 UTC on the 6th; "1,105" kcal; "33:00.5" rounds to 1981 s.
    expect(runs.find((r) => r.calories === 1105)!.startTime.toISOString()).toBe('2026-03-06T07:40:00.000Z');
    expect(runs.find((r) => r.distanceM === 6000)).toMatchObject({ movingS: 1981, elapsedS: 1992, avgHr: null, maxHr: null });
  });

  it('reads miles and feet for an imperial account, and the same row gets the same id each time', async () => {
    const runs = await runsOf(CSV, 'imperial');
    const expected = expectedFromFixture(CSV, 1609.344, 0.3048);
    expect(runs.map((r) => [r.distanceM, r.elevationGainM])).toEqual(expected.map((e) => [expect.closeTo(e.distanceM, 6), e.elevationGainM === null ? null : expect.closeTo(e.elevationGainM, 9)]));
    expect((await runsOf(CSV)).map((r) => r.externalId)).toEqual((await runsOf(CSV)).map((r) => r.externalId));
  });

  it('reads the pieces as documented', () => {
    expect([garminDuration('01:02:03'), garminDuration('45:12.5'), garminDuration('0:07'), garminDuration('--'), garminDuration('1:75:00')]).toEqual([3723, 2712.5, 7, null, NaN]);
    expect([garminNumber('1,234.5'), garminNumber('12'), garminNumber('--'), garminNumber('8,02'), garminNumber('1,2345')]).toEqual([1234.5, 12, null, NaN, NaN]);
    expect(garminDate('2026-02-30 07:00:00', LA)).toBeNull();
    expect(garminDate('2026-07-01 07:00', 'Europe/Oslo')!.toISOString()).toBe('2026-07-01T05:00:00.000Z');
  });

  it('refuses a bad row with its line, and a repeated run naming both lines', async () => {
    const lines = CSV.trimEnd().split('\n');
    await expect(runsOf(CSV.replace('"10.02"', '"10,02"'))).rejects.toThrow('Activities.csv line 9: Distance must be a non-negative number like 1,234.5; got "10,02"');
    await expect(runsOf(CSV.replace('"2026-03-09 06:30:00"', '"09/03/2026 06:30"'))).rejects.toThrow('Activities.csv line 2: Date "09/03/2026 06:30" is not a local time like "2026-03-07 08:00:00"');
    await expect(runsOf(CSV.replace('"145","168"', '"145","400"'))).rejects.toThrow('Activities.csv line 2: Max HR must be at most 250; got "400"');
    await expect(runsOf([...lines, lines[1]].join('\n'))).rejects.toThrow('Activities.csv line 10: the run repeats line 2 (same start and distance)');
    await expect(runsOf('"Activity ID","Date"\n1,2\n')).rejects.toThrow('not a Garmin Activities.csv');
  });
});
