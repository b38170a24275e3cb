import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser, setAthleteSettings } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { errorCodes, execute } from '../helpers/graphql';
import { addDays } from '../../src/domain/time';
import { daysBetween } from '../../src/domain/buckets';
import { computeRisk, type RiskDay, type RiskIndicators } from '../../src/domain/risk';
import type { App } from '../../src/app';

// The load-risk indicators through GraphQL (issue 15, section 3): today's values and the
// daily series equal the domain computation over the rollup, the cache shifts to a later
// today, the sort keys and signals follow the organization's thresholds, which only admins set.

const NOW = new Date('2026-06-30T12:00:00Z');
const TODAY = '2026-06-30';
let t: TestDatabase;
let app: App;
let orgId: number;
const tokens = {} as Record<'admin' | 'coach' | 'athlete' | 'foreignAdmin', string>;
const ids = {} as Record<'steady' | 'surge' | 'idle' | 'foreign', number>;

type Result = Awaited<ReturnType<typeof execute<any, any>>>;
const gql = (token: string, query: string, variables?: Record<string, unknown>, on: App = app): Promise<Result> => execute<any, any>(on, token, query, variables);

const RISK = 'asOf acwr acwrMethod acwrRolling acwrEwma monotony strain weeklyLoad rampRate rampRateUnit weeklyRamp weeklyDistance weeklyDistanceChange longRunShare historyDays';
const READ = `query($id: ID!) { athlete(id: $id) { riskIndicators { ${RISK} } attentionSignals { metric previous current severity reason } } }`;
const HISTORY = `query($id: ID!, $from: Date!, $to: Date!) { athlete(id: $id) { riskHistory(from: $from, to: $to) { ${RISK} } } }`;
const THRESHOLDS = '{ organization { signalThresholds { acwrMax monotonyMax weeklyRampMax version updatedAt } } }';
const UPDATE = `mutation($input: UpdateOrganizationSignalThresholdsInput!) { updateOrganizationSignalThresholds(input: $input) {
  signalThresholds { acwrMax monotonyMax weeklyRampMax version } } }`;
const INGEST = 'mutation($athleteId: ID!, $activities: [ActivityInput!]!) { ingestActivities(athleteId: $athleteId, activities: $activities) { written } }';
const LIST = `query($orderBy: AthleteOrder) { coachAthletesMetrics(orderBy: $orderBy, first: 50) { edges { node { id riskIndicators { acwr monotony } attentionSignals { metric } } } } }`;

const run = (id: string, date: string, distance: number, movingTime: number, avgHeartRate: number) =>
  ({ source: 'watch', externalId: id, startTime: `${date}T07:00:00Z`, distance, movingTime, avgHeartRate });

/** The rollup days of an athlete up to `today`, one per local day from the first with data (what the cache reads). */
async function riskDays(athleteId: number, today: string): Promise<RiskDay[]> {
  const rows = await t.db.selectFrom('activity_daily').select(['local_date', 'training_load', 'distance_m', 'longest_run_m'])
    .where('athlete_id', '=', athleteId).where('local_date', '<=', today).orderBy('local_date').execute();
  if (!rows.length) return [];
  const days: RiskDay[] = Array.from({ length: daysBetween(rows[0].local_date, today) + 1 }, () => ({ load: 0, distanceM: 0, longestRunM: 0 }));
  for (const r of rows) days[daysBetween(rows[0].local_date, r.local_date)] = { load: r.training_load, distanceM: r.distance_m, longestRunM: r.longest_run_m };
  return days;
}

