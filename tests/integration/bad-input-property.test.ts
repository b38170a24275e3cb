import fc from 'fast-check';
import {
  getNamedType, isEnumType, isInputObjectType, isLeafType, isListType, isNonNullType, isObjectType, isScalarType,
  type GraphQLArgument, type GraphQLField, type GraphQLInputType, type GraphQLObjectType, type GraphQLOutputType,
} from 'graphql';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser, labelAthlete } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { execute } from '../helpers/graphql';
import { schema } from '../../src/schema';
import { MAX_TIMESTAMP, MIN_TIMESTAMP } from '../../src/domain/input-bounds';
import { addDays, localDateOf } from '../../src/domain/time';
import { daysBetween } from '../../src/domain/buckets';
import type { App } from '../../src/app';

/**
 * Random arguments for every field of the schema that takes any (query fields at any depth
 * and mutations): strings with control characters, unpaired surrogates and 50 kB of text,
 * numbers beyond 32 and 53 bits, non-finite numbers written raw in the JSON body, dates and
 * timestamps at the ends of the calendar, wrong types. No answer may be a 5xx or a masked
 * internal error. Then two answers are checked for agreement: a range reaching past the data
 * answers what the range clamped to the data answers, or is refused; never zeros.
 */

const NOW = new Date('2024-07-01T12:00:00Z');
const DATA_ZONE = 'America/New_York';
const RUNS_PER_FIELD = 40;
const AGREEMENT_RUNS = 30;

let t: TestDatabase;
let app: App;
let fuzzToken: string;
let ids: { athlete: number; coach: number; group: number; label: number };
let dataToken: string;
let dataAthlete: number;
let dataRuns: { start: Date; localDate: string; distance: number }[];

beforeAll(async () => {
  t = await createTestDatabase();
  app = createTestApp(t.db, { clock: () => NOW });

  // The organization the random requests go to; mutations may write anything there.
  const fuzzOrg = await createOrganization(t.db, 'Fuzz Club', 'Europe/London');
  const admin = await createUser(t.db, fuzzOrg, { role: 'admin', name: 'Fuzz Admin' });
  const coach = await createUser(t.db, fuzzOrg, { role: 'coach', name: 'Fuzz Coach' });
  const athlete = await createUser(t.db, fuzzOrg, { role: 'athlete', name: 'Fuzz Runner', timezone: 'Asia/Kolkata' });
  const group = (await t.db.insertInto('groups').values({ org_id: fuzzOrg, name: 'Fuzzers' }).returning('id').executeTakeFirstOrThrow()).id;
  await t.db.insertInto('group_members').values({ org_id: fuzzOrg, group_id: group, athlete_id: athlete }).execute();
  const label = await labelAthlete(t.db, fuzzOrg, athlete, 'Fuzzed');
  ids = { athlete, coach, group, label };
  fuzzToken = await tokenFor({ orgId: fuzzOrg, userId: admin, role: 'ADMIN' });
  const seeded = await execute<any, any>(app, fuzzToken, 'mutation($a: ID!, $runs: [ActivityInput!]!) { ingestActivities(athleteId: $a, activities: $runs) { written } }', {
    a: String(athlete),
    runs: Array.from({ length: 20 }, (_, i) => ({ source: 'garmin', externalId: `f${i}`, startTime: new Date(Date.UTC(2024, 5, 1 + i, 6)).toISOString(), distance: 8000, movingTime: 2400, avgHeartRate: 150 })),
  });
  expect(seeded.data.ingestActivities.written).toBe(20);

  // A separate organization the random requests cannot reach (tenant isolation), holding the
  // data the agreement properties compare against: 60 runs, 2024-03-01..2024-06-28 (UTC).
  const dataOrg = await createOrganization(t.db, 'Agreement Club', 'UTC');
  const dataAdmin = await createUser(t.db, dataOrg, { role: 'admin', name: 'Data Admin' });
  dataAthlete = await createUser(t.db, dataOrg, { role: 'athlete', name: 'Data Runner', timezone: DATA_ZONE });
  dataToken = await tokenFor({ orgId: dataOrg, userId: dataAdmin, role: 'ADMIN' });
  // 03:00 UTC is the evening before in New York: local dates differ from UTC dates.
  dataRuns = Array.from({ length: 60 }, (_, i) => {
    const start = new Date(Date.UTC(2024, 2, 1 + i * 2, 3));
    return { start, localDate: localDateOf(start, DATA_ZONE), distance: 5000 + i * 100 };
  });
  const written = await execute<any, any>(app, dataToken, 'mutation($a: ID!, $runs: [ActivityInput!]!) { ingestActivities(athleteId: $a, activities: $runs) { written } }', {
    a: String(dataAthlete),
    runs: dataRuns.map((r, i) => ({ source: 'garmin', externalId: `d${i}`, startTime: r.start.toISOString(), distance: r.distance, movingTime: 1800 })),
  });
  expect(written.data.ingestActivities.written).toBe(60);
});

