import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { errorCodes, execute } from '../helpers/graphql';
import { upsertActivities } from '../../src/ingest/activities';
import type { App } from '../../src/app';
import type { KyselyPlugin } from 'kysely';
import { withPluginOnReads } from '../../src/db/tenant';

// `athlete(id)` asked for its id and one of recentActivities, activityStats or runningStats
// reads the athlete and the field in one statement (src/schema/athlete-fold.ts). Each case is
// compared with the same field asked beside `name`, which takes the two-statement path.

const NOW = new Date('2026-03-09T08:00:00Z');

let t: TestDatabase;
let app: App;
let token: string;
let athleteId: number;
let archivedId: number;
let otherOrgAthleteId: number;

const run = (id: string, startTime: string, distanceM: number) => ({ source: 't', externalId: id, startTime: new Date(startTime), distanceM, movingS: distanceM / 3, elapsedS: distanceM / 3, avgHr: 150 });

beforeAll(async () => {
  t = await createTestDatabase();
  const orgId = await createOrganization(t.db, 'Fold Club', 'Europe/London');
  const coach = await createUser(t.db, orgId, { role: 'coach', name: 'Coach Pat' });
  athleteId = await createUser(t.db, orgId, { role: 'athlete', name: 'Ana', timezone: 'America/New_York' });
  archivedId = await createUser(t.db, orgId, { role: 'athlete', name: 'Ben' });
  for (const [id, runs] of [[athleteId, 5], [archivedId, 2]] as const) {
    await upsertActivities(t.db, orgId, id, Array.from({ length: runs }, (_, k) => run(`${id}-${k}`, `2026-03-0${k + 2}T03:30:00Z`, 5000 + 1000 * k)), { now: NOW });
  }
  await t.db.updateTable('users').set({ archived_at: NOW }).where('id', '=', archivedId).execute();
  const otherOrg = await createOrganization(t.db, 'Other Club');
  otherOrgAthleteId = await createUser(t.db, otherOrg, { role: 'athlete', name: 'Cy' });
  await upsertActivities(t.db, otherOrg, otherOrgAthleteId, [run('x', '2026-03-03T07:00:00Z', 9000)], { now: NOW });
  token = await tokenFor({ orgId, userId: coach, role: 'COACH' });
  app = createTestApp(t.db, { clock: () => NOW });
});

afterAll(() => t.close());

const FIELDS = {
  recentActivities: 'recentActivities(first: 3) { pageInfo { hasNextPage endCursor } edges { node { id startTime localDate distance trainingLoad } } }',
  activityStats: 'activityStats(from: "2026-03-01", to: "2026-03-09", granularity: DAY) { buckets { start complete stats { totalActivities totalDistance avgHeartRate } } totals { totalDistance } }',
  activityStatsWithZones: 'activityStats(from: "2026-03-01", to: "2026-03-09", granularity: DAY) { buckets { start paceZ1Time hrZ2Time stats { totalDistance } } }',
  runningStats: 'runningStats(fromTimestamp: 1772323200, toTimestamp: 1773014400, rangeType: DAILY, metricType: DISTANCE) { timezone points { start value runs complete } }',
};

async function ask(query: string, variables: Record<string, unknown> = {}) {
  await t.statements.settled();
  t.statements.reset();
  const result = await execute<any, never>(app, token, query, variables as never);
  await t.statements.settled();
  return { result, statements: t.statements.queries };
}

