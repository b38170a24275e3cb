import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser, setAthleteSettings } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { errorCodes, execute } from '../helpers/graphql';
import { rollupMismatches } from '../helpers/invariants';
import * as fitnessModule from '../../src/ingest/fitness';
import { importFile } from '../../src/ingest/import-file';
import type { App } from '../../src/app';

const NOW = new Date('2026-03-10T18:00:00Z');
// Copies of ../shared/fixtures (MIT, see fitparse_LICENSE.txt beside them), so the tests need nothing outside the repo.
const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'fit');
const STRAVA_CSV = path.resolve(__dirname, '..', 'fixtures', 'strava-activities.csv');

let t: TestDatabase;
let app: App;
let coach: string;
let orgId: number;
let nia: number;
let olaf: number;
let other: number;

const INGEST = `mutation($athleteId: ID!, $activities: [ActivityInput!]!) {
  ingestActivities(athleteId: $athleteId, activities: $activities) {
    written localDates athlete { fitnessStats(days: 7) { totalActivities totalDistance } fitness { asOf ctl } }
  } }`;

const activity = (externalId: string, startTime: string, distance = 10_000, extra: Record<string, unknown> = {}) => ({
  source: 'garmin', externalId, startTime, distance, movingTime: 3000, avgHeartRate: 150, ...extra,
});

const count = async (athleteId: number) =>
  Number((await t.db.selectFrom('activities').select((eb) => eb.fn.countAll().as('n')).where('athlete_id', '=', athleteId).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganization(t.db, 'Ingest API Club', 'UTC');
  const coachId = await createUser(t.db, orgId, { role: 'coach', name: 'Coach Ida' });
  nia = await createUser(t.db, orgId, { role: 'athlete', name: 'Nia New York', timezone: 'America/New_York', sex: 'female' });
  olaf = await createUser(t.db, orgId, { role: 'athlete', name: 'Olaf Oslo', timezone: 'Europe/Oslo', sex: 'male' });
  await setAthleteSettings(t.db, orgId, nia, { hr_max: 190, hr_rest: 50, threshold_pace_s_per_km: 300 });
  await setAthleteSettings(t.db, orgId, olaf, { hr_max: 195, hr_rest: 45, threshold_pace_s_per_km: 270 });
  const otherOrg = await createOrganization(t.db, 'Elsewhere');
  other = await createUser(t.db, otherOrg, { role: 'athlete', name: 'Someone Else' });
  coach = await tokenFor({ orgId, userId: coachId, role: 'COACH' });
  app = createTestApp(t.db, { clock: () => NOW });
});

afterAll(() => t.close());