afterAll(() => t.close());

// ---------------------------------------------------------------- values

/** A number written as-is into the JSON body (JSON.stringify cannot write 1e309 or -0). */
class RawNumber {
  constructor(readonly text: string) {}
}

const rawNumber = fc.constantFrom('1e309', '-1e309', '1e-400', '-0', '9007199254740993', '1.0', '2147483648', '-2147483649').map((text) => new RawNumber(text));
const controlText = fc.string({ unit: fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 20 });
const anyText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  controlText,
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfff', '%', '_', '\\', "'; drop table users; --", '😀'.repeat(40), 'x'.repeat(50_000), ''),
);
const anyNumber = fc.oneof(
  fc.integer({ min: -5, max: 400 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e300, -1e300, 0.5, 1e21),
  rawNumber,
);
const wrongType = fc.oneof(fc.boolean(), fc.constant({ $gt: 0 }), fc.array(fc.integer(), { maxLength: 2 }), anyText, anyNumber);
const edgeDates = ['0000-01-01', '0001-01-01', '1969-12-31', '1970-01-01', '2100-12-31', '2101-01-01', '9999-12-31', '2024-02-29', '2023-02-29', '2024-13-01', '20240301', ''];
const dateText = (min: string, max: string) => fc.date({ min: new Date(min), max: new Date(max), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const anyDate = fc.oneof(fc.constantFrom(...edgeDates), dateText('1960-01-01', '2150-12-31'), dateText('2024-01-01', '2024-08-31'), dateText('0001-01-01', '9999-12-31'));
const anyDateTime = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ min: new Date('2024-01-01'), max: new Date('2024-07-02'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '+275760-09-13T00:00:00Z', '2024-03-01T07:00:00+14:00', '2024-02-30T00:00:00Z', 'yesterday'),
);
const anyTimestamp = fc.oneof(
  fc.integer({ min: MIN_TIMESTAMP, max: MAX_TIMESTAMP }),
  fc.integer({ min: 1_704_067_200, max: 1_719_835_200 }),
  fc.constantFrom(253_402_300_799, MAX_TIMESTAMP, MAX_TIMESTAMP + 1, -1, 1e15),
  anyNumber,
);
const anyZone = fc.oneof(fc.constantFrom('UTC', 'Europe/London', 'Pacific/Kiritimati', 'Etc/GMT+12', 'America/St_Johns', 'Asia/Kathmandu', 'Mars/Base', 'Europe/../etc', 'EST5EDT'), anyText);
const anyId = () => fc.oneof(
  fc.constantFrom(ids.athlete, ids.coach, ids.group, ids.label).map(String),
  fc.integer({ min: -1, max: 3000 }).map(String),
  fc.constantFrom('2147483648', '99999999999999999999', '0x1F', '1e3', ' 1', '١'),
  fc.integer({ min: 1, max: 10 }),
  anyText,
);
const cursorOf = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const anyCursor = fc.oneof(
  anyText,
  fc.record(
    {
      order: fc.constantFrom('NAME', 'LAST_ACTIVITY', 'WEEKLY_DISTANCE', 'ATTENTION', 'nope'),
      key: fc.oneof(fc.constant(null), anyNumber.filter((n) => !(n instanceof RawNumber)), anyText),
      name: anyText,
      id: fc.oneof(fc.integer(), fc.constantFrom(0, 2 ** 31, 1e20, 2 ** 53 + 2), fc.integer({ min: 1, max: 50 })),
      startTime: fc.oneof(anyDateTime, fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
    },
    { requiredKeys: [] },
  ).map(cursorOf),
  fc.constantFrom('{"order":"LAST_ACTIVITY","key":1e400,"name":"a","id":1}', '{"name":"a","id":1e400}', '[]', 'null').map(cursorOf),
);

/** Values a client would send, so that the other arguments of a request reach the resolver with the odd one. */
function plausibleScalar(typeName: string): fc.Arbitrary<unknown> | null {
  switch (typeName) {
    case 'ID': return fc.constantFrom(ids.athlete, ids.group).map(String);
    case 'Int': return fc.integer({ min: 1, max: 30 });
    case 'Float': return fc.double({ min: 0, max: 1000, noNaN: true });
    case 'String': return fc.string({ maxLength: 12 });
    case 'Boolean': return fc.boolean();
    case 'Date': return dateText('2024-01-01', '2024-08-31');
    case 'DateTime': return fc.date({ min: new Date('2024-01-01'), max: new Date('2024-07-01'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'Timestamp': return fc.integer({ min: 1_704_067_200, max: 1_719_835_200 });
    case 'TimeZone': return fc.constantFrom('UTC', 'Europe/London', 'Pacific/Kiritimati', 'Etc/GMT+12', 'Asia/Kathmandu');
    default: return null;
  }
}

/**
 * Random values for an input type: half plausible, the rest of the type but anywhere in or
 * out of range (control characters, huge numbers, edge dates), another type, or null.
 */
function valueOf(type: GraphQLInputType, argName: string, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valueOf(type.ofType, argName, depth);
  const plausible = isScalarType(type) && argName !== 'after' ? plausibleScalar(type.name) : null;
  const ofType = (() => {
    if (isListType(type)) {
      const item = valueOf(type.ofType, argName, depth + 1);
      return fc.oneof(fc.array(item, { maxLength: 3 }), item);
    }
    if (isEnumType(type)) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...type.getValues().map((v) => v.name)) }, { weight: 1, arbitrary: anyText });
    if (isInputObjectType(type)) {
      if (depth > 3) return fc.constant({});
      const fields = Object.values(type.getFields());
      const model = Object.fromEntries(fields.map((f) => [f.name, valueOf(f.type, f.name, depth + 1)]));
      const required = fields.filter((f) => isNonNullType(f.type)).map((f) => f.name);
      return fc.oneof({ weight: 4, arbitrary: fc.record(model, { requiredKeys: required }) }, { weight: 1, arbitrary: fc.record(model, { requiredKeys: [] }) });
    }
    if (isScalarType(type)) {
      if (argName === 'after') return anyCursor;
      switch (type.name) {
        case 'ID': return anyId();
        case 'Int': case 'Float': return anyNumber;
        case 'String': return anyText;
        case 'Boolean': return fc.boolean();
        case 'Date': return anyDate;
        case 'DateTime': return anyDateTime;
        case 'Timestamp': return anyTimestamp;
        case 'TimeZone': return anyZone;
      }
    }
    throw new Error(`no values for input type ${String(type)}`);
  })();
  const choices: fc.WeightedArbitrary<unknown>[] = [
    { weight: 6, arbitrary: ofType },
    { weight: 1, arbitrary: wrongType },
    { weight: 1, arbitrary: fc.constant(null) },
  ];
  if (plausible) choices.push({ weight: 6, arbitrary: plausible });
  return fc.oneof(...choices);
}

/** Known bad values of each kind, tried on every argument (and input field) in turn besides the random runs. */
const EDGES: Record<string, unknown[]> = {
  ID: ['0', '-1', '2147483648', '99999999999999999999', '1e3', ''],
  Int: [-1, 2 ** 31 - 1, new RawNumber('2147483648'), new RawNumber('1e309'), 1e300, 0.5],
  Float: [-1, 1e300, new RawNumber('1e309'), new RawNumber('-1e309'), new RawNumber('1e-400')],
  String: ['\u0000', 'a\u0007b', '\u001b[2J', 'x\u0085', '\ud800', 'x'.repeat(50_000), ''],
  Date: ['0000-01-01', '0001-01-01', '1969-12-31', '2100-12-31', '2101-01-01', '9999-12-31'],
  DateTime: ['0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '+275760-09-13T00:00:00Z'],
  Timestamp: [0, MAX_TIMESTAMP, MAX_TIMESTAMP + 1, 253_402_300_799, 253_402_214_400, new RawNumber('1e309')],
  TimeZone: ['Mars/Base', '\u0000', 'Etc/GMT+12', 'Pacific/Kiritimati'],
};
const EDGE_CURSORS = [
  { name: 'a', id: 1e20 }, { name: '\u0000', id: 1 }, { order: 'LAST_ACTIVITY', key: 1, name: 'a', id: 2 ** 31 },
  { startTime: '0000-01-01T00:00:00.000Z', id: 1 }, { startTime: '1', id: 1 }, { startTime: '2024-01-01T00:00:00.000Z', id: 1e20 },
].map(cursorOf);
/** Fixed plausible values of input fields whose format is narrow. */
const PLAUSIBLE_BY_NAME: Record<string, unknown> = {
  source: 'garmin', externalId: 'edge-1', startTime: '2024-06-01T07:00:00Z', distance: 5000, movingTime: 1500, date: '2024-06-01',
};

function plausibleValue(type: GraphQLInputType, name: string): unknown {
  if (isNonNullType(type)) return plausibleValue(type.ofType, name);
  if (name in PLAUSIBLE_BY_NAME) return PLAUSIBLE_BY_NAME[name];
  if (isListType(type)) return [plausibleValue(type.ofType, name)];
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    return Object.fromEntries(Object.values(type.getFields()).filter((f) => isNonNullType(f.type)).map((f) => [f.name, plausibleValue(f.type, f.name)]));
  }
  return fc.sample(plausibleScalar(type.name)!, { numRuns: 1, seed: 42 })[0];
}

/** Each known bad value of an argument (or of one field of an input object) in a request otherwise plausible. */
function edgesOf(type: GraphQLInputType, name: string, depth = 0): unknown[] {
  if (isNonNullType(type)) return edgesOf(type.ofType, name, depth);
  if (isListType(type)) return edgesOf(type.ofType, name, depth).map((v) => [v]);
  if (isInputObjectType(type)) {
    if (depth > 0) return [];
    const base = plausibleValue(type, name) as Record<string, unknown>;
    return Object.values(type.getFields()).flatMap((f) => edgesOf(f.type, f.name, depth + 1).map((v) => ({ ...base, [f.name]: v })));
  }
  if (isScalarType(type)) return name === 'after' ? EDGE_CURSORS : EDGES[type.name] ?? [];
  return [];
}

function edgeExamples(field: GraphQLField<unknown, unknown>): [Record<string, unknown>][] {
  const required = field.args.filter((a) => isNonNullType(a.type));
  const base = Object.fromEntries(required.map((a) => [a.name, plausibleValue(a.type, a.name)]));
  return field.args.flatMap((arg) => edgesOf(arg.type, arg.name).map((value) => [{ ...base, [arg.name]: value }] as [Record<string, unknown>]));
}

// ---------------------------------------------------------------- the schema's fields

interface Step { parent: GraphQLObjectType; field: GraphQLField<unknown, unknown> }
interface Target { operation: 'query' | 'mutation'; path: Step[]; target: Step }

const takesFile = (arg: GraphQLArgument) => getNamedType(arg.type).name === 'File';

/** Every field that takes arguments, each with the shortest path of fields leading to it from its root. */
function fieldsWithArguments(): Target[] {
  const targets: Target[] = [];
  const queryRoot = schema.getQueryType()!;
  const pathTo = new Map<string, Step[]>([[queryRoot.name, []]]);
  const queue: GraphQLObjectType[] = [queryRoot];
  while (queue.length) {
    const type = queue.shift()!;
    const path = pathTo.get(type.name)!;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length) targets.push({ operation: 'query', path, target: { parent: type, field } });
      const named = getNamedType(field.type);
      if (isObjectType(named) && !pathTo.has(named.name) && path.length < 4) {
        pathTo.set(named.name, [...path, { parent: type, field }]);
        queue.push(named);
      }
    }
  }
  const mutationRoot = schema.getMutationType()!;
  for (const field of Object.values(mutationRoot.getFields())) {
    if (field.args.length && !field.args.some(takesFile)) targets.push({ operation: 'mutation', path: [], target: { parent: mutationRoot, field } });
  }
  return targets;
}

/** Leaves of the type and of the objects under it (fields without arguments), `depth` levels down. */
function selectionOf(type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (!isObjectType(named)) return '';
  const parts: string[] = [];
  for (const field of Object.values(named.getFields())) {
    if (field.args.length) continue;
    const inner = getNamedType(field.type);
    if (isLeafType(inner)) parts.push(field.name);
    else if (depth > 0 && isObjectType(inner)) parts.push(`${field.name} ${selectionOf(inner, depth - 1)}`);
  }
  return `{ __typename ${parts.join(' ')} }`;
}

/** The fixed arguments of a field on the way to the target: the fuzzed athlete. */
function pathArguments(field: GraphQLField<unknown, unknown>): string {
  const required = field.args.filter((a) => isNonNullType(a.type));
  if (!required.length) return '';
  return `(${required.map((a) => {
    if (getNamedType(a.type).name !== 'ID') throw new Error(`no fixed value for ${field.name}(${a.name})`);
    return `${a.name}: "${ids.athlete}"`;
  }).join(', ')})`;
}

function documentOf({ operation, path, target }: Target, args: Record<string, unknown>): string {
  const given = target.field.args.filter((a) => args[a.name] !== undefined);
  const variables = given.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = given.length ? `(${given.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
  let selection = `${target.field.name}${call} ${selectionOf(target.field.type, 2)}`;
  for (const step of [...path].reverse()) selection = `${step.field.name}${pathArguments(step.field)} { ${selection} }`;
  return `${operation}${variables ? `(${variables})` : ''} { ${selection} }`;
}

function bodyOf(query: string, variables: Record<string, unknown>): string {
  const json = JSON.stringify({ query, variables }, (_key, value) => (value instanceof RawNumber ? `__raw:${value.text}__` : value));
  return json.replace(/"__raw:([^"]*)__"/g, '$1');
}

async function send(token: string, body: string) {
  const response = await app.fetch('http://stride.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}`, 'content-length': String(Buffer.byteLength(body)) },
    body,
  });
  const text = await response.text();
  return { status: response.status, text };
}

