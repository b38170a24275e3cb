import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser, setAthleteSettings } from '../helpers/fixtures';
import { upsertActivities, type ActivityRecord } from '../../src/ingest/activities';
import { upsertHealthDays } from '../../src/ingest/health';
import { rollupMismatches } from '../helpers/invariants';

let t: TestDatabase;
let orgId: number;
let otherOrgId: number;
let athleteId: number;
let otherAthleteId: number;

const run = (externalId: string, startTime: string, extra: Partial<ActivityRecord> = {}): ActivityRecord => ({
  source: 'test',
  externalId,
  startTime: new Date(startTime),
  distanceM: 10_000,
  movingS: 3000,
  elapsedS: 3100,
  ...extra,
});

const dailyRows = () =>
  t.db.selectFrom('activity_daily').selectAll().where('athlete_id', '=', athleteId).orderBy('local_date').execute();

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganization(t.db, 'Ingest Club', 'UTC');
  otherOrgId = await createOrganization(t.db, 'Other Club', 'UTC');
  athleteId = await createUser(t.db, orgId, { role: 'athlete', name: 'Nora NY', timezone: 'America/New_York', sex: 'female' });
  otherAthleteId = await createUser(t.db, otherOrgId, { role: 'athlete', name: 'Olle Other' });
  await setAthleteSettings(t.db, orgId, athleteId, { hr_max: 190, hr_rest: 50, threshold_pace_s_per_km: 300 });
});

afterAll(() => t.close());

beforeEach(async () => {
  await t.db.deleteFrom('activities').execute();
  await t.db.deleteFrom('activity_daily').execute();
  await t.db.deleteFrom('activity_weekly').execute();
});

describe('upsertActivities', () => {
  it('stores local dates in the athlete zone and the load method beside the load', async () => {
    await upsertActivities(t.db, orgId, athleteId, [
      // 00:30 UTC on the 10th is 19:30 on the 9th in New York.
      run('a', '2026-03-10T00:30:00Z', { avgHr: 150 }),
      run('b', '2026-03-10T12:00:00Z', { avgHr: null }),
    ]);
    const rows = await t.db.selectFrom('activities').select(['external_id', 'local_date', 'load_method', 'training_load']).orderBy('external_id').execute();
    expect(rows).toEqual([
      // TRIMP, female: 50 min x (100/140) x 0.86 e^(1.67 x 100/140)
      { external_id: 'a', local_date: '2026-03-09', load_method: 'trimp', training_load: expect.closeTo(101.2492, 3) },
      // pace: 10 km in 3000 s against 300 s/km: IF 1, 50/60 h x 100
      { external_id: 'b', local_date: '2026-03-10', load_method: 'pace', training_load: expect.closeTo(83.3333, 3) },
    ]);
  });

  it('sums a day into activity_daily with moving-time-weighted HR over runs that have HR', async () => {
    await upsertActivities(t.db, orgId, athleteId, [
      run('m1', '2026-05-02T11:00:00Z', { distanceM: 8000, movingS: 2400, avgHr: 140, calories: 500, paceZoneS: [100, 200, 300, 400, 500], hrZoneS: [0, 2400] }),
      run('m2', '2026-05-02T21:00:00Z', { distanceM: 5000, movingS: 1600, avgHr: 160, calories: 300, paceZoneS: [10, 20, 30, 40, 50] }),
      run('m3', '2026-05-02T23:00:00Z', { distanceM: 2000, movingS: 700, avgHr: null }),
    ]);
    const [day] = await dailyRows();
    expect(day).toMatchObject({
      local_date: '2026-05-02',
      runs: 3,
      distance_m: 15000,
      moving_s: 4700,
      calories: 800,
      longest_run_m: 8000,
      hr_sum: 140 * 2400 + 160 * 1600,
      hr_s: 4000,
      pace_z1_s: 110,
      pace_z5_s: 550,
      hr_z2_s: 2400,
    });
    expect(day.hr_sum / day.hr_s).toBe(148);
  });

  it('is idempotent: the same batch twice changes nothing', async () => {
    const batch = [run('i1', '2026-05-03T10:00:00Z'), run('i2', '2026-05-04T10:00:00Z')];
    await upsertActivities(t.db, orgId, athleteId, batch);
    const before = await dailyRows();
    await upsertActivities(t.db, orgId, athleteId, batch);
    expect(await t.db.selectFrom('activities').select('id').execute()).toHaveLength(2);
    expect(await dailyRows()).toEqual(before);
  });

  it('moves an updated activity between days and drops the emptied day', async () => {
    await upsertActivities(t.db, orgId, athleteId, [run('mv', '2026-05-05T10:00:00Z')]);
    await upsertActivities(t.db, orgId, athleteId, [run('mv', '2026-05-07T10:00:00Z', { distanceM: 12_000 })]);
    const days = await dailyRows();
    expect(days.map((d) => [d.local_date, d.distance_m])).toEqual([['2026-05-07', 12_000]]);
  });

  it('keeps a deleted activity deleted when a late update arrives', async () => {
    await upsertActivities(t.db, orgId, athleteId, [run('tomb', '2026-05-08T10:00:00Z')]);
    await t.db.updateTable('activities').set({ deleted_at: new Date() }).where('external_id', '=', 'tomb').execute();
    await upsertActivities(t.db, orgId, athleteId, [run('tomb', '2026-05-08T10:00:00Z', { distanceM: 99_000 })]);
    const row = await t.db.selectFrom('activities').select(['distance_m', 'deleted_at']).where('external_id', '=', 'tomb').executeTakeFirstOrThrow();
    expect(row.distance_m).toBe(10_000);
    expect(row.deleted_at).not.toBeNull();
    expect(await dailyRows()).toEqual([]);
  });

  it('writes nothing when one item of the batch fails', async () => {
    await expect(
      upsertActivities(t.db, orgId, athleteId, [
        run('ok1', '2026-05-09T10:00:00Z'),
        run('ok2', '2026-05-10T10:00:00Z'),
        run('bad', '2026-05-11T10:00:00Z', { movingS: 1e12 }), // overflows the integer column
      ]),
    ).rejects.toThrow();
    expect(await t.db.selectFrom('activities').select('id').execute()).toEqual([]);
    expect(await dailyRows()).toEqual([]);
  });

  it('answers NOT_FOUND for an athlete of another organization and writes nothing', async () => {
    await expect(upsertActivities(t.db, orgId, otherAthleteId, [run('x', '2026-05-12T10:00:00Z')])).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
    expect(await t.db.selectFrom('activities').select('id').execute()).toEqual([]);
  });
});

