import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser, setAthleteSettings } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { errorCodes, execute } from '../helpers/graphql';
import { upsertActivities, type ActivityRecord } from '../../src/ingest/activities';
import { upsertHealthDays, type HealthDayRecord } from '../../src/ingest/health';
import { summarizeFitness } from '../../src/domain/fitness';
import { vdotFromRace } from '../../src/domain/vdot';
import { addDays } from '../../src/domain/time';
import { NO_RUNS_NOTE } from '../../src/domain/quality';
import { AthleteProfileDocument, AthleteSummaryDocument } from '../../operations/__generated__/graphql';
import type { App } from '../../src/app';

// Lena in London, seen on Tuesday 10 March 2026 at noon.
const NOW = new Date('2026-03-10T12:00:00Z');
const TODAY = '2026-03-10';

let t: TestDatabase;
let app: App;
let coachToken: string;
let orgId: number;
let lena: number;
let omar: number;

const run = (externalId: string, date: string, distanceM: number, movingS: number, avgHr: number | null = 150): ActivityRecord => ({
  source: 'test', externalId, startTime: new Date(`${date}T08:00:00Z`), distanceM, movingS, elapsedS: movingS, avgHr,
  paceZoneS: [0, movingS, 0, 0, 0], hrZoneS: avgHr ? [0, 0, movingS, 0, 0] : [],
});

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganization(t.db, 'Profile Club', 'Europe/London');
  const coach = await createUser(t.db, orgId, { role: 'coach', name: 'Coach Pia' });
  lena = await createUser(t.db, orgId, { role: 'athlete', name: 'Lena London', timezone: 'Europe/London', sex: 'male' });
  omar = await createUser(t.db, orgId, { role: 'athlete', name: 'Omar Oslo', timezone: null });
  await t.db.updateTable('users').set({ unit_system: null }).where('id', '=', omar).execute();
  await setAthleteSettings(t.db, orgId, lena, { hr_max: 190, hr_rest: 50, threshold_pace_s_per_km: 300, pace_zones: JSON.stringify([360, 330, 300, 280, 260]) });
  await setAthleteSettings(t.db, orgId, omar, { vdot: 49.81 });
  await t.db.insertInto('integrations').values([
    { org_id: orgId, athlete_id: lena, provider: 'strava', status: 'connected', last_sync_at: new Date('2026-03-10T06:00:00Z'), error: null },
    { org_id: orgId, athlete_id: lena, provider: 'garmin', status: 'error', last_sync_at: null, error: 'token expired' },
  ]).execute();

  const plan = await t.db.insertInto('training_plans')
    .values({ org_id: orgId, athlete_id: lena, name: 'Spring 10K', start_date: '2026-03-02', total_weeks: 12, status: 'active' })
    .returning('id').executeTakeFirstOrThrow();
  await t.db.insertInto('training_plans').values({ org_id: orgId, athlete_id: lena, name: 'Old block', start_date: '2025-09-01', total_weeks: 8, status: 'completed' }).execute();
  await t.db.insertInto('goal_races').values([
    { org_id: orgId, athlete_id: lena, event_name: 'Past 5K', race_date: '2026-02-01', distance_m: 5000, goal_time_s: 1300 },
    { org_id: orgId, athlete_id: lena, event_name: 'Spring 10K', race_date: '2026-05-01', distance_m: 10_000, goal_time_s: 2340 },
    { org_id: orgId, athlete_id: omar, event_name: 'Park 5K', race_date: '2026-03-20', distance_m: 5000, goal_time_s: 1140 },
  ]).execute();

  // Planned before the runs arrive: the ingest matches them (src/ingest/plan-matching.ts).
  await t.db.insertInto('planned_workouts').values([
    { org_id: orgId, plan_id: plan.id, date: '2026-03-02', kind: 'easy', planned_distance_m: 6000, planned_duration_s: null },
    { org_id: orgId, plan_id: plan.id, date: '2026-03-04', kind: 'tempo', planned_distance_m: 8000, planned_duration_s: null },
    { org_id: orgId, plan_id: plan.id, date: '2026-03-06', kind: 'easy', planned_distance_m: 6000, planned_duration_s: null },
    { org_id: orgId, plan_id: plan.id, date: '2026-03-08', kind: 'rest', planned_distance_m: null, planned_duration_s: null },
    { org_id: orgId, plan_id: plan.id, date: '2026-03-09', kind: 'rest', planned_distance_m: null, planned_duration_s: null },
    { org_id: orgId, plan_id: plan.id, date: '2026-03-10', kind: 'easy', planned_distance_m: 10_000, planned_duration_s: null },
    { org_id: orgId, plan_id: plan.id, date: '2026-03-12', kind: 'long', planned_distance_m: 16_000, planned_duration_s: null },
  ]).execute();

  await upsertActivities(t.db, orgId, lena, [
    run('feb', '2026-02-10', 8000, 2600),
    run('mon', '2026-03-02', 6000, 1950),
    run('wed', '2026-03-04', 8000, 2560),
    run('race', '2026-03-07', 10_000, 2400, 170),
    run('mon2', '2026-03-09', 5000, 1700, null),
    run('tue', '2026-03-10', 7000, 2310),
  ], { now: NOW });

  // HRV steady around 60 ms for two months, then 45 ms this week; recovery 75 -> 60.
  const health: HealthDayRecord[] = [];
  for (let d = 66; d >= 0; d--) {
    const date = addDays(TODAY, -d);
    const thisWeek = d <= 6;
    health.push({
      localDate: date,
      hrvRmssdMs: thisWeek ? 45 : d % 2 ? 57 : 63,
      restingHr: thisWeek ? 52 : 48,
      recoveryScore: thisWeek ? 60 : 75,
      vo2max: d % 7 === 0 ? 52 : null,
      source: 'garmin',
    });
  }
  await upsertHealthDays(t.db, orgId, lena, health, { now: NOW });

  coachToken = await tokenFor({ orgId, userId: coach, role: 'COACH' });
  app = createTestApp(t.db, { clock: () => NOW });
});

