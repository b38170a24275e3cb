import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser, setAthleteSettings } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { errorCodes, execute } from '../helpers/graphql';
import { upsertActivities, type ActivityRecord } from '../../src/ingest/activities';
import { upsertHealthDays } from '../../src/ingest/health';
import type { App } from '../../src/app';
import { AthleteStatsDocument } from '../../operations/__generated__/graphql';

// One New York runner around the March 2026 DST change (Sunday 8 March is 23 hours long),
// seen on Tuesday 10 March at 14:00 local time.
const NOW = new Date('2026-03-10T18:00:00Z');
const seconds = (iso: string) => Date.parse(iso) / 1000;

let t: TestDatabase;
let app: App;
let token: string;
let athleteId: number;

const run = (externalId: string, startTime: string, distanceM: number, movingS: number, avgHr: number | null): ActivityRecord => ({
  source: 'test', externalId, startTime: new Date(startTime), distanceM, movingS, elapsedS: movingS, avgHr, calories: distanceM / 100,
  paceZoneS: [movingS, 0, 0, 0, 0],
});

beforeAll(async () => {
  t = await createTestDatabase();
  const orgId = await createOrganization(t.db, 'Analytics Club', 'UTC');
  const coachId = await createUser(t.db, orgId, { role: 'coach', name: 'Ana Lytics' });
  athleteId = await createUser(t.db, orgId, { role: 'athlete', name: 'Nia York', timezone: 'America/New_York', sex: 'female' });
  await setAthleteSettings(t.db, orgId, athleteId, { threshold_pace_s_per_km: 300 });
  await upsertActivities(t.db, orgId, athleteId, [
    run('mon', '2026-03-02T12:00:00Z', 6000, 1800, null), // Mon 2 Mar, 07:00 EST
    run('sat-late', '2026-03-08T04:30:00Z', 5000, 1500, 150), // Sat 7 Mar, 23:30 EST
    run('sun', '2026-03-08T14:00:00Z', 10_000, 3000, 140), // Sun 8 Mar, 10:00 EDT
    run('sun-late', '2026-03-09T03:30:00Z', 3000, 900, null), // Sun 8 Mar, 23:30 EDT
    run('tue', '2026-03-10T12:00:00Z', 8000, 2400, 160), // Tue 10 Mar, 08:00 EDT
  ]);
  await upsertHealthDays(t.db, orgId, athleteId, [
    { localDate: '2026-03-02', restingHr: 50, hrvRmssdMs: 60, source: 'garmin' },
    { localDate: '2026-03-04', restingHr: 52, source: 'garmin' },
    { localDate: '2026-03-09', restingHr: 48, hrvRmssdMs: 70, vo2max: 51.5, source: 'garmin' },
  ]);
  token = await tokenFor({ orgId, userId: coachId, role: 'COACH' });
  app = createTestApp(t.db, { clock: () => NOW });
});

afterAll(() => t.close());

const ask = async (selection: string) => {
  const result = await execute<{ athlete: Record<string, any> }, never>(app, token, `{ athlete(id: "${athleteId}") { ${selection} } }`);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.athlete;
};

describe('fitnessStats', () => {
  it('sums the N local days ending today, with pace over totals and HR weighted by moving time', async () => {
    const { fitnessStats } = await ask('fitnessStats(days: 3) { totalActivities totalDistance totalDuration avgPace avgHeartRate trainingLoad calories }');
    // 8 Mar (10 km + 3 km), 9 Mar (none), 10 Mar (8 km): the 7 Mar run at 23:30 EST is outside.
    expect(fitnessStats).toEqual({
      totalActivities: 3,
      totalDistance: 21_000,
      totalDuration: 6300,
      avgPace: 300,
      avgHeartRate: (140 * 3000 + 160 * 2400) / 5400,
      trainingLoad: expect.closeTo((3000 + 900 + 2400) / 3600 * 100, 6),
      calories: 210,
    });
  });

  it('answers nulls, not zeros, for averages of an empty window', async () => {
    const empty = createTestApp(t.db, { clock: () => new Date('2027-06-01T12:00:00Z') });
    const result = await execute<{ athlete: { fitnessStats: Record<string, unknown> } }, never>(empty, token, `{ athlete(id: "${athleteId}") { fitnessStats(days: 7) { totalActivities avgPace avgHeartRate } } }`);
    expect(result.data!.athlete.fitnessStats).toEqual({ totalActivities: 0, avgPace: null, avgHeartRate: null });
  });

  it.each([0, 366, -5])('rejects days %d naming the range', async (days) => {
    const result = await execute(app, token, `{ athlete(id: "${athleteId}") { fitnessStats(days: ${days}) { totalActivities } } }`);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message).toBe(`days must be between 1 and 365; got ${days}`);
  });
});

