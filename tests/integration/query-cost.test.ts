import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getIntrospectionQuery, getOperationAST, parse } from 'graphql';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser } from '../helpers/fixtures';
import { openSubscription } from '../helpers/sse';
import { createTestApp, tokenFor } from '../helpers/auth';
import { errorCodes, execute } from '../helpers/graphql';
import { exampleTabs, OPERATIONS_DIR } from '../../src/graphiql';
import { schema } from '../../src/schema';
import { QUERY_LIMITS } from '../../src/plugins/limits';
import { queryCost } from '../../src/plugins/query-cost';
import { MAX_BATCH_PAGE_SIZE, MAX_PAGE_SIZE } from '../../src/schema/pagination';
import type { App } from '../../src/app';

// The cost limit charges what a request really asks for (docs/api.md, Query cost): page sizes
// and the buckets of stats fields, multiplied down the tree, from the document and its
// variables. The issue's query (five aliases of the Athletes list with daily stats over ~990
// days) passed every old limit and took seconds; it is refused before any SQL.

const LIMIT = QUERY_LIMITS.maxCost.n;
const number = (n: number) => n.toLocaleString('en-US');
const seconds = (iso: string) => Date.parse(iso) / 1000;
const FROM = seconds('2024-03-01T00:00:00Z');
const TO = seconds('2026-11-15T23:59:59Z'); // 990 days later

let t: TestDatabase;
let app: App;
let token: string;
let athleteId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  const orgId = await createOrganization(t.db, 'Costly Club');
  const coachId = await createUser(t.db, orgId, { role: 'coach', name: 'Cora Coach' });
  for (const name of ['Ada Runner', 'Bo Runner', 'Cy Runner']) athleteId = await createUser(t.db, orgId, { role: 'athlete', name, timezone: 'Europe/Oslo' });
  token = await tokenFor({ orgId, userId: coachId, role: 'COACH' });
  app = createTestApp(t.db);
  t.statements.reset();
});

afterAll(() => t.close());

/** Sends the request and counts the SQL statements it ran (the transaction's frame included). */
async function run(query: string, variables?: Record<string, unknown>, target = app) {
  await t.statements.settled();
  t.statements.reset();
  const result = await execute(target, token, query, variables);
  await t.statements.settled();
  return { ...result, statements: t.statements.count };
}

const fiveAliases = (field: string, first: number | string) =>
  `{ ${Array.from({ length: 5 }, (_, i) => `a${i}: coachAthletesMetrics(first: ${first}) { edges { node { id ${field} } } }`).join(' ')} }`;

const dailyRunningStats = `runningStats(fromTimestamp: ${FROM}, toTimestamp: ${TO}, rangeType: DAILY, metricType: DISTANCE) { points { start value runs } totals { totalDistance } }`;

