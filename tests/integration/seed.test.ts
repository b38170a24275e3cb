import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { rollupMismatches } from '../helpers/invariants';
import { DEFAULT_SEED_OPTIONS, seedDemo, type SeededOrganization } from '../../db/seed/demo';
import { truncateAll } from '../../db/seed/reset';

let t: TestDatabase;
let orgs: SeededOrganization[];
const endDate = '2026-11-27';

async function fingerprint() {
  const { rows } = await sql<Record<string, number>>`
    select
      (select count(*) from users)::int as users,
      (select count(*) from activities)::int as activities,
      (select round(sum(distance_m)::numeric, 3) from activities) as distance,
      (select round(sum(training_load)::numeric, 3) from activities) as load,
      (select count(*) from health_daily)::int as health,
      (select round(sum(resting_hr)::numeric, 3) from health_daily) as resting_hr,
      (select count(*) from planned_workouts)::int as planned,
      (select count(*) from planned_workouts where completed_activity_id is not null)::int as completed,
      (select count(*) from integrations)::int as integrations,
      (select count(*) from goal_races)::int as goals`.execute(t.db);
  return rows[0];
}

beforeAll(async () => {
  t = await createTestDatabase();
  orgs = await seedDemo(t.db, { ...DEFAULT_SEED_OPTIONS, endDate });
});

afterAll(() => t.close());

describe('demo seed (default size)', () => {
  it('creates the demo organization and a smaller second one', () => {
    expect(orgs.map((o) => o.athleteIds.length)).toEqual([60, 8]);
  });

  it('keeps activity_daily equal to the raw activities for every athlete', async () => {
    expect(await rollupMismatches(t.db)).toEqual([]);
    const { rows } = await sql<{ n: number }>`select count(distinct athlete_id)::int as n from activity_daily where org_id = ${orgs[0].orgId}`.execute(t.db);
    expect(rows[0].n).toBe(60);
  });

  it('covers at least 400 days of runs and at least six time zones, including the awkward ones', async () => {
    const { rows } = await sql<{ days: number }>`
      select (max(local_date) - min(local_date))::int as days from activities where org_id = ${orgs[0].orgId}`.execute(t.db);
    expect(rows[0].days).toBeGreaterThanOrEqual(400);
    const zones = await t.db.selectFrom('users').select('timezone').distinct().where('org_id', '=', orgs[0].orgId).where('role', '=', 'athlete').execute();
    const names = zones.map((z) => z.timezone);
    expect(names.filter((z) => z !== null).length).toBeGreaterThanOrEqual(6);
    expect(names).toEqual(expect.arrayContaining(['America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kathmandu', 'America/St_Johns']));
  });

  it('mixes integration states, settings gaps, plans and HR coverage', async () => {
    const states = await t.db.selectFrom('integrations').select('status').distinct().execute();
    expect(states.map((s) => s.status).sort()).toEqual(['connected', 'disconnected', 'error']);
    const { rows } = await sql<Record<string, number>>`
      select
        (select count(*) from users u where role = 'athlete' and org_id = ${orgs[0].orgId}
           and not exists (select 1 from integrations i where i.org_id = u.org_id and i.athlete_id = u.id))::int as no_integration,
        (select count(*) from athlete_settings where vdot is null)::int as no_vdot,
        (select count(*) from training_plans where status = 'active')::int as active_plans,
        (select count(*) from training_plans where status = 'completed')::int as finished_plans,
        (select avg((avg_hr is not null)::int) from activities) as hr_share,
        (select count(*) from groups where org_id = ${orgs[0].orgId})::int as groups`.execute(t.db);
    expect(rows[0].no_integration).toBeGreaterThan(0);
    expect(rows[0].no_vdot).toBeGreaterThan(0);
    expect(rows[0].active_plans).toBeGreaterThan(0);
    expect(rows[0].finished_plans).toBeGreaterThan(0);
    expect(rows[0].hr_share).toBeGreaterThan(0.7);
    expect(rows[0].groups).toBe(4);
  });

  it('gives identical counts and sums for the same seed, and different ones for another seed', async () => {
    const small = { athletes: 15, days: 120, endDate };
    const reseed = async (seed: number) => {
      await truncateAll(t.db);
      await seedDemo(t.db, { ...small, seed });
      return fingerprint();
    };
    const first = await reseed(11);
    expect(await reseed(11)).toEqual(first);
    expect(await reseed(12)).not.toEqual(first);
  });
});