/** The API's fields against the domain's values, to rounding. */
function expectSame(api: Record<string, unknown>, domain: RiskIndicators, asOf: string) {
  const expected: Record<string, unknown> = { ...domain, weeklyDistance: domain.weeklyDistanceM, asOf, acwrMethod: 'EWMA', rampRateUnit: 'CTL points per week' };
  for (const [key, value] of Object.entries(api)) {
    const want = expected[key];
    if (typeof value === 'number' && typeof want === 'number') expect({ key, off: Math.abs(value - want) <= 1e-9 * Math.max(1, Math.abs(want)) }).toEqual({ key, off: true });
    else expect({ key, value }).toEqual({ key, value: want });
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  app = createTestApp(t.db, { clock: () => NOW });
  orgId = await createOrganization(t.db, 'Risk Club', 'UTC');
  const admin = await createUser(t.db, orgId, { role: 'admin', name: 'Ada Admin' });
  const coach = await createUser(t.db, orgId, { role: 'coach', name: 'Cora Coach' });
  ids.steady = await createUser(t.db, orgId, { role: 'athlete', name: 'Steady Runner', timezone: 'UTC', sex: 'female' });
  ids.surge = await createUser(t.db, orgId, { role: 'athlete', name: 'Surge Runner', timezone: 'UTC', sex: 'male' });
  ids.idle = await createUser(t.db, orgId, { role: 'athlete', name: 'Idle Runner', timezone: 'UTC' });
  for (const id of [ids.steady, ids.surge]) await setAthleteSettings(t.db, orgId, id, { hr_max: 190, hr_rest: 50 });
  tokens.admin = await tokenFor({ orgId, userId: admin, role: 'ADMIN' });
  tokens.coach = await tokenFor({ orgId, userId: coach, role: 'COACH' });
  tokens.athlete = await tokenFor({ orgId, userId: ids.steady, role: 'ATHLETE' });
  const foreignOrg = await createOrganization(t.db, 'Elsewhere Harriers', 'UTC');
  const foreignAdmin = await createUser(t.db, foreignOrg, { role: 'admin', name: 'Far Admin' });
  ids.foreign = await createUser(t.db, foreignOrg, { role: 'athlete', name: 'Far Runner', timezone: 'UTC' });
  tokens.foreignAdmin = await tokenFor({ orgId: foreignOrg, userId: foreignAdmin, role: 'ADMIN' });

  // Steady: every other day for 120 days, a long run every 14th; loads vary little week to week.
  const steady = Array.from({ length: 60 }, (_, i) => {
    const date = addDays(TODAY, -2 * (59 - i));
    return i % 7 === 0 ? run(`s${i}`, date, 20_000, 6600, 145) : run(`s${i}`, date, 10_000, 3000, 150);
  });
  // Surge: easy runs every third day for 60 days, then a hard run every day of the last week.
  const surge = [
    ...Array.from({ length: 18 }, (_, i) => run(`e${i}`, addDays(TODAY, -60 + 3 * i), 6000, 2100, 135)),
    ...Array.from({ length: 7 }, (_, i) => run(`h${i}`, addDays(TODAY, -6 + i), 14_000, 4000, 165)),
  ];
  for (const [athleteId, activities] of [[ids.steady, steady], [ids.surge, surge]] as const) {
    const result = await gql(tokens.admin, INGEST, { athleteId: String(athleteId), activities });
    expect(result.errors).toBeUndefined();
  }
});

afterAll(() => t.close());

describe("today's values", () => {
  it('equal the domain computation over the rollup, for each athlete', async () => {
    for (const id of [ids.steady, ids.surge]) {
      const result = await gql(tokens.coach, READ, { id: String(id) });
      expect(result.errors).toBeUndefined();
      expectSame(result.data.athlete.riskIndicators, computeRisk(await riskDays(id, TODAY)), TODAY);
    }
    const steady = (await gql(tokens.coach, READ, { id: String(ids.steady) })).data.athlete.riskIndicators;
    expect(steady.acwr).toBeGreaterThan(0.7);
    expect(steady.acwr).toBeLessThan(1.3);
    expect(steady.longRunShare).toBeGreaterThan(0);
  });

  it('are null for an athlete without a write', async () => {
    expect((await gql(tokens.coach, READ, { id: String(ids.idle) })).data.athlete).toEqual({ riskIndicators: null, attentionSignals: [] });
  });

  it('shift to a later today: days after the last write count as rest days', async () => {
    for (const later of [3, 10, 40]) {
      const today = addDays(TODAY, later);
      const laterApp = createTestApp(t.db, { clock: () => new Date(`${today}T12:00:00Z`) });
      const days = [...await riskDays(ids.surge, TODAY), ...Array.from({ length: later }, () => ({ load: 0, distanceM: 0, longestRunM: 0 }))];
      const result = await gql(tokens.coach, READ, { id: String(ids.surge) }, laterApp);
      expectSame(result.data.athlete.riskIndicators, computeRisk(days), today);
      // The SQL sort keys shift the cache the same way.
      for (const orderBy of ['ACWR', 'MONOTONY'] as const) {
        const list = await gql(tokens.admin, LIST, { orderBy }, laterApp);
        const values = list.data.coachAthletesMetrics.edges.map((e: any) => e.node.riskIndicators?.[orderBy === 'ACWR' ? 'acwr' : 'monotony'] ?? -1);
        expect(values).toEqual([...values].sort((x: number, y: number) => y - x));
      }
    }
  });
});

