import fc from 'fast-check';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser, setAthleteSettings } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { errorCodes, execute } from '../helpers/graphql';
import { addDays, localDateOf } from '../../src/domain/time';
import type { App } from '../../src/app';

// Athlete.fitnessHistory and Charts.fitness through GraphQL (issue 15, section 2): the point
// of today equals the cached Athlete.fitness after ingests, windows have no cliff, bad
// ranges and other organizations' athletes are refused, and a page of athletes costs one
// statement per field.

// 03:00 UTC: still the 17th in New York, already the 18th in Kathmandu.
const NOW = new Date('2026-11-18T03:00:00Z');
let t: TestDatabase;
let app: App;
let coachToken: string;
const athletes = {} as Record<'newYork' | 'kathmandu' | 'idle' | 'property', { id: number; timezone: string; today: string }>;
let foreignAthlete: number;

type Result = Awaited<ReturnType<typeof execute<any, any>>>;
const gql = (query: string, variables?: Record<string, unknown>): Promise<Result> => execute<any, any>(app, coachToken, query, variables);

const INGEST = 'mutation($athleteId: ID!, $activities: [ActivityInput!]!) { ingestActivities(athleteId: $athleteId, activities: $activities) { written } }';
const HISTORY = `query($id: ID!, $from: Date!, $to: Date!) { athlete(id: $id) {
  fitness { asOf ctl atl tsb ctlDays atlDays }
  fitnessHistory(from: $from, to: $to) { from to ctlDays atlDays seed firstDataDate points { date load ctl atl tsb } } } }`;
const CHART = `query($id: ID!, $days: Int) { athlete(id: $id) { charts { fitness(days: $days) {
  ctlDays atlDays
  ctl { points { date value trend } slope slopeUnit trendWindow }
  atl { points { date value trend } slope slopeUnit trendWindow }
  tsb { points { date value trend } slope slopeUnit trendWindow } } } } }`;

interface Run {
  id: string;
  start: Date;
  distance: number;
  moving: number;
  hr: number | null;
}

async function ingest(athleteId: number, runs: Run[]) {
  const activities = runs.map((r) => ({
    source: 'fitness-test', externalId: r.id, startTime: r.start.toISOString(), distance: r.distance, movingTime: r.moving,
    ...(r.hr === null ? {} : { avgHeartRate: r.hr }),
  }));
  const result = await gql(INGEST, { athleteId: String(athleteId), activities });
  expect(result.errors).toBeUndefined();
}

/** A year of history ending today: the 400-day maximum window. */
const yearTo = (today: string) => ({ from: addDays(today, -399), to: today });

async function history(athleteId: number, window: { from: string; to: string }) {
  const result = await gql(HISTORY, { id: String(athleteId), ...window });
  expect(result.errors).toBeUndefined();
  return result.data.athlete;
}

function expectTodayMatchesCache(athlete: { fitness: any; fitnessHistory: any }, today: string) {
  const last = athlete.fitnessHistory.points.at(-1);
  expect(athlete.fitness.asOf).toBe(today);
  expect(last.date).toBe(today);
  expect({ ctl: last.ctl, atl: last.atl, tsb: last.tsb }).toEqual({ ctl: athlete.fitness.ctl, atl: athlete.fitness.atl, tsb: athlete.fitness.tsb });
}

beforeAll(async () => {
  t = await createTestDatabase();
  app = createTestApp(t.db, { clock: () => NOW });
  const orgId = await createOrganization(t.db, 'Fitness Club', 'UTC');
  const coachId = await createUser(t.db, orgId, { role: 'coach', name: 'Cora Coach' });
  coachToken = await tokenFor({ orgId, userId: coachId, role: 'COACH' });
  const people = [['newYork', 'Nia York', 'America/New_York'], ['kathmandu', 'Kiran Kathmandu', 'Asia/Kathmandu'], ['idle', 'Ivo Idle', 'Europe/Oslo'], ['property', 'Pat Property', 'Australia/Lord_Howe']] as const;
  for (const [key, name, timezone] of people) {
    const id = await createUser(t.db, orgId, { role: 'athlete', name, timezone, sex: 'female' });
    await setAthleteSettings(t.db, orgId, id, { hr_max: 190, hr_rest: 50, threshold_pace_s_per_km: 300 });
    athletes[key] = { id, timezone, today: localDateOf(NOW, timezone) };
  }
  const foreignOrg = await createOrganization(t.db, 'Elsewhere Harriers');
  foreignAthlete = await createUser(t.db, foreignOrg, { role: 'athlete', name: 'Far Away' });

  // 150 days of runs, every other day, ending yesterday: HR on most, pace-only on every fifth.
  for (const key of ['newYork', 'kathmandu'] as const) {
    const runs: Run[] = Array.from({ length: 75 }, (_, i) => ({
      id: `${key}-${i}`, start: new Date(NOW.getTime() - (150 - 2 * i) * 86_400_000 + (i % 5) * 3_600_000),
      distance: 6000 + (i % 9) * 1500, moving: 1800 + (i % 9) * 450, hr: i % 5 === 4 ? null : 135 + (i % 7) * 5,
    }));
    await ingest(athletes[key].id, runs);
  }
});

