import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { assignCoach, createOrganization, createUser, setAthleteSettings } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { errorCodes, execute } from '../helpers/graphql';
import type { App } from '../../src/app';

// Athlete settings, goal races and integrations through GraphQL (issue 14): each mutation
// for each role, another organization's ids, bounds, the change log, stale versions, and the
// numbers a settings change moves (loads, local dates, rollups, plan matching, fitness).

const NOW = new Date('2026-11-18T12:00:00Z');
let t: TestDatabase;
let app: App;
let orgId: number;
let foreignOrg: number;
let adminId: number;
let coachId: number;
const tokens = {} as Record<'admin' | 'coach' | 'otherCoach' | 'athlete' | 'otherAthlete', string>;
let runner: number; // coached by coach; the athlete token is theirs
let other: number; // coached by nobody; otherAthlete's
let foreign: { athlete: number; race: number };

type Result = Awaited<ReturnType<typeof execute<any, any>>>;
const gql = (token: string, query: string, variables?: Record<string, unknown>): Promise<Result> => execute<any, any>(app, token, query, variables);

const SETTINGS_FIELDS = 'hrMax restingHr thresholdHr thresholdPace paceZones hrZones vdot sex birthYear unitSystem timezone version updatedAt updatedBy { id name role }';
const UPDATE = `mutation($input: UpdateAthleteSettingsInput!) { updateAthleteSettings(input: $input) {
  changedFields loadsRecomputed runsRedated localDates athlete { id timezone settings { ${SETTINGS_FIELDS} } } } }`;
const READ = `query($id: ID!) { athlete(id: $id) { timezone settings { ${SETTINGS_FIELDS} }
  settingsHistory(first: 50) { totalCount edges { node { field oldValue newValue changedAt changedBy { id name role } } } } } }`;
const CREATE_RACE = `mutation($input: CreateGoalRaceInput!) { createGoalRace(input: $input) {
  goalRace { id version eventName date distance goalTime predictedTime { method } } athlete { id } } }`;
const UPDATE_RACE = `mutation($input: UpdateGoalRaceInput!) { updateGoalRace(input: $input) { goalRace { id version eventName date distance goalTime } } }`;
const REMOVE_RACE = `mutation($input: RemoveGoalRaceInput!) { removeGoalRace(input: $input) { removedGoalRaceId athlete { goalRaces { id } } } }`;
const RECORD = `mutation($input: RecordIntegrationStatusInput!) { recordIntegrationStatus(input: $input) {
  integration { provider status error lastSyncAt version } athlete { integrations { provider status } } } }`;
const INGEST = 'mutation($athleteId: ID!, $activities: [ActivityInput!]!) { ingestActivities(athleteId: $athleteId, activities: $activities) { written } }';

const settingsOf = (athleteId: number, fields: Record<string, unknown>) => ({ input: { athleteId: String(athleteId), ...fields } });
const changeCount = async () => (await sql<{ n: number }>`select count(*)::int as n from athlete_settings_changes`.execute(t.db)).rows[0].n;

beforeAll(async () => {
  t = await createTestDatabase();
  app = createTestApp(t.db, { clock: () => NOW });
  orgId = await createOrganization(t.db, 'Settings Club', 'UTC');
  adminId = await createUser(t.db, orgId, { role: 'admin', name: 'Ada Admin' });
  coachId = await createUser(t.db, orgId, { role: 'coach', name: 'Cora Coach' });
  const otherCoach = await createUser(t.db, orgId, { role: 'coach', name: 'Otto Coach' });
  runner = await createUser(t.db, orgId, { role: 'athlete', name: 'Rita Runner', timezone: 'UTC', sex: 'female' });
  other = await createUser(t.db, orgId, { role: 'athlete', name: 'Oli Other', timezone: 'UTC' });
  await assignCoach(t.db, orgId, coachId, runner);
  tokens.admin = await tokenFor({ orgId, userId: adminId, role: 'ADMIN' });
  tokens.coach = await tokenFor({ orgId, userId: coachId, role: 'COACH' });
  tokens.otherCoach = await tokenFor({ orgId, userId: otherCoach, role: 'COACH' });
  tokens.athlete = await tokenFor({ orgId, userId: runner, role: 'ATHLETE' });
  tokens.otherAthlete = await tokenFor({ orgId, userId: other, role: 'ATHLETE' });

  // Another organization whose ids name nothing here.
  foreignOrg = await createOrganization(t.db, 'Elsewhere Harriers');
  for (let i = 0; i < 8; i++) await createUser(t.db, foreignOrg, { role: 'athlete', name: `Filler ${i}` });
  const fAthlete = await createUser(t.db, foreignOrg, { role: 'athlete', name: 'Far Away' });
  await setAthleteSettings(t.db, foreignOrg, fAthlete, { hr_max: 190 });
  for (let i = 0; i < 20; i++) await t.db.insertInto('goal_races').values({ org_id: foreignOrg, athlete_id: fAthlete, event_name: 'Filler 5K', race_date: '2027-01-01', distance_m: 5000, goal_time_s: null }).execute();
  const fRace = (await t.db.insertInto('goal_races').values({ org_id: foreignOrg, athlete_id: fAthlete, event_name: 'Far Marathon', race_date: '2027-04-01', distance_m: 42195, goal_time_s: 10800 }).returning('id').executeTakeFirstOrThrow()).id;
  foreign = { athlete: fAthlete, race: fRace };
});

