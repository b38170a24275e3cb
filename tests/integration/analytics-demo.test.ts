import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createTestApp, tokenFor } from '../helpers/auth';
import { execute } from '../helpers/graphql';
import { DEFAULT_SEED_OPTIONS, seedDemo, type SeededOrganization } from '../../db/seed/demo';
import { localDayBounds } from '../../src/domain/buckets';
import { islandsOf, summarizeStreaks } from '../../src/domain/streaks';
import { addDays, localDateOf } from '../../src/domain/time';
import type { App } from '../../src/app';

// The whole default demo organization: the rollup path and the raw path must agree for
// every athlete, and a list of athletes costs the same statements at any size.
const END = '2026-11-27';
const NOW = new Date(`${END}T23:00:00Z`);
const FROM = addDays(END, -399);

let t: TestDatabase;
let app: App;
let token: string;
let demo: SeededOrganization;
let zones: Map<number, string>;

beforeAll(async () => {
  t = await createTestDatabase();
  [demo] = await seedDemo(t.db, { ...DEFAULT_SEED_OPTIONS, endDate: END });
  const admin = await t.db.selectFrom('users').select('id').where('org_id', '=', demo.orgId).where('role', '=', 'admin').executeTakeFirstOrThrow();
  token = await tokenFor({ orgId: demo.orgId, userId: admin.id, role: 'ADMIN' });
  app = createTestApp(t.db, { clock: () => NOW });
  const { rows } = await sql<{ id: number; tz: string }>`
    select u.id, coalesce(u.timezone, o.timezone) as tz from users u join organizations o on o.id = u.org_id
    where u.org_id = ${demo.orgId} and u.role = 'athlete'`.execute(t.db);
  zones = new Map(rows.map((r) => [r.id, r.tz]));
});

afterAll(() => t.close());

type Bucketed = { start: string; totals?: unknown; stats?: unknown };

it('activityStats (rollup) and runningStats (raw, athlete zone) agree bucket by bucket for every athlete', async () => {
  expect(demo.athleteIds).toHaveLength(60);
  for (const athleteId of demo.athleteIds) {
    const tz = zones.get(athleteId)!;
    const from = localDayBounds(FROM, tz).start.getTime() / 1000;
    const to = localDayBounds(END, tz).end.getTime() / 1000 - 1;
    const stats = 'totalActivities totalDistance totalDuration trainingLoad calories avgHeartRate';
    const result = await execute<any, never>(app, token, `{ athlete(id: "${athleteId}") {
      daily: activityStats(from: "${FROM}", to: "${END}", granularity: DAY) { buckets { start stats { ${stats} } } }
      raw: runningStats(fromTimestamp: ${from}, toTimestamp: ${to}, rangeType: DAILY, metricType: DISTANCE) { timezone points { start totals: runs distance duration trainingLoad calories } }
      monthly: activityStats(from: "2026-01-01", to: "2026-10-31", granularity: MONTH) { buckets { start stats { totalActivities totalDistance } } }
      rawMonthly: runningStats(fromTimestamp: ${localDayBounds('2026-01-01', tz).start.getTime() / 1000}, toTimestamp: ${localDayBounds('2026-10-31', tz).end.getTime() / 1000 - 1}, rangeType: MONTHLY, metricType: DISTANCE) { points { start runs distance } }
    } }`);
    expect(result.errors).toBeUndefined();
    const { daily, raw, monthly, rawMonthly } = result.data.athlete;
    expect(raw.timezone).toBe(tz);
    const rollupDays = daily.buckets.map((b: Bucketed & { stats: any }) => [b.start, b.stats.totalActivities, b.stats.totalDistance, b.stats.totalDuration, round(b.stats.trainingLoad), round(b.stats.calories)]);
    const rawDays = raw.points.map((p: any) => [p.start, p.totals, p.distance, p.duration, round(p.trainingLoad), round(p.calories)]);
    expect({ athleteId, days: rawDays }).toEqual({ athleteId, days: rollupDays });
    expect(rawMonthly.points.map((p: any) => [p.start, p.runs, p.distance])).toEqual(
      monthly.buckets.map((b: any) => [b.start, b.stats.totalActivities, b.stats.totalDistance]),
    );
  }
});

const round = (n: number) => Math.round(n * 1e6) / 1e6;

it('computes the same streaks in SQL as the domain function over all active days', async () => {
  const result = await execute<any, never>(app, token, `{ athletes(first: 100) { edges { node { id streak { current { length start end } longest { length start end } } } } } }`);
  expect(result.errors).toBeUndefined();
  const days = await t.db.selectFrom('activity_daily').select(['athlete_id', 'local_date']).where('org_id', '=', demo.orgId).orderBy('local_date').execute();
  for (const { node } of result.data.athletes.edges) {
    const active = days.filter((d) => d.athlete_id === Number(node.id)).map((d) => d.local_date);
    // 23:00 UTC on the 27th is the 28th east of UTC+1: "today" is the athlete's own.
    const expected = summarizeStreaks(islandsOf(active), localDateOf(NOW, zones.get(Number(node.id))!));
    const asRun = (i: { length: number; start: string; end: string } | null) => i ?? { length: 0, start: null, end: null };
    expect({ id: node.id, ...node.streak }).toEqual({ id: node.id, current: asRun(expected.current), longest: asRun(expected.longest) });
  }
});

it('resolves per-athlete analytics for a list in a fixed number of statements', async () => {
  const query = `query($first: Int) { athletes(first: $first) { edges { node {
    id
    week: fitnessStats(days: 7) { totalDistance }
    month: fitnessStats(days: 28) { totalDistance trainingLoad }
    streak { current { length } calendar(from: "2026-11-01", to: "2026-11-27") { date } }
    activityStats(from: "2026-11-01", to: "2026-11-27", granularity: DAY) { totals { totalDistance } }
    healthMetrics(from: "2026-11-01", to: "2026-11-27", granularity: WEEK) { buckets { restingHeartRate } }
    runningStats(fromTimestamp: 1790000000, toTimestamp: 1795000000, rangeType: WEEKLY, metricType: DISTANCE) { totals { totalDistance } }
    charts { dailyDistance(days: 14) { slope } weeklyTrainingLoad { slope } restingHeartRate(days: 30) { slope } }
  } } } }`;
  const counts: number[] = [];
  for (const first of [5, 60]) {
    await t.statements.settled();
    t.statements.reset();
    const result = await execute<any, { first: number }>(app, token, query, { first });
    expect(result.errors).toBeUndefined();
    expect(result.data.athletes.edges).toHaveLength(first);
    await t.statements.settled();
    counts.push(t.statements.queries);
  }
  // athletes page, then one statement per field (fitnessStats once for both windows), calendar,
  // activityStats, healthMetrics, runningStats, three chart series; plus the frame.
  expect(counts).toEqual([10, 10]);
});