describe('the issue: five aliases of the Athletes list with daily stats', () => {
  it('is refused before execution with the computed cost and the limit in the message, and no SQL runs', async () => {
    const result = await run(fiveAliases(dailyRunningStats, MAX_BATCH_PAGE_SIZE));
    expect(result.status).toBe(400);
    expect(errorCodes(result)).toEqual(['QUERY_TOO_COSTLY']);
    // Per athlete: edge, node, runningStats and totals (4 objects), 992 points and the 992
    // buckets built (990 UTC days, counted across the widest zones as runningStats checks
    // them: UTC-12 for the start, UTC+14 for the end).
    const cost = 5 * 1000 * (4 + 992 + 992) + 5 * 1;
    expect(result.errors![0].message).toBe(
      `query cost ${number(cost)} exceeds the limit of 150,000; ` +
        'the largest part is a0 at 1,988,001 (a0: 1,000 × runningStats: 992 buckets). Ask for fewer items, shorter ranges or a coarser granularity',
    );
    expect(result.errors![0].extensions).toEqual({ code: 'QUERY_TOO_COSTLY', cost, limit: LIMIT });
    expect(result.data).toBeUndefined();
    expect(result.statements).toBe(0);
  });

  it.each([
    ['60 athletes (the issue\'s organization), daily runningStats over 990 days', fiveAliases(dailyRunningStats, 60), 5 * 60 * (4 + 992 + 992) + 5],
    ['60 athletes, runningStats totals only (the buckets are built all the same)', fiveAliases(`runningStats(fromTimestamp: ${FROM}, toTimestamp: ${TO}, rangeType: DAILY, metricType: DISTANCE) { totals { totalDistance } }`, 60), 5 * 60 * (4 + 992) + 5],
    ['60 athletes, activityStats by day over the longest range (400 days)', fiveAliases('activityStats(from: "2025-10-12", to: "2026-11-15", granularity: DAY) { buckets { start stats { totalDistance } } }', 60), 5 * 60 * (3 + 400 + 400 * 2) + 5],
  ])('refuses %s', async (_name, query, cost) => {
    const result = await run(query);
    expect(result.status).toBe(400);
    expect(errorCodes(result)).toEqual(['QUERY_TOO_COSTLY']);
    expect(result.errors![0].message).toMatch(new RegExp(`^query cost ${number(cost)} exceeds the limit of 150,000; `));
    expect(result.statements).toBe(0);
  });

  it('charges a page of 1,000 runs as asked: one athlete\'s is cheap, 200 athletes\' is refused', async () => {
    const runs = (first: number) => `recentActivities(first: ${first}) { edges { node { id distance } } }`;
    const one = await run(`{ coachAthletesMetrics(first: 1) { edges { node { id ${runs(1000)} } } } }`);
    expect(one.errors).toBeUndefined();
    const many = await run(`{ coachAthletesMetrics(first: 200) { edges { node { id ${runs(1000)} } } } }`);
    expect(errorCodes(many)).toEqual(['QUERY_TOO_COSTLY']);
    expect(many.statements).toBe(0);
  });

  it('is refused when the page size and the range come from variables, and runs with small ones', async () => {
    const query = `query Costly($first: Int, $from: Timestamp!, $to: Timestamp!, $range: RangeType!) {
      ${Array.from({ length: 5 }, (_, i) => `a${i}: coachAthletesMetrics(first: $first) { edges { node { id runningStats(fromTimestamp: $from, toTimestamp: $to, rangeType: $range, metricType: DISTANCE) { points { value } } } } }`).join('\n')}
    }`;
    const costly = await run(query, { first: 1000, from: FROM, to: TO, range: 'DAILY' });
    expect(costly.status).toBe(400);
    expect(errorCodes(costly)).toEqual(['QUERY_TOO_COSTLY']);
    expect(costly.errors![0].message).toMatch(/^query cost 9,935,005 exceeds the limit of 150,000; the largest part is a0 at 1,987,001 \(a0: 1,000 × runningStats: 992 buckets\)/);
    expect(costly.statements).toBe(0);
    // The default page (20) is charged when first is left out: 99,200 buckets.
    const defaultPage = await run(query, { from: FROM, to: TO, range: 'DAILY' });
    expect(defaultPage.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', cost: 5 * 20 * (3 + 992 + 992) + 5 });
    // The same document with a page of 3 and a week of days is cheap, and answers.
    const cheap = await run(query, { first: 3, from: FROM, to: FROM + 6 * 86_400, range: 'DAILY' });
    expect(cheap.errors).toBeUndefined();
    expect((cheap.data as any).a4.edges).toHaveLength(3);
    expect((cheap.data as any).a4.edges[0].node.runningStats.points.length).toBeGreaterThanOrEqual(7);
    // Coarser buckets over the same 990 days are cheap too.
    const weekly = await run(query, { first: 60, from: FROM, to: TO, range: 'WEEKLY' });
    expect(weekly.errors).toBeUndefined();
  });
});

describe('ordinary requests', () => {
  it('lets a cheap query through', async () => {
    const result = await run('{ athletes(first: 2) { totalCount edges { node { name timezone labels { name } } } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ athletes: { totalCount: 3, edges: [{ node: { name: 'Ada Runner', timezone: 'Europe/Oslo', labels: [] } }, { node: { name: 'Bo Runner', timezone: 'Europe/Oslo', labels: [] } }] } });
    expect(result.statements).toBeGreaterThan(0);
  });

  it('leaves bad variables to execution (BAD_USER_INPUT), not to the cost', async () => {
    const result = await run('query($f: Int) { athletes(first: $f) { totalCount } }', { f: '10' });
    expect(result.status).toBe(400);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });

  it('charges nothing for introspection (GraphiQL)', async () => {
    expect(queryCost(schema, parse(getIntrospectionQuery()))!.cost).toBe(0);
    const result = await run(getIntrospectionQuery(), undefined, createTestApp(t.db, { queryLimits: { maxCost: { n: 0 } } }));
    expect(result.errors).toBeUndefined();
  });

  it('takes the limit from AppOptions.queryLimits', async () => {
    const strict = createTestApp(t.db, { queryLimits: { maxCost: { n: 40 } } });
    // 1 connection + 20 edges + 20 nodes = 41.
    const result = await run('{ athletes { edges { node { id } } } }', undefined, strict);
    expect(errorCodes(result)).toEqual(['QUERY_TOO_COSTLY']);
    expect(result.errors![0].message).toMatch(/^query cost 41 exceeds the limit of 40; the largest part is athletes at 41 \(athletes: 20\)/);
    expect((await run('{ athletes(first: 19) { edges { node { id } } } }', undefined, strict)).errors).toBeUndefined();
  });
});

/**
 * Every operation in operations/ with the variables its tests and GraphiQL use, at the
 * largest page sizes and ranges it accepts: each stays under a third of the limit.
 */
const OPERATION_VARIABLES: Record<string, () => Record<string, unknown>> = {
  AthletesList: () => ({ first: MAX_BATCH_PAGE_SIZE, orderBy: 'WEEKLY_DISTANCE' }),
  AthleteProfile: () => ({ id: String(athleteId) }),
  // A year of weeks (the stats tab), and the longest date range the other fields take.
  AthleteStats: () => ({ id: String(athleteId), from: seconds('2025-11-16T00:00:00Z'), to: seconds('2026-11-15T23:59:59Z'), timezone: 'Europe/Oslo', monthStart: '2025-10-12', monthEnd: '2026-11-15' }),
  GroupDashboard: () => ({ drillGroupId: '1', top: 50, planAthletes: MAX_PAGE_SIZE, period: 'CUSTOM', from: '2025-10-12', to: '2026-11-15' }),
  AthleteNames: () => ({ first: MAX_PAGE_SIZE }),
  AthleteSummary: () => ({ id: String(athleteId) }),
  Me: () => ({}),
  MyWeek: () => ({}),
  AthleteRoster: () => ({ first: MAX_PAGE_SIZE }),
  Organization: () => ({}),
  FilterMenus: () => ({ first: MAX_PAGE_SIZE }),
  CreateAthlete: () => ({ input: { name: 'Dee Runner', email: 'dee@costly.example' } }),
  UpdateAthleteSettings: () => ({ input: { athleteId: String(athleteId), hrMax: 190 } }),
  CreateGoalRace: () => ({ input: { athleteId: String(athleteId), eventName: 'City 10K', date: '2026-12-20', distance: 10_000 } }),
  CreateTrainingPlan: () => ({ input: { athleteId: String(athleteId), name: 'Base', startDate: '2026-11-30', template: [[{ day: 1, kind: 'EASY', distance: 6000 }]] } }),
  UpdatePlannedWorkout: () => ({ input: { id: '1', distance: 7000 } }),
  CreateCoach: () => ({ input: { name: 'Cal Coach', email: 'cal@costly.example' } }),
  AssignCoach: () => ({ input: { athleteId: String(athleteId), coachId: '1' } }),
  CreateLabel: () => ({ input: { name: 'Masters' } }),
  AttachLabel: () => ({ input: { athleteId: String(athleteId), labelId: '1' } }),
  CreateGroup: () => ({ input: { name: 'Milers' } }),
  AddGroupMember: () => ({ input: { groupId: '1', athleteId: String(athleteId), joinedOn: '2026-11-01' } }),
  ArchiveAthlete: () => ({ input: { id: String(athleteId) } }),
  OrganizationEvents: () => ({ kinds: ['RUNS_CHANGED'] }),
  WebhookEndpoints: () => ({ first: MAX_PAGE_SIZE }),
  RegisterWebhookEndpoint: () => ({ input: { url: 'https://hooks.costly.example/stride', kinds: ['RUNS_CHANGED'] } }),
  SetWebhookEndpointEnabled: () => ({ input: { id: '1', enabled: false } }),
  ReplayWebhookDelivery: () => ({ input: { id: '1' } }),
  DeleteWebhookEndpoint: () => ({ input: { id: '1' } }),
};

const operations = exampleTabs().map(({ query }) => {
  const file = query.split('\n', 1)[0].replace(/^# /, '');
  const name = getOperationAST(parse(query))!.name!.value;
  return { file, name, query };
});

describe('the operations in operations/', () => {
  it('are all here, each with its variables', () => {
    expect(operations.map((o) => o.name).sort()).toEqual(Object.keys(OPERATION_VARIABLES).sort());
    expect(readFileSync(path.join(OPERATIONS_DIR, 'web', 'athletes-list.graphql'), 'utf8')).toContain('coachAthletesMetrics');
  });

  it('cost at most a third of the limit at their largest pages', () => {
    expect(LIMIT).toBe(150_000);
    const costs = operations.map(({ file, name, query }) => ({ file, name, cost: queryCost(schema, parse(query), OPERATION_VARIABLES[name](), name)!.cost }));
    // eslint-disable-next-line no-console
    console.log(`query costs (limit ${number(LIMIT)}):\n${costs.map((c) => `  ${c.file.padEnd(42)} ${number(c.cost).padStart(8)}`).join('\n')}`);
    for (const { file, cost } of costs) expect({ file, cost: cost <= LIMIT / 3 }).toEqual({ file, cost: true });
    // The largest: a thousand athletes on the Athletes list, 35 objects each (six attention signals at most).
    expect(costs.find((c) => c.name === 'AthletesList')!.cost).toBe(35_002);
  });

  it('run under a third of the limit through the server', async () => {
    const third = createTestApp(t.db, { queryLimits: { maxCost: { n: Math.floor(LIMIT / 3) } } });
    for (const { file, name, query } of operations) {
      let codes: unknown[];
      if (/^subscription /m.test(query)) {
        // A subscription refused for its cost answers at once on its event stream; an accepted one waits for events.
        const feed = await openSubscription(third, token, query, OPERATION_VARIABLES[name]());
        const first = await feed.next(500).catch(() => null);
        feed.close();
        codes = first ? errorCodes(first.data) : [];
      } else codes = errorCodes(await run(query, OPERATION_VARIABLES[name](), third));
      expect({ file, codes: codes.filter((c) => c === 'QUERY_TOO_COSTLY') }).toEqual({ file, codes: [] });
    }
  });
});

describe('the cost walk itself', () => {
  it('counts a fragment spread many times into one selection once, so nested spreads cannot exhaust the server', async () => {
    const spreads = (name: string) => Array.from({ length: 200 }, () => `...${name}`).join(' ');
    const query = `query { ...F1 } fragment F1 on Query { ${spreads('F2')} } fragment F2 on Query { ${spreads('F3')} }
      fragment F3 on Query { ${spreads('F4')} } fragment F4 on Query { viewer { role } }`;
    const started = Date.now();
    const result = await run(query);
    // Before, the walk built 200³ nodes: seconds of a blocked event loop, then out of memory.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ viewer: { role: 'COACH' } });
    expect(queryCost(schema, parse(query))!.cost).toBe(1);
  });

  it('lets execution report a null @skip condition with its code', async () => {
    const result = await run('query($skip: Boolean) { viewer @skip(if: $skip) { role } }', { skip: null });
    expect(result.status).not.toBe(500);
    expect(errorCodes(result).every((code) => typeof code === 'string')).toBe(true);
  });
});