describe('the daily series', () => {
  it("ends with today's values, and each day equals the domain over the days up to it", async () => {
    const from = addDays(TODAY, -29);
    const result = await gql(tokens.coach, HISTORY, { id: String(ids.surge), from, to: TODAY });
    expect(result.errors).toBeUndefined();
    const series = result.data.athlete.riskHistory;
    expect(series).toHaveLength(30);
    const today = (await gql(tokens.coach, READ, { id: String(ids.surge) })).data.athlete.riskIndicators;
    expect(series[29]).toEqual(today);
    const days = await riskDays(ids.surge, TODAY);
    for (const [i, point] of series.entries()) expectSame(point, computeRisk(days.slice(0, days.length - 29 + i)), addDays(from, i));
  });

  it('covers days before the first run with empty values', async () => {
    const result = await gql(tokens.coach, HISTORY, { id: String(ids.surge), from: '2026-01-01', to: '2026-01-02' });
    expect(result.data.athlete.riskHistory.map((p: any) => [p.asOf, p.acwr, p.weeklyLoad, p.historyDays])).toEqual([['2026-01-01', null, 0, 0], ['2026-01-02', null, 0, 0]]);
  });

  it('refuses more than 400 days or a reversed range, naming the arguments', async () => {
    const tooLong = await gql(tokens.coach, HISTORY, { id: String(ids.surge), from: addDays(TODAY, -400), to: TODAY });
    expect(errorCodes(tooLong)).toEqual(['BAD_USER_INPUT']);
    expect(tooLong.errors![0].message).toMatch(/from\.\.to spans 401 days; riskHistory covers 1\.\.400 days/);
    const reversed = await gql(tokens.coach, HISTORY, { id: String(ids.surge), from: TODAY, to: addDays(TODAY, -1) });
    expect(errorCodes(reversed)).toEqual(['BAD_USER_INPUT']);
    expect(reversed.errors![0].message).toMatch(/to \(2026-06-29\) must be on or after from \(2026-06-30\)/);
    expect(errorCodes(await gql(tokens.coach, HISTORY, { id: String(ids.surge), from: addDays(TODAY, -399), to: TODAY }))).toEqual([]);
  });
});

describe('sort keys', () => {
  it.each(['ACWR', 'MONOTONY'] as const)('%s orders by the value riskIndicators shows, athletes without one last', async (orderBy) => {
    const result = await gql(tokens.admin, LIST, { orderBy });
    expect(result.errors).toBeUndefined();
    const key = orderBy === 'ACWR' ? 'acwr' : 'monotony';
    const values = result.data.coachAthletesMetrics.edges.map((e: any) => e.node.riskIndicators?.[key] ?? -1);
    expect(values).toHaveLength(3);
    expect(values).toEqual([...values].sort((a: number, b: number) => b - a));
    expect(values[2]).toBe(-1); // the idle athlete
    if (orderBy === 'ACWR') expect(result.data.coachAthletesMetrics.edges[0].node.id).toBe(String(ids.surge));
  });
});