afterAll(() => t.close());

const profileOf = async (id: number, token = coachToken) => {
  const result = await execute(app, token, AthleteProfileDocument, { id: String(id) });
  expect(result.errors).toBeUndefined();
  return result.data!.athlete!;
};

describe('athlete profile', () => {
  it('reports the active plan with its week and progress', async () => {
    expect((await profileOf(lena)).currentTrainingPlan).toEqual({
      name: 'Spring 10K', status: 'ACTIVE', startDate: '2026-03-02', currentWeek: 2, totalWeeks: 12,
      // Monday 6 of 6 km and Wednesday 8 of 8 km completed, Friday missed, today 7 of 10 km partial.
      progress: { completed: 2, partial: 1, missed: 1, due: 4, total: 5, ratio: 0.5 },
      thisWeek: [
        { date: '2026-03-09', kind: 'REST', status: 'UNPLANNED_RUN', plannedDistance: null, complianceScore: null, run: null },
        { date: '2026-03-10', kind: 'EASY', status: 'PARTIAL', plannedDistance: 10_000, complianceScore: 0.7, run: { id: expect.any(String), distance: 7000, movingTime: 2310 } },
        { date: '2026-03-12', kind: 'LONG', status: 'PENDING', plannedDistance: 16_000, complianceScore: null, run: null },
      ],
    });
    expect((await profileOf(omar)).currentTrainingPlan).toBeNull();
  });

  it('predicts the goal race from the best recent effort, or from the VDOT in settings', async () => {
    const { goalRace } = await profileOf(lena);
    expect(goalRace).toMatchObject({ eventName: 'Spring 10K', date: '2026-05-01', distance: 10_000, goalTime: 2340, goalTimeFormatted: '0:39:00' });
    expect(goalRace!.predictedTime).toEqual({
      seconds: 2400, formatted: '0:40:00', method: 'VDOT_FROM_BEST_EFFORT', vdot: Math.round(vdotFromRace(10_000, 2400) * 100) / 100, gapToGoal: 60,
      basedOn: { date: '2026-03-07', distance: 10_000, duration: 2400 },
    });
    const omarRace = (await profileOf(omar)).goalRace!;
    expect(omarRace.predictedTime).toMatchObject({ seconds: 1200, formatted: '0:20:00', method: 'VDOT_FROM_SETTINGS', vdot: 49.81, gapToGoal: 60, basedOn: null });
  });

  it('lists every provider, NOT_CONNECTED where missing', async () => {
    expect((await profileOf(lena)).integrations).toEqual([
      { provider: 'STRAVA', status: 'CONNECTED', lastSyncAt: '2026-03-10T06:00:00.000Z', error: null },
      { provider: 'GARMIN', status: 'ERROR', lastSyncAt: null, error: 'token expired' },
      { provider: 'APPLE_HEALTH', status: 'NOT_CONNECTED', lastSyncAt: null, error: null },
    ]);
  });

  it('fires the HRV and recovery signals, not VO2max; and the load-risk ones for a sudden week', async () => {
    const signals = (await profileOf(lena)).attentionSignals!;
    // This week's runs jump from a quiet month: ACWR and the CTL ramp pass their defaults too.
    expect(signals.map((s) => [s.metric, s.direction, s.severity])).toEqual([
      ['HRV', 'DOWN', 'HIGH'],
      ['RECOVERY_SCORE', 'DOWN', 'MEDIUM'],
      ['ACWR_HIGH', 'UP', 'HIGH'],
      ['RAMP_HIGH', 'UP', 'HIGH'],
    ]);
    expect(signals[1]).toMatchObject({ previous: 75, current: 60, change: -15 });
    expect(signals[0].current).toBeCloseTo(45, 6);
    expect((await profileOf(omar)).attentionSignals).toEqual([]);
  });

  it("lets a coach read the readings behind each health signal, the two weeks' values coming from them", async () => {
    const READINGS = 'query($id: ID!) { athlete(id: $id) { attentionSignals { metric previous current readings { date value week } } } }';
    const result = await execute<any, any>(app, coachToken, READINGS, { id: String(lena) });
    expect(result.errors).toBeUndefined();
    const signals = result.data.athlete.attentionSignals;
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    for (const s of signals.filter((x: any) => ['HRV', 'RECOVERY_SCORE'].includes(x.metric))) {
      const week = (w: string) => s.readings.filter((r: any) => r.week === w).map((r: any) => r.value);
      expect(week('PREVIOUS').length).toBeGreaterThan(0);
      expect(week('CURRENT').length).toBeGreaterThan(0);
      // HRV is compared as the geometric mean of the readings (mean of ln RMSSD), recovery as the plain mean.
      const of = (values: number[]) => (s.metric === 'HRV' ? Math.exp(mean(values.map(Math.log))) : mean(values));
      expect(of(week('PREVIOUS'))).toBeCloseTo(s.previous, 1);
      expect(of(week('CURRENT'))).toBeCloseTo(s.current, 1);
      const dates = s.readings.map((r: any) => r.date);
      expect(dates).toEqual([...dates].sort());
    }
    expect(signals.filter((x: any) => x.metric === 'ACWR_HIGH').every((x: any) => x.readings.length === 0)).toBe(true);
  });

  it('scores data quality with the missing items listed', async () => {
    expect((await profileOf(lena)).dataQuality).toEqual({
      score: 80,
      items: [
        { key: 'PACE_ZONES', weight: 15, met: true },
        { key: 'HR_ZONES', weight: 10, met: false },
        { key: 'HR_MAX_REST', weight: 15, met: true },
        { key: 'THRESHOLD_PACE', weight: 10, met: true },
        { key: 'VDOT', weight: 10, met: false },
        { key: 'INTEGRATION', weight: 15, met: true },
        { key: 'TIMEZONE', weight: 10, met: true },
        { key: 'UNIT_SYSTEM', weight: 5, met: true },
        { key: 'RECENT_RUNS', weight: 10, met: true },
      ],
    });
    // Omar: a VDOT and nothing else; no runs at all, which the score says.
    const omarQuality = (await execute<any, any>(app, coachToken, `query($id: ID!) { athlete(id: $id) { dataQuality { score note } } }`, { id: String(omar) })).data.athlete.dataQuality;
    expect(omarQuality).toEqual({ score: 10, note: NO_RUNS_NOTE });
  });

  it('pages recent activities newest first with load method and zones', async () => {
    const recentActivities = (await profileOf(lena)).recentActivities!;
    expect(recentActivities.edges.map((e) => e.node.localDate)).toEqual(['2026-03-10', '2026-03-09', '2026-03-07', '2026-03-04', '2026-03-02']);
    expect(recentActivities.pageInfo.hasNextPage).toBe(true);
    expect(recentActivities.edges[1].node).toMatchObject({ loadMethod: 'PACE', avgHeartRate: null, paceZ2Time: 1700, hrZ3Time: 0 });
    expect(recentActivities.edges[0].node).toMatchObject({ loadMethod: 'TRIMP', avgPace: 330, hrZ3Time: 2310 });
    const next = await execute<any, never>(app, coachToken, `{ athlete(id: "${lena}") { recentActivities(first: 5, after: "${recentActivities.pageInfo.endCursor}") { edges { node { localDate } } pageInfo { hasNextPage } } } }`);
    expect(next.data.athlete.recentActivities).toEqual({ edges: [{ node: { localDate: '2026-02-10' } }], pageInfo: { hasNextPage: false } });
    // Up to 1,000 a page for analysts; a variable past it is refused with the range.
    const all = await execute<any, any>(app, coachToken, `query($n: Int) { athlete(id: "${lena}") { recentActivities(first: $n) { edges { node { localDate } } pageInfo { hasNextPage } } } }`, { n: 1000 });
    expect(all.data.athlete.recentActivities.edges).toHaveLength(6);
    expect(all.data.athlete.recentActivities.pageInfo.hasNextPage).toBe(false);
    const tooMany = await execute<any, any>(app, coachToken, `query($n: Int) { athlete(id: "${lena}") { recentActivities(first: $n) { edges { cursor } } } }`, { n: 1001 });
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.errors![0].message).toBe('first must be between 0 and 1000; got 1001');
  });

  it('serves the fitness cache written by ingestion, equal to a recomputation', async () => {
    const { fitness } = await profileOf(lena);
    const { rows } = await sql<{ local_date: string; training_load: number }>`
      select local_date, training_load from activity_daily where athlete_id = ${lena} order by local_date`.execute(t.db);
    const loads = Array.from({ length: 29 }, (_, i) => rows.find((r) => r.local_date === addDays('2026-02-10', i))?.training_load ?? 0);
    const expected = summarizeFitness(loads);
    expect(fitness).toMatchObject({ asOf: TODAY, ctlDays: 42, atlDays: 7, vo2max: 52, restingHeartRate: 52, hrv7d: 45 });
    expect(fitness!.ctl).toBeCloseTo(expected.ctl, 9);
    expect(fitness!.atl).toBeCloseTo(expected.atl, 9);
    expect(fitness!.tsb).toBeCloseTo(expected.tsb, 9);
    expect(fitness!.rampRate).toBeCloseTo(expected.rampRate, 9);
    expect((await profileOf(omar)).fitness).toBeNull();
  });

  it('writes the weekly summary and run lines, stored by ingestion', async () => {
    const { insights } = await profileOf(lena);
    expect(insights.weeklySummary).toMatchObject({
      periodStart: '2026-03-02',
      generator: 'stride-plain',
      generatorVersion: '2',
      // One 8 km run in the 4 weeks before: a weekly average of 2.0 km; none the week before, so no ramp.
      // The tempo run of the plan done; HRV of the week far below the 60 days before; the 10K 54 days after the week.
      text: expect.stringMatching(new RegExp([
        /^Week of 2 Mar: 24\.0 km over 3 runs, 1100% more than the 4-week average of 2\.0 km\./,
        / Longest run 10\.0 km, 42% of the week \(4-week average 2\.0 km\)\./,
        / Training load \d+, \d+% more than the 4-week average of \d+\. Key workout done: tempo run on Wed\. Resting HR 3 bpm higher than the week before\./,
        / HRV averaged 49 ms over 7 readings, below the 60-day baseline of 60 ms by 4\.1 SD: recovery may be lagging, so keep the easy days easy\./,
        / Spring 10K on 1 May: predicted 0:40:00 \(VDOT 51\.9, the best run of the last 180 days\), 1:00 slower than the 0:39:00 goal\.$/,
      ].map((r) => r.source).join(''))),
    });
    expect(insights.weeklySummary!.storedAt).not.toBeNull();
    expect(insights.recentActivities.map((i) => i.periodStart)).toEqual(['2026-03-10', '2026-03-09', '2026-03-07']);
    expect(insights.recentActivities[2].text).toMatch(/^7 Mar: 10\.0 km in 0:40:00 \(4:00\/km\), \d+ s\/km faster than the 28-day average, average HR 170, load \d+ \(TRIMP\)\.$/);
    expect(insights.recentActivities.every((i) => i.storedAt !== null)).toBe(true);
  });

  it('rewrites insights when the numbers change, and stores them on refreshInsights', async () => {
    // A change that bypassed ingestion: the stored text no longer matches the numbers.
    await t.db.updateTable('activity_daily').set({ distance_m: 12_000 }).where('athlete_id', '=', lena).where('local_date', '=', '2026-03-07').execute();
    const stale = (await profileOf(lena)).insights.weeklySummary!;
    expect(stale.storedAt).toBeNull();
    expect(stale.text).toMatch(/^Week of 2 Mar: 26\.0 km/);

    const athleteToken = await tokenFor({ orgId, userId: lena, role: 'ATHLETE' });
    const refresh = `mutation { refreshInsights(athleteId: "${lena}") { weeklySummary { text storedAt } } }`;
    expect(errorCodes(await execute(app, athleteToken, refresh))).toEqual(['FORBIDDEN']);
    const refreshed = await execute<any, never>(app, coachToken, refresh);
    expect(refreshed.data.refreshInsights.weeklySummary.text).toBe(stale.text);
    expect(refreshed.data.refreshInsights.weeklySummary.storedAt).not.toBeNull();
    expect((await profileOf(lena)).insights.weeklySummary!.storedAt).not.toBeNull();
    await t.db.updateTable('activity_daily').set({ distance_m: 10_000 }).where('athlete_id', '=', lena).where('local_date', '=', '2026-03-07').execute();
  });

  it('answers the mobile summary for the athlete themself', async () => {
    const token = await tokenFor({ orgId, userId: lena, role: 'ATHLETE' });
    const result = await execute(app, token, AthleteSummaryDocument, { id: String(lena) });
    expect(result.errors).toBeUndefined();
    expect(result.data!.athlete).toMatchObject({
      name: 'Lena London',
      currentTrainingPlan: { name: 'Spring 10K', currentWeek: 2, totalWeeks: 12, progress: { ratio: 0.5 } },
      goalRace: { eventName: 'Spring 10K', goalTimeFormatted: '0:39:00', predictedTime: { formatted: '0:40:00', gapToGoal: 60 } },
      fitness: { asOf: TODAY },
      attentionSignals: [{ metric: 'HRV', severity: 'HIGH' }, { metric: 'RECOVERY_SCORE', severity: 'MEDIUM' }, { metric: 'ACWR_HIGH' }, { metric: 'RAMP_HIGH' }],
    });
  });
});
