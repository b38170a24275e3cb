import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { assignCoach, createOrganization, createUser, labelAthlete } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { errorCodes, execute } from '../helpers/graphql';
import { upsertActivities } from '../../src/ingest/activities';
import { upsertHealthDays } from '../../src/ingest/health';
import { seedDemo } from '../../db/seed/demo';
import { addDays } from '../../src/domain/time';
import { AthletesListDocument } from '../../operations/__generated__/graphql';
import type { App } from '../../src/app';
import { paceLoad } from '../../src/domain/load';
import { thresholdPaceFromVdot } from '../../src/domain/load-basis';
import { vdotFromRace } from '../../src/domain/vdot';

const NOW = new Date('2026-03-10T12:00:00Z');
const TODAY = '2026-03-10';

let t: TestDatabase;
let app: App;
let token: string;
const team: Record<string, number> = {};
let coachA: number;
let coachB: number;
let groupId: number;
let elite: number;
let injured: number;

beforeAll(async () => {
  t = await createTestDatabase();
  const orgId = await createOrganization(t.db, 'List Club', 'UTC');
  const adminId = await createUser(t.db, orgId, { role: 'admin', name: 'List Admin' });
  coachA = await createUser(t.db, orgId, { role: 'coach', name: 'Coach Alma' });
  coachB = await createUser(t.db, orgId, { role: 'coach', name: 'Coach Bert' });
  for (const [name, email] of [['Ada Quick', 'ada@list.example'], ['Bo Steady', 'bo@list.example'], ['Cy Rested', 'cy@runners.example'], ['Di Down', 'di@list.example']]) {
    team[name.split(' ')[0]] = await createUser(t.db, orgId, { role: 'athlete', name, email, timezone: 'Europe/London' });
  }
  await assignCoach(t.db, orgId, coachA, team.Ada);
  await assignCoach(t.db, orgId, coachA, team.Bo);
  await assignCoach(t.db, orgId, coachB, team.Cy);
  await assignCoach(t.db, orgId, coachB, team.Di);
  elite = await labelAthlete(t.db, orgId, team.Ada, 'Elite');
  injured = await labelAthlete(t.db, orgId, team.Di, 'Injury watch');
  await labelAthlete(t.db, orgId, team.Bo, 'Elite');
  groupId = (await t.db.insertInto('groups').values({ org_id: orgId, name: 'Milers' }).returning('id').executeTakeFirstOrThrow()).id;
  await t.db.insertInto('group_members').values([team.Bo, team.Cy].map((athlete_id) => ({ org_id: orgId, group_id: groupId, athlete_id }))).execute();

  const run = (id: string, date: string, distanceM: number) => ({ source: 't', externalId: id, startTime: new Date(`${date}T09:00:00Z`), distanceM, movingS: 3000, elapsedS: 3000 });
  await upsertActivities(t.db, orgId, team.Ada, [run('a1', '2026-03-09', 20_000), run('a2', '2026-03-01', 5000)], { now: NOW });
  await upsertActivities(t.db, orgId, team.Bo, [run('b1', '2026-03-10', 8000), run('b2', '2026-03-08', 8000)], { now: NOW });
  await upsertActivities(t.db, orgId, team.Di, [run('d1', '2026-02-20', 30_000)], { now: NOW });
  // Di: recovery and HRV fall this week (two signals); Bo: VO2max up (one signal); Ada, Cy: none.
  const days = (from: number, to: number, value: (d: number) => Record<string, number>) =>
    Array.from({ length: from - to + 1 }, (_, i) => ({ localDate: addDays(TODAY, -(from - i)), source: 'garmin', ...value(from - i) }));
  await upsertHealthDays(t.db, orgId, team.Di, days(66, 0, (d) => ({ hrvRmssdMs: d <= 6 ? 40 : d % 2 ? 57 : 63, recoveryScore: d <= 6 ? 55 : 75 })), { now: NOW });
  await upsertHealthDays(t.db, orgId, team.Bo, days(13, 0, (d) => ({ vo2max: d <= 6 ? 52 : 50.5 })), { now: NOW });
  token = await tokenFor({ orgId, userId: adminId, role: 'ADMIN' });
  app = createTestApp(t.db, { clock: () => NOW });
});