describe('signal thresholds', () => {
  it('read as the defaults at version 1 before any change', async () => {
    expect((await gql(tokens.athlete, THRESHOLDS)).data.organization.signalThresholds)
      .toEqual({ acwrMax: 1.5, monotonyMax: 2, weeklyRampMax: 0.1, version: 1, updatedAt: null });
  });

  it('are for admins: coaches and athletes are FORBIDDEN and nothing changes', async () => {
    for (const token of [tokens.coach, tokens.athlete]) {
      const result = await gql(token, UPDATE, { input: { acwrMax: 1.2 } });
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    }
    expect((await gql(tokens.admin, THRESHOLDS)).data.organization.signalThresholds.version).toBe(1);
  });

  it('check bounds, naming the field and range, and refuse a stale version', async () => {
    const out = await gql(tokens.admin, UPDATE, { input: { monotonyMax: 11 } });
    expect(errorCodes(out)).toEqual(['BAD_USER_INPUT']);
    expect(out.errors![0].message).toBe('input.monotonyMax must be within 0.5..10; got 11');
    expect((await gql(tokens.admin, UPDATE, { input: { weeklyRampMax: 0 } })).errors![0].message).toMatch(/input\.weeklyRampMax must be within 0\.01\.\.1/);
    expect(errorCodes(await gql(tokens.admin, UPDATE, { input: { acwrMax: 1.4, expectedVersion: 7 } }))).toEqual(['CONFLICT']);
  });

  it('a lowered threshold makes the signal appear, in the profile, the list and the ATTENTION order', async () => {
    const signalsOf = async (id: number) => (await gql(tokens.coach, READ, { id: String(id) })).data.athlete;
    const before = await signalsOf(ids.steady);
    expect(before.attentionSignals.map((s: any) => s.metric)).not.toContain('MONOTONY_HIGH');
    const monotony = before.riskIndicators.monotony as number;
    expect(monotony).toBeGreaterThan(0.5);
    expect(monotony).toBeLessThan(2);

    const updated = await gql(tokens.admin, UPDATE, { input: { monotonyMax: 0.5, expectedVersion: 1 } });
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateOrganizationSignalThresholds.signalThresholds).toEqual({ acwrMax: 1.5, monotonyMax: 0.5, weeklyRampMax: 0.1, version: 2 });

    const after = await signalsOf(ids.steady);
    expect(after.attentionSignals.find((s: any) => s.metric === 'MONOTONY_HIGH')).toMatchObject({ previous: 0.5, current: Math.round(monotony * 100) / 100 });
    const list = await gql(tokens.admin, LIST, { orderBy: 'ATTENTION' });
    const counts = list.data.coachAthletesMetrics.edges.map((e: any) => e.node.attentionSignals.length);
    expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
    const steadyRow = list.data.coachAthletesMetrics.edges.find((e: any) => e.node.id === String(ids.steady));
    expect(steadyRow.node.attentionSignals.map((s: any) => s.metric)).toContain('MONOTONY_HIGH');

    // null restores a default; sending what is stored is no change.
    expect((await gql(tokens.admin, UPDATE, { input: { monotonyMax: null } })).data.updateOrganizationSignalThresholds.signalThresholds).toMatchObject({ monotonyMax: 2, version: 3 });
    expect((await gql(tokens.admin, UPDATE, { input: { monotonyMax: 2 } })).data.updateOrganizationSignalThresholds.signalThresholds.version).toBe(3);
    expect((await signalsOf(ids.steady)).attentionSignals.map((s: any) => s.metric)).not.toContain('MONOTONY_HIGH');
  });

  it('the surge fires ACWR_HIGH at the default', async () => {
    const surge = (await gql(tokens.coach, READ, { id: String(ids.surge) })).data.athlete;
    expect(surge.riskIndicators.acwr).toBeGreaterThan(1.5);
    expect(surge.attentionSignals.find((s: any) => s.metric === 'ACWR_HIGH')).toMatchObject({ previous: 1.5 });
  });
});

describe('another organization', () => {
  it("answers NOT_FOUND for its athletes' indicators and series", async () => {
    expect(errorCodes(await gql(tokens.admin, READ, { id: String(ids.foreign) }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await gql(tokens.admin, HISTORY, { id: String(ids.foreign), from: TODAY, to: TODAY }))).toEqual(['NOT_FOUND']);
  });

  it('keeps its own thresholds: a change there changes nothing here', async () => {
    const here = (await gql(tokens.admin, THRESHOLDS)).data.organization.signalThresholds;
    expect((await gql(tokens.foreignAdmin, UPDATE, { input: { acwrMax: 0.8 } })).data.updateOrganizationSignalThresholds.signalThresholds).toMatchObject({ acwrMax: 0.8, version: 2 });
    expect((await gql(tokens.admin, THRESHOLDS)).data.organization.signalThresholds).toEqual(here);
  });
});
