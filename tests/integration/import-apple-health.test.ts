import { createReadStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipOf } from '../helpers/zip';
import { importFile } from '../../src/ingest/import-file';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { execute } from '../helpers/graphql';
import { upsertActivities } from '../../src/ingest/activities';
import { importAppleHealth } from '../../src/ingest/apple-health-import';
import type { App } from '../../src/app';

const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'apple-health', 'export.xml');
const NOW = new Date('2026-03-20T12:00:00Z');
const options = { now: NOW };

let t: TestDatabase;
let app: App;
let token: string;
let orgId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganization(t.db, 'Apple Club', 'Europe/Berlin');
  token = await tokenFor({ orgId, userId: await createUser(t.db, orgId, { role: 'coach', name: 'Coach' }), role: 'COACH' });
  app = createTestApp(t.db, { clock: () => NOW });
});

afterAll(() => t.close());

/** Runs, metres and moving seconds of an export's running workouts, read with regular expressions (not the importer's parser). */
function runTotalsOf(xml: string) {
  const metres: Record<string, number> = { km: 1000, mi: 1609.344, m: 1 };
  const seconds: Record<string, number> = { min: 60, s: 1, h: 3600 };
  const workouts = [...xml.matchAll(/<Workout workoutActivityType="HKWorkoutActivityTypeRunning"([^>]*)>([\s\S]*?)<\/Workout>/g)];
  let totalDistance = 0;
  let totalDuration = 0;
  for (const [, attributes, body] of workouts) {
    const attribute = (name: string) => new RegExp(`${name}="([^"]+)"`).exec(attributes)?.[1];
    totalDuration += Number(attribute('duration')) * seconds[attribute('durationUnit')!];
    const stats = /type="HKQuantityTypeIdentifierDistanceWalkingRunning"[^>]*sum="([^"]+)" unit="([^"]+)"/.exec(body);
    totalDistance += attribute('totalDistance') ? Number(attribute('totalDistance')) * metres[attribute('totalDistanceUnit')!] : Number(stats![1]) * metres[stats![2]];
  }
  return { totalActivities: workouts.length, totalDistance, totalDuration };
}

const read = async (athleteId: number) => (await execute<any, any>(app, token, `query($id: ID!) { athlete(id: $id) {
  healthMetrics(from: "2026-03-16", to: "2026-03-17", granularity: DAY) { buckets { start restingHeartRate hrv hrvSdnn vo2max sleep } }
  activityStats(from: "2026-03-01", to: "2026-03-31", granularity: MONTH) { totals { totalActivities totalDistance totalDuration } }
  recentActivities(first: 5) { edges { node { source avgHeartRate sources { source shown } } } } } }`, { id: String(athleteId) })).data.athlete;