afterAll(() => t.close());

const names = async (variables: Record<string, unknown>) => {
  const result = await execute(app, token, AthletesListDocument, variables as never);
  expect(result.errors).toBeUndefined();
  return { names: result.data!.coachAthletesMetrics!.edges.map((e) => e.node.name.split(' ')[0]), total: result.data!.coachAthletesMetrics!.totalCount };
};

describe('filters', () => {
  it('searches name or email, any case, in part', async () => {
    expect(await names({ filter: { search: 'STEA' } })).toEqual({ names: ['Bo'], total: 1 });
    expect(await names({ filter: { search: 'runners.exam' } })).toEqual({ names: ['Cy'], total: 1 });
    expect(await names({ filter: { search: '%' } })).toEqual({ names: [], total: 0 });
  });

  it('matches any of the labels, the assigned coach, the group, and combines them with AND', async () => {
    expect((await names({ filter: { labelIds: [String(elite), String(injured)] } })).names).toEqual(['Ada', 'Bo', 'Di']);
    expect((await names({ filter: { coachId: String(coachB) } })).names).toEqual(['Cy', 'Di']);
    expect((await names({ filter: { groupId: String(groupId) } })).names).toEqual(['Bo', 'Cy']);
    expect(await names({ filter: { labelIds: [String(elite)], groupId: String(groupId) } })).toEqual({ names: ['Bo'], total: 1 });
  });
});

describe('orders', () => {
  it.each([
    ['NAME', ['Ada', 'Bo', 'Cy', 'Di']],
    ['LAST_ACTIVITY', ['Bo', 'Ada', 'Di', 'Cy']],
    ['WEEKLY_DISTANCE', ['Ada', 'Bo', 'Cy', 'Di']],
    ['ATTENTION', ['Di', 'Bo', 'Ada', 'Cy']],
  ])('%s, with stable cursors one athlete per page', async (orderBy, expected) => {
    expect((await names({ orderBy })).names).toEqual(expected);
    const paged: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const result: any = await execute(app, token, AthletesListDocument, { orderBy, first: 1, after } as never);
      paged.push(...result.data.coachAthletesMetrics.edges.map((e: any) => e.node.name.split(' ')[0]));
      if (!result.data.coachAthletesMetrics.pageInfo.hasNextPage) break;
      after = result.data.coachAthletesMetrics.pageInfo.endCursor;
    }
    expect(paged).toEqual(expected);
  });

  it('reads its thresholds from organization_signal_thresholds, as the signals do, not the old settings.attention', async () => {
    const orgId = (await t.db.selectFrom('users').select('org_id').where('id', '=', team.Ada).executeTakeFirstOrThrow()).org_id;
    // Thresholds that would quiet every signal, where nothing reads them any more.
    await t.db.updateTable('organizations').set({ settings: JSON.stringify({ attention: { hrvSd: 5, recoveryPoints: 100, vo2max: 10 } }) as never }).where('id', '=', orgId).execute();
    expect((await names({ orderBy: 'ATTENTION' })).names).toEqual(['Di', 'Bo', 'Ada', 'Cy']);
    await t.db.updateTable('organizations').set({ settings: JSON.stringify({}) as never }).where('id', '=', orgId).execute();
    // Bo's VO2max rose 1.5: at 2 it is quiet, and Bo sorts with the athletes without a signal.
    await t.db.insertInto('organization_signal_thresholds').values({ org_id: orgId, vo2max_change: 2 }).execute();
    expect((await names({ orderBy: 'ATTENTION' })).names).toEqual(['Di', 'Ada', 'Bo', 'Cy']);
    await t.db.deleteFrom('organization_signal_thresholds').where('org_id', '=', orgId).execute();
  });

  it('rejects a cursor from another order, and the list for athletes', async () => {
    const first: any = await execute(app, token, AthletesListDocument, { orderBy: 'NAME', first: 1 } as never);
    const mixed = await execute(app, token, AthletesListDocument, { orderBy: 'ATTENTION', first: 1, after: first.data.coachAthletesMetrics.pageInfo.endCursor } as never);
    expect(errorCodes(mixed)).toEqual(['BAD_USER_INPUT']);
    const athleteToken = await tokenFor({ orgId: (await t.db.selectFrom('users').select('org_id').where('id', '=', team.Ada).executeTakeFirstOrThrow()).org_id, userId: team.Ada, role: 'ATHLETE' });
    expect(errorCodes(await execute(app, athleteToken, AthletesListDocument, {} as never))).toEqual(['FORBIDDEN']);
  });

  it('answers the key indicators of each row', async () => {
    const result = await execute(app, token, AthletesListDocument, { orderBy: 'ATTENTION', first: 2 } as never);
    const [di, bo] = result.data!.coachAthletesMetrics!.edges.map((e) => e.node);
    expect(di.attentionSignals!.map((s) => s.metric)).toEqual(['HRV', 'RECOVERY_SCORE']);
    expect(bo.attentionSignals!.map((s) => s.metric)).toEqual(['VO2MAX']);
    // No settings: both 8 km runs are paced against the threshold pace of their own best effort's VDOT.
    const paced = paceLoad(3000, 8000, thresholdPaceFromVdot(vdotFromRace(8000, 3000)));
    expect(bo.last7).toEqual({ totalDistance: 16_000, trainingLoad: expect.closeTo(2 * paced, 6), totalActivities: 2 });
    expect(bo.lastActivity).toMatchObject({ localDate: '2026-03-10', distance: 8000 });
    expect(di.last28!.totalDistance).toBe(30_000);
  });
});

