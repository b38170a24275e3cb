import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { errorCodes, execute } from '../helpers/graphql';
import { upsertActivities } from '../../src/ingest/activities';
import { GroupDashboardDocument } from '../../operations/__generated__/graphql';
import type { App } from '../../src/app';

// Sydney organization, Wednesday 11 March 2026, 10:00 local (Sydney is UTC+11 in March).
const NOW = new Date('2026-03-10T23:00:00Z');

let t: TestDatabase;
let app: App;
let token: string;
let orgId: number;
let milers: number;
let sprinters: number;
const m: Record<string, number> = {};

const run = (id: string, startTime: string, distanceM: number) => ({ source: 't', externalId: id, startTime: new Date(startTime), distanceM, movingS: distanceM / 3, elapsedS: distanceM / 3 });

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganization(t.db, 'Group Club', 'Australia/Sydney');
  const coach = await createUser(t.db, orgId, { role: 'coach', name: 'Coach Gus' });
  for (const name of ['Amy', 'Ben', 'Cal', 'Dee', 'Eve']) m[name] = await createUser(t.db, orgId, { role: 'athlete', name, timezone: 'Europe/London' });
  [milers, sprinters] = (await t.db.insertInto('groups').values([{ org_id: orgId, name: 'Milers' }, { org_id: orgId, name: 'Sprinters' }]).returning('id').execute()).map((g) => g.id);
  await t.db.insertInto('group_members').values([
    ...['Amy', 'Ben', 'Cal', 'Dee'].map((n) => ({ org_id: orgId, group_id: milers, athlete_id: m[n] })),
    ...['Dee', 'Eve'].map((n) => ({ org_id: orgId, group_id: sprinters, athlete_id: m[n] })),
  ]).execute();
  const options = { now: NOW };
  // The members live in London: amy1 starts on Monday 9 March in Sydney but on Sunday 8 March
  // in London, so it counts in the week before, on the athlete's own date as everywhere else.
  await upsertActivities(t.db, orgId, m.Amy, [run('amy1', '2026-03-08T13:30:00Z', 10_000), run('amy2', '2026-03-10T20:00:00Z', 6000)], options);
  await upsertActivities(t.db, orgId, m.Ben, [run('ben1', '2026-03-08T12:30:00Z', 9000)], options); // Sunday 8 March in both zones: last week
  await upsertActivities(t.db, orgId, m.Dee, [run('dee1', '2026-03-09T22:00:00Z', 3000)], options);
  await upsertActivities(t.db, orgId, m.Eve, [run('eve1', '2026-03-02T22:00:00Z', 5000)], options);
  // Plans: Amy 2 of 3 due workouts done; Dee 0 of 1.
  const plans = await t.db.insertInto('training_plans').values([
    { org_id: orgId, athlete_id: m.Amy, name: 'Amy 10K', start_date: '2026-03-02', total_weeks: 8, status: 'active' },
    { org_id: orgId, athlete_id: m.Dee, name: 'Dee 5K', start_date: '2026-03-09', total_weeks: 6, status: 'active' },
  ]).returning(['id', 'athlete_id']).execute();
  const amyPlan = plans.find((p) => p.athlete_id === m.Amy)!.id;
  const deePlan = plans.find((p) => p.athlete_id === m.Dee)!.id;
  await t.db.insertInto('planned_workouts').values([
    { org_id: orgId, plan_id: amyPlan, date: '2026-03-03', kind: 'easy', planned_distance_m: 5000, planned_duration_s: null, completed_activity_id: 1 },
    // A run of 3 of the 5 km planned: partial.
    { org_id: orgId, plan_id: amyPlan, date: '2026-03-05', kind: 'easy', planned_distance_m: 5000, planned_duration_s: null, completed_activity_id: 2, compliance_score: 0.6 },
    { org_id: orgId, plan_id: amyPlan, date: '2026-03-10', kind: 'easy', planned_distance_m: 5000, planned_duration_s: null, completed_activity_id: null },
    { org_id: orgId, plan_id: amyPlan, date: '2026-03-20', kind: 'long', planned_distance_m: 15_000, planned_duration_s: null, completed_activity_id: null },
    { org_id: orgId, plan_id: deePlan, date: '2026-03-10', kind: 'easy', planned_distance_m: 3000, planned_duration_s: null, completed_activity_id: null },
  ]).execute();
  token = await tokenFor({ orgId, userId: coach, role: 'COACH' });
  app = createTestApp(t.db, { clock: () => NOW });
});

afterAll(() => t.close());

