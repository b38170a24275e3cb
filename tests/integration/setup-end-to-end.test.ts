import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { execute } from '../helpers/graphql';
import type { App } from '../../src/app';
import {
  AddGroupMemberDocument, AssignCoachDocument, AthleteProfileDocument, AthletesListDocument, AttachLabelDocument, CreateAthleteDocument,
  CreateCoachDocument, CreateGoalRaceDocument, CreateGroupDocument, CreateLabelDocument, CreateTrainingPlanDocument, FilterMenusDocument,
  GroupDashboardDocument, UpdateAthleteSettingsDocument,
} from '../../operations/__generated__/graphql';

// A club sets itself up through GraphQL alone, from an empty organization and an admin
// token, with the operations the web app sends, then reads its Tuesday.
let t: TestDatabase;
let app: App;
let adminToken: string;
let orgId: number;

const INGEST = 'mutation($athleteId: ID!, $activities: [ActivityInput!]!) { ingestActivities(athleteId: $athleteId, activities: $activities) { written } }';

async function ok<R, V>(token: string, document: Parameters<typeof execute<R, V>>[2], variables?: V): Promise<R> {
  const result = await execute<R, V>(app, token, document, variables);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganization(t.db, 'Fjord Runners', 'Europe/Oslo');
  const adminId = await createUser(t.db, orgId, { role: 'admin', name: 'Ada Admin' });
  adminToken = await tokenFor({ orgId, userId: adminId, role: 'ADMIN' });
  app = createTestApp(t.db, { clock: () => new Date('2026-11-24T12:00:00Z') });
});

afterAll(() => t.close());

it('sets up a club end to end and reads plan progress and compliance on the Athletes list, the profile and the group dashboard', async () => {
  const { createCoach } = await ok(adminToken, CreateCoachDocument, { input: { name: 'Kari Coach', email: 'kari@fjord.example' } });
  const coachToken = await tokenFor({ orgId, userId: Number(createCoach.coach.id), role: 'COACH' });

  const athletes: string[] = [];
  for (const [name, email] of [['Liv Lund', 'liv@fjord.example'], ['Ole Berg', 'ole@fjord.example']]) {
    const { createAthlete } = await ok(adminToken, CreateAthleteDocument, { input: { name, email, timezone: 'Europe/Oslo', unitSystem: 'METRIC' } });
    athletes.push(createAthlete.athlete.id);
    await ok(adminToken, AssignCoachDocument, { input: { athleteId: createAthlete.athlete.id, coachId: createCoach.coach.id } });
  }
  const [liv, ole] = athletes;
  const { createLabel } = await ok(coachToken, CreateLabelDocument, { input: { name: 'Half marathon' } });
  await ok(coachToken, AttachLabelDocument, { input: { athleteId: liv, labelId: createLabel.label.id } });
  const { createGroup } = await ok(adminToken, CreateGroupDocument, { input: { name: 'Tuesday Group' } });
  for (const athleteId of athletes) await ok(coachToken, AddGroupMemberDocument, { input: { groupId: createGroup.group.id, athleteId, joinedOn: '2026-11-01' } });

  await ok(coachToken, UpdateAthleteSettingsDocument, { input: { athleteId: liv, hrMax: 192, restingHr: 48 } });
  await ok(coachToken, CreateGoalRaceDocument, { input: { athleteId: liv, eventName: 'Fjord Half Marathon', date: '2027-03-14', distance: 21_097.5, goalTime: 5400 } });
  const week = [
    { day: 1, kind: 'EASY' as const, distance: 6000 },
    { day: 3, kind: 'TEMPO' as const, distance: 8000 },
    { day: 5, kind: 'REST' as const },
    { day: 7, kind: 'LONG' as const, distance: 14_000 },
  ];
  const { createTrainingPlan } = await ok(coachToken, CreateTrainingPlanDocument, { input: { groupId: createGroup.group.id, name: 'Base', startDate: '2026-11-16', template: [week, week] } });
  expect(createTrainingPlan.plans).toHaveLength(2);

  // Liv: Monday done, Wednesday half the tempo, a run on the rest day, no long run, Monday again done.
  const runs = [['mon', '2026-11-16', 6000], ['wed', '2026-11-18', 4000], ['fri', '2026-11-20', 5000], ['mon2', '2026-11-23', 6200]] as const;
  const ingested = await execute(app, coachToken, INGEST, {
    athleteId: liv,
    activities: runs.map(([externalId, date, distance]) => ({ source: 'watch', externalId, startTime: `${date}T07:00:00Z`, distance, movingTime: Math.round(distance * 0.3), avgHeartRate: 150 })),
  });
  expect(ingested.errors).toBeUndefined();

  const menus = await ok(coachToken, FilterMenusDocument, {});
  expect(menus.labels!.edges.map((e) => e.node.name)).toEqual(['Half marathon']);
  expect(menus.coaches!.edges.map((e) => e.node.name)).toEqual(['Kari Coach']);
  expect(menus.groups!.edges.map((e) => [e.node.name, e.node.memberCount])).toEqual([['Tuesday Group', 2]]);

  const list = await ok(coachToken, AthletesListDocument, {});
  expect(list.coachAthletesMetrics!.totalCount).toBe(2);
  const progressOf = Object.fromEntries(list.coachAthletesMetrics!.edges.map((e) => [e.node.name, e.node.currentTrainingPlan?.progress.ratio]));
  // Due by Tuesday of week 2: Monday, Wednesday, Sunday and Monday again (rest days aside).
  expect(progressOf).toEqual({ 'Liv Lund': 0.5, 'Ole Berg': 0 });

  const profile = (await ok(coachToken, AthleteProfileDocument, { id: liv })).athlete!;
  expect(profile.labels.map((l) => l.name)).toEqual(['Half marathon']);
  expect(profile.goalRace).toMatchObject({ eventName: 'Fjord Half Marathon', goalTime: 5400 });
  expect(profile.currentTrainingPlan).toMatchObject({
    currentWeek: 2,
    progress: { completed: 2, partial: 1, missed: 1, due: 4, total: 6, ratio: 0.5 },
  });
  expect(profile.currentTrainingPlan!.thisWeek.map((w) => [w.date, w.kind, w.status, w.run?.distance ?? null])).toEqual([
    ['2026-11-23', 'EASY', 'COMPLETED', 6200],
    ['2026-11-25', 'TEMPO', 'PENDING', null],
    ['2026-11-27', 'REST', 'PENDING', null],
    ['2026-11-29', 'LONG', 'PENDING', null],
  ]);

  const dashboard = (await ok(coachToken, GroupDashboardDocument, { drillGroupId: createGroup.group.id })).groupDashboard;
  expect(dashboard.trainingPlans!.byGroup).toEqual([
    { group: { id: createGroup.group.id, name: 'Tuesday Group' }, athletesWithPlan: 2, completed: 2, partial: 1, missed: 5, due: 8, ratio: 0.25 },
  ]);
});