describe('ingestActivities', () => {
  it('writes a batch and answers with the new numbers in the same response', async () => {
    const result = await execute<any, any>(app, coach, INGEST, {
      athleteId: String(nia),
      activities: [activity('a1', '2026-03-09T00:30:00Z'), activity('a2', '2026-03-10T12:00:00Z', 5000)],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data.ingestActivities).toEqual({
      written: 2,
      localDates: ['2026-03-08', '2026-03-10'], // 00:30 UTC on the 9th is the 8th in New York
      athlete: { fitnessStats: { totalActivities: 2, totalDistance: 15_000 }, fitness: { asOf: '2026-03-10', ctl: expect.any(Number) } },
    });
    expect(await rollupMismatches(t.db)).toEqual([]);
  });

  it('changes nothing when the same batch arrives twice', async () => {
    const batch = [activity('a1', '2026-03-09T00:30:00Z'), activity('a2', '2026-03-10T12:00:00Z', 5000)];
    const before = await t.db.selectFrom('activity_daily').selectAll().where('athlete_id', '=', nia).orderBy('local_date').execute();
    const again = await execute<any, any>(app, coach, INGEST, { athleteId: String(nia), activities: batch });
    expect(again.data.ingestActivities.written).toBe(0);
    expect(await t.db.selectFrom('activity_daily').selectAll().where('athlete_id', '=', nia).orderBy('local_date').execute()).toEqual(before);
  });

  it('replaces an activity with a newer version and ignores an older one arriving late', async () => {
    await execute(app, coach, INGEST, { athleteId: String(nia), activities: [activity('v', '2026-03-05T12:00:00Z', 8000, { updatedAt: '2026-03-05T13:00:00Z' })] } as any);
    await execute(app, coach, INGEST, { athleteId: String(nia), activities: [activity('v', '2026-03-05T12:00:00Z', 8500, { updatedAt: '2026-03-05T14:00:00Z' })] } as any);
    const late = await execute<any, any>(app, coach, INGEST, { athleteId: String(nia), activities: [activity('v', '2026-03-05T12:00:00Z', 7000, { updatedAt: '2026-03-05T13:30:00Z' })] });
    expect(late.data.ingestActivities.written).toBe(0);
    const row = await t.db.selectFrom('activities').select('distance_m').where('external_id', '=', 'v').executeTakeFirstOrThrow();
    expect(row.distance_m).toBe(8500);
    // A write without a version applies but keeps the stored version: an older one still loses.
    await execute(app, coach, INGEST, { athleteId: String(nia), activities: [activity('v', '2026-03-05T12:00:00Z', 9000)] } as any);
    await execute(app, coach, INGEST, { athleteId: String(nia), activities: [activity('v', '2026-03-05T12:00:00Z', 7000, { updatedAt: '2026-03-05T13:30:00Z' })] } as any);
    const kept = await t.db.selectFrom('activities').select(['distance_m', 'source_updated_at']).where('external_id', '=', 'v').executeTakeFirstOrThrow();
    expect(kept).toEqual({ distance_m: 9000, source_updated_at: new Date('2026-03-05T14:00:00Z') });
  });

  it('rejects the whole batch when one item is invalid, naming the item and field', async () => {
    const before = await count(nia);
    const cases: [unknown[], RegExp][] = [
      [[activity('ok', '2026-03-01T12:00:00Z'), activity('bad', '2026-03-02T12:00:00Z', -5)], /^activities\[1\]\.distance must be at least 0$/],
      [[activity('ok', '2026-03-01T12:00:00Z', 1000, { avgHeartRate: 400 })], /^activities\[0\]\.avgHeartRate must be at most 250$/],
      [[activity('ok', '2026-03-01T12:00:00Z', 1000, { elapsedTime: 10 })], /^activities\[0\]\.elapsedTime must not be less than movingTime$/],
      [[activity('ok', '2026-03-01T12:00:00Z', 1000, { paceZoneTimes: [1, 2, 3] })], /^activities\[0\]\.paceZoneTimes /],
      [[activity('dup', '2026-03-01T12:00:00Z'), activity('dup', '2026-03-02T12:00:00Z')], /^activities\[1\]\.externalId repeats activities\[0\]/],
      [[activity('future', '2026-04-01T12:00:00Z')], /^activities\[0\]\.startTime must not be more than a day in the future$/],
      [[activity('ride', '2026-03-01T12:00:00Z', 30_000, { sport: 'ride' })], /^activities\[0\]\.sport must be "run": Stride keeps runs only$/],
      [Array.from({ length: 1001 }, (_, i) => activity(`n${i}`, '2026-03-01T12:00:00Z')), /^activities may hold at most 1000 items; got 1001$/],
    ];
    for (const [activities, message] of cases) {
      const result = await execute(app, coach, INGEST, { athleteId: String(nia), activities } as any);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0].message).toMatch(message);
    }
    expect(await count(nia)).toBe(before);
  });

  it('writes nothing when the write fails after the activities went in', async () => {
    const before = await count(nia);
    const spy = jest.spyOn(fitnessModule, 'refreshFitness').mockRejectedValueOnce(new Error('disk full'));
    const result = await execute(app, coach, INGEST, { athleteId: String(nia), activities: [activity('k1', '2026-03-03T12:00:00Z'), activity('k2', '2026-03-04T12:00:00Z')] } as any);
    spy.mockRestore();
    expect(result.errors![0].message).toBe('Unexpected error.');
    expect(await count(nia)).toBe(before);
    expect(await rollupMismatches(t.db)).toEqual([]);
  });

  it('lets an athlete write their own data only, and never into another organization', async () => {
    const self = await tokenFor({ orgId, userId: olaf, role: 'ATHLETE' });
    expect((await execute<any, any>(app, self, INGEST, { athleteId: String(olaf), activities: [activity('o1', '2026-03-08T08:00:00Z')] })).errors).toBeUndefined();
    expect(errorCodes(await execute(app, self, INGEST, { athleteId: String(nia), activities: [activity('o2', '2026-03-08T08:00:00Z')] } as any))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await execute(app, coach, INGEST, { athleteId: String(other), activities: [activity('x', '2026-03-08T08:00:00Z')] } as any))).toEqual(['NOT_FOUND']);
  });
});