/** No 5xx, no masked internal error, no stack; every error says what it is. */
function expectClearAnswer(status: number, text: string, body: string) {
  const context = `request ${body.slice(0, 600)}\nanswer ${status} ${text.slice(0, 600)}`;
  if (status >= 500) throw new Error(`5xx answer\n${context}`);
  if (/Unexpected error|INTERNAL_SERVER_ERROR|\.ts:\d+|at [A-Za-z.]+ \(/.test(text)) throw new Error(`internal error\n${context}`);
  const json = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
  if (json.errors?.some((e) => typeof e.extensions?.code !== 'string')) throw new Error(`an error without a code\n${context}`);
}

describe('random arguments for every field that takes any', () => {
  const targets = fieldsWithArguments();

  it('covers the schema: every query field with arguments, at any depth, and every mutation but the upload', () => {
    const names = targets.map((x) => `${x.target.parent.name}.${x.target.field.name}`);
    expect(names).toEqual(expect.arrayContaining([
      'Query.athlete', 'Query.athletes', 'Query.coachAthletesMetrics', 'Athlete.runningStats', 'Athlete.activityStats', 'Athlete.healthMetrics',
      'Athlete.recentActivities', 'Athlete.fitnessStats', 'Charts.dailyDistance', 'Streak.calendar', 'GroupDashboard.overview', 'GroupDashboard.comparison',
      'GroupComparison.members', 'Mutation.refreshGroupInsights', 'Mutation.ingestActivities', 'Mutation.recordHealthMetrics',
    ]));
    expect(names.length).toBeGreaterThanOrEqual(20);
  });

  it.each(fieldsWithArguments().map((x) => [`${x.target.parent.name}.${x.target.field.name}`]))('%s', async (name) => {
    const target = targets.find((x) => `${x.target.parent.name}.${x.target.field.name}` === name)!;
    const model = Object.fromEntries(target.target.field.args.map((a) => [a.name, valueOf(a.type, a.name)]));
    // Required arguments are always sent (a missing one is a validation error the corpus covers); optional ones come and go.
    const required = target.target.field.args.filter((a) => isNonNullType(a.type)).map((a) => a.name);
    await fc.assert(
      fc.asyncProperty(fc.record(model, { requiredKeys: required }), async (args) => {
        const body = bodyOf(documentOf(target, args), args);
        const { status, text } = await send(fuzzToken, body);
        expectClearAnswer(status, text, body);
      }),
      { numRuns: RUNS_PER_FIELD, examples: edgeExamples(target.target.field) },
    );
  });
});

// ---------------------------------------------------------------- agreement with the clamped range

const sumOf = (runs: { distance: number }[]) => runs.reduce((sum, r) => sum + r.distance, 0);

describe('a range past the data answers what the range clamped to the data answers, or is refused', () => {
  const RUNNING = `query($from: Timestamp!, $to: Timestamp!, $range: RangeType!, $zone: TimeZone) { athlete(id: "$ATHLETE") {
    runningStats(fromTimestamp: $from, toTimestamp: $to, rangeType: $range, metricType: DISTANCE, timezone: $zone) { totals { totalDistance totalActivities } } } }`;
  const ACTIVITY = `query($from: Date!, $to: Date!, $g: ActivityStatsGranularity!) { athlete(id: "$ATHLETE") {
    activityStats(from: $from, to: $to, granularity: $g) { totals { totalDistance totalActivities } } } }`;

  // Instants anywhere in the accepted span, often near the data (2024-03..2024-06) and its edges.
  const instant = fc.oneof(
    fc.integer({ min: MIN_TIMESTAMP, max: MAX_TIMESTAMP }),
    fc.integer({ min: 1_700_000_000, max: 1_730_000_000 }),
    fc.constantFrom(MIN_TIMESTAMP, MAX_TIMESTAMP, 1_709_262_000, 1_719_543_600),
  );

  it('runningStats', async () => {
    const first = Math.min(...dataRuns.map((r) => r.start.getTime() / 1000));
    const last = Math.max(...dataRuns.map((r) => r.start.getTime() / 1000));
    await fc.assert(
      fc.asyncProperty(instant, instant, fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'), fc.constantFrom(undefined, 'UTC', 'Pacific/Kiritimati', 'Etc/GMT+12'), async (a, b, range, zone) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const query = (f: number, t2: number) => execute<any, any>(app, dataToken, RUNNING.replace('$ATHLETE', String(dataAthlete)), { from: f, to: t2, range, zone });
        const answer = await query(from, to);
        if (answer.errors) {
          // Refused, never answered wrong: only for too many buckets.
          expect(answer.errors.map((e) => [e.extensions?.code, e.message])).toEqual([['BAD_USER_INPUT', expect.stringMatching(/buckets; at most 1000 are allowed$/)]]);
          return;
        }
        const inRange = dataRuns.filter((r) => r.start.getTime() / 1000 >= from && r.start.getTime() / 1000 <= to);
        expect(answer.data.athlete.runningStats.totals).toEqual({ totalDistance: sumOf(inRange), totalActivities: inRange.length });
        const [clampedFrom, clampedTo] = [Math.max(from, first), Math.min(to, last)];
        if (clampedFrom > clampedTo) return;
        const clamped = await query(clampedFrom, clampedTo);
        expect(clamped.errors).toBeUndefined();
        expect(clamped.data.athlete.runningStats.totals).toEqual(answer.data.athlete.runningStats.totals);
      }),
      { numRuns: AGREEMENT_RUNS },
    );
  });

  it('activityStats', async () => {
    const dates = dataRuns.map((r) => r.localDate).sort();
    const [first, last] = [dates[0], dates[dates.length - 1]];
    const date = fc.oneof(dateText('1970-01-01', '2100-12-31'), dateText('2023-06-01', '2024-12-31'), fc.constantFrom('1970-01-01', '2100-12-31', first, last, addDays(first, -1), addDays(last, 1)));
    await fc.assert(
      fc.asyncProperty(date, fc.integer({ min: 0, max: 420 }), fc.constantFrom('DAY', 'MONTH'), async (from, span, granularity) => {
        const to = addDays(from, span) > '2100-12-31' ? '2100-12-31' : addDays(from, span);
        const query = (f: string, t2: string) => execute<any, any>(app, dataToken, ACTIVITY.replace('$ATHLETE', String(dataAthlete)), { from: f, to: t2, g: granularity });
        const answer = await query(from, to);
        if (answer.errors) {
          expect(daysBetween(from, to) + 1).toBeGreaterThan(400);
          expect(answer.errors.map((e) => [e.extensions?.code, e.message])).toEqual([['BAD_USER_INPUT', expect.stringMatching(/at most 400 days/)]]);
          return;
        }
        const inRange = dataRuns.filter((r) => r.localDate >= from && r.localDate <= to);
        expect(answer.data.athlete.activityStats.totals).toEqual({ totalDistance: sumOf(inRange), totalActivities: inRange.length });
        const [clampedFrom, clampedTo] = [from > first ? from : first, to < last ? to : last];
        if (clampedFrom > clampedTo) return;
        const clamped = await query(clampedFrom, clampedTo);
        expect(clamped.errors).toBeUndefined();
        expect(clamped.data.athlete.activityStats.totals).toEqual(answer.data.athlete.activityStats.totals);
      }),
      { numRuns: AGREEMENT_RUNS },
    );
  });
});