afterAll(() => t.close());

describe('updateAthleteSettings', () => {
  it('writes every setting, logs each change with who and when, and reads back with the version', async () => {
    const result = await gql(tokens.coach, UPDATE, settingsOf(runner, {
      hrMax: 192, restingHr: 48, thresholdHr: 172, thresholdPace: 255, vdot: 52.5, birthYear: 1990, sex: 'FEMALE', unitSystem: 'IMPERIAL',
      paceZones: [320, 290, 265, 250, 235], hrZones: [125, 145, 160, 172, 184],
    }));
    expect(result.errors).toBeUndefined();
    const payload = result.data.updateAthleteSettings;
    // sex was already FEMALE: not a change.
    expect(payload.changedFields).toEqual(['hrMax', 'restingHr', 'thresholdHr', 'thresholdPace', 'paceZones', 'hrZones', 'vdot', 'birthYear', 'unitSystem']);
    expect(payload.athlete.settings).toMatchObject({
      hrMax: 192, restingHr: 48, thresholdHr: 172, thresholdPace: 255, vdot: 52.5, birthYear: 1990, sex: 'FEMALE', unitSystem: 'IMPERIAL',
      paceZones: [320, 290, 265, 250, 235], hrZones: [125, 145, 160, 172, 184], timezone: 'UTC', version: 2,
      updatedBy: { id: String(coachId), name: 'Cora Coach', role: 'COACH' },
    });
    const read = await gql(tokens.athlete, READ, { id: String(runner) });
    expect(read.errors).toBeUndefined();
    const history = read.data.athlete.settingsHistory;
    expect(history.totalCount).toBe(9);
    const hrMax = history.edges.map((e: any) => e.node).find((n: any) => n.field === 'hrMax');
    expect(hrMax).toMatchObject({ oldValue: null, newValue: '192', changedBy: { id: String(coachId), role: 'COACH' } });
    const zones = history.edges.map((e: any) => e.node).find((n: any) => n.field === 'hrZones');
    expect(JSON.parse(zones.newValue)).toEqual([125, 145, 160, 172, 184]);
    // changed_at is the transaction's time, as the database stores it.
    expect(Math.abs(Date.parse(hrMax.changedAt) - Date.now())).toBeLessThan(60_000);
    const stored = await t.db.selectFrom('athlete_settings_changes').select(['changed_by', 'field']).where('athlete_id', '=', runner).execute();
    expect(new Set(stored.map((s) => s.changed_by))).toEqual(new Set([coachId]));
  });

  it('keeps fields left out, clears an explicit null, and writes nothing for values already stored', async () => {
    const before = await changeCount();
    const same = await gql(tokens.athlete, UPDATE, settingsOf(runner, { hrMax: 192 }));
    expect(same.data.updateAthleteSettings).toMatchObject({ changedFields: [], athlete: { settings: { version: 2, hrMax: 192 } } });
    expect(await changeCount()).toBe(before);
    const cleared = await gql(tokens.athlete, UPDATE, settingsOf(runner, { vdot: null }));
    expect(cleared.errors).toBeUndefined();
    expect(cleared.data.updateAthleteSettings.athlete.settings).toMatchObject({
      vdot: null, hrMax: 192, restingHr: 48, version: 3, updatedBy: { id: String(runner), name: 'Rita Runner', role: 'ATHLETE' },
    });
    const log = await t.db.selectFrom('athlete_settings_changes').select(['changed_by', 'old_value', 'new_value']).where('field', '=', 'vdot').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(log).toEqual({ changed_by: runner, old_value: 52.5, new_value: null });
  });

  it('follows the role rules: admin, assigned coach and the athlete themself; not another coach or athlete', async () => {
    expect((await gql(tokens.admin, UPDATE, settingsOf(other, { vdot: 40 }))).errors).toBeUndefined();
    expect((await gql(tokens.otherAthlete, UPDATE, settingsOf(other, { vdot: 41 }))).errors).toBeUndefined();
    const before = await changeCount();
    expect(errorCodes(await gql(tokens.otherCoach, UPDATE, settingsOf(runner, { vdot: 45 })))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(tokens.coach, UPDATE, settingsOf(other, { vdot: 45 })))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(tokens.otherAthlete, UPDATE, settingsOf(runner, { vdot: 45 })))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(tokens.athlete, UPDATE, settingsOf(other, { vdot: 45 })))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(tokens.admin, UPDATE, settingsOf(foreign.athlete, { vdot: 45 })))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await gql(tokens.coach, UPDATE, settingsOf(foreign.athlete, { vdot: 45 })))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await gql(tokens.admin, UPDATE, settingsOf(coachId, { vdot: 45 })))).toEqual(['NOT_FOUND']);
    expect(await changeCount()).toBe(before);
    const far = await t.db.selectFrom('athlete_settings').select(['hr_max', 'vdot', 'version']).where('athlete_id', '=', foreign.athlete).executeTakeFirstOrThrow();
    expect(far).toEqual({ hr_max: 190, vdot: null, version: 1 });
  });

  it.each([
    [{ hrMax: 231 }, 'hrMax must be a whole number 100..230 bpm; got 231'],
    [{ restingHr: 20 }, 'restingHr must be a whole number 25..120 bpm; got 20'],
    [{ thresholdHr: 79 }, 'thresholdHr must be a whole number 80..225 bpm; got 79'],
    [{ thresholdPace: 1000 }, 'thresholdPace must be 120..900 s/km; got 1000'],
    [{ vdot: 10 }, 'vdot must be 15..90; got 10'],
    [{ birthYear: 2030 }, 'birthYear must be a whole number 1900..2026; got 2030'],
    [{ hrZones: [125, 145, 140, 172, 184] }, 'hrZones must be five bpm values where zones 1..5 start, strictly ascending, each 30..250; hrZones[2] (140) does not follow hrZones[1] (145)'],
    [{ hrZones: [125, 145] }, 'hrZones must be five bpm values where zones 1..5 start, strictly ascending, each 30..250; got 2 values'],
    [{ paceZones: [235, 250, 265, 290, 320] }, /paceZones must be five s\/km values where zones 1..5 start, slowest first/],
    [{ hrMax: 110, restingHr: 115 }, 'restingHr (115) must be below hrMax (110)'],
    [{ thresholdHr: 200 }, 'thresholdHr (200) must be below hrMax (192)'],
    [{ hrMax: 170 }, 'thresholdHr (172) must be below hrMax (170)'],
    [{ hrZones: [125, 145, 160, 172, 195] }, 'hrZones must start at or below hrMax (192); zone 5 starts at 195'],
    [{ timezone: 'Mars/Base' }, /TimeZone must be an IANA zone name/],
  ])('refuses %j with BAD_USER_INPUT naming the rule', async (fields, message) => {
    const before = await changeCount();
    const result = await gql(tokens.admin, UPDATE, settingsOf(runner, fields));
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    if (typeof message === 'string') expect(result.errors![0].message).toBe(message);
    else expect(result.errors![0].message).toMatch(message);
    expect(await changeCount()).toBe(before);
  });

  it('refuses a stale expectedVersion with CONFLICT and accepts the current one', async () => {
    const read = await gql(tokens.admin, READ, { id: String(runner) });
    const version = read.data.athlete.settings.version;
    const stale = await gql(tokens.admin, UPDATE, settingsOf(runner, { vdot: 50, expectedVersion: version - 1 }));
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0].message).toBe(`athlete ${runner}'s settings is at version ${version}, not the expectedVersion ${version - 1}: read it again and retry`);
    const fresh = await gql(tokens.admin, UPDATE, settingsOf(runner, { vdot: 50, expectedVersion: version }));
    expect(fresh.data.updateAthleteSettings.athlete.settings).toMatchObject({ vdot: 50, version: version + 1, updatedBy: { role: 'ADMIN', id: String(adminId) } });
  });
});

