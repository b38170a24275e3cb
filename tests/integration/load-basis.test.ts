import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { execute } from '../helpers/graphql';
import type { App } from '../../src/app';
import { banisterTrimp, durationLoad } from '../../src/domain/load';
import { thresholdPaceFromVdot } from '../../src/domain/load-basis';
import { vdotFromRace } from '../../src/domain/vdot';

// Every run gets a load, and the athlete's loadBasis says from what (issue 15, section 1):
// HR max and resting HR estimated from the athlete's own data when not set, the threshold
// pace from the best effort's VDOT, session RPE, and the duration estimate last.

const NOW = new Date('2026-11-18T12:00:00Z');
let t: TestDatabase;
let app: App;
let orgId: number;
let admin: string;

type Result = Awaited<ReturnType<typeof execute<any, any>>>;
const gql = async (query: string, variables?: Record<string, unknown>): Promise<any> => {
  const result: Result = await execute<any, any>(app, admin, query, variables);
  expect(result.errors).toBeUndefined();
  return result.data;
};
const INGEST = 'mutation($athleteId: ID!, $activities: [ActivityInput!]!) { ingestActivities(athleteId: $athleteId, activities: $activities) { written } }';
const HEALTH = 'mutation($athleteId: ID!, $days: [HealthDayInput!]!) { recordHealthMetrics(athleteId: $athleteId, days: $days) { written } }';
const BASIS = `query($id: ID!) { athlete(id: $id) {
  loadBasis { hrMax { value source readings since } restingHr { value source readings since } thresholdPace { value source readings since } vdot { value source readings since } }
  recentActivities(first: 20) { edges { node { localDate trainingLoad loadMethod rpe } } }
  dataQuality { items { key met } } fitness { ctl } } }`;

const run = (id: string, date: string, fields: Record<string, unknown>) => ({
  source: 'watch', externalId: id, startTime: `${date}T07:00:00Z`, distance: 10000, movingTime: 3000, ...fields,
});

async function rollupEqualsRaw(athleteId: number) {
  const { rows } = await sql<{ local_date: string; rollup: number; raw: number }>`
    select d.local_date::text, d.training_load as rollup,
      (select sum(training_load) from activities a where a.org_id = d.org_id and a.athlete_id = d.athlete_id and a.local_date = d.local_date and a.deleted_at is null) as raw
    from activity_daily d where d.org_id = ${orgId} and d.athlete_id = ${athleteId}`.execute(t.db);
  for (const r of rows) expect(r.rollup).toBeCloseTo(r.raw, 6);
}

beforeAll(async () => {
  t = await createTestDatabase();
  app = createTestApp(t.db, { clock: () => NOW });
  orgId = await createOrganization(t.db, 'Basis Club', 'UTC');
  admin = await tokenFor({ orgId, userId: await createUser(t.db, orgId, { role: 'admin', name: 'Ada' }), role: 'ADMIN' });
});

afterAll(() => t.close());