afterAll(() => t.close());

describe('Athlete.fitnessHistory', () => {
  it("ends today on the cached fitness, in the athlete's zone, with the constants and the seed", async () => {
    for (const key of ['newYork', 'kathmandu'] as const) {
      const { today } = athletes[key];
      const athlete = await history(athletes[key].id, yearTo(today));
      expectTodayMatchesCache(athlete, today);
      expect(athlete.fitnessHistory).toMatchObject({ ...yearTo(today), ctlDays: 42, atlDays: 7, seed: 'ZERO_AT_FIRST_DATA_DAY' });
      expect(athlete.fitnessHistory.points).toHaveLength(400);
      expect(athlete.fitness.ctl).toBeGreaterThan(10);
    }
    expect(athletes.newYork.today).toBe('2026-11-17');
    expect(athletes.kathmandu.today).toBe('2026-11-18');
  });

  it('has no cliff where a window starts: a later window repeats the longer one day for day', async () => {
    const { id, today } = athletes.newYork;
    const year = (await history(id, yearTo(today))).fitnessHistory;
    const month = (await history(id, { from: addDays(today, -29), to: today })).fitnessHistory;
    expect(month.firstDataDate).toBe(year.firstDataDate);
    expect(month.points).toEqual(year.points.slice(-30));
    expect(month.points[0].ctl).toBeGreaterThan(10);
    // Before the first day of data every point is zero; the first day starts from zero.
    const first = year.points.findIndex((p: any) => p.date === year.firstDataDate);
    expect(first).toBeGreaterThan(0);
    expect(year.points.slice(0, first).every((p: any) => p.load === 0 && p.ctl === 0 && p.atl === 0 && p.tsb === 0)).toBe(true);
    expect(year.points[first].load).toBeGreaterThan(0);
    expect(year.points[first].tsb).toBe(0);
  });

  it('sums the rollup loads of each local day', async () => {
    const { id, today } = athletes.kathmandu;
    const { points } = (await history(id, yearTo(today))).fitnessHistory;
    const rows = await t.db.selectFrom('activity_daily').select(['local_date', 'training_load']).where('athlete_id', '=', id).execute();
    const byDate = new Map(rows.map((r) => [r.local_date, r.training_load]));
    expect(points.map((p: any) => p.load)).toEqual(points.map((p: any) => byDate.get(p.date) ?? 0));
  });

  it('is all zeros with no first day for an athlete without runs', async () => {
    const { id, today } = athletes.idle;
    const athlete = await history(id, { from: addDays(today, -2), to: today });
    expect(athlete.fitness).toBeNull();
    expect(athlete.fitnessHistory.firstDataDate).toBeNull();
    expect(athlete.fitnessHistory.points).toEqual([-2, -1, 0].map((d) => ({ date: addDays(today, d), load: 0, ctl: 0, atl: 0, tsb: 0 })));
  });

  it('refuses a reversed or too long window with BAD_USER_INPUT naming the arguments and the limit', async () => {
    const { id } = athletes.newYork;
    const reversed = await gql(HISTORY, { id: String(id), from: '2026-11-02', to: '2026-11-01' });
    expect(errorCodes(reversed)).toEqual(['BAD_USER_INPUT']);
    expect(reversed.errors![0].message).toMatch(/from \(2026-11-02\) must not be after to \(2026-11-01\)/);
    const long = await gql(HISTORY, { id: String(id), from: '2025-10-13', to: '2026-11-17' });
    expect(errorCodes(long)).toEqual(['BAD_USER_INPUT']);
    expect(long.errors![0].message).toMatch(/from\.\.to may span at most 400 days.*got 401/);
    expect((await gql(HISTORY, { id: String(id), from: '2025-10-14', to: '2026-11-17' })).errors).toBeUndefined();
    expect(errorCodes(await gql(HISTORY, { id: String(id), from: '2026-13-01', to: '2026-11-17' }))).toEqual(['BAD_USER_INPUT']);
  });

  it("answers NOT_FOUND for another organization's athlete", async () => {
    const result = await gql(HISTORY, { id: String(foreignAthlete), from: '2026-11-01', to: '2026-11-17' });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(result.data?.athlete ?? null).toBeNull();
  });
});