describe('deleteActivity', () => {
  const DELETE = 'mutation($id: ID!) { deleteActivity(id: $id) { id localDate athlete { fitnessStats(days: 30) { totalActivities } } } }';

  it('tombstones a run: the rollup drops it, and a late update does not bring it back', async () => {
    await execute(app, coach, INGEST, { athleteId: String(nia), activities: [activity('gone', '2026-03-06T12:00:00Z', 4000)] } as any);
    const { id } = await t.db.selectFrom('activities').select('id').where('external_id', '=', 'gone').executeTakeFirstOrThrow();
    const deleted = await execute<any, any>(app, coach, DELETE, { id: String(id) });
    expect(deleted.data.deleteActivity).toMatchObject({ id: String(id), localDate: '2026-03-06' });
    const late = await execute<any, any>(app, coach, INGEST, { athleteId: String(nia), activities: [activity('gone', '2026-03-06T12:00:00Z', 4500)] });
    expect(late.data.ingestActivities.written).toBe(0);
    expect(await t.db.selectFrom('activity_daily').select('runs').where('athlete_id', '=', nia).where('local_date', '=', '2026-03-06').execute()).toEqual([]);
    expect((await execute<any, any>(app, coach, DELETE, { id: String(id) })).errors).toBeUndefined();
    expect(await rollupMismatches(t.db)).toEqual([]);
  });

  it('answers NOT_FOUND for another organization’s activity and FORBIDDEN for a teammate’s', async () => {
    expect(errorCodes(await execute(app, coach, DELETE, { id: '999999' } as any))).toEqual(['NOT_FOUND']);
    const { id } = await t.db.selectFrom('activities').select('id').where('athlete_id', '=', nia).where('deleted_at', 'is', null).executeTakeFirstOrThrow();
    const olafToken = await tokenFor({ orgId, userId: olaf, role: 'ATHLETE' });
    expect(errorCodes(await execute(app, olafToken, DELETE, { id: String(id) } as any))).toEqual(['FORBIDDEN']);
  });
});

describe('recordHealthMetrics', () => {
  const RECORD = `mutation($athleteId: ID!, $days: [HealthDayInput!]!) {
    recordHealthMetrics(athleteId: $athleteId, days: $days) { written localDates athlete { fitness { vo2max restingHeartRate } } } }`;

  it('upserts days and refreshes the cached fitness', async () => {
    const result = await execute<any, any>(app, coach, RECORD, {
      athleteId: String(nia),
      days: [{ date: '2026-03-09', restingHeartRate: 47, vo2max: 50.5, source: 'garmin' }, { date: '2026-03-10', restingHeartRate: 46, hrv: 70, source: 'garmin' }],
    });
    expect(result.data.recordHealthMetrics).toEqual({ written: 2, localDates: ['2026-03-09', '2026-03-10'], athlete: { fitness: { vo2max: 50.5, restingHeartRate: 46 } } });
  });

  it('merges a day: a write with only HRV keeps the resting HR already recorded', async () => {
    await execute(app, coach, RECORD, { athleteId: String(nia), days: [{ date: '2026-03-09', hrv: 66, source: 'apple_health' }] } as any);
    const day = await t.db.selectFrom('health_daily').select(['resting_hr', 'hrv_rmssd_ms', 'vo2max', 'source']).where('athlete_id', '=', nia).where('local_date', '=', '2026-03-09').executeTakeFirstOrThrow();
    expect(day).toEqual({ resting_hr: 47, hrv_rmssd_ms: 66, vo2max: 50.5, source: 'apple_health' });
  });

  it('rejects a bad day and writes none', async () => {
    const result = await execute(app, coach, RECORD, { athleteId: String(nia), days: [{ date: '2026-03-08', restingHeartRate: 50, source: 'garmin' }, { date: '2026-03-07', recoveryScore: 140, source: 'garmin' }] } as any);
    expect(result.errors![0].message).toBe('days[1].recoveryScore must be at most 100');
    expect(await t.db.selectFrom('health_daily').select('local_date').where('athlete_id', '=', nia).where('local_date', '=', '2026-03-08').execute()).toEqual([]);
  });
});

