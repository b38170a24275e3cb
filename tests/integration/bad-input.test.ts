import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser } from '../helpers/fixtures';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTestApp, tokenFor } from '../helpers/auth';
import { execute } from '../helpers/graphql';
import type { App } from '../../src/app';
import { badInputCases, sendCase } from '../helpers/bad-input-corpus';

const STRAVA_CSV = path.resolve(__dirname, '..', 'fixtures', 'strava-activities.csv');

const NOW = new Date('2026-03-10T18:00:00Z');

let t: TestDatabase;
let app: App;
let token: string;
let athleteId: number;
let runnerId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  const orgId = await createOrganization(t.db, 'Corpus Club');
  const adminId = await createUser(t.db, orgId, { role: 'admin', name: 'Corpus Admin' });
  athleteId = await createUser(t.db, orgId, { role: 'athlete', name: 'Corpus Runner' });
  runnerId = await createUser(t.db, orgId, { role: 'athlete', name: 'Corpus Miler', timezone: 'Pacific/Kiritimati' });
  token = await tokenFor({ orgId, userId: adminId, role: 'ADMIN' });
  app = createTestApp(t.db, { clock: () => NOW });
  // A runner with 3,000 km over two years, for answers that must not come back empty.
  const runs = Array.from({ length: 300 }, (_, i) => ({
    source: 'garmin', externalId: `r${i}`, startTime: new Date(Date.UTC(2024, 0, 1 + i * 2, 7)).toISOString(), distance: 10_000, movingTime: 3000,
  }));
  const written = await execute<any, any>(app, token, 'mutation($a: ID!, $runs: [ActivityInput!]!) { ingestActivities(athleteId: $a, activities: $runs) { written } }', { a: String(runnerId), runs });
  expect(written.data.ingestActivities.written).toBe(300);
});

afterAll(() => t.close());

it('has at least 60 cases', () => {
  expect(badInputCases.length).toBeGreaterThanOrEqual(100);
});

it.each(badInputCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
  const response = await sendCase(app, token, athleteId, c);
  const text = await response.text();
  expect({ status: response.status }).toEqual({ status: c.status });
  expect(text).not.toMatch(/Unexpected error|\.ts:\d+|at [A-Za-z.]+ \(/);
  if (c.code === 'NONE') return;
  const json = JSON.parse(text);
  if (c.code === 'CSRF') {
    expect(json.errors[0].message).toBe('Required CSRF header(s) not present');
    return;
  }
  expect(json.errors.map((e: { extensions?: { code?: string } }) => e.extensions?.code)).toContain(c.code);
  if (c.message) expect(json.errors.map((e: { message: string }) => e.message).join('\n')).toMatch(c.message);
  // The field that refused its input is null; nothing computed from it is answered (its
  // parents may be there, with no value in them: docs/api.md, Which errors null what).
  const hasValue = (v: unknown): boolean => v !== null && v !== undefined && (typeof v !== 'object' || Object.values(v).some(hasValue));
  expect(hasValue(json.data ?? null)).toBe(false);
});

describe('runningStats never answers a wrong range', () => {
  const stats = (to: number, rangeType = 'YEARLY', timezone = 'Pacific/Kiritimati') =>
    execute<any, any>(app, token, `{ athlete(id: "${runnerId}") { runningStats(fromTimestamp: 1700000000, toTimestamp: ${to}, rangeType: ${rangeType}, metricType: DISTANCE, timezone: "${timezone}") { points { start } totals { totalDistance totalActivities } } } }`);

  it('refuses a range ending in year 9999 (it used to skip the bucket check and answer zero totals)', async () => {
    const result = await stats(253_402_300_799);
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(result.data).toBeFalsy();
  });

  it('answers every run for a range ending at the largest accepted timestamp, in the zone furthest ahead', async () => {
    const result = await stats(4_133_980_799);
    expect(result.errors).toBeUndefined();
    expect(result.data.athlete.runningStats.totals).toEqual({ totalDistance: 3_000_000, totalActivities: 300 });
    expect(result.data.athlete.runningStats.points).toHaveLength(2101 - 2023 + 1);
    const clamped = await stats(Date.UTC(2026, 0, 1) / 1000);
    expect(clamped.data.athlete.runningStats.totals).toEqual(result.data.athlete.runningStats.totals);
  });

  it('refuses too many buckets at the far end of the calendar, in any zone', async () => {
    for (const timezone of ['Pacific/Kiritimati', 'Etc/GMT+12', 'UTC']) {
      const result = await stats(4_133_980_799, 'WEEKLY', timezone);
      expect(result.errors?.[0]).toMatchObject({ message: expect.stringMatching(/WEEKLY buckets; at most 1000 are allowed/), extensions: { code: 'BAD_USER_INPUT' } });
    }
  });
});