describe('an athlete with no settings', () => {
  let athlete: number;
  beforeAll(async () => {
    athlete = await createUser(t.db, orgId, { role: 'athlete', name: 'Noa Nosettings', timezone: 'UTC', sex: 'female' });
  });

  it('estimates HR max from confirmed runs (a spike left out) and paces the runs from the best effort until resting HR is known', async () => {
    await gql(INGEST, { athleteId: String(athlete), activities: [
      run('a', '2026-11-02', { avgHeartRate: 150, maxHeartRate: 186 }),
      run('b', '2026-11-04', { avgHeartRate: 152, maxHeartRate: 188 }),
      run('c', '2026-11-06', { avgHeartRate: 149, maxHeartRate: 229, distance: 12000 }),
    ] });
    const { athlete: a } = await gql(BASIS, { id: String(athlete) });
    expect(a.loadBasis.hrMax).toEqual({ value: 188, source: 'ESTIMATED', readings: 3, since: '2026-11-04' });
    expect(a.loadBasis.restingHr).toEqual({ value: null, source: 'NONE', readings: null, since: null });
    // The best effort: 12 km in 50 min.
    const vdot = vdotFromRace(12000, 3000);
    expect(a.loadBasis.vdot).toEqual({ value: expect.closeTo(vdot, 6), source: 'ESTIMATED', readings: 1, since: '2026-11-06' });
    expect(a.loadBasis.thresholdPace.value).toBeCloseTo(thresholdPaceFromVdot(vdot), 6);
    expect(a.recentActivities.edges.map((e: any) => e.node.loadMethod)).toEqual(['PACE', 'PACE', 'PACE']);
    expect(Object.fromEntries(a.dataQuality.items.map((i: any) => [i.key, i.met]))).toMatchObject({ HR_MAX_REST: false, THRESHOLD_PACE: false, RECENT_RUNS: true });
    await rollupEqualsRaw(athlete);
  });

  it('estimates resting HR from the lowest week of readings, and recomputes every run as TRIMP in the same write', async () => {
    const before = (await gql(BASIS, { id: String(athlete) })).athlete.fitness.ctl;
    await gql(HEALTH, { athleteId: String(athlete), days: [
      { date: '2026-11-02', restingHeartRate: 52, source: 'watch' }, { date: '2026-11-03', restingHeartRate: 50, source: 'watch' },
      { date: '2026-11-04', restingHeartRate: 51, source: 'watch' },
      { date: '2026-11-09', restingHeartRate: 49, source: 'watch' }, { date: '2026-11-10', restingHeartRate: 47, source: 'watch' },
      { date: '2026-11-11', restingHeartRate: 48, source: 'watch' }, { date: '2026-11-12', restingHeartRate: 58, source: 'watch' },
    ] });
    const { athlete: a } = await gql(BASIS, { id: String(athlete) });
    expect(a.loadBasis.restingHr).toEqual({ value: 48.5, source: 'ESTIMATED', readings: 4, since: '2026-11-09' });
    const loads = a.recentActivities.edges.map((e: any) => e.node);
    expect(loads.map((n: any) => n.loadMethod)).toEqual(['TRIMP', 'TRIMP', 'TRIMP']);
    expect(loads[2].trainingLoad).toBeCloseTo(banisterTrimp(3000, 150, 48.5, 188, 'female'), 6);
    expect(a.fitness.ctl).not.toBeCloseTo(before, 6);
    await rollupEqualsRaw(athlete);
  });

  it('keeps an estimate that moves within its margin, and recomputes when it moves beyond', async () => {
    const storedLoads = async () => (await sql<{ n: number }>`select count(distinct training_load)::int as n from activities where athlete_id = ${athlete}`.execute(t.db)).rows[0].n;
    await gql(INGEST, { athleteId: String(athlete), activities: [run('d', '2026-11-13', { avgHeartRate: 150, maxHeartRate: 190 })] });
    // 190 is confirmed by 188 and is within 2 bpm of the stored 188: stored value and loads stay.
    let basis = (await gql(BASIS, { id: String(athlete) })).athlete;
    expect(basis.loadBasis.hrMax).toMatchObject({ value: 188, readings: 3 });
    expect(basis.recentActivities.edges[0].node.trainingLoad).toBeCloseTo(banisterTrimp(3000, 150, 48.5, 188, 'female'), 6);
    expect(await storedLoads()).toBe(3);
    await gql(INGEST, { athleteId: String(athlete), activities: [run('e', '2026-11-14', { avgHeartRate: 150, maxHeartRate: 193 })] });
    basis = (await gql(BASIS, { id: String(athlete) })).athlete;
    expect(basis.loadBasis.hrMax).toEqual({ value: 193, source: 'ESTIMATED', readings: 5, since: '2026-11-14' });
    for (const e of basis.recentActivities.edges) expect(e.node.trainingLoad).toBeCloseTo(banisterTrimp(3000, e.node.localDate === '2026-11-06' ? 149 : e.node.localDate === '2026-11-04' ? 152 : 150, 48.5, 193, 'female'), 6);
    await rollupEqualsRaw(athlete);
  });

  it('lets settings win over estimates, and reads them back as SETTINGS', async () => {
    await gql(`mutation($input: UpdateAthleteSettingsInput!) { updateAthleteSettings(input: $input) { loadsRecomputed } }`, { input: { athleteId: String(athlete), hrMax: 200 } });
    const { athlete: a } = await gql(BASIS, { id: String(athlete) });
    expect(a.loadBasis.hrMax).toEqual({ value: 200, source: 'SETTINGS', readings: null, since: null });
    expect(a.loadBasis.restingHr.source).toBe('ESTIMATED');
    expect(a.recentActivities.edges[0].node.trainingLoad).toBeCloseTo(banisterTrimp(3000, 150, 48.5, 200, 'female'), 6);
    await rollupEqualsRaw(athlete);
  });
});