describe('runningStats', () => {
  const from = seconds('2026-03-07T05:00:00Z'); // 7 Mar 00:00 EST
  const to = seconds('2026-03-11T03:59:59Z'); // 10 Mar 23:59:59 EDT

  it('buckets by local day in the athlete zone, 23-hour day included, with empty days present', async () => {
    const { runningStats } = await ask(`runningStats(fromTimestamp: ${from}, toTimestamp: ${to}, rangeType: DAILY, metricType: DISTANCE) {
      timezone points { start end value runs duration } totals { totalActivities totalDistance } }`);
    expect(runningStats.timezone).toBe('America/New_York');
    expect(runningStats.points).toEqual([
      { start: '2026-03-07', end: '2026-03-07', value: 5000, runs: 1, duration: 1500 },
      { start: '2026-03-08', end: '2026-03-08', value: 13_000, runs: 2, duration: 3900 },
      { start: '2026-03-09', end: '2026-03-09', value: 0, runs: 0, duration: 0 },
      { start: '2026-03-10', end: '2026-03-10', value: 8000, runs: 1, duration: 2400 },
    ]);
    expect(runningStats.totals).toEqual({ totalActivities: 4, totalDistance: 26_000 });
  });

  it('takes local dates instead of Unix seconds: the same range and answer, the timestamps echoed', async () => {
    const fields = 'timezone fromTimestamp toTimestamp points { start value runs } totals { totalActivities totalDistance }';
    const bySeconds = (await ask(`runningStats(fromTimestamp: ${from}, toTimestamp: ${to}, rangeType: DAILY, metricType: DISTANCE) { ${fields} }`)).runningStats;
    const byDates = (await ask(`runningStats(from: "2026-03-07", to: "2026-03-10", rangeType: DAILY, metricType: DISTANCE) { ${fields} }`)).runningStats;
    expect(byDates).toEqual(bySeconds);
    expect(byDates.fromTimestamp).toBe(from);
    expect(byDates.toTimestamp).toBe(to);
  });

  it.each([
    ['both pairs', `fromTimestamp: ${seconds('2026-03-07T05:00:00Z')}, toTimestamp: ${seconds('2026-03-11T03:59:59Z')}, from: "2026-03-07", to: "2026-03-10"`, 'one pair, both of it'],
    ['half a pair', 'from: "2026-03-07"', 'one pair, both of it'],
    ['from after to', 'from: "2026-03-10", to: "2026-03-07"', 'from (2026-03-10) must not be after to (2026-03-07)'],
  ])('refuses %s with BAD_USER_INPUT', async (_name, range, message) => {
    const result = await execute(app, token, `{ athlete(id: "${athleteId}") { runningStats(${range}, rangeType: DAILY, metricType: DISTANCE) { timezone } } }`);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message).toContain(message);
  });

  it('re-buckets the same runs in another zone on request', async () => {
    const { runningStats } = await ask(`runningStats(fromTimestamp: ${from}, toTimestamp: ${to}, rangeType: DAILY, metricType: DURATION, timezone: "UTC") {
      timezone points { start value } }`);
    expect(runningStats.timezone).toBe('UTC');
    expect(runningStats.points).toEqual([
      { start: '2026-03-07', value: 0 },
      { start: '2026-03-08', value: 4500 },
      { start: '2026-03-09', value: 900 },
      { start: '2026-03-10', value: 2400 },
      { start: '2026-03-11', value: 0 },
    ]);
  });

  it('buckets by ISO week starting Monday, reporting each whole week', async () => {
    const { runningStats } = await ask(`runningStats(fromTimestamp: ${seconds('2026-03-02T05:00:00Z')}, toTimestamp: ${to}, rangeType: WEEKLY, metricType: TRAINING_LOAD) {
      points { start end runs distance value } }`);
    expect(runningStats.points).toEqual([
      { start: '2026-03-02', end: '2026-03-08', runs: 4, distance: 24_000, value: expect.closeTo((1800 + 1500 + 3000 + 900) / 36, 6) },
      { start: '2026-03-09', end: '2026-03-15', runs: 1, distance: 8000, value: expect.closeTo(2400 / 36, 6) },
    ]);
  });

  it.each([
    ['from after to', `fromTimestamp: ${to}, toTimestamp: ${from}, rangeType: DAILY, metricType: DISTANCE`, /^fromTimestamp \(\d+\) must not be after toTimestamp/],
    ['1001 daily buckets', `fromTimestamp: 0, toTimestamp: ${1000 * 86_400}, rangeType: DAILY, metricType: DISTANCE, timezone: "UTC"`, /holds 1001 DAILY buckets; at most 1000/],
    ['an unknown zone', `fromTimestamp: ${from}, toTimestamp: ${to}, rangeType: DAILY, metricType: DISTANCE, timezone: "Mars/Olympus"`, /TimeZone must be an IANA zone name/],
    ['a negative timestamp', `fromTimestamp: -1, toTimestamp: ${to}, rangeType: DAILY, metricType: DISTANCE`, /Timestamp must be whole unix seconds/],
  ])('rejects %s with BAD_USER_INPUT', async (_name, args, message) => {
    const result = await execute(app, token, `{ athlete(id: "${athleteId}") { runningStats(${args}) { timezone } } }`);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message).toMatch(message);
  });

  it('accepts exactly 1000 daily buckets in a given zone', async () => {
    const result = await execute(app, token, `{ athlete(id: "${athleteId}") { runningStats(fromTimestamp: 0, toTimestamp: ${999 * 86_400}, rangeType: DAILY, metricType: DISTANCE, timezone: "UTC") { points { start } } } }`);
    expect((result.data as any).athlete.runningStats!.points).toHaveLength(1000);
  });
});