describe('upsertHealthDays', () => {
  it('upserts one row per local day', async () => {
    await upsertHealthDays(t.db, orgId, athleteId, [
      { localDate: '2026-05-01', restingHr: 48, hrvRmssdMs: 70, source: 'garmin' },
      { localDate: '2026-05-02', restingHr: 49, source: 'garmin' },
    ]);
    await upsertHealthDays(t.db, orgId, athleteId, [{ localDate: '2026-05-02', restingHr: 47, vo2max: 55.5, source: 'apple_health' }]);
    const rows = await t.db
      .selectFrom('health_daily')
      .select(['local_date', 'resting_hr', 'hrv_rmssd_ms', 'vo2max', 'source'])
      .where('athlete_id', '=', athleteId)
      .orderBy('local_date')
      .execute();
    expect(rows).toEqual([
      { local_date: '2026-05-01', resting_hr: 48, hrv_rmssd_ms: 70, vo2max: null, source: 'garmin' },
      { local_date: '2026-05-02', resting_hr: 47, hrv_rmssd_ms: null, vo2max: 55.5, source: 'apple_health' },
    ]);
  });
});

describe('concurrent writes for one athlete', () => {
  it('both land, on different days of one week, and the rollups stay exact', async () => {
    for (let round = 0; round < 5; round++) {
      // Monday and Wednesday of the same ISO week (New York dates), written at the same time;
      // each round starts 10 minutes later, so no run is another's duplicate.
      const results = await Promise.allSettled([
        upsertActivities(t.db, orgId, athleteId, [run(`mon-${round}`, `2026-03-09T15:${round}0:00Z`)]),
        upsertActivities(t.db, orgId, athleteId, [run(`wed-${round}`, `2026-03-11T15:${round}0:00Z`)]),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    }
    const week = await t.db.selectFrom('activity_weekly').select(['week_start', 'runs']).where('athlete_id', '=', athleteId).execute();
    expect(week).toEqual([{ week_start: '2026-03-09', runs: 10 }]);
    expect(await rollupMismatches(t.db)).toEqual([]);
  });
});