describe('what a settings change recomputes', () => {
  let fresh: number;
  const PROFILE = `query($id: ID!) { athlete(id: $id) { timezone
    recentActivities(first: 5) { edges { node { localDate loadMethod trainingLoad } } }
    fitness { ctl atl } fitnessStats(days: 7) { trainingLoad totalActivities }
    activityStats(from: "2026-11-10", to: "2026-11-18", granularity: DAY) { buckets { start stats { totalActivities } } } } }`;

  beforeAll(async () => {
    fresh = await createUser(t.db, orgId, { role: 'athlete', name: 'Fay Fresh', timezone: 'UTC', sex: 'male' });
    await assignCoach(t.db, orgId, coachId, fresh);
    // Two runs with HR, one at 23:30 UTC (the next day east of UTC); no settings yet: no load.
    const ingest = await gql(tokens.admin, INGEST, {
      athleteId: String(fresh),
      activities: [
        { source: 'watch', externalId: 'a', startTime: '2026-11-16T23:30:00Z', distance: 10000, movingTime: 3000, avgHeartRate: 150 },
        { source: 'watch', externalId: 'b', startTime: '2026-11-17T07:00:00Z', distance: 8000, movingTime: 2400 },
      ],
    });
    expect(ingest.errors).toBeUndefined();
  });

  it('recomputes loads, rollups and fitness when HR max, resting HR and threshold pace change', async () => {
    const before = await gql(tokens.coach, PROFILE, { id: String(fresh) });
    expect(before.errors).toBeUndefined();
    // No settings: both runs are paced against the threshold pace of the best effort's VDOT (10 km in 50 min).
    const [b0, a0] = before.data.athlete.recentActivities.edges.map((e: any) => e.node);
    expect([b0.loadMethod, a0.loadMethod]).toEqual(['PACE', 'PACE']);
    expect(before.data.athlete.fitnessStats.trainingLoad).toBeCloseTo(b0.trainingLoad + a0.trainingLoad, 6);

    const hr = await gql(tokens.coach, UPDATE, settingsOf(fresh, { hrMax: 190, restingHr: 50 }));
    expect(hr.errors).toBeUndefined();
    expect(hr.data.updateAthleteSettings).toMatchObject({ loadsRecomputed: 1, runsRedated: 0, localDates: ['2026-11-16'] });
    const afterHr = await gql(tokens.coach, PROFILE, { id: String(fresh) });
    const [b, a] = afterHr.data.athlete.recentActivities.edges.map((e: any) => e.node);
    // 50 min at 150 bpm, rest 50, max 190, male: 108.0954 × 50/60 (docs/metrics.md).
    expect(a).toMatchObject({ loadMethod: 'TRIMP' });
    expect(a.trainingLoad).toBeCloseTo(108.0954 * 50 / 60, 3);
    expect(b).toEqual(b0);
    expect(afterHr.data.athlete.fitnessStats.trainingLoad).toBeCloseTo(a.trainingLoad + b.trainingLoad, 3);
    expect(afterHr.data.athlete.fitness.ctl).toBeGreaterThan(0);

    const pace = await gql(tokens.coach, UPDATE, settingsOf(fresh, { thresholdPace: 300 }));
    expect(pace.data.updateAthleteSettings).toMatchObject({ loadsRecomputed: 1, localDates: ['2026-11-17'] });
    const afterPace = await gql(tokens.coach, PROFILE, { id: String(fresh) });
    const run = afterPace.data.athlete.recentActivities.edges[0].node;
    // 8 km in 40 min at a 5:00/km threshold: 2/3 h × 1² × 100.
    expect(run.loadMethod).toBe('PACE');
    expect(run.trainingLoad).toBeCloseTo(200 / 3, 6);
    expect(afterPace.data.athlete.fitnessStats.trainingLoad).toBeCloseTo(a.trainingLoad + 200 / 3, 3);
    expect(afterPace.data.athlete.fitness.ctl).not.toBe(afterHr.data.athlete.fitness.ctl);

    // Clearing HR max takes TRIMP away: the HR run falls back to pace load.
    const cleared = await gql(tokens.coach, UPDATE, settingsOf(fresh, { hrMax: null }));
    expect(cleared.data.updateAthleteSettings.loadsRecomputed).toBe(1);
    const afterClear = await gql(tokens.coach, PROFILE, { id: String(fresh) });
    expect(afterClear.data.athlete.recentActivities.edges.map((e: any) => e.node.loadMethod)).toEqual(['PACE', 'PACE']);
  });

  it('re-dates runs, rebuilds rollups and rematches the plan when the time zone changes', async () => {
    const plan = (await t.db.insertInto('training_plans').values({ org_id: orgId, athlete_id: fresh, name: 'Base', start_date: '2026-11-16', total_weeks: 2, status: 'active' }).returning('id').executeTakeFirstOrThrow()).id;
    const workout = (await t.db.insertInto('planned_workouts').values({ org_id: orgId, plan_id: plan, date: '2026-11-17', kind: 'easy', planned_distance_m: 10000, planned_duration_s: null, completed_activity_id: null }).returning('id').executeTakeFirstOrThrow()).id;
    const moved = await gql(tokens.coach, UPDATE, settingsOf(fresh, { timezone: 'Asia/Tokyo' }));
    expect(moved.errors).toBeUndefined();
    // 23:30 UTC on the 16th is the 17th in Tokyo; 07:00 UTC on the 17th stays the 17th.
    expect(moved.data.updateAthleteSettings).toMatchObject({ runsRedated: 1, localDates: ['2026-11-16', '2026-11-17'], athlete: { timezone: 'Asia/Tokyo' } });
    const profile = await gql(tokens.coach, PROFILE, { id: String(fresh) });
    expect(profile.data.athlete.recentActivities.edges.map((e: any) => e.node.localDate)).toEqual(['2026-11-17', '2026-11-17']);
    const days = profile.data.athlete.activityStats.buckets.filter((d: any) => d.stats.totalActivities > 0).map((d: any) => ({ start: d.start, runs: d.stats.totalActivities }));
    expect(days).toEqual([{ start: '2026-11-17', runs: 2 }]);
    // The 10 km run now falls on the planned day: it completes the workout.
    const stored = await t.db.selectFrom('planned_workouts').select(['completed_activity_id', 'compliance_score']).where('id', '=', workout).executeTakeFirstOrThrow();
    expect(stored.compliance_score).toBe(1);
    // Back to the organization's zone (UTC) by clearing it.
    const back = await gql(tokens.coach, UPDATE, settingsOf(fresh, { timezone: null }));
    expect(back.data.updateAthleteSettings).toMatchObject({ runsRedated: 1, athlete: { timezone: 'UTC', settings: { timezone: null } } });
    const rollup = await t.db.selectFrom('activity_daily').select(['local_date', 'runs']).where('athlete_id', '=', fresh).orderBy('local_date').execute();
    expect(rollup).toEqual([{ local_date: '2026-11-16', runs: 1 }, { local_date: '2026-11-17', runs: 1 }]);
    const rematched = await t.db.selectFrom('planned_workouts').select(['compliance_score']).where('id', '=', workout).executeTakeFirstOrThrow();
    expect(rematched.compliance_score).toBe(0.8);
  });
});

