import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { appleInstant, readAppleHealth } from '../../src/ingest/apple-health';

const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'apple-health', 'export.xml');
const at = (iso: string) => Date.parse(iso) / 1000;
const WATCH = createHash('sha256').update('Ida’s Apple Watch').digest('hex').slice(0, 8);

describe('readAppleHealth', () => {
  it('folds the records into Berlin days and reads the running workouts, leaving the ride and per-beat HR out', async () => {
    const data = await readAppleHealth(createReadStream(FIXTURE), 'Europe/Berlin');
    expect(data.days).toEqual([
      // The night of 15 to 16 March: asleep 23:15–06:45 Berlin time, watch and phone counted once.
      { date: '2026-03-16', restingHeartRate: 52, hrvSdnn: 48, sleepIntervals: [[at('2026-03-15T22:15:00Z'), at('2026-03-16T05:45:00Z')]] },
      { date: '2026-03-17', restingHeartRate: 54, vo2max: 48.2 },
    ]);
    expect(data.runs).toEqual([
      {
        source: 'apple_health', externalId: `workout-2026-03-16T16:05:00.000Z-${WATCH}`, sport: 'run', startTime: new Date('2026-03-16T16:05:00Z'),
        distanceM: 10_250, movingS: 3150, elapsedS: 3300, avgHr: 151.5, maxHr: 176, calories: 640, elevationGainM: 84.5,
      },
      {
        source: 'apple_health', externalId: `workout-2026-03-18T06:05:00.000Z-${WATCH}`, sport: 'run', startTime: new Date('2026-03-18T06:05:00Z'),
        distanceM: 3.5 * 1609.344, movingS: 1800, elapsedS: 2100, avgHr: 144, maxHr: 168, calories: 410, elevationGainM: null,
      },
    ]);
  });

  it('reads the same file cut into one-byte chunks (a chunk may end inside a multi-byte character)', async () => {
    const whole = await readAppleHealth(createReadStream(FIXTURE), 'UTC');
    async function* bytes() {
      for await (const chunk of createReadStream(FIXTURE, { highWaterMark: 1 })) yield chunk as Buffer;
    }
    expect(await readAppleHealth(bytes(), 'UTC')).toEqual(whole);
  });

  it('refuses what is not an export, naming the file and what it found', async () => {
    await expect(readAppleHealth(['<gpx version="1.1"></gpx>'], 'UTC')).rejects.toThrow('export.xml is not an Apple Health export: its root is <gpx>, not <HealthData>');
    await expect(readAppleHealth(['<HealthData><Record type="HKQuantityTypeIdentifierVO2Max" value="x" startDate="2026-03-01 07:00:00 +0100"/></HealthData>'], 'UTC'))
      .rejects.toThrow('export.xml line 1: HKQuantityTypeIdentifierVO2Max value must be a number; got "x"');
    await expect(readAppleHealth(['<HealthData><Record '], 'UTC')).rejects.toThrow(/not well-formed XML/);
  });

  it('reads the export\'s own time format', () => {
    expect(appleInstant('2026-03-01 07:00:00 +0100', 'x').toISOString()).toBe('2026-03-01T06:00:00.000Z');
    expect(() => appleInstant('yesterday', 'startDate')).toThrow('startDate must be a time such as "2026-03-01 07:00:00 +0100"; got "yesterday"');
  });
});