describe('statements', () => {
  it('runs the Athletes list in the same 10 statements for 10, 100 and 1,000 athletes', async () => {
    const counts: number[] = [];
    for (const size of [10, 100, 1000]) {
      const orgId = await createOrganization(t.db, `Size ${size}`, 'UTC');
      const coach = await createUser(t.db, orgId, { role: 'coach', name: `Coach ${size}` });
      const ids = (await t.db.insertInto('users')
        .values(Array.from({ length: size }, (_, i) => ({ org_id: orgId, role: 'athlete' as const, name: `Runner ${i}`, email: `r${i}@size${size}.example`, timezone: 'UTC' })))
        .returning('id').execute()).map((r) => r.id);
      await t.db.insertInto('coach_assignments').values(ids.map((athlete_id) => ({ org_id: orgId, coach_id: coach, athlete_id }))).execute();
      const sizeToken = await tokenFor({ orgId, userId: coach, role: 'COACH' });
      await t.statements.settled();
      t.statements.reset();
      const result = await execute(app, sizeToken, AthletesListDocument, { first: 100 } as never);
      expect(result.errors).toBeUndefined();
      expect(result.data!.coachAthletesMetrics!.totalCount).toBe(size);
      await t.statements.settled();
      counts.push(t.statements.queries);
    }
    // the page with its count, labels with coaches, plan, last run, both windows, fitness,
    // signals, data quality; plus the frame (the tenant pin, or the embedded database's
    // read-only transaction: tests/helpers/database.ts).
    expect(counts).toEqual([8, 8, 8]);
  });
});