describe('activityStats (rollup)', () => {
  it('matches the raw path day by day and sums months', async () => {
    const { activityStats } = await ask(`activityStats(from: "2026-03-07", to: "2026-03-10", granularity: DAY) {
      buckets { start end stats { totalActivities totalDistance avgHeartRate } longestRun paceZ1Time } totals { totalDistance } }`);
    expect(activityStats.buckets).toEqual([
      { start: '2026-03-07', end: '2026-03-07', stats: { totalActivities: 1, totalDistance: 5000, avgHeartRate: 150 }, longestRun: 5000, paceZ1Time: 1500 },
      { start: '2026-03-08', end: '2026-03-08', stats: { totalActivities: 2, totalDistance: 13_000, avgHeartRate: 140 }, longestRun: 10_000, paceZ1Time: 3900 },
      { start: '2026-03-09', end: '2026-03-09', stats: { totalActivities: 0, totalDistance: 0, avgHeartRate: null }, longestRun: 0, paceZ1Time: 0 },
      { start: '2026-03-10', end: '2026-03-10', stats: { totalActivities: 1, totalDistance: 8000, avgHeartRate: 160 }, longestRun: 8000, paceZ1Time: 2400 },
    ]);
    const months = await ask('activityStats(from: "2026-02-15", to: "2026-03-31", granularity: MONTH) { buckets { start end stats { totalActivities } } }');
    expect(months.activityStats.buckets).toEqual([
      { start: '2026-02-01', end: '2026-02-28', stats: { totalActivities: 0 } },
      { start: '2026-03-01', end: '2026-03-31', stats: { totalActivities: 5 } },
    ]);
  });

  it('reads time in zones only when asked, through fragments too, with the same values', async () => {
    const zoneSums = () => t.statements.sql.filter((q) => /from activity_daily d/.test(q) && /pace_z1_s/.test(q)).length;
    const range = 'from: "2026-03-07", to: "2026-03-10", granularity: DAY';
    const before = zoneSums();
    const plain = await ask(`activityStats(${range}) { buckets { start stats { totalDistance } } }`);
    expect(zoneSums()).toBe(before);
    const named = await execute<any, any>(app, token, `query { athlete(id: "${athleteId}") { activityStats(${range}) { buckets { start ...Zones } } } }
      fragment Zones on ActivityStatsBucket { stats { totalDistance } paceZ1Time hrZ2Time }`);
    const inline = await ask(`activityStats(${range}) { buckets { ... on ActivityStatsBucket { start stats { totalDistance } z1: paceZ1Time hrZ2Time } } }`);
    expect(zoneSums()).toBe(before + 2);
    expect(named.data.athlete.activityStats.buckets.map((b: any) => b.paceZ1Time)).toEqual([1500, 3900, 0, 2400]);
    expect(inline.activityStats.buckets.map((b: any) => [b.z1, b.hrZ2Time])).toEqual(named.data.athlete.activityStats.buckets.map((b: any) => [b.paceZ1Time, b.hrZ2Time]));
    expect(plain.activityStats.buckets.map((b: any) => b.stats)).toEqual(named.data.athlete.activityStats.buckets.map((b: any) => b.stats));
  });

  it.each([
    ['to before from', 'from: "2026-03-10", to: "2026-03-01"', /^from \(2026-03-10\) must not be after to \(2026-03-01\)$/],
    ['401 days', 'from: "2025-01-01", to: "2026-02-05"', /^from\.\.to may span at most 400 days \(inclusive\); got 401$/],
    ['an impossible date', 'from: "2026-02-30", to: "2026-03-01"', /Date must be a calendar date yyyy-MM-dd/],
  ])('rejects %s', async (_name, args, message) => {
    const result = await execute(app, token, `{ athlete(id: "${athleteId}") { activityStats(${args}, granularity: DAY) { from } } }`);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message).toMatch(message);
  });
});

