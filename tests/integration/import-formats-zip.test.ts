import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipOf } from '../helpers/zip';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser, setAthleteSettings } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { execute } from '../helpers/graphql';
import { rollupMismatches } from '../helpers/invariants';
import { importFile } from '../../src/ingest/import-file';
import { loadIngestAthlete } from '../../src/ingest/athlete';
import { parseFitActivity } from '../../src/ingest/fit';
import { parseGpxActivity } from '../../src/ingest/gpx';
import { parseTcxActivity } from '../../src/ingest/tcx';
import { MAX_ZIP_FILES } from '../../src/ingest/zip';
import { ownedBy } from '../../src/ingest/derived-ids';
import type { App } from '../../src/app';

// Issue 17: whole exports as people download them. The zips are built here from the licensed
// fixtures (see the README and LICENCE files beside them).
const NOW = new Date('2026-03-10T18:00:00Z');
const FIXTURES = path.resolve(__dirname, '..', 'fixtures');
const file = (...parts: string[]) => readFileSync(path.join(FIXTURES, ...parts));
const FENIX2 = file('fit', 'fitparse_activity-small-fenix2-run.fit');
const FENIX5 = file('fit', 'fitparse_garmin-fenix-5-run.fit');
const GPX = file('gpx', 'togeojson_run_gpxtpx.gpx');
const TCX = file('tcx', 'tcxparser_test.tcx');


/** The Strava fixture with each run's Filename pointing at a file of the export. */
function stravaCsv(files: Record<string, string>): string {
  return file('strava-activities.csv').toString('utf8').replace(/activities\/(\d+)\.fit\.gz/g, (_match, id: string) => files[id] ?? '');
}

let t: TestDatabase;
let app: App;
const athletes: Record<string, number> = {};
const coaches: Record<number, string> = {};

async function upload(athleteId: number, bytes: Buffer, name: string) {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: 'mutation($a: ID!, $f: File!) { importActivities(athleteId: $a, file: $f) { format written localDates } }', variables: { a: String(athleteId), f: null } }));
  form.append('map', JSON.stringify({ 0: ['variables.f'] }));
  form.append('0', new Blob([new Uint8Array(bytes)]), name);
  const response = await app.fetch('http://stride.test/graphql', { method: 'POST', headers: { authorization: `Bearer ${coaches[athleteId]}`, 'x-graphql-yoga-csrf': '1' }, body: form });
  return response.json();
}

const onDisk = (bytes: Buffer, name: string) => {
  const where = path.join(mkdtempSync(path.join(tmpdir(), 'stride-zip-')), name);
  writeFileSync(where, bytes);
  return where;
};
const runsOf = (athleteId: number) => t.db.selectFrom('activities').selectAll().where('athlete_id', '=', athleteId).orderBy('start_time').execute();
const zones = (r: any) => ({ hr: [r.hr_z1_s, r.hr_z2_s, r.hr_z3_s, r.hr_z4_s, r.hr_z5_s], pace: [r.pace_z1_s, r.pace_z2_s, r.pace_z3_s, r.pace_z4_s, r.pace_z5_s] });
const from = (bytes: Buffer) => (async function* () { yield bytes; })();

beforeAll(async () => {
  t = await createTestDatabase();
  app = createTestApp(t.db, { clock: () => NOW });
  // One organization per athlete: the same runs are imported for each, and run ids are unique per organization.
  for (const name of ['stravaCli', 'stravaUpload', 'filesCli', 'filesUpload', 'refused']) {
    const org = await createOrganization(t.db, `${name} club`, 'UTC');
    athletes[name] = await createUser(t.db, org, { role: 'athlete', name, timezone: 'Europe/Oslo', sex: 'male' });
    await setAthleteSettings(t.db, org, athletes[name], { hr_max: 195, hr_rest: 45, threshold_pace_s_per_km: 270 });
    coaches[athletes[name]] = await tokenFor({ orgId: org, userId: await createUser(t.db, org, { role: 'coach', name: 'Coach' }), role: 'COACH' });
  }
});

afterAll(() => t.close());