describe('an Apple Health export', () => {
  it('lands as health days in the athlete\'s zone and runs, one merged with the Strava copy already there', async () => {
    const athleteId = await createUser(t.db, orgId, { role: 'athlete', name: 'Ida', timezone: 'Europe/Berlin' });
    // Strava sent the 16 March run first: 40 s later by its clock, 1.5% shorter, no HR.
    await upsertActivities(t.db, orgId, athleteId, [{ source: 'strava', externalId: '777', startTime: new Date('2026-03-16T16:05:40Z'), distanceM: 10_100, movingS: 3140, elapsedS: 3300 }], options);
    const result = await importAppleHealth(t.db, orgId, athleteId, createReadStream(FIXTURE), options);
    expect(result).toMatchObject({ healthDays: 2, written: 2, merged: 1, otherAthlete: 0, refused: [] });
    const athlete = await read(athleteId);
    expect(athlete.healthMetrics.buckets).toEqual([
      { start: '2026-03-16', restingHeartRate: 52, hrv: null, hrvSdnn: (44.5 + 51.5) / 2, vo2max: null, sleep: 7.5 * 3600 },
      { start: '2026-03-17', restingHeartRate: 54, hrv: null, hrvSdnn: null, vo2max: 48.2, sleep: null },
    ]);
    // The fixture's own running workouts, summed here from the file: 10.25 km and 3.5 mi, 52.5 min and 1,800 s; the ride left out.
    expect(athlete.activityStats.totals).toEqual(runTotalsOf(readFileSync(FIXTURE, 'utf8')));
    expect(athlete.activityStats.totals).toEqual({ totalActivities: 2, totalDistance: 10_250 + 3.5 * 1609.344, totalDuration: 3150 + 1800 });
    expect(athlete.recentActivities.edges.map((e: any) => e.node)).toEqual([
      { source: 'apple_health', avgHeartRate: 144, sources: [{ source: 'apple_health', shown: true }] },
      { source: 'apple_health', avgHeartRate: 151.5, sources: [{ source: 'apple_health', shown: true }, { source: 'strava', shown: false }] },
    ]);
    // Importing the same export again changes nothing.
    expect(await importAppleHealth(t.db, orgId, athleteId, createReadStream(FIXTURE), options)).toMatchObject({ written: 0, merged: 0 });
    expect((await read(athleteId)).activityStats.totals.totalActivities).toBe(2);
  });

  it('refuses the whole export for one impossible day, or leaves the day out with skipInvalid', async () => {
    const athleteId = await createUser(t.db, orgId, { role: 'athlete', name: 'Jon' });
    const xml = `<HealthData>
      <Record type="HKQuantityTypeIdentifierRestingHeartRate" value="50" startDate="2026-03-16 07:00:00 +0100" endDate="2026-03-16 07:00:00 +0100"/>
      <Record type="HKQuantityTypeIdentifierRestingHeartRate" value="300" startDate="2026-03-17 07:00:00 +0100" endDate="2026-03-17 07:00:00 +0100"/>
    </HealthData>`;
    await expect(importAppleHealth(t.db, orgId, athleteId, [xml], options))
      .rejects.toThrow('export.xml: days[1].restingHeartRate must be at most 150 (send --skip-invalid to leave such days out)');
    expect((await read(athleteId)).healthMetrics.buckets[0].restingHeartRate).toBeNull();
    const result = await importAppleHealth(t.db, orgId, athleteId, [xml], { ...options, skipInvalid: true });
    expect(result).toMatchObject({ healthDays: 1, refused: [{ index: 1, date: '2026-03-17', message: 'export.xml: the day 2026-03-17: days[1].restingHeartRate must be at most 150' }] });
    expect((await read(athleteId)).healthMetrics.buckets[0].restingHeartRate).toBe(50);
  });

  it('comes in as the Health app writes it: export.zip from disk (npm run import) or export.xml uploaded', async () => {
    const xml = readFileSync(FIXTURE);
    const zip = zipOf([['apple_health_export/export_cda.xml', Buffer.from('<ClinicalDocument/>')], ['apple_health_export/export.xml', xml]]);
    const where = path.join(mkdtempSync(path.join(tmpdir(), 'stride-apple-')), 'export.zip');
    writeFileSync(where, zip);
    const fromDisk = await createUser(t.db, orgId, { role: 'athlete', name: 'Kai', timezone: 'Europe/Berlin' });
    expect(await importFile(t.db, orgId, fromDisk, where, options)).toMatchObject({ format: 'APPLE_HEALTH', healthDays: 2, inserted: 2 });

    const uploaded = await createUser(t.db, orgId, { role: 'athlete', name: 'Lea', timezone: 'Europe/Berlin' });
    const form = new FormData();
    form.append('operations', JSON.stringify({
      query: 'mutation($a: ID!, $f: File!) { importActivities(athleteId: $a, file: $f, skipInvalid: true) { format written healthDays refused { index } } }',
      variables: { a: String(uploaded), f: null },
    }));
    form.append('map', JSON.stringify({ 0: ['variables.f'] }));
    form.append('0', new Blob([new Uint8Array(xml)]), 'export.xml');
    const response = await app.fetch('http://stride.test/graphql', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'x-graphql-yoga-csrf': '1' }, body: form });
    expect((await response.json()).data.importActivities).toEqual({ format: 'APPLE_HEALTH', written: 2, healthDays: 2, refused: [] });
    // Both paths give the same numbers.
    const [a, b] = [await read(fromDisk), await read(uploaded)];
    expect(b.healthMetrics).toEqual(a.healthMetrics);
    expect(b.activityStats).toEqual(a.activityStats);
  });

  it('keeps a workout written twice by one app once, and merges the copies two apps wrote', async () => {
    const athleteId = await createUser(t.db, orgId, { role: 'athlete', name: 'Mo', timezone: 'Europe/Berlin' });
    const workout = (app: string, km: string) => `<Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="40" durationUnit="min" totalDistance="${km}" totalDistanceUnit="km"
      sourceName="${app}" startDate="2026-03-17 18:00:00 +0100" endDate="2026-03-17 18:41:00 +0100"/>`;
    const xml = `<HealthData>${workout('Watch', '8.00')}${workout('Watch', '8.00')}${workout('Strava', '8.10')}</HealthData>`;
    expect(await importAppleHealth(t.db, orgId, athleteId, [xml], options)).toMatchObject({ written: 1, inserted: 1, merged: 1 });
    expect((await read(athleteId)).activityStats.totals).toEqual({ totalActivities: 1, totalDistance: 8000, totalDuration: 2400 });
  });
});
