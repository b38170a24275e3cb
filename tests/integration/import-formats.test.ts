import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser, setAthleteSettings } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { execute } from '../helpers/graphql';
import { rollupMismatches } from '../helpers/invariants';
import { importFile } from '../../src/ingest/import-file';
import type { App } from '../../src/app';

// Issue 17: GPX, TCX and Garmin Connect CSV through both ways in (npm run import's importFile
// and the importActivities upload), each checked against totals computed here from the file.
const NOW = new Date('2026-03-10T18:00:00Z');
const FIXTURES = path.resolve(__dirname, '..', 'fixtures');
const GPX = path.join(FIXTURES, 'gpx', 'togeojson_run_gpxtpx.gpx');
const TCX = path.join(FIXTURES, 'tcx', 'tcxparser_test.tcx');
const GARMIN = path.join(FIXTURES, 'garmin', 'Activities.csv');
const LA = 'America/Los_Angeles';

let t: TestDatabase;
let app: App;
interface Club { orgId: number; athleteId: number; token: string }
let cli: Club;
let web: Club;

async function club(name: string, unitSystem: 'metric' | 'imperial' | null = null): Promise<Club> {
  const orgId = await createOrganization(t.db, name, 'UTC');
  const coachId = await createUser(t.db, orgId, { role: 'coach', name: `${name} coach` });
  const athleteId = await createUser(t.db, orgId, { role: 'athlete', name: `${name} runner`, timezone: LA, sex: 'female' });
  if (unitSystem) await t.db.updateTable('users').set({ unit_system: unitSystem }).where('id', '=', athleteId).execute();
  await setAthleteSettings(t.db, orgId, athleteId, { hr_max: 190, hr_rest: 50, threshold_pace_s_per_km: 300 });
  return { orgId, athleteId, token: await tokenFor({ orgId, userId: coachId, role: 'COACH' }) };
}

async function upload(to: Club, bytes: Uint8Array, name: string, variables: Record<string, unknown> = {}) {
  const form = new FormData();
  form.append('operations', JSON.stringify({
    query: 'mutation($a: ID!, $f: File!, $u: UnitSystem) { importActivities(athleteId: $a, file: $f, units: $u) { format written localDates } }',
    variables: { a: String(to.athleteId), f: null, ...variables },
  }));
  form.append('map', JSON.stringify({ 0: ['variables.f'] }));
  form.append('0', new Blob([new Uint8Array(bytes)]), name);
  const response = await app.fetch('http://stride.test/graphql', { method: 'POST', headers: { authorization: `Bearer ${to.token}`, 'x-graphql-yoga-csrf': '1' }, body: form });
  return response.json();
}

async function totals(of: Club, from: string, to: string) {
  const result = await execute<any, never>(app, of.token, `{ athlete(id: "${of.athleteId}") { activityStats(from: "${from}", to: "${to}", granularity: DAY) {
    totals { totalActivities totalDistance totalDuration avgHeartRate calories }
    buckets { start elevationGain hrZ1Time hrZ2Time hrZ3Time hrZ4Time hrZ5Time } } } }`);
  expect(result.errors).toBeUndefined();
  const { totals: sums, buckets } = result.data.athlete.activityStats;
  const days = buckets.filter((b: any) => b.hrZ1Time + b.hrZ2Time + b.hrZ3Time + b.hrZ4Time + b.hrZ5Time > 0 || b.elevationGain > 0);
  return { ...sums, days: days.map((b: any) => b.start), elevationGain: buckets.reduce((s: number, b: any) => s + b.elevationGain, 0), hrZoneTime: days.reduce((s: number, b: any) => s + b.hrZ1Time + b.hrZ2Time + b.hrZ3Time + b.hrZ4Time + b.hrZ5Time, 0) };
}

const rowOf = (source: string, athleteId: number) => t.db.selectFrom('activities').selectAll().where('source', '=', source).where('athlete_id', '=', athleteId).execute();