describe('a Strava bulk export zip', () => {
  const csv = stravaCsv({ 11223344001: 'activities/11223344001.fit.gz', 11223344003: 'activities/11223344003.gpx.gz', 11223344002: 'activities/11223344002.tcx' });
  const zip = zipOf([
    ['activities.csv', Buffer.from(csv)],
    ['activities/11223344001.fit.gz', gzipSync(FENIX2)],
    ['activities/11223344003.gpx.gz', gzipSync(GPX)],
    ['activities/11223344002.tcx', TCX],
    ['profile.csv', Buffer.from('Athlete ID\n1\n')],
  ]);

  it.each(['stravaCli', 'stravaUpload'])('keeps the CSV totals and takes zone times and max HR from each run file (%s)', async (who) => {
    const athleteId = athletes[who];
    const result = who === 'stravaCli'
      ? await importFile(t.db, (await t.db.selectFrom('users').select('org_id').where('id', '=', athleteId).executeTakeFirstOrThrow()).org_id, athleteId, onDisk(zip, 'export_123.zip'), { now: NOW })
      : (await upload(athleteId, zip, 'export_123.zip')).data.importActivities;
    expect(result).toMatchObject({ format: 'STRAVA_EXPORT', written: 3 });
    const athlete = await loadIngestAthlete(t.db, (await t.db.selectFrom('users').select('org_id').where('id', '=', athleteId).executeTakeFirstOrThrow()).org_id, athleteId);
    const fit = await parseFitActivity(FENIX2, athlete);
    const gpx = await parseGpxActivity(from(GPX), athlete, NOW);
    const rows = await runsOf(athleteId);
    expect(rows.map((r) => [r.source, r.external_id, r.distance_m, r.moving_s])).toEqual([
      ['strava', '11223344001', 8021.4, 2650], ['strava', '11223344003', 12_503, 5100], ['strava', '11223344004', 5000, 1800],
    ]);
    // Zone times from the files' records; max HR from them where they have it, else the CSV's.
    expect(zones(rows[0])).toEqual({ hr: fit.hrZoneS, pace: fit.paceZoneS });
    expect(rows[0].max_hr).toBe(fit.maxHr);
    expect(zones(rows[1])).toEqual({ hr: gpx.hrZoneS, pace: gpx.paceZoneS });
    expect(rows[1].max_hr).toBe(gpx.maxHr);
    expect(zones(rows[2]).hr).toEqual([0, 0, 0, 0, 0]);
    expect(rows[2].max_hr).toBeNull();
    expect(await rollupMismatches(t.db)).toEqual([]);
  });

  it('answers activityStats zone times equal to the files’ own', async () => {
    const result = await execute<any, never>(app, coaches[athletes.stravaUpload], `{ athlete(id: "${athletes.stravaUpload}") { activityStats(from: "2026-03-01", to: "2026-03-10", granularity: DAY) { totals { totalActivities totalDistance } buckets { hrZ1Time hrZ2Time hrZ3Time hrZ4Time hrZ5Time } } } }`);
    const { totals, buckets } = result.data.athlete.activityStats;
    expect(totals).toEqual({ totalActivities: 3, totalDistance: 8021.4 + 12_503 + 5000 });
    const stored = (await runsOf(athletes.stravaUpload)).flatMap((r) => zones(r).hr).reduce((a, b) => a + b, 0);
    expect(buckets.reduce((s: number, b: any) => s + b.hrZ1Time + b.hrZ2Time + b.hrZ3Time + b.hrZ4Time + b.hrZ5Time, 0)).toBe(stored);
  });
});

