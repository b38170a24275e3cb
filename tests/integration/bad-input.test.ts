import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser } from '../helpers/fixtures';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTestApp, tokenFor } from '../helpers/auth';
import { execute } from '../helpers/graphql';
import type { App } from '../../src/app';

const STRAVA_CSV = path.resolve(__dirname, '..', 'fixtures', 'strava-activities.csv');

/**
 * The bad-input corpus: every request here is wrong in some way and must get a clear
 * error with the expected code and HTTP status: never a 500, never data.
 */
interface Case {
  name: string;
  query?: string;
  variables?: unknown;
  /** A raw body instead of { query, variables }. */
  body?: string;
  headers?: Record<string, string>;
  method?: string;
  url?: string;
  status: number;
  code: string;
  message?: RegExp;
}

const VALIDATION = 'GRAPHQL_VALIDATION_FAILED';
const PARSE = 'GRAPHQL_PARSE_FAILED';
const BAD_REQUEST = 'BAD_REQUEST';
const INPUT = 'BAD_USER_INPUT';
const profile = (id: string) => `{ athlete(id: ${JSON.stringify(id)}) { name } }`;
const cursor = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

const cases: Case[] = [
  // malformed ids
  ...['abc', '', '-1', '0', '1.5', '1e3', '99999999999', ' 12', '0x1F', 'null', '١٢', '12abc'].map((id) => ({
    name: `athlete id ${JSON.stringify(id)}`, query: profile(id), status: 200, code: INPUT, message: /^id must be a positive integer id \(1\.\.2147483647\)/,
  })),
  { name: 'athlete id that does not exist', query: profile('2147483647'), status: 200, code: 'NOT_FOUND' },
  { name: 'athlete id as a boolean literal', query: '{ athlete(id: true) { name } }', status: 200, code: VALIDATION },
  { name: 'athlete id as a float literal', query: '{ athlete(id: 1.5) { name } }', status: 200, code: VALIDATION },
  { name: 'athlete id as an object variable', query: 'query($id: ID!) { athlete(id: $id) { name } }', variables: { id: { $gt: 0 } }, status: 400, code: INPUT },
  { name: 'athlete id missing', query: '{ athlete { name } }', status: 200, code: VALIDATION },
  { name: 'athlete id null variable', query: 'query($id: ID!) { athlete(id: $id) { name } }', variables: { id: null }, status: 400, code: INPUT },
  // malformed cursors
  ...[
    ['not base64 JSON', 'not-a-cursor'],
    ['base64 of plain text', cursor('hello')],
    ['a JSON number', cursor(42)],
    ['a JSON array', cursor(['Ana', 1])],
    ['a name without id', cursor({ name: 'Ana' })],
    ['an id as text', cursor({ name: 'Ana', id: '5' })],
    ['an empty string', ''],
    ['a 10 kB string', 'x'.repeat(10_000)],
  ].map(([name, after]) => ({
    name: `cursor: ${name}`, query: 'query($after: String) { athletes(first: 2, after: $after) { totalCount } }', variables: { after },
    status: 200, code: INPUT, message: /^after is not a cursor returned by this connection$/,
  })),
  // page sizes and huge numbers
  ...[101, -1, 1_000_000, 2_147_483_647].map((first) => ({
    name: `first ${first}`, query: `{ athletes(first: ${first}) { totalCount } }`, status: 200, code: INPUT, message: /first must be between 0 and 100; got -?\d+/,
  })),
  { name: 'first beyond 32-bit Int', query: '{ athletes(first: 2147483648) { totalCount } }', status: 200, code: VALIDATION },
  { name: 'first 1e30', query: '{ athletes(first: 1e30) { totalCount } }', status: 200, code: VALIDATION },
  { name: 'first as a float', query: '{ athletes(first: 1.5) { totalCount } }', status: 200, code: VALIDATION },
  { name: 'first as a string', query: '{ athletes(first: "10") { totalCount } }', status: 200, code: VALIDATION },
  { name: 'first as a string variable', query: 'query($f: Int) { athletes(first: $f) { totalCount } }', variables: { f: '10' }, status: 400, code: INPUT },
  { name: 'first as a huge variable', query: 'query($f: Int) { athletes(first: $f) { totalCount } }', variables: { f: 1e300 }, status: 400, code: INPUT },
  { name: 'after as a number', query: '{ athletes(after: 5) { totalCount } }', status: 200, code: VALIDATION },
  // unknown things
  { name: 'unknown field', query: '{ athletes(first: 1) { salary } }', status: 200, code: VALIDATION },
  { name: 'unknown argument', query: '{ athletes(last: 1) { totalCount } }', status: 200, code: VALIDATION },
  { name: 'unknown type in a variable', query: 'query($x: Furlong) { viewer { role } }', status: 200, code: VALIDATION },
  { name: 'unknown operation name', query: 'query A { viewer { role } }', body: JSON.stringify({ query: 'query A { viewer { role } }', operationName: 'B' }), status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
  { name: 'two anonymous operations', query: '{ viewer { role } } { viewer { userId } }', status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
  { name: 'subscription', query: 'subscription { viewer { role } }', status: 200, code: VALIDATION },
  { name: 'unknown mutation', query: 'mutation { viewer { role } }', status: 200, code: VALIDATION },
  { name: 'undeclared variable', query: '{ athletes(first: $n) { totalCount } }', status: 200, code: VALIDATION },
  // syntax
  { name: 'unterminated query', query: '{ viewer { role }', status: 200, code: PARSE },
  { name: 'empty query string', query: '', status: 400, code: BAD_REQUEST, message: /the request has no query/ },
  { name: 'query of only a comment', query: '# nothing here', status: 200, code: PARSE },
  { name: 'unterminated string', query: '{ athlete(id: "5) { name } }', status: 200, code: PARSE },
  // analytics arguments: days, ranges, zones, enums, timestamps
  ...[0, -1, 366, 100_000].map((days) => ({
    name: `fitnessStats days ${days}`, query: `{ athlete(id: "$ATHLETE") { fitnessStats(days: ${days}) { totalDistance } } }`,
    status: 200, code: INPUT, message: new RegExp(`^days must be between 1 and 365; got ${days}$`),
  })),
  { name: 'fitnessStats without days', query: '{ athlete(id: "$ATHLETE") { fitnessStats { totalDistance } } }', status: 200, code: VALIDATION },
  { name: 'fitnessStats days as a float', query: '{ athlete(id: "$ATHLETE") { fitnessStats(days: 7.5) { totalDistance } } }', status: 200, code: VALIDATION },
  { name: 'dailyDistance days 0', query: '{ athlete(id: "$ATHLETE") { charts { dailyDistance(days: 0) { slope } } } }', status: 200, code: INPUT, message: /^days must be between 1 and 365; got 0$/ },
  { name: 'weeklyTrainingLoad weeks 105', query: '{ athlete(id: "$ATHLETE") { charts { weeklyTrainingLoad(weeks: 105) { slope } } } }', status: 200, code: INPUT, message: /^weeks must be between 1 and 104; got 105$/ },
  { name: 'restingHeartRate days 366', query: '{ athlete(id: "$ATHLETE") { charts { restingHeartRate(days: 366) { slope } } } }', status: 200, code: INPUT, message: /^days must be between 1 and 365/ },
  { name: 'activityStats reversed range', query: '{ athlete(id: "$ATHLETE") { activityStats(from: "2026-03-10", to: "2026-03-01", granularity: DAY) { from } } }', status: 200, code: INPUT, message: /must not be after/ },
  { name: 'activityStats 401 days', query: '{ athlete(id: "$ATHLETE") { activityStats(from: "2025-01-01", to: "2026-02-05", granularity: DAY) { from } } }', status: 200, code: INPUT, message: /at most 400 days \(inclusive\); got 401/ },
  { name: 'activityStats unknown granularity', query: '{ athlete(id: "$ATHLETE") { activityStats(from: "2026-03-01", to: "2026-03-02", granularity: WEEK) { from } } }', status: 200, code: VALIDATION },
  { name: 'activityStats granularity as a string', query: '{ athlete(id: "$ATHLETE") { activityStats(from: "2026-03-01", to: "2026-03-02", granularity: "DAY") { from } } }', status: 200, code: VALIDATION },
  { name: 'activityStats unknown enum in a variable', query: 'query($g: ActivityStatsGranularity!) { athlete(id: "$ATHLETE") { activityStats(from: "2026-03-01", to: "2026-03-02", granularity: $g) { from } } }', variables: { g: 'FORTNIGHT' }, status: 400, code: INPUT },
  ...['2026-02-30', '2026-13-01', '26-03-01', '2026-03-01T00:00:00Z', 'yesterday', ''].map((date) => ({
    name: `Date ${JSON.stringify(date)}`, query: `{ athlete(id: "$ATHLETE") { healthMetrics(from: ${JSON.stringify(date)}, to: "2026-03-02", granularity: DAY) { from } } }`,
    status: 200, code: INPUT, message: /Date must be a calendar date yyyy-MM-dd/,
  })),
  { name: 'Date as a variable number', query: 'query($d: Date!) { athlete(id: "$ATHLETE") { healthMetrics(from: $d, to: "2026-03-02", granularity: DAY) { from } } }', variables: { d: 20260301 }, status: 400, code: INPUT },
  { name: 'healthMetrics 500 days', query: '{ athlete(id: "$ATHLETE") { healthMetrics(from: "2025-01-01", to: "2026-05-15", granularity: WEEK) { from } } }', status: 200, code: INPUT, message: /at most 400 days/ },
  { name: 'streak calendar reversed', query: '{ athlete(id: "$ATHLETE") { streak { calendar(from: "2026-03-02", to: "2026-03-01") { date } } } }', status: 200, code: INPUT, message: /must not be after/ },
  { name: 'streak calendar 2 years', query: '{ athlete(id: "$ATHLETE") { streak { calendar(from: "2024-01-01", to: "2025-12-31") { date } } } }', status: 200, code: INPUT, message: /at most 400 days/ },
  ...['Mars/Olympus_Mons', 'EST5EDT', '+05:45', 'europe london', 'Europe/../etc', ''].map((zone) => ({
    name: `TimeZone ${JSON.stringify(zone)}`,
    query: `{ athlete(id: "$ATHLETE") { runningStats(fromTimestamp: 1700000000, toTimestamp: 1700100000, rangeType: DAILY, metricType: DISTANCE, timezone: ${JSON.stringify(zone)}) { timezone } } }`,
    status: 200, code: INPUT, message: /TimeZone must be an IANA zone name/,
  })),
  { name: 'runningStats reversed timestamps', query: '{ athlete(id: "$ATHLETE") { runningStats(fromTimestamp: 1700100000, toTimestamp: 1700000000, rangeType: DAILY, metricType: DISTANCE) { timezone } } }', status: 200, code: INPUT, message: /must not be after toTimestamp/ },
  { name: 'runningStats 3 years daily', query: '{ athlete(id: "$ATHLETE") { runningStats(fromTimestamp: 1600000000, toTimestamp: 1700000000, rangeType: DAILY, metricType: DISTANCE) { timezone } } }', status: 200, code: INPUT, message: /at most 1000 are allowed/ },
  { name: 'runningStats timestamp in milliseconds', query: '{ athlete(id: "$ATHLETE") { runningStats(fromTimestamp: 1700000000000, toTimestamp: 1700100000000, rangeType: DAILY, metricType: DISTANCE) { timezone } } }', status: 200, code: INPUT, message: /Timestamp must be whole unix seconds between 0 and 4133980799 \(1970-01-01T00:00:00Z\.\.2100-12-31T23:59:59Z\); got 1700000000000/ },
  { name: 'runningStats negative timestamp', query: '{ athlete(id: "$ATHLETE") { runningStats(fromTimestamp: -86400, toTimestamp: 0, rangeType: DAILY, metricType: DISTANCE) { timezone } } }', status: 200, code: INPUT, message: /Timestamp must be whole unix seconds/ },
  { name: 'runningStats timestamp as a string', query: '{ athlete(id: "$ATHLETE") { runningStats(fromTimestamp: "1700000000", toTimestamp: 1700100000, rangeType: DAILY, metricType: DISTANCE) { timezone } } }', status: 200, code: INPUT, message: /Timestamp must be whole unix seconds/ },
  { name: 'runningStats timestamp beyond year 9999', query: 'query($t: Timestamp!) { athlete(id: "$ATHLETE") { runningStats(fromTimestamp: 0, toTimestamp: $t, rangeType: YEARLY, metricType: DISTANCE) { timezone } } }', variables: { t: 1e15 }, status: 400, code: INPUT },
  { name: 'runningStats unknown rangeType', query: '{ athlete(id: "$ATHLETE") { runningStats(fromTimestamp: 1700000000, toTimestamp: 1700100000, rangeType: HOURLY, metricType: DISTANCE) { timezone } } }', status: 200, code: VALIDATION },
  { name: 'runningStats unknown metricType', query: '{ athlete(id: "$ATHLETE") { runningStats(fromTimestamp: 1700000000, toTimestamp: 1700100000, rangeType: DAILY, metricType: STEPS) { timezone } } }', status: 200, code: VALIDATION },
  { name: 'runningStats lower-case enum', query: '{ athlete(id: "$ATHLETE") { runningStats(fromTimestamp: 1700000000, toTimestamp: 1700100000, rangeType: daily, metricType: DISTANCE) { timezone } } }', status: 200, code: VALIDATION },
  // control characters in search strings: refused by name before SQL (NUL used to reach PostgreSQL and fail masked)
  ...[['NUL', 'ana\u0000', 'U+0000'], ['BEL', 'a\u0007na', 'U+0007'], ['ESC', '\u001b[2J', 'U+001B'], ['DEL', 'an\u007f', 'U+007F'], ['C1', 'a\u0085', 'U+0085'], ['lone surrogate', 'ana\ud800', 'U+D800']].map(([name, search, codePoint]) => ({
    name: `search with ${name}`, query: 'query($s: String) { coachAthletesMetrics(filter: { search: $s }) { totalCount } }', variables: { s: search },
    status: 200, code: INPUT, message: new RegExp(`^filter\\.search must not contain control characters .*; got ${codePoint.replace('+', '\\+')} at position \\d+$`),
  })),
  // absurd cursors: well-formed JSON whose parts no database row can have
  ...[
    ['athletes', 'an id beyond 32-bit', { name: 'Ana', id: 1e20 }],
    ['athletes', 'id 2147483648', { name: 'Ana', id: 2_147_483_648 }],
    ['athletes', 'id 0', { name: 'Ana', id: 0 }],
    ['athletes', 'a name with NUL', { name: 'Ana\u0000', id: 1 }],
    ['athletes', 'a 5,000-character name', { name: 'a'.repeat(5000), id: 1 }],
    ['list', 'an id beyond 32-bit', { order: 'LAST_ACTIVITY', key: 1, name: 'Ana', id: 99_999_999_999 }],
    ['list', 'a sort key as text', { order: 'LAST_ACTIVITY', key: '1', name: 'Ana', id: 1 }],
    ['list', 'an infinite sort key', '{"order":"LAST_ACTIVITY","key":1e400,"name":"Ana","id":1}'],
    ['list', 'a name with NUL', { order: 'LAST_ACTIVITY', key: 1, name: '\u0000', id: 1 }],
    ['activities', 'year 0000', { startTime: '0000-01-01T00:00:00.000Z', id: 1 }],
    ['activities', 'a bare number as the instant', { startTime: '1', id: 1 }],
    ['activities', 'year +275760', { startTime: '+275760-09-13T00:00:00.000Z', id: 1 }],
    ['activities', 'an id beyond 2^53', { startTime: '2026-01-01T00:00:00.000Z', id: 1e20 }],
  ].map(([field, name, value]) => ({
    name: `cursor of ${field}: ${name}`,
    query: field === 'athletes' ? 'query($after: String) { athletes(first: 2, after: $after) { totalCount } }'
      : field === 'list' ? 'query($after: String) { coachAthletesMetrics(first: 2, orderBy: LAST_ACTIVITY, after: $after) { totalCount } }'
        : 'query($after: String) { athlete(id: "$ATHLETE") { recentActivities(first: 2, after: $after) { edges { cursor } } } }',
    variables: { after: cursor(value) }, status: 200, code: INPUT, message: /^after is not a cursor returned by this connection$/,
  })),
  // dates at the ends of the calendar, wherever a Date is taken (they used to fail masked in date-fns, Node or PostgreSQL)
  ...['0000-01-01', '0001-01-01', '1969-12-31', '2101-01-01', '9999-12-31'].flatMap((date) => [
    ['groupDashboard overview', `{ groupDashboard { overview(week: "${date}") { weekStart } } }`],
    ['groupDashboard comparison', `{ groupDashboard { comparison(period: CUSTOM, from: "${date}", to: "${date}") { from } } }`],
    ['refreshGroupInsights', `mutation { refreshGroupInsights(week: "${date}") { weekStart } }`],
    ['activityStats', `{ athlete(id: "$ATHLETE") { activityStats(from: "${date}", to: "${date}", granularity: MONTH) { from } } }`],
    ['healthMetrics', `{ athlete(id: "$ATHLETE") { healthMetrics(from: "${date}", to: "${date}", granularity: WEEK) { from } } }`],
    ['streak calendar', `{ athlete(id: "$ATHLETE") { streak { calendar(from: "${date}", to: "${date}") { date } } } }`],
    ['recordHealthMetrics', `mutation { recordHealthMetrics(athleteId: "$ATHLETE", days: [{ date: "${date}", hrv: 50, source: "garmin" }]) { written } }`],
  ].map(([where, query]) => ({
    name: `Date ${date} in ${where}`, query, status: 200, code: INPUT,
    message: /Date must be a calendar date yyyy-MM-dd between 1970-01-01 and 2100-12-31; got "\d{4}-\d{2}-\d{2}"/,
  }))),
  { name: 'Date 9999-12-31 as a variable', query: 'query($w: Date) { groupDashboard { overview(week: $w) { weekStart } } }', variables: { w: '9999-12-31' }, status: 400, code: INPUT },
  // timestamps near the scalar's old maximum (year 9999) and past the new one (2100)
  ...[253_402_300_799, 253_402_214_400, 4_133_980_800].map((ts) => ({
    name: `runningStats toTimestamp ${ts}`,
    query: `{ athlete(id: "$ATHLETE") { runningStats(fromTimestamp: 1700000000, toTimestamp: ${ts}, rangeType: YEARLY, metricType: DISTANCE, timezone: "Pacific/Kiritimati") { timezone } } }`,
    status: 200, code: INPUT, message: new RegExp(`Timestamp must be whole unix seconds between 0 and 4133980799 .*; got ${ts}$`),
  })),
  // JSON ingestion: text and instants that used to reach SQL
  { name: 'ingestActivities externalId with NUL', query: 'mutation { ingestActivities(athleteId: "$ATHLETE", activities: [{ source: "garmin", externalId: "a\\u0000b", startTime: "2026-01-01T00:00:00Z", distance: 1000, movingTime: 300 }]) { written } }', status: 200, code: INPUT, message: /^activities\[0\]\.externalId must not contain control characters/ },
  ...[['year 0000', '0000-01-01T00:00:00Z', /must be at least 1970-01-01T00:00:00.000Z/], ['year 9999', '9999-12-31T23:59:59Z', /must be at most 2100-12-31T23:59:59.000Z/]].map(([name, updatedAt, message]) => ({
    name: `ingestActivities updatedAt ${name}`, query: `mutation { ingestActivities(athleteId: "$ATHLETE", activities: [{ source: "garmin", externalId: "u", startTime: "2026-01-01T00:00:00Z", distance: 1000, movingTime: 300, updatedAt: "${updatedAt}" }]) { written } }`,
    status: 200, code: INPUT, message: message as RegExp,
  })),
  // deep, wide and aliased
  { name: '16 aliases', query: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: viewer { role }`).join(' ')} }`, status: 200, code: VALIDATION, message: /Aliases limit of 15/ },
  { name: '100 aliases', query: `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: viewer { role }`).join(' ')} }`, status: 200, code: VALIDATION, message: /Aliases limit of 15/ },
  { name: '11 directives', query: `{ viewer { ${Array.from({ length: 11 }, (_, i) => `r${i}: role @skip(if: false)`).join(' ')} } }`, status: 200, code: VALIDATION, message: /Directives limit of 10/ },
  { name: '2001 tokens', query: `{ viewer { ${'role '.repeat(2001)} } }`, status: 200, code: PARSE, message: /Token limit of 2000/ },
  { name: 'cost over 150000', query: `{ ${Array.from({ length: 8 }, (_, i) => `a${i}: athletes(first: 100) { edges { node { id name recentActivities(first: 100) { edges { node { id distance movingTime } } } } } }`).join(' ')} }`, status: 400, code: 'QUERY_TOO_COSTLY', message: /^query cost 162,408 exceeds the limit of 150,000/ },
  { name: 'fragment cycle', query: '{ viewer { ...A } } fragment A on Viewer { athlete { coaches { id } } ...A }', status: 200, code: VALIDATION },
  // bodies and content types
  { name: 'invalid JSON', body: '{"query": ', status: 400, code: BAD_REQUEST },
  { name: 'JSON array body (batching)', body: '[{"query":"{ viewer { role } }"}]', status: 400, code: BAD_REQUEST },
  { name: 'JSON string body', body: '"{ viewer { role } }"', status: 400, code: BAD_REQUEST },
  { name: 'query as a number', body: '{"query": 42}', status: 400, code: BAD_REQUEST },
  { name: 'variables as a string', body: '{"query": "{ viewer { role } }", "variables": "x"}', status: 400, code: BAD_REQUEST },
  { name: 'extensions as an array', body: '{"query": "{ viewer { role } }", "extensions": []}', status: 400, code: BAD_REQUEST },
  { name: 'no query at all', body: '{}', status: 400, code: BAD_REQUEST, message: /the request has no query/ },
  { name: 'empty body', body: '', status: 400, code: BAD_REQUEST },
  { name: 'oversized body', body: JSON.stringify({ query: `{ viewer { role } } #${'x'.repeat(1_100_000)}` }), status: 413, code: INPUT },
  { name: 'text/plain body (CSRF-simple)', body: '{"query":"{ viewer { role } }"}', headers: { 'content-type': 'text/plain' }, status: 403, code: 'CSRF' },
  { name: 'form-encoded body', body: 'query=%7B%20viewer%20%7B%20role%20%7D%20%7D', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 403, code: 'CSRF' },
  { name: 'XML content type', body: '<query/>', headers: { 'content-type': 'application/xml', 'x-graphql-yoga-csrf': '1' }, status: 415, code: 'NONE' },
  { name: 'PUT method', body: '{"query":"{ viewer { role } }"}', method: 'PUT', status: 405, code: 'NONE' },
  { name: 'mutation over GET', method: 'GET', url: `/graphql?query=${encodeURIComponent('mutation { x }')}`, headers: { 'x-graphql-yoga-csrf': '1' }, status: 405, code: 'NONE' },
  { name: 'persisted query unknown hash', body: '{"documentId":"sha256:deadbeef"}', status: 200, code: 'PERSISTED_QUERY_NOT_FOUND', message: /no persisted operation has this documentId/ },
  { name: 'no authorization', query: '{ viewer { role } }', headers: { authorization: '' }, status: 401, code: 'UNAUTHENTICATED' },
  { name: 'basic authorization', query: '{ viewer { role } }', headers: { authorization: 'Basic dXNlcjpwYXNz' }, status: 401, code: 'UNAUTHENTICATED' },
];

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
  expect(cases.length).toBeGreaterThanOrEqual(100);
});

it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
  const body = c.body ?? JSON.stringify({ query: c.query?.replaceAll('$ATHLETE', String(athleteId)), variables: c.variables });
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
    authorization: `Bearer ${token}`,
    ...(c.method === 'GET' ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
    ...c.headers,
  };
  if (!headers.authorization) delete headers.authorization;
  if (c.method === 'GET') delete headers['content-type'];
  const response = await app.fetch(`http://stride.test${c.url ?? '/graphql'}`, {
    method: c.method ?? 'POST',
    headers,
    body: c.method === 'GET' ? undefined : body,
  });
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