describe('healthMetrics', () => {
  it('averages the days with a reading per ISO week, null where none', async () => {
    const { healthMetrics } = await ask(`healthMetrics(from: "2026-03-02", to: "2026-03-22", granularity: WEEK) {
      buckets { start end restingHeartRate restingHeartRateReadings hrv hrvReadings vo2max vo2maxReadings } }`);
    expect(healthMetrics.buckets).toEqual([
      { start: '2026-03-02', end: '2026-03-08', restingHeartRate: 51, restingHeartRateReadings: 2, hrv: 60, hrvReadings: 1, vo2max: null, vo2maxReadings: 0 },
      { start: '2026-03-09', end: '2026-03-15', restingHeartRate: 48, restingHeartRateReadings: 1, hrv: 70, hrvReadings: 1, vo2max: 51.5, vo2maxReadings: 1 },
      { start: '2026-03-16', end: '2026-03-22', restingHeartRate: null, restingHeartRateReadings: 0, hrv: null, hrvReadings: 0, vo2max: null, vo2maxReadings: 0 },
    ]);
  });
});

describe('streak', () => {
  it('counts active local days: current from today, longest over history, and a calendar', async () => {
    const { streak } = await ask(`streak { current { length start end } longest { length start end }
      calendar(from: "2026-03-01", to: "2026-03-31") { date runs distance } }`);
    expect(streak).toEqual({
      current: { length: 1, start: '2026-03-10', end: '2026-03-10' },
      longest: { length: 2, start: '2026-03-07', end: '2026-03-08' },
      calendar: [
        { date: '2026-03-02', runs: 1, distance: 6000 },
        { date: '2026-03-07', runs: 1, distance: 5000 },
        { date: '2026-03-08', runs: 2, distance: 13_000 },
        { date: '2026-03-10', runs: 1, distance: 8000 },
      ],
    });
  });
});

describe('charts', () => {
  it('plots daily distance with a trailing 7-day mean and a slope', async () => {
    const { charts } = await ask('charts { dailyDistance(days: 3) { trendWindow slopeUnit slope points { date value trend complete daysElapsed } } }');
    expect(charts.dailyDistance).toEqual({
      trendWindow: 7,
      slopeUnit: 'metres per day',
      // over the complete days 8 and 9 March only: today (10 March) is not over
      slope: -13_000,
      points: [
        // 2..8 March: 6000 + 5000 + 13000
        { date: '2026-03-08', value: 13_000, trend: 24_000 / 7, complete: true, daysElapsed: 1 },
        // 3..9 March: 5000 + 13000
        { date: '2026-03-09', value: 0, trend: 18_000 / 7, complete: true, daysElapsed: 1 },
        // Today is shown with its value but keeps the trend of 3..9 March (docs/metrics.md, Trends).
        { date: '2026-03-10', value: 8000, trend: 18_000 / 7, complete: false, daysElapsed: 1 },
      ],
    });
  });

  it('plots weekly load by ISO week and resting HR with gaps as nulls', async () => {
    const { charts } = await ask(`charts { weeklyTrainingLoad(weeks: 2) { trendWindow points { date value } }
      restingHeartRate(days: 10) { points { date value trend } slope } }`);
    expect(charts.weeklyTrainingLoad.points).toEqual([
      { date: '2026-03-02', value: expect.closeTo(7200 / 36, 6) },
      { date: '2026-03-09', value: expect.closeTo(2400 / 36, 6) },
    ]);
    const hr = charts.restingHeartRate.points;
    expect(hr).toHaveLength(10);
    expect(hr[0]).toEqual({ date: '2026-03-01', value: null, trend: null });
    expect(hr[1]).toEqual({ date: '2026-03-02', value: 50, trend: 50 });
    expect(hr[3]).toEqual({ date: '2026-03-04', value: 52, trend: 51 });
    expect(hr[8]).toEqual({ date: '2026-03-09', value: 48, trend: 50 });
    // readings at points 1, 3 and 8: slope = Σ(x − 4)(y − 50) / Σ(x − 4)² = −10 / 26
    expect(charts.restingHeartRate.slope).toBeCloseTo(-10 / 26, 12);
  });

  it.each([
    ['dailyDistance(days: 0)', /^days must be between 1 and 365; got 0$/],
    ['weeklyTrainingLoad(weeks: 105)', /^weeks must be between 1 and 104; got 105$/],
    ['restingHeartRate(days: 400)', /^days must be between 1 and 365; got 400$/],
  ])('rejects %s', async (field, message) => {
    const result = await execute(app, token, `{ athlete(id: "${athleteId}") { charts { ${field} { slope } } } }`);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message).toMatch(message);
  });
});