describe('every number says how sure it is', () => {
  const BASIS = 'basis { method { name } coverage { windowDays daysWithData runs hrShare loadMethods { method runs } pointsWithData readings } estimatedInputs }';

  it('tells CTL from HR on every run, with the estimated input named, apart from CTL on duration estimates', async () => {
    const hr = (await sql<{ id: number }>`select id from users where name = 'Noa Nosettings'`.execute(t.db)).rows[0].id;
    const { athlete: a } = await gql(`query($id: ID!) { athlete(id: $id) {
      fitness { ${BASIS} } fitnessStats(days: 28) { ${BASIS} }
      charts { weeklyTrainingLoad(weeks: 4) { ${BASIS} } restingHeartRate(days: 30) { ${BASIS} } }
      insights { recentActivities { ${BASIS} } } } }`, { id: String(hr) });
    // Five runs on five days, all with HR; HR max set, resting HR estimated.
    expect(a.fitness.basis).toEqual({
      method: { name: 'banister-ewma' },
      coverage: { windowDays: 42, daysWithData: 5, runs: 5, hrShare: 1, loadMethods: [{ method: 'TRIMP', runs: 5 }], pointsWithData: null, readings: null },
      estimatedInputs: ['RESTING_HR'],
    });
    expect(a.fitnessStats.basis.coverage).toMatchObject({ windowDays: 28, daysWithData: 5, runs: 5, hrShare: 1, loadMethods: null });
    // Rollup sums keep no methods: every estimated input is named (resting HR, and the pace basis from the best effort).
    expect(a.fitnessStats.basis.estimatedInputs).toEqual(['RESTING_HR', 'THRESHOLD_PACE', 'VDOT']);
    expect(a.charts.weeklyTrainingLoad.basis.coverage).toMatchObject({ windowDays: 28, daysWithData: null });
    expect(a.charts.restingHeartRate.basis).toMatchObject({ coverage: { windowDays: 30, daysWithData: 7, readings: 7, pointsWithData: 7 }, estimatedInputs: [] });
    expect(a.insights.recentActivities[0].basis).toMatchObject({
      method: { name: 'stride-plain' }, coverage: { runs: 1, hrShare: 1, loadMethods: [{ method: 'TRIMP', runs: 1 }] }, estimatedInputs: ['RESTING_HR'],
    });
  });
});

describe('runs with neither HR nor a pace basis', () => {
  it('take session RPE when given, and the duration estimate otherwise; never no load', async () => {
    const athlete = await createUser(t.db, orgId, { role: 'athlete', name: 'Ria Rpe', timezone: 'UTC' });
    // 2 km runs: too short for a best effort, so no VDOT and no threshold pace.
    await gql(INGEST, { athleteId: String(athlete), activities: [
      run('r1', '2026-11-10', { distance: 2000, movingTime: 720, rpe: 6 }),
      run('r2', '2026-11-11', { distance: 2000, movingTime: 720 }),
    ] });
    const { athlete: a } = await gql(BASIS, { id: String(athlete) });
    expect(a.recentActivities.edges.map((e: any) => e.node)).toEqual([
      { localDate: '2026-11-11', trainingLoad: expect.closeTo(durationLoad(720), 9), loadMethod: 'DURATION', rpe: null },
      { localDate: '2026-11-10', trainingLoad: 72, loadMethod: 'SESSION_RPE', rpe: 6 },
    ]);
    expect(a.loadBasis.thresholdPace.source).toBe('NONE');
    const { athlete: b } = await gql('query($id: ID!) { athlete(id: $id) { fitness { basis { coverage { hrShare loadMethods { method runs } } estimatedInputs } } } }', { id: String(athlete) });
    expect(b.fitness.basis).toEqual({ coverage: { hrShare: 0, loadMethods: [{ method: 'DURATION', runs: 1 }, { method: 'SESSION_RPE', runs: 1 }] }, estimatedInputs: [] });
    await rollupEqualsRaw(athlete);
  });

  it('refuses an RPE outside 0..10 with BAD_USER_INPUT, writing nothing', async () => {
    const athlete = await createUser(t.db, orgId, { role: 'athlete', name: 'Bad Rpe', timezone: 'UTC' });
    const result = await execute<any, any>(app, admin, INGEST, { athleteId: String(athlete), activities: [run('x', '2026-11-10', { rpe: 11 })] });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('activities[0].rpe must be at most 10') });
    expect((await sql<{ n: number }>`select count(*)::int as n from activities where athlete_id = ${athlete}`.execute(t.db)).rows[0].n).toBe(0);
  });
});