/** The GPX run computed here: haversine on R = 6,371,008.8 m over steps of at most 10 s. */
function gpxExpected() {
  const points = [...readFileSync(GPX, 'utf8').matchAll(/<trkpt lat="([^"]+)" lon="([^"]+)">[\s\S]*?<ele>([^<]+)<\/ele>\s*<time>([^<]+)<\/time>[\s\S]*?<gpxtpx:hr>(\d+)</g)]
    .map((m) => ({ lat: Number(m[1]) * Math.PI / 180, lon: Number(m[2]) * Math.PI / 180, ele: Number(m[3]), time: Date.parse(m[4]), hr: Number(m[5]) }));
  let distance = 0, moving = 0, hrTime = 0, gain = 0;
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1], points[i]];
    gain += Math.max(0, b.ele - a.ele);
    const dt = (b.time - a.time) / 1000;
    if (dt <= 0 || dt > 10) continue;
    distance += 2 * 6_371_008.8 * Math.asin(Math.sqrt(Math.sin((b.lat - a.lat) / 2) ** 2 + Math.cos(a.lat) * Math.cos(b.lat) * Math.sin((b.lon - a.lon) / 2) ** 2));
    moving += dt;
    hrTime += a.hr * dt;
  }
  return { points: points.length, start: new Date(points[0].time), distance, moving: Math.round(moving), avgHr: hrTime / moving, maxHr: Math.max(...points.map((p) => p.hr)), gain };
}

/** The TCX run computed here from its laps. */
function tcxExpected() {
  const xml = readFileSync(TCX, 'utf8');
  const laps = [...xml.matchAll(/<TotalTimeSeconds>([^<]+)<\/TotalTimeSeconds>\s*<DistanceMeters>([^<]+)<\/DistanceMeters>[\s\S]*?<Calories>(\d+)<\/Calories>\s*<AverageHeartRateBpm>\s*<Value>(\d+)<\/Value>\s*<\/AverageHeartRateBpm>\s*<MaximumHeartRateBpm>\s*<Value>(\d+)/g)]
    .map((m) => ({ time: Number(m[1]), distance: Number(m[2]), calories: Number(m[3]), avgHr: Number(m[4]), maxHr: Number(m[5]) }));
  const time = laps.reduce((s, l) => s + l.time, 0);
  return {
    laps: laps.length, id: /<Id>([^<]+)<\/Id>/.exec(xml)![1], distance: laps.reduce((s, l) => s + l.distance, 0), moving: Math.round(time),
    calories: laps.reduce((s, l) => s + l.calories, 0), avgHr: laps.reduce((s, l) => s + l.avgHr * l.time, 0) / time, maxHr: Math.max(...laps.map((l) => l.maxHr)),
  };
}

/** The Garmin CSV's runs summed here: metres from km or miles, h:mm:ss or mm:ss.s, "--" as none. */
function garminExpected(mPerUnit: number) {
  const [header, ...rows] = parse(readFileSync(GARMIN)) as string[][];
  const at = (r: string[], name: string) => r[header.indexOf(name)];
  const secs = (text: string) => text.split(':').map(Number).reduce((s, p) => s * 60 + p, 0);
  const runs = rows.filter((r) => /Run/.test(at(r, 'Activity Type'))).map((r) => ({
    distance: Number(at(r, 'Distance')) * mPerUnit,
    moving: Math.round(secs(at(r, 'Moving Time') === '--' ? at(r, 'Time') : at(r, 'Moving Time'))),
    avgHr: at(r, 'Avg HR') === '--' ? null : Number(at(r, 'Avg HR')),
    calories: Number(at(r, 'Calories').replace(',', '')),
  }));
  const withHr = runs.filter((r) => r.avgHr !== null);
  return {
    runs: runs.length, distance: runs.reduce((s, r) => s + r.distance, 0), moving: runs.reduce((s, r) => s + r.moving, 0),
    avgHr: withHr.reduce((s, r) => s + r.avgHr! * r.moving, 0) / withHr.reduce((s, r) => s + r.moving, 0), calories: runs.reduce((s, r) => s + r.calories, 0),
  };
}

beforeAll(async () => {
  t = await createTestDatabase();
  app = createTestApp(t.db, { clock: () => NOW });
  cli = await club('CLI Club');
  web = await club('Upload Club', 'imperial');
});

afterAll(() => t.close());