describe('statements with the risk indicators', () => {
  it('takes one statement more with riskIndicators selected (its cached state, read only when asked for), under every order', async () => {
    const list = `query($orderBy: AthleteOrder) { coachAthletesMetrics(orderBy: $orderBy, first: 100) { totalCount edges { node {
      id name labels { id name } coaches { id name } currentTrainingPlan { name currentWeek totalWeeks progress { ratio } }
      lastActivity { startTime localDate distance movingTime avgPace }
      last7: fitnessStats(days: 7) { totalDistance trainingLoad totalActivities } last28: fitnessStats(days: 28) { totalDistance trainingLoad totalActivities }
      fitness { ctl atl tsb vo2max hrv7d asOf } attentionSignals { metric direction severity reason } dataQuality { score }
      riskIndicators { asOf acwr acwrMethod acwrRolling acwrEwma monotony strain weeklyLoad rampRate rampRateUnit weeklyRamp weeklyDistance weeklyDistanceChange longRunShare historyDays }
    } } } }`;
    const counts: { order: string; queries: number; withRisk: number }[] = [];
    for (const order of ['NAME', 'ACWR', 'MONOTONY', 'ATTENTION']) {
      await t.statements.settled();
      t.statements.reset();
      const result: any = await execute(app, token, list, { orderBy: order } as never);
      expect(result.errors).toBeUndefined();
      await t.statements.settled();
      const withRisk = result.data.coachAthletesMetrics.edges.filter((e: any) => e.node.riskIndicators !== null).length;
      counts.push({ order, queries: t.statements.queries, withRisk });
    }
    expect(counts).toEqual(['NAME', 'ACWR', 'MONOTONY', 'ATTENTION'].map((order) => ({ order, queries: 9, withRisk: 3 })));
  });
});

describe('statements with every number saying how sure it is', () => {
  it('takes a fixed 13 statements with riskIndicators and the basis of fitness, risk and windows selected, whatever the page', async () => {
    const basis = 'basis { method { name version } coverage { windowDays daysWithData runs hrShare loadMethods { method runs } } estimatedInputs }';
    const list = `{ coachAthletesMetrics(first: 100) { edges { node {
      id name labels { id name } coaches { id name } currentTrainingPlan { name currentWeek totalWeeks progress { ratio } }
      lastActivity { startTime localDate distance movingTime avgPace }
      last7: fitnessStats(days: 7) { totalDistance trainingLoad totalActivities ${basis} } last28: fitnessStats(days: 28) { totalDistance trainingLoad ${basis} }
      fitness { ctl atl tsb asOf ${basis} } attentionSignals { metric } dataQuality { score }
      riskIndicators { acwr ${basis} }
    } } } }`;
    await t.statements.settled();
    t.statements.reset();
    const result: any = await execute(app, token, list);
    expect(result.errors).toBeUndefined();
    await t.statements.settled();
    // The list's 10, the risk state, the cached bases, and the load basis behind estimatedInputs: one each for the page.
    expect(t.statements.queries).toBe(11);
    const bo = result.data.coachAthletesMetrics.edges.find((e: any) => e.node.name === 'Bo Steady').node;
    // Two 8 km runs on two days of the week, without HR, paced against their own best effort's VDOT.
    expect(bo.last7.basis).toEqual({
      method: { name: 'rollup-sum', version: 1 },
      coverage: { windowDays: 7, daysWithData: 2, runs: 2, hrShare: 0, loadMethods: null },
      estimatedInputs: ['THRESHOLD_PACE', 'VDOT'],
    });
    expect(bo.fitness.basis).toEqual({
      method: { name: 'banister-ewma', version: 1 },
      coverage: { windowDays: 42, daysWithData: 2, runs: 2, hrShare: 0, loadMethods: [{ method: 'PACE', runs: 2 }] },
      estimatedInputs: ['THRESHOLD_PACE', 'VDOT'],
    });
    expect(bo.riskIndicators.basis.coverage).toMatchObject({ windowDays: 28, runs: 2 });
  });
});

describe('ATTENTION on the demo organization', () => {
  it('orders by the same signal count the API reports', async () => {
    const [demo] = await seedDemo(t.db, { athletes: 40, days: 70, seed: 9, endDate: '2026-03-10' });
    const admin = await t.db.selectFrom('users').select('id').where('org_id', '=', demo.orgId).where('role', '=', 'admin').executeTakeFirstOrThrow();
    const demoToken = await tokenFor({ orgId: demo.orgId, userId: admin.id, role: 'ADMIN' });
    const result = await execute(app, demoToken, AthletesListDocument, { orderBy: 'ATTENTION', first: 100 } as never);
    const counts = result.data!.coachAthletesMetrics!.edges.map((e) => e.node.attentionSignals!.length);
    expect(counts).toHaveLength(40);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(Math.max(...counts)).toBeGreaterThan(0);
  });
});