describe('updateAthlete and the settings it shares', () => {
  const UPDATE_ATHLETE = 'mutation($input: UpdateAthleteInput!) { updateAthlete(input: $input) { athlete { id name sex version } } }';
  const LOADS = `query($id: ID!) { athlete(id: $id) { recentActivities(first: 5) { edges { node { loadMethod trainingLoad } } }
    settingsHistory(first: 5) { edges { node { field oldValue newValue changedBy { id } } } } } }`;

  it('logs sex and time zone changes as updateAthleteSettings does and recomputes the loads, moving the version once', async () => {
    const sam = await createUser(t.db, orgId, { role: 'athlete', name: 'Sam Switch', timezone: 'UTC', sex: 'male' });
    await setAthleteSettings(t.db, orgId, sam, { hr_max: 190, hr_rest: 50 });
    expect((await gql(tokens.admin, INGEST, { athleteId: String(sam), activities: [
      { source: 'watch', externalId: 'sam-1', startTime: '2026-11-16T07:00:00Z', distance: 10000, movingTime: 3000, avgHeartRate: 150 },
    ] })).errors).toBeUndefined();
    const male = (await gql(tokens.admin, LOADS, { id: String(sam) })).data.athlete.recentActivities.edges[0].node;
    expect(male.loadMethod).toBe('TRIMP');

    const updated = await gql(tokens.admin, UPDATE_ATHLETE, { input: { id: String(sam), name: 'Sam Switched', sex: 'FEMALE', timezone: 'Asia/Tokyo', expectedVersion: 1 } });
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateAthlete.athlete).toEqual({ id: String(sam), name: 'Sam Switched', sex: 'FEMALE', version: 2 });
    const after = (await gql(tokens.admin, LOADS, { id: String(sam) })).data.athlete;
    // Banister's weighting at a reserve fraction of 100/140: female 0.86 e^(1.67x) = 2.83, male 0.64 e^(1.92x) = 2.52.
    expect(after.recentActivities.edges[0].node.trainingLoad / male.trainingLoad).toBeCloseTo((0.86 * Math.exp(1.67 * 100 / 140)) / (0.64 * Math.exp(1.92 * 100 / 140)), 6);
    expect(after.settingsHistory.edges.map((e: any) => e.node)).toEqual([
      { field: 'timezone', oldValue: '"UTC"', newValue: '"Asia/Tokyo"', changedBy: { id: String(adminId) } },
      { field: 'sex', oldValue: '"male"', newValue: '"female"', changedBy: { id: String(adminId) } },
    ]);
  });
});