const dashboard = async (variables: Record<string, unknown> = {}) => {
  const result = await execute(app, token, GroupDashboardDocument, { drillGroupId: String(milers), ...variables } as never);
  expect(result.errors).toBeUndefined();
  return result.data!.groupDashboard;
};

const overviewOf = async (on: App, args = '') => {
  const result = await execute<any, never>(on, token, `{ groupDashboard { overview${args ? `(${args})` : ''} {
    weekStart weekEnd complete daysElapsed
    groups { group { name } stats { totalActivities totalDistance } engagedMembers complete daysElapsed insight { text }
      topMembers { athlete { name } distance complete daysElapsed } } } } }`);
  expect(result.errors).toBeUndefined();
  return result.data.groupDashboard.overview;
};

describe('group dashboard', () => {
  it("counts the organization's current ISO week on each member's own local dates, with engagement and the day-by-day matrix", async () => {
    // The current week asked for by a date in it: Monday 9 to Wednesday 11 March so far.
    const { overview, timezone } = await dashboard({ top: 2, week: '2026-03-11' });
    expect(timezone).toBe('Australia/Sydney');
    expect(overview!.weekStart).toBe('2026-03-09');
    const [mil, spr] = overview!.groups;
    expect(mil.group).toEqual({ id: String(milers), name: 'Milers', memberCount: 4 });
    // Amy's Tuesday run and Dee's Monday one (London dates); amy1 and Ben's were on Sunday 8 March.
    expect(mil.stats).toMatchObject({ totalActivities: 2, totalDistance: 9000 });
    expect(mil.engagedMembers).toBe(2);
    expect(mil.engagementRate).toBe(0.5);
    expect(mil.topMembers.map((p) => [p.athlete.name, p.distance, p.runs])).toEqual([['Amy', 6000, 1], ['Dee', 3000, 1]]);
    expect(mil.topMembers[0].days.map((d) => [d.date, d.distance])).toEqual([
      ['2026-03-09', 0], ['2026-03-10', 6000], ['2026-03-11', 0], ['2026-03-12', 0], ['2026-03-13', 0], ['2026-03-14', 0], ['2026-03-15', 0],
    ]);
    expect(spr.engagementRate).toBe(0.5);
    // Three days of the week against Monday..Wednesday of the 4 weeks before: amy1 and ben1
    // (Sunday 8 March) are outside that span, so Milers had nothing to compare with (whole
    // weeks would have said "89% more than the 4-week average of 4.8 km"); Sprinters' eve1
    // (Monday 2 March in London) is inside it: 5 km / 4 weeks.
    // The week is to date: the text says so, and what it is compared with.
    expect(mil.insight!.text).toBe('Week of 9 Mar to date (3 days): Milers ran 9.0 km over 2 runs, with no runs in the same days of the 4 weeks before. 2 of 4 members ran (50%). Most distance: Amy, 6.0 km.');
    expect(spr.insight!.text).toBe('Week of 9 Mar to date (3 days): Sprinters ran 3.0 km over 1 run, 140% more than the same days of the 4 weeks before (1.3 km on average). 1 of 2 members ran (50%), against 0.3 on average over the same days of the 4 weeks before. Most distance: Dee, 3.0 km.');
    expect(mil.insight!.storedAt).toBeNull();
  });

  it('defaults to the last complete week, and says whether a week is complete and how many of its days count', async () => {
    const byDefault = await overviewOf(app);
    expect(byDefault).toMatchObject({ weekStart: '2026-03-02', weekEnd: '2026-03-08', complete: true, daysElapsed: 7 });
    // amy1 and ben1 on Sunday 8 March in London; Dee's Monday run is next week's.
    expect(byDefault.groups[0]).toMatchObject({ group: { name: 'Milers' }, stats: { totalActivities: 2, totalDistance: 19_000 }, complete: true, daysElapsed: 7 });
    expect(byDefault.groups[0].topMembers[0]).toMatchObject({ athlete: { name: 'Amy' }, complete: true, daysElapsed: 7 });
    const toDate = await overviewOf(app, 'currentWeekToDate: true');
    expect(toDate).toMatchObject({ weekStart: '2026-03-09', weekEnd: '2026-03-15', complete: false, daysElapsed: 3 });
    expect(toDate.groups.map((g: any) => [g.stats.totalDistance, g.complete, g.daysElapsed])).toEqual([[9000, false, 3], [3000, false, 3]]);
    // An explicit week is the same week and the same figures.
    expect(await overviewOf(app, 'week: "2026-03-13"')).toEqual(toDate);
    expect(await overviewOf(app, 'week: "2026-02-25"')).toMatchObject({ weekStart: '2026-02-23', complete: true, daysElapsed: 7 });
  });

  it('on a Monday shows last week by default, not an empty week read as a collapse', async () => {
    // Monday 16 March 2026, 09:00 in Sydney; nobody has run yet this week.
    const monday = createTestApp(t.db, { clock: () => new Date('2026-03-15T22:00:00Z') });
    const lastWeek = await overviewOf(monday);
    expect(lastWeek).toMatchObject({ weekStart: '2026-03-09', weekEnd: '2026-03-15', complete: true, daysElapsed: 7 });
    const [mil] = lastWeek.groups;
    expect(mil.stats).toMatchObject({ totalActivities: 2, totalDistance: 9000 });
    expect(mil.insight!.text).toBe('Week of 9 Mar: Milers ran 9.0 km over 2 runs, 89% more than the 4-week average of 4.8 km. 2 of 4 members ran (50%), against 0.5 a week over the 4 weeks before. Most distance: Amy, 6.0 km.');
    // The week to date is one day old, compared with the Mondays of the 4 weeks before.
    const today = await overviewOf(monday, 'currentWeekToDate: true');
    expect(today).toMatchObject({ weekStart: '2026-03-16', complete: false, daysElapsed: 1 });
    expect(today.groups.map((g: any) => [g.group.name, g.stats.totalDistance, g.engagedMembers])).toEqual([['Milers', 0, 0], ['Sprinters', 0, 0]]);
    // The Mondays of 16 Feb..9 Mar: dee1 (9 March) and eve1 (2 March) for Sprinters, dee1 for Milers.
    expect(today.groups[1].insight.text).toBe('Week of 16 Mar to date (1 day): no runs in Sprinters, against 0.5 runs and 2.0 km on average over the same days of the 4 weeks before. None of the 2 members ran, against 0.5 on average over the same days of the 4 weeks before.');
  });

  it('refuses week with currentWeekToDate: true', async () => {
    const result = await execute<any, never>(app, token, '{ groupDashboard { overview(week: "2026-03-11", currentWeekToDate: true) { weekStart } } }');
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message).toBe('week and currentWeekToDate: true cannot go together; give one');
  });

  it('stores the group insights on refreshGroupInsights', async () => {
    const refreshed = await execute<any, never>(app, token, 'mutation { refreshGroupInsights { weekStart groups { insight { storedAt } } } }');
    expect(refreshed.errors).toBeUndefined();
    expect(refreshed.data.refreshGroupInsights.groups.every((g: any) => g.insight.storedAt !== null)).toBe(true);
    expect((await dashboard()).overview!.groups[0].insight!.storedAt).not.toBeNull();
  });

  it('compares periods per group and drills into members', async () => {
    const { comparison } = await dashboard({ period: 'LAST_14_DAYS' });
    expect(comparison).toMatchObject({ period: 'LAST_14_DAYS', from: '2026-02-26', to: '2026-03-11' });
    expect(comparison!.groups.map((g) => [g.group.name, g.stats.totalActivities, g.engagedMembers, g.engagementRate])).toEqual([
      ['Milers', 4, 3, 0.75],
      ['Sprinters', 2, 2, 1],
    ]);
    expect(comparison!.members!.map((p) => [p.athlete.name, p.stats.totalDistance, p.engaged])).toEqual([
      ['Amy', 16_000, true], ['Ben', 9000, true], ['Cal', 0, false], ['Dee', 3000, true],
    ]);
    const custom = await dashboard({ period: 'CUSTOM', from: '2026-03-01', to: '2026-03-08' });
    // amy1 (Sunday 8 March in London) is inside; in Sydney it would have been the 9th.
    expect(custom.comparison!.groups.map((g) => g.stats.totalDistance)).toEqual([19_000, 5000]);
    // Nine weeks, Wednesday to Tuesday: whole weeks 12 Jan..8 Mar from the weekly rollup
    // (amy1, ben1, eve1), the days around them from the daily one (amy2 and dee1 on 9-10 Mar).
    const long = await dashboard({ period: 'CUSTOM', from: '2026-01-07', to: '2026-03-10' });
    expect(long.comparison!.groups.map((g) => [g.group.name, g.stats.totalActivities, g.stats.totalDistance, g.engagedMembers])).toEqual([
      ['Milers', 4, 28_000, 3],
      ['Sprinters', 2, 8000, 2],
    ]);
    expect(long.comparison!.members!.map((p) => [p.athlete.name, p.stats.totalActivities, p.stats.totalDistance])).toEqual([
      ['Amy', 2, 16_000], ['Ben', 1, 9000], ['Cal', 0, 0], ['Dee', 1, 3000],
    ]);
  });

  it('reports plan progress by group and by athlete', async () => {
    const { trainingPlans } = await dashboard();
    expect(trainingPlans!.athletesWithActivePlan).toBe(2);
    expect(trainingPlans!.byGroup).toEqual([
      { group: { id: String(milers), name: 'Milers' }, athletesWithPlan: 2, completed: 1, partial: 1, missed: 0, due: 4, ratio: 0.25 },
      { group: { id: String(sprinters), name: 'Sprinters' }, athletesWithPlan: 1, completed: 0, partial: 0, missed: 0, due: 1, ratio: 0 },
    ]);
    expect(trainingPlans!.athletes.map((a) => [a.name, a.currentTrainingPlan!.progress])).toEqual([
      ['Amy', { completed: 1, partial: 1, missed: 0, due: 3, ratio: 1 / 3 }],
      ['Dee', { completed: 0, partial: 0, missed: 0, due: 1, ratio: 0 }],
    ]);
  });

  it('rejects bad arguments', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ top: 0 }, /^top must be between 1 and 50; got 0$/],
      [{ period: 'CUSTOM' }, /^period CUSTOM needs from and to$/],
      [{ period: 'LAST_7_DAYS', from: '2026-03-01' }, /^from and to go with period CUSTOM only/],
      [{ period: 'CUSTOM', from: '2025-01-01', to: '2026-03-01' }, /at most 400 days/],
      [{ drillGroupId: '999999' }, /^groupId 999999 is not a group of this organization$/],
    ];
    for (const [variables, message] of cases) {
      const result = await execute(app, token, GroupDashboardDocument, { drillGroupId: String(milers), ...variables } as never);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0].message).toMatch(message);
    }
  });

  it('answers available: false with a reason when there are no groups, and is for staff only', async () => {
    const empty = await createOrganization(t.db, 'No Groups', 'UTC');
    const admin = await createUser(t.db, empty, { role: 'admin', name: 'Lonely Admin' });
    const result = await execute(app, await tokenFor({ orgId: empty, userId: admin, role: 'ADMIN' }), GroupDashboardDocument, { drillGroupId: '1' } as never);
    expect(result.data!.groupDashboard).toMatchObject({ available: false, reason: expect.stringMatching(/no groups/), overview: null, comparison: null, trainingPlans: null });
    const athlete = await tokenFor({ orgId, userId: m.Amy, role: 'ATHLETE' });
    expect(errorCodes(await execute(app, athlete, GroupDashboardDocument, { drillGroupId: String(milers) } as never))).toEqual(['FORBIDDEN']);
  });
});

