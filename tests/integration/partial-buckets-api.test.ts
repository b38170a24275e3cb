import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { errorCodes, execute } from '../helpers/graphql';
import { upsertActivities } from '../../src/ingest/activities';
import { upsertHealthDays } from '../../src/ingest/health';
import type { App } from '../../src/app';

// Monday 9 March 2026, 08:00 in London (UTC+0 until 29 March): the week is one day old, March nine.
const NOW = new Date('2026-03-09T08:00:00Z');

let t: TestDatabase;
let app: App;
let token: string;
let athleteId: number;

const run = (id: string, startTime: string, distanceM: number) => ({ source: 't', externalId: id, startTime: new Date(startTime), distanceM, movingS: distanceM / 3, elapsedS: distanceM / 3 });

beforeAll(async () => {
  t = await createTestDatabase();
  const orgId = await createOrganization(t.db, 'Partial Club', 'Europe/London');
  const coach = await createUser(t.db, orgId, { role: 'coach', name: 'Coach Pat' });
  athleteId = await createUser(t.db, orgId, { role: 'athlete', name: 'Ana', timezone: 'Europe/London' });
  await upsertActivities(t.db, orgId, athleteId, [
    run('jan', '2026-01-20T07:00:00Z', 10_000),
    run('feb', '2026-02-14T07:00:00Z', 12_000),
    run('mar1', '2026-03-01T07:00:00Z', 8000),
    run('mon', '2026-03-09T06:30:00Z', 5000),
  ], { now: NOW });
  await upsertHealthDays(t.db, orgId, athleteId, [
    { localDate: '2026-03-02', restingHr: 50, source: 't' },
    { localDate: '2026-03-09', restingHr: 58, source: 't' },
  ], { now: NOW });
  token = await tokenFor({ orgId, userId: coach, role: 'COACH' });
  app = createTestApp(t.db, { clock: () => NOW });
});

afterAll(() => t.close());

const ask = async (fields: string) => execute<any, never>(app, token, `{ athlete(id: "${athleteId}") { name ${fields} } }`);

describe('buckets say how much of them is covered', () => {
  it('marks the month holding today and a month the range cuts as incomplete, with the days they cover', async () => {
    const { data, errors } = await ask(`activityStats(from: "2026-01-15", to: "2026-03-31", granularity: MONTH) {
      buckets { start complete daysElapsed stats { totalDistance } } }`);
    expect(errors).toBeUndefined();
    expect(data.athlete.activityStats.buckets).toEqual([
      // 15..31 January: the range starts inside it.
      { start: '2026-01-01', complete: false, daysElapsed: 17, stats: { totalDistance: 10_000 } },
      { start: '2026-02-01', complete: true, daysElapsed: 28, stats: { totalDistance: 12_000 } },
      // 1..9 March, today included: shown, not complete.
      { start: '2026-03-01', complete: false, daysElapsed: 9, stats: { totalDistance: 13_000 } },
    ]);
  });

  it('counts a day as complete once it is over, never today', async () => {
    const { data } = await ask(`activityStats(from: "2026-03-08", to: "2026-03-10", granularity: DAY) { buckets { start complete daysElapsed } }`);
    expect(data.athlete.activityStats.buckets).toEqual([
      { start: '2026-03-08', complete: true, daysElapsed: 1 },
      { start: '2026-03-09', complete: false, daysElapsed: 1 },
      { start: '2026-03-10', complete: false, daysElapsed: 0 },
    ]);
  });

  it('gives health weeks the same flags, so a Monday mean of one reading reads as one day', async () => {
    const { data, errors } = await ask(`healthMetrics(from: "2026-03-02", to: "2026-03-15", granularity: WEEK) {
      buckets { start complete daysElapsed restingHeartRate restingHeartRateReadings } }`);
    expect(errors).toBeUndefined();
    expect(data.athlete.healthMetrics.buckets).toEqual([
      { start: '2026-03-02', complete: true, daysElapsed: 7, restingHeartRate: 50, restingHeartRateReadings: 1 },
      { start: '2026-03-09', complete: false, daysElapsed: 1, restingHeartRate: 58, restingHeartRateReadings: 1 },
    ]);
  });

  it('leaves a runningStats bucket incomplete when a timestamp cuts one of its days, even in a past week', async () => {
    // From Monday 23 February noon to the end of Sunday 8 March, London time.
    const from = Date.parse('2026-02-23T12:00:00Z') / 1000;
    const to = Date.parse('2026-03-09T00:00:00Z') / 1000 - 1;
    const { data, errors } = await ask(`runningStats(fromTimestamp: ${from}, toTimestamp: ${to}, rangeType: WEEKLY, metricType: DISTANCE) {
      points { start complete daysElapsed value } }`);
    expect(errors).toBeUndefined();
    expect(data.athlete.runningStats.points).toEqual([
      { start: '2026-02-23', complete: false, daysElapsed: 7, value: 8000 },
      { start: '2026-03-02', complete: true, daysElapsed: 7, value: 0 },
    ]);
    const months = await ask(`runningStats(from: "2026-02-01", to: "2026-03-31", rangeType: MONTHLY, metricType: DISTANCE) { points { start complete daysElapsed value } }`);
    expect(months.data.athlete.runningStats.points).toEqual([
      { start: '2026-02-01', complete: true, daysElapsed: 28, value: 12_000 },
      { start: '2026-03-01', complete: false, daysElapsed: 9, value: 13_000 },
    ]);
  });
});

describe('one bad argument nulls only its own field', () => {
  it('keeps the athlete and its valid siblings when one field refuses its range', async () => {
    const result = await ask(`fitnessStats(days: 7) { totalDistance }
      activityStats(from: "2026-03-10", to: "2026-03-01", granularity: DAY) { from }
      charts { dailyDistance(days: 0) { slope } weeklyTrainingLoad(weeks: 4) { trendWindow } }`);
    expect(result.status).toBe(200);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(result.errors!.map((e) => e.path)).toEqual(expect.arrayContaining([['athlete', 'activityStats'], ['athlete', 'charts', 'dailyDistance']]));
    expect(result.data.athlete).toEqual({
      name: 'Ana',
      fitnessStats: { totalDistance: 5000 },
      activityStats: null,
      charts: { dailyDistance: null, weeklyTrainingLoad: { trendWindow: 4 } },
    });
  });

  it('keeps the sibling root fields when a paged root field refuses its page size', async () => {
    // A literal `first: 1000` is refused while validating (the whole request); a variable reaches the field.
    const result = await execute<any, any>(app, token, `query ($first: Int) { athletes(first: $first) { totalCount } organization { name } }`, { first: 1000 });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message).toMatch(/between 0 and 100/);
    expect(result.data).toEqual({ athletes: null, organization: { name: 'Partial Club' } });
  });
});
