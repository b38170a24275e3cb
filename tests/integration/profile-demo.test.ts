import { print } from 'graphql';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createTestApp, tokenFor } from '../helpers/auth';
import { execute } from '../helpers/graphql';
import { seedDemo, type SeededOrganization } from '../../db/seed/demo';
import { planWeek } from '../../src/domain/plan';
import { dataQuality } from '../../src/domain/quality';
import { localDateOf } from '../../src/domain/time';
import { AthleteProfileDocument, AthleteSummaryDocument } from '../../operations/__generated__/graphql';
import type { App } from '../../src/app';
import { exampleTabs } from '../../src/graphiql';
import { findExampleSamples } from '../../src/repositories/organizations';

// 200 demo athletes: the profile operations answer with values that match the database, and
// the profile's selection costs the same statements for one athlete and for a list of 200.
const END = '2026-11-27';
const NOW = new Date(`${END}T12:00:00Z`);

let t: TestDatabase;
let app: App;
let token: string;
let demo: SeededOrganization;

beforeAll(async () => {
  t = await createTestDatabase();
  [demo] = await seedDemo(t.db, { athletes: 200, days: 60, seed: 5, endDate: END });
  const admin = await t.db.selectFrom('users').select('id').where('org_id', '=', demo.orgId).where('role', '=', 'admin').executeTakeFirstOrThrow();
  token = await tokenFor({ orgId: demo.orgId, userId: admin.id, role: 'ADMIN' });
  app = createTestApp(t.db, { clock: () => NOW });
});

afterAll(() => t.close());

it('answers the web profile with the database’s values for every kind of athlete', async () => {
  const { rows } = await sql<{ id: number; tz: string; plan_start: string | null; total_weeks: number | null; connected: number; providers: number }>`
    select u.id, coalesce(u.timezone, o.timezone) as tz, p.start_date as plan_start, p.total_weeks,
      (select count(*)::int from integrations i where i.org_id = u.org_id and i.athlete_id = u.id and i.status = 'connected') as connected,
      (select count(*)::int from integrations i where i.org_id = u.org_id and i.athlete_id = u.id) as providers
    from users u join organizations o on o.id = u.org_id
    -- The current plan: active and its last week not over in the athlete's zone (an active plan past its end reads as completed).
    left join lateral (select * from training_plans where org_id = u.org_id and athlete_id = u.id and status = 'active'
      and start_date + 7 * total_weeks > (${NOW.toISOString()}::timestamptz at time zone coalesce(u.timezone, o.timezone))::date
      order by start_date desc limit 1) p on true
    where u.org_id = ${demo.orgId} and u.role = 'athlete' order by u.id limit 12`.execute(t.db);
  for (const row of rows) {
    const result = await execute(app, token, AthleteProfileDocument, { id: String(row.id) });
    expect(result.errors).toBeUndefined();
    const athlete = result.data!.athlete!;
    if (row.plan_start) {
      expect(athlete.currentTrainingPlan!.currentWeek).toBe(planWeek(row.plan_start, localDateOf(NOW, row.tz), row.total_weeks!));
    } else {
      expect(athlete.currentTrainingPlan).toBeNull();
    }
    expect(athlete.integrations.map((i) => i.provider)).toEqual(['STRAVA', 'GARMIN', 'APPLE_HEALTH']);
    expect(athlete.integrations.filter((i) => i.status === 'NOT_CONNECTED')).toHaveLength(3 - row.providers);
    expect(athlete.integrations.filter((i) => i.status === 'CONNECTED').length).toBe(row.connected);
    const items = Object.fromEntries(athlete.dataQuality.items.map((i) => [i.key, i.met]));
    expect(athlete.dataQuality.score).toBe(
      dataQuality({
        hasPaceZones: items.PACE_ZONES, hasHrZones: items.HR_ZONES, hasVdot: items.VDOT, hasHrMaxAndRest: items.HR_MAX_REST,
        hasThresholdPace: items.THRESHOLD_PACE, hasConnectedIntegration: row.connected > 0, hasTimezone: items.TIMEZONE,
        hasUnitSystem: items.UNIT_SYSTEM, hasRecentRuns: items.RECENT_RUNS, hasAnyRun: true,
      }).score,
    );
    expect(athlete.fitness!.asOf).toBe(localDateOf(NOW, row.tz));
    const dates = athlete.recentActivities!.edges.map((e) => e.node.startTime);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(athlete.insights.weeklySummary!.storedAt).not.toBeNull();
  }
});

it('answers the mobile summary', async () => {
  const result = await execute(app, token, AthleteSummaryDocument, { id: String(demo.athleteIds[0]) });
  expect(result.errors).toBeUndefined();
  const fitness = await t.db.selectFrom('athlete_fitness').selectAll().where('athlete_id', '=', demo.athleteIds[0]).executeTakeFirstOrThrow();
  expect(result.data!.athlete!.fitness).toEqual({ ctl: fitness.ctl, atl: fitness.atl, tsb: fitness.tsb, asOf: fitness.as_of });
  expect(result.data!.athlete!.insights.weeklySummary!.text).toMatch(/^Week of \d+ \w{3}:/);
});

it('runs the profile selection in the same statements for one athlete and for 200', async () => {
  const profile = print(AthleteProfileDocument);
  const selection = profile.slice(profile.indexOf('{', profile.indexOf('athlete(id: $id)')) + 1, profile.lastIndexOf('}', profile.lastIndexOf('}') - 1));
  await t.statements.settled();
  t.statements.reset();
  const one = await execute(app, token, AthleteProfileDocument, { id: String(demo.athleteIds[0]) });
  expect(one.errors).toBeUndefined();
  await t.statements.settled();
  const single = t.statements.queries;

  // 200 athletes are two pages of the largest allowed size.
  const counts: number[] = [];
  const list = `query($after: String) { athletes(first: 100, after: $after) { pageInfo { endCursor } edges { node { ${selection} } } } }`;
  let after: string | null = null;
  for (let i = 0; i < 2; i++) {
    await t.statements.settled();
    t.statements.reset();
    const result: any = await execute<any, { after: string | null }>(app, token, list, { after });
    expect(result.errors).toBeUndefined();
    expect(result.data.athletes.edges).toHaveLength(100);
    after = result.data.athletes.pageInfo.endCursor;
    await t.statements.settled();
    counts.push(t.statements.queries);
  }
  // the athlete(s), labels with coaches, plan, the plan's workouts with their matched runs, goal
  // race, integrations, insights (weekly inputs, run inputs, stored), signals, data quality,
  // recent activities, fitness; plus the frame (tests/helpers/database.ts)
  expect(single).toBe(13);
  expect(counts).toEqual([13, 13]);
});

it("opens GraphiQL's example query tabs with variables that answer on the demo, without errors", async () => {
  const tabs = exampleTabs(undefined, await findExampleSamples(t.db, demo.orgId), NOW).filter((tab) => tab.variables);
  expect(tabs.length).toBeGreaterThanOrEqual(3);
  for (const tab of tabs) {
    const result = await execute<any, any>(app, token, tab.query, JSON.parse(tab.variables!));
    expect({ tab: tab.query.split('\n')[0], errors: result.errors }).toEqual({ tab: tab.query.split('\n')[0], errors: undefined });
  }
});