describe('imports', () => {
  it('imports the runs of a Strava activities.csv over HTTP, reading metres and UTC start times', async () => {
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: 'mutation($a: ID!, $f: File!) { importActivities(athleteId: $a, file: $f) { format written localDates } }', variables: { a: String(olaf), f: null } }));
    form.append('map', JSON.stringify({ 0: ['variables.f'] }));
    form.append('0', new Blob([readFileSync(STRAVA_CSV)], { type: 'text/csv' }), 'activities.csv');
    const response = await app.fetch('http://stride.test/graphql', { method: 'POST', headers: { authorization: `Bearer ${coach}`, 'x-graphql-yoga-csrf': '1' }, body: form });
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    // Oslo (UTC+1 in March): 23:30 UTC on 7 Mar is 8 Mar, 00:05 UTC on 9 Mar is 9 Mar; the ride is skipped.
    expect(body.data.importActivities).toEqual({ format: 'STRAVA_CSV', written: 3, localDates: ['2026-03-08', '2026-03-09', '2026-03-10'] });
    const rows = await t.db.selectFrom('activities').select(['external_id', 'distance_m', 'moving_s', 'elapsed_s', 'avg_hr', 'max_hr', 'calories', 'load_method']).where('source', '=', 'strava').orderBy('external_id').execute();
    expect(rows).toEqual([
      { external_id: '11223344001', distance_m: 8021.4, moving_s: 2650, elapsed_s: 2712, avg_hr: 147, max_hr: 168, calories: 612, load_method: 'trimp' },
      { external_id: '11223344003', distance_m: 12_503, moving_s: 5100, elapsed_s: 5402, avg_hr: 158, max_hr: 181, calories: 1010, load_method: 'trimp' },
      { external_id: '11223344004', distance_m: 5000, moving_s: 1800, elapsed_s: 1800, avg_hr: null, max_hr: null, calories: 300, load_method: 'pace' },
    ]);
    expect(await rollupMismatches(t.db)).toEqual([]);
  });

  it('imports FIT runs with session totals, zone times from the records, and local dates in the athlete zone', async () => {
    const fenix2 = await importFile(t.db, orgId, olaf, path.join(FIXTURES, 'fitparse_activity-small-fenix2-run.fit'), { now: NOW });
    expect(fenix2).toMatchObject({ format: 'FIT', written: 1, localDates: ['2015-08-15'] });
    const fenix5 = await importFile(t.db, orgId, olaf, path.join(FIXTURES, 'fitparse_garmin-fenix-5-run.fit'), { now: NOW });
    expect(fenix5).toMatchObject({ format: 'FIT', written: 1, localDates: ['2017-06-11'] });
    const rows = await t.db.selectFrom('activities').selectAll().where('source', '=', 'fit').orderBy('start_time').execute();
    expect(rows.map((r) => [r.start_time.toISOString(), r.distance_m, r.moving_s, r.elapsed_s, r.calories, r.elevation_gain_m])).toEqual([
      ['2015-08-15T14:45:08.000Z', 9008.22, 2832, 2832, 516, 64],
      ['2017-06-11T14:34:09.000Z', 157.56, 57, 57, 5, 2],
    ]);
    const [long] = rows;
    const hrZones = [long.hr_z1_s, long.hr_z2_s, long.hr_z3_s, long.hr_z4_s, long.hr_z5_s];
    const paceZones = [long.pace_z1_s, long.pace_z2_s, long.pace_z3_s, long.pace_z4_s, long.pace_z5_s];
    // Every recorded second lands in exactly one zone (pauses over 10 s are not running time).
    expect(hrZones.reduce((a, b) => a + b, 0)).toBeGreaterThan(2700);
    expect(hrZones.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2832);
    expect(paceZones.reduce((a, b) => a + b, 0)).toBeGreaterThan(2700);
    expect(long.avg_hr).toBeGreaterThan(100);
    expect(long.load_method).toBe('trimp');
    expect(await importFile(t.db, orgId, olaf, path.join(FIXTURES, 'fitparse_garmin-fenix-5-run.fit'), { now: NOW })).toMatchObject({ written: 0 });
  });

  it('recognises a FIT upload by its header, whatever its name', async () => {
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: 'mutation($a: ID!, $f: File!) { importActivities(athleteId: $a, file: $f) { format written localDates } }', variables: { a: String(olaf), f: null } }));
    form.append('map', JSON.stringify({ 0: ['variables.f'] }));
    form.append('0', new Blob([readFileSync(path.join(FIXTURES, 'fitparse_garmin-fenix-5-run.fit'))]), 'upload.bin');
    const response = await app.fetch('http://stride.test/graphql', { method: 'POST', headers: { authorization: `Bearer ${coach}`, 'x-graphql-yoga-csrf': '1' }, body: form });
    // Already imported above: recognised, and idempotent.
    expect((await response.json()).data.importActivities).toEqual({ format: 'FIT', written: 0, localDates: ['2017-06-11'] });
  });

  it("reads Strava's Perceived Exertion as the run's session RPE, blank as none", async () => {
    const rater = await createUser(t.db, orgId, { role: 'athlete', name: 'Rita Rater' });
    // Ids of its own: another athlete of the organization already has the fixture's.
    const lines = readFileSync(STRAVA_CSV, 'utf8').replaceAll('1122334400', '5566778800').trimEnd().split('\n');
    const csv = lines.map((line, i) => `${line},${i === 0 ? 'Perceived Exertion' : i === 1 ? '7' : ''}`).join('\n');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'stride-csv-')), 'activities.csv');
    writeFileSync(file, csv);
    await importFile(t.db, orgId, rater, file, { now: NOW });
    const rows = await t.db.selectFrom('activities').select(['external_id', 'rpe']).where('athlete_id', '=', rater).orderBy('external_id').execute();
    expect(rows.map((r) => r.rpe)).toEqual([7, null, null]);
  });

  it('refuses a CSV that repeats an activity, naming both lines', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'stride-csv-')), 'activities.csv');
    writeFileSync(file, readFileSync(STRAVA_CSV, 'utf8').replace('11223344003', '11223344001'));
    await expect(importFile(t.db, orgId, olaf, file)).rejects.toThrow('activities.csv line 4: Activity ID 11223344001 repeats line 2');
  });

  it('refuses a file that is neither, and writes nothing for a CSV with a bad row', async () => {
    await expect(importFile(t.db, orgId, olaf, path.join(FIXTURES, 'fitparse_LICENSE.txt'))).rejects.toThrow(/neither a FIT activity nor a Strava activities.csv/);
    const before = await count(olaf);
    const form = new FormData();
    const csv = readFileSync(STRAVA_CSV, 'utf8').replace('8021.4', 'eight');
    form.append('operations', JSON.stringify({ query: 'mutation($a: ID!, $f: File!) { importActivities(athleteId: $a, file: $f) { written } }', variables: { a: String(olaf), f: null } }));
    form.append('map', JSON.stringify({ 0: ['variables.f'] }));
    form.append('0', new Blob([csv.replace('11223344001', '99')], { type: 'text/csv' }), 'activities.csv');
    const response = await app.fetch('http://stride.test/graphql', { method: 'POST', headers: { authorization: `Bearer ${coach}`, 'x-graphql-yoga-csrf': '1' }, body: form });
    const body = await response.json();
    expect(body.errors[0]).toMatchObject({ message: 'activities.csv line 2: Distance (metres) must be a non-negative number; got "eight"', extensions: { code: 'BAD_USER_INPUT' } });
    expect(await count(olaf)).toBe(before);
  });
});