describe('Charts.fitness', () => {
  it('plots the same CTL, ATL and TSB as the history for the days ending today', async () => {
    for (const key of ['newYork', 'kathmandu'] as const) {
      const { id, today } = athletes[key];
      const chart = (await gql(CHART, { id: String(id), days: 30 })).data.athlete.charts.fitness;
      const { fitness, fitnessHistory } = await history(id, { from: addDays(today, -29), to: today });
      expect(chart).toMatchObject({ ctlDays: 42, atlDays: 7 });
      for (const metric of ['ctl', 'atl', 'tsb'] as const) {
        const series = chart[metric];
        expect(series.points).toEqual(fitnessHistory.points.map((p: any) => ({ date: p.date, value: p[metric], trend: p[metric] })));
        expect(series).toMatchObject({ trendWindow: 1, slopeUnit: `${metric.toUpperCase()} per day` });
        expect(typeof series.slope).toBe('number');
        expect(series.points.at(-1).value).toBe(fitness[metric]);
      }
    }
  });

  it('defaults to 90 days and refuses days outside 1..365', async () => {
    const { id } = athletes.newYork;
    const chart = (await gql(CHART, { id: String(id) })).data.athlete.charts.fitness;
    expect(chart.ctl.points).toHaveLength(90);
    expect(chart.ctl.points.at(-1).date).toBe(athletes.newYork.today);
    for (const days of [0, 366]) {
      const result = await gql(CHART, { id: String(id), days });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0].message).toMatch(new RegExp(`days must be between 1 and 365; got ${days}`));
    }
  });
});

describe('statements', () => {
  const PAGE = `query($from: Date!, $to: Date!) { athletes(first: 100) { edges { node { id
    fitnessHistory(from: $from, to: $to) { firstDataDate points { date ctl atl tsb } }
    charts { fitness(days: 60) { ctl { points { value } } tsb { points { value } } } } } } } }`;

  async function count(query: string, variables: Record<string, unknown>) {
    await t.statements.settled();
    t.statements.reset();
    const result = await gql(query, variables);
    await t.statements.settled();
    expect(result.errors).toBeUndefined();
    return { result, statements: t.statements.queries };
  }

  it('reads both fields for a page of athletes in one statement each', async () => {
    const window = { from: '2026-10-01', to: '2026-11-17' };
    const { result, statements } = await count(PAGE, window);
    expect(result.data.athletes.edges).toHaveLength(4);
    // the athletes page, fitnessHistory, charts.fitness
    expect(statements).toBe(3);
    expect(t.statements.sql.filter((s) => /from activity_daily/.test(s))).toHaveLength(2);
    const single = await count(HISTORY, { id: String(athletes.newYork.id), ...window });
    // the athlete, the cached fitness, fitnessHistory
    expect(single.statements).toBe(3);
  });
});

describe('property: after random ingests', () => {
  const run = fc.record({
    day: fc.integer({ min: 0, max: 420 }),
    hour: fc.integer({ min: 0, max: 23 }),
    distance: fc.integer({ min: 1000, max: 30_000 }),
    moving: fc.integer({ min: 600, max: 10_800 }),
    hr: fc.option(fc.integer({ min: 100, max: 185 }), { nil: null }),
  });

  it("the history's point of today equals the cached fitness", async () => {
    const { id, timezone, today } = athletes.property;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(run, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 }), async (batches) => {
        for (const table of ['insights', 'athlete_fitness', 'activity_weekly', 'activity_daily', 'activities'] as const) {
          await t.db.deleteFrom(table).where(table === 'insights' ? 'subject_id' : 'athlete_id', '=', id).execute();
        }
        const starts: Date[] = [];
        for (const [b, batch] of batches.entries()) {
          const runs = batch.map((r, i) => ({ ...r, id: `p${b}-${i}`, start: new Date(NOW.getTime() - r.day * 86_400_000 - r.hour * 3_600_000) }));
          starts.push(...runs.map((r) => r.start));
          await ingest(id, runs);
        }
        const athlete = await history(id, yearTo(today));
        expectTodayMatchesCache(athlete, today);
        const firstDay = starts.map((s) => localDateOf(s, timezone)).sort()[0];
        expect(athlete.fitnessHistory.firstDataDate).toBe(firstDay);
      }),
      { numRuns: 15, seed: 20261118 },
    );
  });
});
