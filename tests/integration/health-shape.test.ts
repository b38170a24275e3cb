import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { errorCodes, execute } from '../helpers/graphql';
import type { App } from '../../src/app';

// Health data in the shape real exports have: HRV as SDNN beside RMSSD, sleep from two
// overlapping sources, and one impossible day that need not take the others down.
const NOW = new Date('2026-03-20T12:00:00Z');

let t: TestDatabase;
let app: App;
let token: string;
let athleteId: number;

const RECORD = `mutation($athleteId: ID!, $days: [HealthDayInput!]!, $skipInvalid: Boolean) {
  recordHealthMetrics(athleteId: $athleteId, days: $days, skipInvalid: $skipInvalid) { written localDates refused { index date message } } }`;
const METRICS = `query($id: ID!) { athlete(id: $id) { healthMetrics(from: "2026-03-16", to: "2026-03-17", granularity: DAY) {
  buckets { start hrv hrvReadings hrvSdnn hrvSdnnReadings sleep sleepReadings } } } }`;

beforeAll(async () => {
  t = await createTestDatabase();
  const orgId = await createOrganization(t.db, 'Health Club', 'UTC');
  athleteId = await createUser(t.db, orgId, { role: 'athlete', name: 'Ida' });
  token = await tokenFor({ orgId, userId: await createUser(t.db, orgId, { role: 'coach', name: 'Coach' }), role: 'COACH' });
  app = createTestApp(t.db, { clock: () => NOW });
});

afterAll(() => t.close());

const record = (days: unknown[], skipInvalid?: boolean) => execute<any, any>(app, token, RECORD, { athleteId: String(athleteId), days, skipInvalid });
const buckets = async () => (await execute<any, any>(app, token, METRICS, { id: String(athleteId) })).data.athlete.healthMetrics.buckets;

describe('health data in its real shape', () => {
  it('keeps SDNN apart from RMSSD and counts overlapping sleep once', async () => {
    // The watch: 22:30–06:30 in two stages, and RMSSD.
    expect((await record([{ date: '2026-03-16', hrv: 62, source: 'garmin', sleepIntervals: [
      { start: '2026-03-15T22:30:00Z', end: '2026-03-16T02:00:00Z' }, { start: '2026-03-16T02:00:00Z', end: '2026-03-16T06:30:00Z' },
    ] }])).errors).toBeUndefined();
    // The phone, later: 23:00–07:00, and SDNN. Union 22:30–07:00 = 8.5 h, not 16.
    expect((await record([{ date: '2026-03-16', hrvSdnn: 48, source: 'apple_health', sleepIntervals: [{ start: '2026-03-15T23:00:00Z', end: '2026-03-16T07:00:00Z' }] }])).errors).toBeUndefined();
    expect(await buckets()).toEqual([
      { start: '2026-03-16', hrv: 62, hrvReadings: 1, hrvSdnn: 48, hrvSdnnReadings: 1, sleep: 8.5 * 3600, sleepReadings: 1 },
      { start: '2026-03-17', hrv: null, hrvReadings: 0, hrvSdnn: null, hrvSdnnReadings: 0, sleep: null, sleepReadings: 0 },
    ]);
    // A total in seconds replaces the day's sleep, intervals and all.
    await record([{ date: '2026-03-16', sleepSeconds: 7 * 3600, source: 'oura' }]);
    expect((await buckets())[0].sleep).toBe(7 * 3600);
  });

  it('refuses the whole batch for one impossible day by default, naming the field, the day and the range', async () => {
    const result = await record([{ date: '2026-03-17', hrv: 70, source: 'garmin' }, { date: '2026-03-18', restingHeartRate: 300, source: 'garmin' }]);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message).toBe('days[1].restingHeartRate must be at most 150');
    expect((await buckets())[1].hrvReadings).toBe(0);
  });

  it('writes the valid days and lists the refused ones with skipInvalid', async () => {
    const result = await record([
      { date: '2026-03-17', hrv: 70, source: 'garmin' },
      { date: '2026-03-18', restingHeartRate: 300, source: 'garmin' },
      { date: '2026-03-19', source: 'apple_health', sleepIntervals: [{ start: '2026-03-18T20:00:00Z', end: '2026-03-19T21:00:00Z' }] },
    ], true);
    expect(result.errors).toBeUndefined();
    expect(result.data.recordHealthMetrics).toEqual({
      written: 1, localDates: ['2026-03-17'],
      refused: [
        { index: 1, date: '2026-03-18', message: 'days[1].restingHeartRate must be at most 150' },
        { index: 2, date: '2026-03-19', message: 'days[2].sleepIntervals[0] must end after it starts, at most 24 hours later' },
      ],
    });
    expect((await buckets())[1]).toMatchObject({ hrv: 70, hrvReadings: 1 });
  });

  it('counts sleep in whole seconds, and refuses a day whose intervals with those stored would pass 24 hours', async () => {
    const half = await record([{ date: '2026-03-18', source: 'garmin', sleepIntervals: [{ start: '2026-03-17T22:00:00.500Z', end: '2026-03-18T06:00:00Z' }] }]);
    expect(half.errors).toBeUndefined();
    const first = await record([{ date: '2026-03-19', source: 'garmin', sleepIntervals: [{ start: '2026-03-18T00:00:00Z', end: '2026-03-19T00:00:00Z' }] }]);
    expect(first.errors).toBeUndefined();
    const second = await record([{ date: '2026-03-19', source: 'apple_health', sleepIntervals: [{ start: '2026-03-19T00:00:00Z', end: '2026-03-19T08:00:00Z' }] }]);
    expect(errorCodes(second)).toEqual(['BAD_USER_INPUT']);
    expect(second.errors![0].message).toBe('the sleep of 2026-03-19 would cover 115200 s with the intervals already stored for that day; at most 86400');
    const rows = await t.db.selectFrom('health_daily').select(['local_date', 'sleep_s']).where('athlete_id', '=', athleteId).where('local_date', 'in', ['2026-03-18', '2026-03-19']).orderBy('local_date').execute();
    // 22:00:00.5 rounds to 22:00:01: 8 hours less a second.
    expect(rows).toEqual([{ local_date: '2026-03-18', sleep_s: 8 * 3600 - 1 }, { local_date: '2026-03-19', sleep_s: 86_400 }]);
  });
});