describe('a zip of activity files (a Garmin export)', () => {
  const zip = zipOf([
    ['DI_CONNECT/fenix2.fit', FENIX2],
    ['DI_CONNECT/fenix5.FIT', FENIX5],
    ['gpx/run.gpx.gz', gzipSync(GPX)],
    ['run.tcx', TCX],
    ['ride.gpx', Buffer.from(GPX.toString('utf8').replace('<trk>', '<trk><type>cycling</type>'))],
    ['summary.json', Buffer.from('{"activities": []}')],
    ['__MACOSX/._run.tcx', Buffer.from('junk')],
  ]);

  it.each(['filesCli', 'filesUpload'])('imports each run file as one run and skips the ride and other files (%s)', async (who) => {
    const athleteId = athletes[who];
    const org = (await t.db.selectFrom('users').select('org_id').where('id', '=', athleteId).executeTakeFirstOrThrow()).org_id;
    const result = who === 'filesCli' ? await importFile(t.db, org, athleteId, onDisk(zip, 'garmin.zip'), { now: NOW }) : (await upload(athleteId, zip, 'garmin.zip')).data?.importActivities;
    expect(result).toMatchObject({ format: 'ACTIVITY_ZIP', written: 4 });
    const athlete = await loadIngestAthlete(t.db, org, athleteId);
    // The ids Stride derives (TCX, GPX) carry the athlete; FIT files have their own.
    const expected = [await parseTcxActivity(from(TCX), athlete, NOW), await parseGpxActivity(from(GPX), athlete, NOW), await parseFitActivity(FENIX2, athlete), await parseFitActivity(FENIX5, athlete)].map((r) => ownedBy(athleteId, r));
    const rows = await runsOf(athleteId);
    expect(rows.map((r) => [r.source, r.external_id, r.distance_m, r.moving_s, r.max_hr, zones(r)])).toEqual(expected.map((e) => [e.source, e.externalId, e.distanceM, e.movingS, e.maxHr, { hr: e.hrZoneS, pace: e.paceZoneS }]));
    expect(await rollupMismatches(t.db)).toEqual([]);
  });

  it('refuses a zip with a broken file, naming it, and one holding the same activity twice, writing nothing', async () => {
    const athleteId = athletes.refused;
    const broken = zipOf([['a.fit', FENIX2], ['b/run.gpx', Buffer.from(GPX.toString('utf8').replace('<ele>11.3</ele>', '<ele>11.3</el>'))]]);
    expect((await upload(athleteId, broken, 'x.zip')).errors).toBeDefined();
    const org = (await t.db.selectFrom('users').select('org_id').where('id', '=', athleteId).executeTakeFirstOrThrow()).org_id;
    await expect(importFile(t.db, org, athleteId, onDisk(broken, 'x.zip'), { now: NOW })).rejects.toThrow('b/run.gpx: the GPX file is not well-formed XML: line 19:18: unexpected close tag.');
    await expect(importFile(t.db, org, athleteId, onDisk(zipOf([['a.fit', FENIX2], ['copy/a.fit', FENIX2]]), 'x.zip'), { now: NOW })).rejects.toThrow(/^copy\/a\.fit is the same activity as a\.fit \(fit /);
    await expect(importFile(t.db, org, athleteId, onDisk(zipOf([['notes.txt', Buffer.from('hello')]]), 'x.zip'), { now: NOW })).rejects.toThrow('the zip holds no FIT, GPX or TCX activity file and no Strava activities.csv');
    await expect(importFile(t.db, org, athleteId, onDisk(Buffer.concat([zipOf([['a.fit', FENIX2]]).subarray(0, 200)]), 'x.zip'), { now: NOW })).rejects.toThrow(/^the zip cannot be read: /);
    const many = zipOf(Array.from({ length: MAX_ZIP_FILES + 1 }, (_, i) => [`f${i}.txt`, Buffer.from('x')] as [string, Uint8Array]), true);
    await expect(importFile(t.db, org, athleteId, onDisk(many, 'x.zip'), { now: NOW })).rejects.toThrow(`the zip may hold at most ${MAX_ZIP_FILES} files`);
    await expect(importFile(t.db, org, athleteId, onDisk(gzipSync(zipOf([['a.fit', FENIX2]])), 'x.zip.gz'), { now: NOW })).rejects.toThrow('is a zip inside a gzip file: unpack the gzip and import the zip');
    expect(await runsOf(athleteId)).toEqual([]);
  });

  it('leaves the broken file out and lists it under skipInvalid, writing the rest', async () => {
    const athleteId = athletes.refused;
    const org = (await t.db.selectFrom('users').select('org_id').where('id', '=', athleteId).executeTakeFirstOrThrow()).org_id;
    const broken = zipOf([['a.fit', FENIX2], ['b/run.gpx', Buffer.from(GPX.toString('utf8').replace('<ele>11.3</ele>', '<ele>11.3</el>'))]]);
    const result = await importFile(t.db, org, athleteId, onDisk(broken, 'x.zip'), { now: NOW, skipInvalid: true });
    expect(result).toMatchObject({ format: 'ACTIVITY_ZIP', inserted: 1, refused: [{ index: 1, date: null, message: 'b/run.gpx: the GPX file is not well-formed XML: line 19:18: unexpected close tag.' }] });
    expect((await runsOf(athleteId)).map((r) => r.source)).toEqual(['fit']);
  });
});

describe('a Strava activities.csv under skipInvalid', () => {
  it('writes the good rows and lists each bad one by its line, through the upload', async () => {
    const athleteId = athletes.stravaUpload;
    const lines = file('strava-activities.csv').toString('utf8').trimEnd().split('\n');
    // The third data row (a trail run, on line 4) gets an Activity Date no one can read.
    const bad = [...lines.slice(0, 3), lines[3].replace('"Mar 9, 2026, 12:05:00 AM"', '"someday"'), ...lines.slice(4)].join('\n') + '\n';
    const form = new FormData();
    form.append('operations', JSON.stringify({
      query: 'mutation($a: ID!, $f: File!) { importActivities(athleteId: $a, file: $f, skipInvalid: true) { format refused { index message } } }',
      variables: { a: String(athleteId), f: null },
    }));
    form.append('map', JSON.stringify({ 0: ['variables.f'] }));
    form.append('0', new Blob([bad]), 'activities.csv');
    const response = await app.fetch('http://stride.test/graphql', { method: 'POST', headers: { authorization: `Bearer ${coaches[athleteId]}`, 'x-graphql-yoga-csrf': '1' }, body: form });
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.importActivities).toEqual({
      format: 'STRAVA_CSV',
      refused: [{ index: 4, message: 'activities.csv line 4: Activity Date "someday" is not like "Mar 7, 2026, 8:00:00 AM"' }],
    });
    // Without skipInvalid the same file is refused whole.
    const strict = await upload(athleteId, Buffer.from(bad), 'activities.csv');
    expect(strict.errors[0].message).toBe('activities.csv line 4: Activity Date "someday" is not like "Mar 7, 2026, 8:00:00 AM"');
  });
});