describe('activities.csv uploads', () => {
  const good = readFileSync(STRAVA_CSV, 'utf8');
  const header = good.split('\n')[0];
  const runRow = (id: number, date = 'Mar 7, 2026, 11:30:05 PM') => `${id},"${date}",Loop,Run,,2712,8.02,168,41,false,,,,,,2712.0,2650.0,8021.4,4.6,3.03,42.0,40.0,12.0,30.0,8.1,0.0,2.0,-2.0,92,84,168.0,147.0,,,612`;
  const rideRow = (id: number) => `${id},"Mar 8, 2026, 3:15:00 PM",Ride,Ride,,3600,25.1,150,30,false,,,,,,3600.0,3500.0,25100.0,12.0,7.1,120.0,118.0,10.0,60.0,5.0,0.0,1.0,-1.0,,,150.0,131.0,,,700`;
  const csvOf = (rows: string[]) => [header, ...rows].join('\n') + '\n';
  const activitiesOf = async (id: number) =>
    Number((await t.db.selectFrom('activities').select((eb) => eb.fn.countAll().as('n')).where('athlete_id', '=', id).executeTakeFirstOrThrow()).n);

  async function upload(csv: string, uploadApp = app) {
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: 'mutation($a: ID!, $f: File!) { importActivities(athleteId: $a, file: $f) { written } }', variables: { a: String(athleteId), f: null } }));
    form.append('map', JSON.stringify({ 0: ['variables.f'] }));
    form.append('0', new Blob([csv], { type: 'text/csv' }), 'activities.csv');
    const request = new Request('http://stride.test/graphql', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'x-graphql-yoga-csrf': '1' }, body: form });
    // A declared length, as browsers and curl send for a form.
    const body = new Uint8Array(await request.arrayBuffer());
    const response = await uploadApp.fetch('http://stride.test/graphql', {
      method: 'POST', body, headers: { authorization: `Bearer ${token}`, 'x-graphql-yoga-csrf': '1', 'content-type': request.headers.get('content-type')!, 'content-length': String(body.byteLength) },
    });
    const text = await response.text();
    expect(text).not.toMatch(/Unexpected error|\.ts:\d+|at [A-Za-z.]+ \(/);
    return { status: response.status, body: JSON.parse(text) };
  }

  it.each([
    ['an unbalanced quote', good.replace('"Easy, with strides"', '"Easy, with strides'), /^activities\.csv line \d+: a quoted field (goes on after its closing "|is never closed)/],
    ['a quote inside an unquoted field', good.replace('Late loop', 'Late "loop'), /^activities\.csv line 2: a " inside an unquoted field/],
    ['a quote never closed at the end', `${good}"`, /^activities\.csv line \d+: a quoted field is never closed \(unbalanced "\)$/],
    ['binary garbage', '\u0000\u0001\u0002,,\n"', /^activities\.csv line 2: a quoted field is never closed/],
    ['a NUL in an Activity ID', good.replace('11223344001', '1122\u00003344001'), /^activities\.csv line 2: Activity ID must not contain control characters .*; got U\+0000$/],
    ['an Activity ID of 500 digits', good.replace('11223344001', '9'.repeat(500)), /^activities\.csv line 2: Activity ID may be at most 128 characters; got 500$/],
    ['year 0001', good.replace('Mar 7, 2026', 'Mar 7, 0001'), /^activities\.csv line 2: Activity Date must be on or after 1990-01-01; got "Mar 7, 0001, 11:30:05 PM"$/],
    ['an elapsed time of 1e300 seconds', good.replace('2712.0', '1e300'), /^activities\.csv line 2: Elapsed Time must be at most 604800; got "1e300"$/],
    ['a distance of 1e12 metres', good.replace('8021.4', '1e12'), /^activities\.csv line 2: Distance \(metres\) must be at most 1000000; got "1e12"$/],
    ['a heart rate of 9000', good.replace('168.0,147.0', '168.0,9000'), /^activities\.csv line 2: Average Heart Rate must be at most 250; got "9000"$/],
    ['a row of 200 kB', good.replace('Late loop', 'x'.repeat(200_000)), /^activities\.csv line 2: the row is longer than 100000 bytes$/],
  ])('refuses %s with its line, writing nothing', async (_name, csv, message) => {
    const before = await activitiesOf(athleteId);
    const { status, body } = await upload(csv as string);
    expect(status).toBe(200);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ message: expect.stringMatching(message as RegExp), extensions: { code: 'BAD_USER_INPUT' } });
    expect(body.data).toBeNull();
    expect(await activitiesOf(athleteId)).toBe(before);
  });

  it('takes 10,000 rows and refuses 10,001 whole, even after runs were written', async () => {
    // 600 runs fill more than one chunk of 500, so the refusal comes after writes the transaction then undoes.
    // 22 on each of 28 days, each at its own time: runs minutes apart would be one run from two sources.
    const runs = Array.from({ length: 600 }, (_, i) => runRow(700_000 + i, `Mar ${1 + (i % 28)}, 2025, ${1 + (Math.floor(i / 28) % 11)}:${Math.floor(i / 308) ? '30' : '00'}:00 ${Math.floor(i / 28) % 22 >= 11 ? 'PM' : 'AM'}`));
    const rides = (n: number) => Array.from({ length: n }, (_, i) => rideRow(800_000 + i));
    const over = await upload(csvOf([...runs, ...rides(9401)]));
    expect(over.body.errors?.[0]).toMatchObject({
      message: 'activities.csv may hold at most 10000 rows after the header; line 10002 is row 10001: split the file', extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(await activitiesOf(athleteId)).toBe(0);
    const atCap = await upload(csvOf([...runs, ...rides(9400)]));
    expect(atCap.body.errors).toBeUndefined();
    expect(atCap.body.data.importActivities.written).toBe(600);
  });

  it('refuses an upload over MAX_UPLOAD_BYTES with 413 before reading it', async () => {
    const small = createTestApp(t.db, { clock: () => NOW, maxUploadBytes: 4096 });
    const { status, body } = await upload(csvOf(Array.from({ length: 40 }, (_, i) => rideRow(900_000 + i))), small);
    expect(status).toBe(413);
    expect(body.errors[0]).toMatchObject({ message: 'request body is over the limit of 4096 bytes', extensions: { code: 'BAD_USER_INPUT' } });
  });
});