describe('a settings change and a batch of runs at once', () => {
  const onPostgres = Boolean(process.env.DATABASE_URL);
  // One PGlite connection serves one transaction at a time: nothing runs at once there.
  (onPostgres ? it : it.skip)('the batch waits for the change and computes its load from the new settings', async () => {
    const pat = await createUser(t.db, orgId, { role: 'athlete', name: 'Pat Parallel', timezone: 'UTC', sex: 'male' });
    // The settings change holds its lock while the batch arrives.
    const changing = await t.db.connection().execute(async (conn) => {
      await sql`begin`.execute(conn);
      await sql`select set_config('app.org_id', ${String(orgId)}, true)`.execute(conn);
      await sql`insert into athlete_settings (org_id, athlete_id) values (${orgId}, ${pat}) on conflict do nothing`.execute(conn);
      await sql`select 1 from users where id = ${pat} for update`.execute(conn);
      const batch = gql(tokens.admin, INGEST, { athleteId: String(pat), activities: [
        { source: 'watch', externalId: 'pat-1', startTime: '2026-11-16T07:00:00Z', distance: 10000, movingTime: 3000, avgHeartRate: 150 },
      ] });
      const waited = await Promise.race([batch.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 300))]);
      await sql`update athlete_settings set hr_max = 190, hr_rest = 50 where athlete_id = ${pat}`.execute(conn);
      await sql`commit`.execute(conn);
      return { waited, batch: await batch };
    });
    expect(changing.waited).toBe(true);
    expect(changing.batch.errors).toBeUndefined();
    const run = await t.db.selectFrom('activities').select(['load_method']).where('athlete_id', '=', pat).executeTakeFirstOrThrow();
    expect(run.load_method).toBe('trimp');
  });
});