describe('athlete(id) with one field, in one statement', () => {
  it.each(Object.entries(FIELDS))('%s: one statement, the same answer as beside another field', async (name, field) => {
    const folded = await ask(`query ($id: ID!) { athlete(id: $id) { id ${field} } }`, { id: String(athleteId) });
    const apart = await ask(`query ($id: ID!) { athlete(id: $id) { id name ${field} } }`, { id: String(athleteId) });
    expect(folded.result.errors).toBeUndefined();
    expect(apart.result.errors).toBeUndefined();
    expect(folded.statements).toBe(1);
    expect(apart.statements).toBe(2);
    const { name: _name, ...rest } = apart.result.data.athlete;
    expect(folded.result.data.athlete).toEqual(rest);
    // The answer holds the athlete's runs, so an empty answer cannot pass for a folded one.
    expect(JSON.stringify(folded.result.data)).toMatch(/"(distance|totalDistance|value)":[1-9]/);
    if (name === 'activityStatsWithZones') expect(JSON.stringify(folded.result.data)).toMatch(/"paceZ1Time":\d+/);
  });

  it('reads the field in the athlete\'s own zone (the row comes with the statement)', async () => {
    const { result } = await ask(`{ athlete(id: "${athleteId}") { id ${FIELDS.runningStats} } }`);
    expect(result.data.athlete.runningStats.timezone).toBe('America/New_York');
    // 03:30 UTC on 2 March is 1 March in New York.
    expect(result.data.athlete.runningStats.points.find((p: { runs: number }) => p.runs > 0).start).toBe('2026-03-01');
  });

  it('answers an archived athlete, as the lookup does', async () => {
    const { result, statements } = await ask(`{ athlete(id: "${archivedId}") { id ${FIELDS.recentActivities} } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.athlete.recentActivities.edges).toHaveLength(2);
    expect(statements).toBe(1);
  });

  it.each([
    ['an unknown id', () => 99_999_999],
    ["another organization's athlete", () => otherOrgAthleteId],
  ])('answers %s as NOT_FOUND at athlete, as the lookup does', async (_what, idOf) => {
    for (const name of Object.keys(FIELDS) as (keyof typeof FIELDS)[]) {
      const folded = await ask(`{ athlete(id: "${idOf()}") { id ${FIELDS[name]} } }`);
      const apart = await ask(`{ athlete(id: "${idOf()}") { id name ${FIELDS[name]} } }`);
      expect(folded.result.data).toEqual({ athlete: null });
      expect(errorCodes(folded.result)).toEqual(['NOT_FOUND']);
      expect(folded.result.errors![0].path).toEqual(['athlete']);
      expect(folded.result.errors![0].message).toBe(apart.result.errors![0].message);
      expect(folded.statements).toBe(1);
    }
  });

  it('takes two statements when the field needs the athlete\'s zone first, or is asked through a fragment or with a second field', async () => {
    const localDays = 'runningStats(from: "2026-03-01", to: "2026-03-09", rangeType: DAILY, metricType: DISTANCE) { timezone points { runs } }';
    const cases = [
      `{ athlete(id: "${athleteId}") { id ${localDays} } }`,
      `{ athlete(id: "${athleteId}") { ...F } } fragment F on Athlete { id ${FIELDS.recentActivities} }`,
      `{ athlete(id: "${athleteId}") { id ${FIELDS.recentActivities} ${FIELDS.runningStats} } }`,
      `{ athlete(id: "${athleteId}") { id recentActivities(first: 3) @include(if: true) { edges { node { id } } } } }`,
    ];
    for (const query of cases) {
      const { result, statements } = await ask(query);
      expect(result.errors).toBeUndefined();
      expect(statements).toBeGreaterThanOrEqual(2);
    }
    const { result } = await ask(`{ athlete(id: "${athleteId}") { id ${localDays} } }`);
    expect(result.data.athlete.runningStats.timezone).toBe('America/New_York');
  });

  it('lets an athlete fold their own data, and refuses another athlete before any statement', async () => {
    const coachToken = token;
    try {
      token = await tokenFor({ orgId: (await t.db.selectFrom('users').select('org_id').where('id', '=', athleteId).executeTakeFirstOrThrow()).org_id, userId: athleteId, role: 'ATHLETE' });
      const own = await ask(`{ athlete(id: "${athleteId}") { id ${FIELDS.recentActivities} } }`);
      expect(own.result.errors).toBeUndefined();
      expect(own.result.data.athlete.recentActivities.edges).toHaveLength(3);
      expect(own.statements).toBe(1);
      const other = await ask(`{ athlete(id: "${archivedId}") { id ${FIELDS.recentActivities} } }`);
      expect(errorCodes(other.result)).toEqual(['FORBIDDEN']);
      expect(other.statements).toBe(0);
    } finally {
      token = coachToken;
    }
  });

  it('reports bad arguments at the field, after the athlete is found, as without folding', async () => {
    const { result } = await ask(`{ athlete(id: "${athleteId}") { id recentActivities(after: "bm90LWEtY3Vyc29y") { edges { node { id } } } } }`);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].path).toEqual(['athlete', 'recentActivities']);
    expect(result.errors![0].message).toMatch(/after/);
    expect(result.data.athlete).toEqual({ id: String(athleteId), recentActivities: null });
  });

  it('asks again unfolded when the folded statement fails, where no transaction is spent', async () => {
    // The folded statement fails before it is sent; everything else runs as usual.
    const failFolded: KyselyPlugin = {
      transformQuery: (args) => {
        if (JSON.stringify(args.node).includes('$athlete')) throw new Error('the folded statement failed');
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const failing = createTestApp(withPluginOnReads(t.db, failFolded), { clock: () => NOW });
    const result = await execute<any, never>(failing, token, `{ athlete(id: "${athleteId}") { id ${FIELDS.recentActivities} } }`);
    if (t.kind === 'embedded') {
      // The read-only transaction is spent: the failure is reported where it happened.
      expect(result.data).toEqual({ athlete: null });
      expect(result.errors![0].path).toEqual(['athlete']);
    } else {
      expect(result.errors).toBeUndefined();
      expect(result.data.athlete.recentActivities.edges).toHaveLength(3);
    }
  });
});