describe('GPX', () => {
  const expected = gpxExpected();

  it.each([['importFile', () => cli], ['importActivities', () => web]] as const)('stores the run and its stats through %s', async (way, of) => {
    const club = of();
    if (way === 'importFile') {
      expect(await importFile(t.db, club.orgId, club.athleteId, GPX, { now: NOW })).toMatchObject({ format: 'GPX', written: 1, localDates: ['2015-01-19'] });
    } else {
      const body = await upload(club, readFileSync(GPX), 'track.gpx');
      expect(body).toEqual({ data: { importActivities: { format: 'GPX', written: 1, localDates: ['2015-01-19'] } } });
    }
    const [run] = await rowOf('gpx', club.athleteId);
    expect(run).toMatchObject({ start_time: expected.start, moving_s: expected.moving, max_hr: expected.maxHr, local_date: '2015-01-19', load_method: 'trimp' });
    expect(run.distance_m).toBeCloseTo(expected.distance, 3);
    expect(run.avg_hr!).toBeCloseTo(expected.avgHr, 6);
    const stats = await totals(club, '2015-01-01', '2015-01-31');
    expect(stats).toMatchObject({ totalActivities: 1, totalDuration: expected.moving, calories: 0, days: ['2015-01-19'], hrZoneTime: expected.moving });
    expect(stats.totalDistance).toBeCloseTo(expected.distance, 3);
    expect(stats.avgHeartRate).toBeCloseTo(expected.avgHr, 6);
    expect(stats.elevationGain).toBeCloseTo(expected.gain, 6);
    expect(await rollupMismatches(t.db)).toEqual([]);
  });

  it('reads a gzipped GPX the same way, and a second import writes nothing', async () => {
    expect((await upload(web, gzipSync(readFileSync(GPX)), 'track.gpx.gz')).data.importActivities).toEqual({ format: 'GPX', written: 0, localDates: ['2015-01-19'] });
  });

  it('refuses a broken GPX with its line and writes nothing', async () => {
    const cut = readFileSync(GPX, 'utf8').replace('<ele>11.3</ele>', '<ele>11.3</el>');
    const body = await upload(web, Buffer.from(cut), 'broken.gpx');
    expect(body.errors[0]).toMatchObject({ message: 'the GPX file is not well-formed XML: line 19:18: unexpected close tag.', extensions: { code: 'BAD_USER_INPUT' } });
    const dir = mkdtempSync(path.join(tmpdir(), 'stride-gpx-'));
    writeFileSync(path.join(dir, 'ride.gpx'), readFileSync(GPX, 'utf8').replace('<trk>', '<trk><type>cycling</type>'));
    await expect(importFile(t.db, cli.orgId, cli.athleteId, path.join(dir, 'ride.gpx'), { now: NOW })).rejects.toThrow('the GPX track is a "cycling" activity: only runs are imported');
    expect(await rowOf('gpx', cli.athleteId)).toHaveLength(1);
  });

  it('keeps the same file of a group run apart for two athletes (ids derived from the run carry the athlete)', async () => {
    // cli already imported this GPX; web's athlete ran the same run, recorded to the same second.
    expect(await importFile(t.db, web.orgId, web.athleteId, GPX, { now: NOW })).toMatchObject({ inserted: 0, otherAthlete: 0 });
    const other = await createUser(t.db, cli.orgId, { role: 'athlete', name: 'Group Runner' });
    expect(await importFile(t.db, cli.orgId, other, GPX, { now: NOW })).toMatchObject({ format: 'GPX', inserted: 1, otherAthlete: 0 });
    expect(await rowOf('gpx', cli.athleteId)).toHaveLength(1);
    expect(await rowOf('gpx', other)).toHaveLength(1);
  });
});

describe('TCX', () => {
  const expected = tcxExpected();

  it.each([['importFile', () => cli], ['importActivities', () => web]] as const)('stores the run from its laps and its stats through %s', async (way, of) => {
    const club = of();
    expect(expected.laps).toBe(3);
    const result = way === 'importFile'
      ? await importFile(t.db, club.orgId, club.athleteId, TCX, { now: NOW })
      : (await upload(club, readFileSync(TCX), 'run.tcx')).data.importActivities;
    expect(result).toMatchObject({ format: 'TCX', written: 1, localDates: ['2012-12-26'] });
    const [run] = await rowOf('tcx', club.athleteId);
    // A TCX Id is its start time, which two athletes of a group run may share: the id carries the athlete.
    expect(run).toMatchObject({ external_id: `${club.athleteId}/${expected.id}`, moving_s: expected.moving, calories: expected.calories, max_hr: expected.maxHr, local_date: '2012-12-26' });
    expect(run.distance_m).toBeCloseTo(expected.distance, 6);
    expect(run.avg_hr!).toBeCloseTo(expected.avgHr, 6);
    const stats = await totals(club, '2012-12-01', '2012-12-31');
    expect(stats).toMatchObject({ totalActivities: 1, totalDuration: expected.moving, calories: expected.calories, days: ['2012-12-26'] });
    expect(stats.totalDistance).toBeCloseTo(expected.distance, 6);
    expect(stats.avgHeartRate).toBeCloseTo(expected.avgHr, 6);
    expect(await rollupMismatches(t.db)).toEqual([]);
  });
});