describe('goal races', () => {
  let raceId: string;

  it('creates, updates and removes a goal race for the athlete, their coach and an admin', async () => {
    const created = await gql(tokens.athlete, CREATE_RACE, { input: { athleteId: String(runner), eventName: ' Valencia  Marathon ', distance: 42195, date: '2026-12-06', goalTime: 11400 } });
    expect(created.errors).toBeUndefined();
    expect(created.data.createGoalRace.goalRace).toMatchObject({ version: 1, eventName: 'Valencia Marathon', date: '2026-12-06', distance: 42195, goalTime: 11400, predictedTime: { method: 'VDOT_FROM_SETTINGS' } });
    raceId = created.data.createGoalRace.goalRace.id;
    const updated = await gql(tokens.coach, UPDATE_RACE, { input: { id: raceId, expectedVersion: 1, goalTime: null, date: '2026-12-07' } });
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateGoalRace.goalRace).toMatchObject({ id: raceId, version: 2, eventName: 'Valencia Marathon', date: '2026-12-07', goalTime: null });
    const renamed = await gql(tokens.admin, UPDATE_RACE, { input: { id: raceId, eventName: 'Valencia Half', distance: 21097.5 } });
    expect(renamed.data.updateGoalRace.goalRace).toMatchObject({ version: 3, eventName: 'Valencia Half', distance: 21097.5 });
    const list = await gql(tokens.athlete, `query($id: ID!) { athlete(id: $id) { goalRace { id } goalRaces { id eventName } } }`, { id: String(runner) });
    expect(list.data.athlete).toEqual({ goalRace: { id: raceId }, goalRaces: [{ id: raceId, eventName: 'Valencia Half' }] });
    const removed = await gql(tokens.athlete, REMOVE_RACE, { input: { id: raceId, expectedVersion: 3 } });
    expect(removed.data.removeGoalRace).toEqual({ removedGoalRaceId: raceId, athlete: { goalRaces: [] } });
    expect(errorCodes(await gql(tokens.athlete, REMOVE_RACE, { input: { id: raceId } }))).toEqual(['NOT_FOUND']);
  });

  it('refuses a distance that contradicts a standard name, and out-of-range values', async () => {
    const marathon = await gql(tokens.admin, CREATE_RACE, { input: { athleteId: String(runner), eventName: 'Marathon', distance: 21100, date: '2026-12-06' } });
    expect(errorCodes(marathon)).toEqual(['BAD_USER_INPUT']);
    expect(marathon.errors![0].message).toBe('distance 21,100 m contradicts the event name "Marathon": a marathon is 42,195 m (±1%: 41,774 m..42,616 m); a name without a standard distance takes any distance');
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ eventName: 'Parkrun 5K', distance: 10000 }, /a 5K is 5,000 m/],
      [{ eventName: '', distance: 5000 }, /input.eventName must be 1..100 characters/],
      [{ eventName: 'x'.repeat(101), distance: 5000 }, /input.eventName must be 1..100 characters/],
      [{ eventName: 'Bad\u0000name', distance: 5000 }, /must not contain control characters/],
      [{ eventName: 'Track', distance: 50 }, /distance must be 100..1,000,000 metres; got 50/],
      [{ eventName: 'Track', distance: 1e300 }, /distance must be 100..1,000,000 metres/],
      [{ eventName: 'Track', distance: 5000, goalTime: 10 }, /goalTime must be whole seconds, 60..604,800; got 10/],
    ];
    for (const [fields, message] of cases) {
      const result = await gql(tokens.admin, CREATE_RACE, { input: { athleteId: String(runner), date: '2026-12-06', ...fields } });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0].message).toMatch(message);
    }
    expect((await gql(tokens.admin, CREATE_RACE, { input: { athleteId: String(runner), eventName: 'Comrades Ultra Marathon', distance: 89000, date: '2027-06-14' } })).errors).toBeUndefined();
    const race = (await gql(tokens.admin, CREATE_RACE, { input: { athleteId: String(runner), eventName: 'Club 15K', distance: 15000, date: '2027-02-01' } })).data.createGoalRace.goalRace;
    // The rule holds on the result of an update: a new name must fit the stored distance.
    const renamed = await gql(tokens.admin, UPDATE_RACE, { input: { id: race.id, eventName: 'Club Marathon' } });
    expect(errorCodes(renamed)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await gql(tokens.admin, UPDATE_RACE, { input: { id: race.id, distance: null } }))).toEqual(['BAD_USER_INPUT']);
    const stale = await gql(tokens.admin, UPDATE_RACE, { input: { id: race.id, expectedVersion: 7, goalTime: 3600 } });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(errorCodes(await gql(tokens.admin, REMOVE_RACE, { input: { id: race.id, expectedVersion: 2 } }))).toEqual(['CONFLICT']);
  });

  it('follows the role rules and keeps other organizations out', async () => {
    const race = (await gql(tokens.admin, CREATE_RACE, { input: { athleteId: String(runner), eventName: 'Spring 10K', distance: 10000, date: '2027-03-01' } })).data.createGoalRace.goalRace;
    const input = (athleteId: number) => ({ input: { athleteId: String(athleteId), eventName: 'Spring 10K', distance: 10000, date: '2027-03-01' } });
    expect(errorCodes(await gql(tokens.otherCoach, CREATE_RACE, input(runner)))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(tokens.otherAthlete, CREATE_RACE, input(runner)))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(tokens.otherCoach, UPDATE_RACE, { input: { id: race.id, goalTime: 2400 } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(tokens.otherAthlete, UPDATE_RACE, { input: { id: race.id, goalTime: 2400 } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(tokens.otherCoach, REMOVE_RACE, { input: { id: race.id } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(tokens.otherAthlete, REMOVE_RACE, { input: { id: race.id } }))).toEqual(['FORBIDDEN']);
    expect((await gql(tokens.otherAthlete, CREATE_RACE, input(other))).errors).toBeUndefined();
    expect(errorCodes(await gql(tokens.admin, CREATE_RACE, input(foreign.athlete)))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await gql(tokens.coach, UPDATE_RACE, { input: { id: String(foreign.race), goalTime: 1 * 3600 } }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await gql(tokens.athlete, REMOVE_RACE, { input: { id: String(foreign.race) } }))).toEqual(['NOT_FOUND']);
    const far = await t.db.selectFrom('goal_races').select(['goal_time_s', 'version']).where('id', '=', foreign.race).executeTakeFirstOrThrow();
    expect(far).toEqual({ goal_time_s: 10800, version: 1 });

    // Each role that may, does: the assigned coach creates and removes, the athlete updates their own, an admin removes.
    const byCoach = (await gql(tokens.coach, CREATE_RACE, input(runner))).data.createGoalRace.goalRace;
    expect(byCoach).toMatchObject({ eventName: 'Spring 10K', version: 1 });
    expect((await gql(tokens.athlete, UPDATE_RACE, { input: { id: byCoach.id, goalTime: 2500 } })).data.updateGoalRace.goalRace).toMatchObject({ goalTime: 2500, version: 2 });
    expect((await gql(tokens.coach, REMOVE_RACE, { input: { id: byCoach.id } })).data.removeGoalRace.removedGoalRaceId).toBe(byCoach.id);
    expect((await gql(tokens.admin, REMOVE_RACE, { input: { id: race.id } })).data.removeGoalRace.removedGoalRaceId).toBe(race.id);
  });
});

describe('recordIntegrationStatus', () => {
  const input = (athleteId: number, fields: Record<string, unknown>) => ({ input: { athleteId: String(athleteId), provider: 'STRAVA', ...fields } });

  it('records connected, error with its message, and disconnected, with versions', async () => {
    const connected = await gql(tokens.coach, RECORD, input(runner, { status: 'CONNECTED', lastSyncAt: '2026-11-18T06:00:00Z', expectedVersion: 0 }));
    expect(connected.errors).toBeUndefined();
    expect(connected.data.recordIntegrationStatus.integration).toEqual({ provider: 'STRAVA', status: 'CONNECTED', error: null, lastSyncAt: '2026-11-18T06:00:00.000Z', version: 1 });
    expect(connected.data.recordIntegrationStatus.athlete.integrations).toEqual([
      { provider: 'STRAVA', status: 'CONNECTED' }, { provider: 'GARMIN', status: 'NOT_CONNECTED' }, { provider: 'APPLE_HEALTH', status: 'NOT_CONNECTED' },
    ]);
    const failing = await gql(tokens.admin, RECORD, input(runner, { status: 'ERROR', error: 'token revoked', expectedVersion: 1 }));
    expect(failing.data.recordIntegrationStatus.integration).toEqual({ provider: 'STRAVA', status: 'ERROR', error: 'token revoked', lastSyncAt: '2026-11-18T06:00:00.000Z', version: 2 });
    const off = await gql(tokens.admin, RECORD, input(runner, { status: 'DISCONNECTED', lastSyncAt: null }));
    expect(off.data.recordIntegrationStatus.integration).toEqual({ provider: 'STRAVA', status: 'DISCONNECTED', error: null, lastSyncAt: null, version: 3 });
    expect(errorCodes(await gql(tokens.admin, RECORD, input(runner, { status: 'CONNECTED', expectedVersion: 1 })))).toEqual(['CONFLICT']);
  });

  it('refuses an error message without ERROR and ERROR without one, and impossible sync times', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ status: 'ERROR' }, /input.error is required when status is ERROR/],
      [{ status: 'ERROR', error: '   ' }, /input.error must be 1..1000 characters/],
      [{ status: 'CONNECTED', error: 'nope' }, /input.error is only for status ERROR; leave it out for CONNECTED/],
      [{ status: 'CONNECTED', lastSyncAt: '2026-11-20T00:00:00Z' }, /input.lastSyncAt must be from 1970-01-01T00:00:00.000Z to a day ahead of now/],
    ];
    for (const [fields, message] of cases) {
      const result = await gql(tokens.admin, RECORD, input(runner, fields));
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0].message).toMatch(message);
    }
  });

  it('is for admins and the athlete\'s coaches: not another coach, not athletes, not other organizations', async () => {
    expect((await gql(tokens.admin, RECORD, input(other, { status: 'CONNECTED' }))).errors).toBeUndefined();
    expect(errorCodes(await gql(tokens.otherCoach, RECORD, input(runner, { status: 'CONNECTED' })))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(tokens.athlete, RECORD, input(runner, { status: 'CONNECTED' })))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(tokens.otherAthlete, RECORD, input(runner, { status: 'CONNECTED' })))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(tokens.admin, RECORD, input(foreign.athlete, { status: 'CONNECTED' })))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await gql(tokens.coach, RECORD, input(foreign.athlete, { status: 'CONNECTED' })))).toEqual(['NOT_FOUND']);
    const far = await t.db.selectFrom('integrations').select('athlete_id').where('org_id', '=', foreignOrg).execute();
    expect(far).toEqual([]);
  });
});
