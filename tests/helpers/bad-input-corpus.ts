import type { App } from '../../src/app';

/**
 * The bad-input corpus: every request here is wrong in some way and must get a clear
 * error with the expected code and HTTP status: never a 500, never data.
 */
export interface Case {
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

export const badInputCases: Case[] = [
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

/** Sends one case as a client would, `$ATHLETE` in its query naming `athleteId`. */
export async function sendCase(app: App, token: string, athleteId: number, c: Case): Promise<Response> {
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
  return app.fetch(`http://stride.test${c.url ?? '/graphql'}`, {
    method: c.method ?? 'POST',
    headers,
    body: c.method === 'GET' ? undefined : body,
  });
}