describe('Garmin Connect Activities.csv', () => {
  it('imports through importFile in the athlete zone and metric units (the default without a unit system)', async () => {
    const expected = garminExpected(1000);
    const result = await importFile(t.db, cli.orgId, cli.athleteId, GARMIN, { now: NOW });
    // Local dates in Los Angeles: the trail run at 23:40 on 5 March stays on the 5th (07:40 UTC on the 6th).
    expect(result).toMatchObject({ format: 'GARMIN_CSV', written: 6, localDates: ['2026-03-02', '2026-03-03', '2026-03-05', '2026-03-07', '2026-03-08', '2026-03-09'] });
    const stats = await totals(cli, '2026-03-01', '2026-03-10');
    expect(stats).toMatchObject({ totalActivities: expected.runs, totalDuration: expected.moving, calories: expected.calories });
    expect(stats.totalDistance).toBeCloseTo(expected.distance, 6);
    expect(stats.avgHeartRate).toBeCloseTo(expected.avgHr, 6);
    const trail = (await rowOf('garmin_csv', cli.athleteId)).find((r) => r.calories === 1105)!;
    expect(trail).toMatchObject({ start_time: new Date('2026-03-06T07:40:00Z'), local_date: '2026-03-05', distance_m: 14_370, elevation_gain_m: 612 });
    expect(await rollupMismatches(t.db)).toEqual([]);
  });

  it("imports through importActivities in the athlete's imperial units, or the units argument", async () => {
    const body = await upload(web, readFileSync(GARMIN), 'Activities.csv');
    expect(body.data.importActivities).toMatchObject({ format: 'GARMIN_CSV', written: 6 });
    const miles = garminExpected(1609.344);
    const stats = await totals(web, '2026-03-01', '2026-03-10');
    expect(stats).toMatchObject({ totalActivities: miles.runs, totalDuration: miles.moving, calories: miles.calories });
    expect(stats.totalDistance).toBeCloseTo(miles.distance, 6);
    expect(stats.avgHeartRate).toBeCloseTo(miles.avgHr, 6);
    // Named explicitly, METRIC wins over the athlete's unit system: other distances, so other runs.
    const metric = await club('Metric Upload Club', 'imperial');
    expect((await upload(metric, readFileSync(GARMIN), 'Activities.csv', { u: 'METRIC' })).data.importActivities).toMatchObject({ written: 6 });
    expect((await totals(metric, '2026-03-01', '2026-03-10')).totalDistance).toBeCloseTo(garminExpected(1000).distance, 6);
  });

  it('refuses a row with a decimal comma, with its line, writing nothing', async () => {
    const before = (await rowOf('garmin_csv', web.athleteId)).length;
    const body = await upload(web, Buffer.from(readFileSync(GARMIN, 'utf8').replace('"8.40"', '"8,40"')), 'Activities.csv');
    expect(body.errors[0]).toMatchObject({ message: 'Activities.csv line 4: Distance must be a non-negative number like 1,234.5; got "8,40"', extensions: { code: 'BAD_USER_INPUT' } });
    expect((await rowOf('garmin_csv', web.athleteId)).length).toBe(before);
  });
});

it('refuses a file of no known format by name and content from the CLI, and other XML anywhere', async () => {
  await expect(importFile(t.db, cli.orgId, cli.athleteId, path.join(FIXTURES, 'gpx', 'README.md'))).rejects.toThrow(/README\.md is neither a FIT activity nor a Strava activities\.csv, a Garmin Activities\.csv, a GPX or a TCX file/);
  const body = await upload(web, Buffer.from('<?xml version="1.0"?><kml></kml>'), 'places.kml');
  expect(body.errors[0]).toMatchObject({ message: 'the file is XML but neither GPX (<gpx>), TCX (<TrainingCenterDatabase>) nor an Apple Health export (<HealthData>)', extensions: { code: 'BAD_USER_INPUT' } });
});