describe('the stats tab operation (operations/web/athlete-stats.graphql)', () => {
  it('answers with the same numbers as the fields asked one by one', async () => {
    const result = await execute(app, token, AthleteStatsDocument, {
      id: String(athleteId), from: seconds('2026-03-02T05:00:00Z'), to: seconds('2026-03-11T03:59:59Z'), monthStart: '2026-03-01', monthEnd: '2026-03-31',
    });
    expect(result.errors).toBeUndefined();
    const athlete = result.data!.athlete!;
    expect(athlete.last7!.totalDistance).toBe(26_000 + 0);
    expect(athlete.runningStats!.points.map((p) => p.value)).toEqual([24_000, 8000]);
    expect(athlete.activityStats!.totals.totalDistance).toBe(32_000);
    expect(athlete.streak.calendar).toHaveLength(4);
    expect(athlete.charts.dailyDistance!.points).toHaveLength(30);
  });
});

describe('charts read on a Monday', () => {
  // A UTC runner with 10 km at threshold pace (load 3000 / 36) every Wednesday, seen on
  // Monday 16 March 2026 at 10:00 after a 2 km run that morning: the current ISO week is one
  // day old, and it must not drag the 4-week trend or the slope down.
  const MONDAY = new Date('2026-03-16T10:00:00Z');

  it('shows the partial current week with its value, complete: false and daysElapsed 1, keeping the trend and slope of the complete weeks', async () => {
    const orgId = await createOrganization(t.db, 'Monday Club', 'UTC');
    const coach = await createUser(t.db, orgId, { role: 'coach', name: 'Mo Nday' });
    const runner = await createUser(t.db, orgId, { role: 'athlete', name: 'Wed Nesday', timezone: 'UTC' });
    await setAthleteSettings(t.db, orgId, runner, { threshold_pace_s_per_km: 300 });
    const wednesdays = ['2026-02-11', '2026-02-18', '2026-02-25', '2026-03-04', '2026-03-11'];
    await upsertActivities(t.db, orgId, runner, [
      ...wednesdays.map((d) => run(`w${d}`, `${d}T07:00:00Z`, 10_000, 3000, null)),
      run('monday', '2026-03-16T07:00:00Z', 2000, 600, null),
    ], { now: MONDAY });
    const monday = createTestApp(t.db, { clock: () => MONDAY });
    const result = await execute<any, never>(monday, await tokenFor({ orgId, userId: coach, role: 'COACH' }),
      `{ athlete(id: "${runner}") { charts { weeklyTrainingLoad(weeks: 3) { slope points { date value trend complete daysElapsed } } } } }`);
    expect(result.errors).toBeUndefined();
    const { slope, points } = result.data.athlete.charts.weeklyTrainingLoad;
    const week = 3000 / 36;
    expect(points).toEqual([
      { date: '2026-03-02', value: expect.closeTo(week, 9), trend: expect.closeTo(week, 9), complete: true, daysElapsed: 7 },
      { date: '2026-03-09', value: expect.closeTo(week, 9), trend: expect.closeTo(week, 9), complete: true, daysElapsed: 7 },
      // Counted, the Monday's 600 / 36 would have made the trend (3 × week + 600 / 36) / 4, a fifth lower.
      { date: '2026-03-16', value: expect.closeTo(600 / 36, 9), trend: expect.closeTo(week, 9), complete: false, daysElapsed: 1 },
    ]);
    expect(slope).toBeCloseTo(0, 9);
  });
});