describe('statements', () => {
  it('is the same for 20 groups of 50 members as for 2 groups of 5', async () => {
    const counts: number[] = [];
    for (const [groups, size] of [[2, 5], [20, 50]]) {
      const org = await createOrganization(t.db, `Groups ${groups}x${size}`, 'UTC');
      const coach = await createUser(t.db, org, { role: 'coach', name: `Coach ${groups}` });
      const athletes = (await t.db.insertInto('users')
        .values(Array.from({ length: groups * size }, (_, i) => ({ org_id: org, role: 'athlete' as const, name: `M${i}`, email: `m${i}@g${groups}.example`, timezone: 'UTC' })))
        .returning('id').execute()).map((r) => r.id);
      const groupIds = (await t.db.insertInto('groups').values(Array.from({ length: groups }, (_, g) => ({ org_id: org, name: `G${g}` }))).returning('id').execute()).map((r) => r.id);
      await t.db.insertInto('group_members').values(athletes.map((athlete_id, i) => ({ org_id: org, group_id: groupIds[i % groups], athlete_id }))).execute();
      await t.db.insertInto('training_plans').values(athletes.slice(0, 5).map((athlete_id) => ({ org_id: org, athlete_id, name: 'P', start_date: '2026-03-02', total_weeks: 4, status: 'active' as const }))).execute();
      const groupToken = await tokenFor({ orgId: org, userId: coach, role: 'COACH' });
      await t.statements.settled();
      t.statements.reset();
      const result = await execute(app, groupToken, GroupDashboardDocument, { drillGroupId: String(groupIds[0]) } as never);
      expect(result.errors).toBeUndefined();
      expect(result.data!.groupDashboard.overview!.groups).toHaveLength(groups);
      await t.statements.settled();
      counts.push(t.statements.queries);
    }
    // organization with its groups, week totals, 4-week averages, member matrix, stored
    // insights, period totals, drill-down, plans by group, athletes with plans, their plans;
    // plus the frame (tests/helpers/database.ts).
    expect(counts).toEqual([10, 10]);
  });
});
