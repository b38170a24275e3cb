import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { DEFAULT_SEED_OPTIONS, seedDemo, type SeededOrganization } from '../../db/seed/demo';
import { ELITE_VDOT, GROUP_PROFILES, type Range } from '../../db/seed/club';
import { athleteTodays } from '../../src/repositories/activity-daily';
import { bestEffortJoin } from '../../src/repositories/profile';
import { goalRaceProblem, raceDistanceProblem } from '../../src/domain/race-names';
import { predictRaceTime } from '../../src/domain/vdot';
import { createTestApp, tokenFor } from '../helpers/auth';
import { execute } from '../helpers/graphql';
import { rollupMismatches } from '../helpers/invariants';

// The demo looks like a real club to a coach (issue 14, "Keep the demo honest";
// docs/design.md, Demo data): race names fit their distances, each group trains at the
// volume and long-run length of its level, predictions fit the athlete's level, and plans
// mix kinds of workouts, with runs that sometimes fall short or do not happen.

let t: TestDatabase;
let orgs: SeededOrganization[];
const endDate = '2026-11-27';
const now = new Date(`${endDate}T12:00:00Z`);
const within = (value: number, [lo, hi]: Range) => value >= lo && value <= hi;

beforeAll(async () => {
  t = await createTestDatabase();
  orgs = await seedDemo(t.db, { ...DEFAULT_SEED_OPTIONS, endDate });
});

afterAll(() => t.close());

interface MemberRow {
  org_id: number;
  athlete_id: number;
  group_name: string;
  groups: number;
  labels: string[];
  birth_year: number;
}

async function members(): Promise<MemberRow[]> {
  const { rows } = await sql<MemberRow>`
    select u.org_id, u.id as athlete_id, min(g.name) as group_name, count(distinct g.id)::int as groups, u.birth_year,
      coalesce((select array_agg(l.name order by l.name) from athlete_labels al join labels l on l.org_id = al.org_id and l.id = al.label_id
        where al.org_id = u.org_id and al.athlete_id = u.id), '{}') as labels
    from users u
    join group_members gm on gm.org_id = u.org_id and gm.athlete_id = u.id
    join groups g on g.org_id = gm.org_id and g.id = gm.group_id
    where u.role = 'athlete'
    group by u.org_id, u.id`.execute(t.db);
  return rows;
}

it('puts every athlete in exactly one training group with a documented profile, and attaches only labels that are true', async () => {
  const rows = await members();
  expect(rows).toHaveLength(68);
  for (const row of rows) {
    expect(row.groups).toBe(1);
    expect(Object.keys(GROUP_PROFILES)).toContain(row.group_name);
    if (row.labels.includes('Elite')) expect(row.group_name).not.toBe('5K Beginners');
    if (row.labels.includes('Ultra')) expect(['Trail Crew', 'Marathon Squad']).toContain(row.group_name);
    if (row.labels.includes('Masters') || row.group_name === 'Masters') expect(2026 - row.birth_year).toBeGreaterThanOrEqual(40);
  }
});

it('names every goal race after its distance, as the API requires', async () => {
  const races = await t.db.selectFrom('goal_races').select(['event_name', 'distance_m', 'goal_time_s']).execute();
  expect(races.length).toBeGreaterThan(20);
  for (const race of races) {
    expect(raceDistanceProblem(race.event_name, race.distance_m)).toBeNull();
    expect(goalRaceProblem({ eventName: race.event_name, distanceM: race.distance_m, goalTimeS: race.goal_time_s })).toBeNull();
  }
  const names = new Set(races.map((r) => r.event_name));
  expect([...names].some((n) => /marathon/i.test(n))).toBe(true);
});

it("keeps each group's weekly volume and long runs in its documented range", async () => {
  // Per athlete: distance per week over the seeded history, the longest Sunday run (the long
  // run's day; races are on Saturdays) and the mean Sunday run.
  const { rows } = await sql<{ group_name: string; athlete_id: number; weekly_km: number; longest_km: number; mean_long_km: number }>`
    select g.name as group_name, u.id as athlete_id,
      sum(a.distance_m) / 1000.0 / (${DEFAULT_SEED_OPTIONS.days}::float8 / 7) as weekly_km,
      max(a.distance_m) filter (where extract(isodow from a.local_date) = 7) / 1000.0 as longest_km,
      avg(a.distance_m) filter (where extract(isodow from a.local_date) = 7) / 1000.0 as mean_long_km
    from users u
    join group_members gm on gm.org_id = u.org_id and gm.athlete_id = u.id
    join groups g on g.org_id = gm.org_id and g.id = gm.group_id
    join activities a on a.org_id = u.org_id and a.athlete_id = u.id and a.deleted_at is null
    where u.org_id = ${orgs[0].orgId} and u.role = 'athlete'
    group by g.name, u.id`.execute(t.db);
  const byGroup = new Map<string, typeof rows>();
  for (const r of rows) byGroup.set(r.group_name, [...(byGroup.get(r.group_name) ?? []), r]);
  expect([...byGroup.keys()].sort()).toEqual(['5K Beginners', 'Marathon Squad', 'Masters', 'Trail Crew']);
  for (const [name, group] of byGroup) {
    const profile = GROUP_PROFILES[name];
    const meanWeekly = group.reduce((s, r) => s + r.weekly_km, 0) / group.length;
    const meanLong = group.reduce((s, r) => s + r.mean_long_km, 0) / group.length;
    const longest = Math.max(...group.map((r) => r.longest_km));
    expect({ name, meanWeekly, ok: within(meanWeekly, profile.weeklyKm) }).toEqual({ name, meanWeekly, ok: true });
    expect({ name, longest, ok: within(longest, profile.longKm) }).toEqual({ name, longest, ok: true });
    expect({ name, meanLong, ok: within(meanLong, [profile.longKm[0] * 0.8, profile.longKm[1]]) }).toEqual({ name, meanLong, ok: true });
    // No member of the group trains far beyond its range (missed weeks and injuries only lower it).
    for (const r of group) expect(r.weekly_km).toBeLessThanOrEqual(profile.weeklyKm[1] * 1.1);
  }
  // The example: the beginners no longer run 57 km a week with 35-44 km long runs.
  expect(Math.max(...byGroup.get('5K Beginners')!.map((r) => r.longest_km))).toBeLessThanOrEqual(10);
});

it("plans each group's week: weekly planned distance and long run in the group's ranges", async () => {
  const { rows } = await sql<{ group_name: string; plan_id: number; week_km: number; long_km: number }>`
    select g.name as group_name, p.id as plan_id,
      sum(w.planned_distance_m) filter (where w.date < p.start_date + 7) / 1000.0 as week_km,
      max(w.planned_distance_m) filter (where w.kind = 'long') / 1000.0 as long_km
    from training_plans p
    join group_members gm on gm.org_id = p.org_id and gm.athlete_id = p.athlete_id
    join groups g on g.org_id = gm.org_id and g.id = gm.group_id
    join planned_workouts w on w.org_id = p.org_id and w.plan_id = p.id
    group by g.name, p.id`.execute(t.db);
  expect(rows.length).toBeGreaterThan(30);
  for (const r of rows) {
    const profile = GROUP_PROFILES[r.group_name];
    expect({ ...r, ok: within(r.week_km, [profile.weeklyKm[0] - 0.5, profile.weeklyKm[1] + 0.5]) && within(r.long_km, profile.longKm) })
      .toEqual({ ...r, ok: true });
  }
});

it("predicts race times that fit each athlete's level", async () => {
  const rows: { group_name: string; labels: string[]; settings_vdot: number | null; best_vdot: number | null; goal_distance: number | null; goal_time_s: number | null }[] = [];
  for (const org of orgs) {
    const { rows: part } = await sql<(typeof rows)[number]>`
      with today as materialized (${athleteTodays(org.orgId, org.athleteIds, now)})
      select gr.name as group_name, s.vdot as settings_vdot, best.vdot as best_vdot, goal.distance_m as goal_distance, goal.goal_time_s,
        coalesce((select array_agg(l.name) from athlete_labels al join labels l on l.org_id = al.org_id and l.id = al.label_id
          where al.org_id = ${org.orgId} and al.athlete_id = t.athlete_id), '{}') as labels
      from today t
      join group_members gm on gm.org_id = ${org.orgId} and gm.athlete_id = t.athlete_id
      join groups gr on gr.org_id = gm.org_id and gr.id = gm.group_id
      left join athlete_settings s on s.org_id = ${org.orgId} and s.athlete_id = t.athlete_id
      left join lateral (select distance_m, goal_time_s from goal_races where org_id = ${org.orgId} and athlete_id = t.athlete_id
        and race_date >= t.today order by race_date, id limit 1) goal on true
      ${bestEffortJoin(org.orgId)}`.execute(t.db);
    rows.push(...part);
  }
  expect(rows).toHaveLength(68);
  let goals = 0;
  for (const r of rows) {
    const elite = r.labels.includes('Elite');
    const [lo, hi] = elite ? ELITE_VDOT : GROUP_PROFILES[r.group_name].vdot;
    // The best effort of the last 180 days (races included) is the athlete's level, give or take form.
    expect(r.best_vdot).not.toBeNull();
    expect({ ...r, ok: within(r.best_vdot!, [lo * 0.9, hi * 1.07]) }).toEqual({ ...r, ok: true });
    if (r.settings_vdot !== null) expect(within(r.settings_vdot, [lo, hi])).toBe(true);
    const vdot = r.settings_vdot ?? r.best_vdot!;
    const fiveK = predictRaceTime(vdot, 5000) / 60;
    const tenK = predictRaceTime(vdot, 10000) / 60;
    if (r.group_name === '5K Beginners') expect({ ...r, fiveK, ok: within(fiveK, [24, 37]) }).toEqual({ ...r, fiveK, ok: true });
    if (elite) expect({ ...r, tenK, ok: within(tenK, [29, 35]) }).toEqual({ ...r, tenK, ok: true });
    if (!elite && r.group_name !== '5K Beginners') expect({ ...r, tenK, ok: within(tenK, [35, 60]) }).toEqual({ ...r, tenK, ok: true });
    if (r.goal_distance !== null && r.goal_time_s !== null) {
      goals += 1;
      // The goal is a little ambitious, never a different level.
      const predicted = predictRaceTime(vdot, r.goal_distance);
      expect({ ...r, predicted, ok: within(r.goal_time_s / predicted, [0.85, 1.1]) }).toEqual({ ...r, predicted, ok: true });
    }
  }
  expect(goals).toBeGreaterThan(20);
});

it('plans a mix of workouts, and the runs sometimes fall short of them or do not happen', async () => {
  const kinds = await sql<{ plan_id: number; kinds: number }>`
    select plan_id, count(distinct kind)::int as kinds from planned_workouts group by plan_id`.execute(t.db);
  expect(kinds.rows.length).toBeGreaterThan(30);
  for (const plan of kinds.rows) expect(plan.kinds).toBeGreaterThanOrEqual(4);
  const all = await sql<{ kind: string }>`select distinct kind from planned_workouts order by kind`.execute(t.db);
  expect(all.rows.map((r) => r.kind)).toEqual(['easy', 'intervals', 'long', 'rest', 'tempo']);

  // Compliance of the workouts due before each athlete's today (bands of docs/metrics.md).
  const { rows } = await sql<{ status: string; n: number }>`
    with today as materialized (${athleteTodays(orgs[0].orgId, orgs[0].athleteIds, now)})
    select case
        when w.kind = 'rest' then case when exists (select 1 from activities a where a.org_id = w.org_id and a.athlete_id = p.athlete_id
          and a.local_date = w.date and a.deleted_at is null) then 'unplanned' else 'rest' end
        when w.completed_activity_id is null then 'missed'
        when w.compliance_score between 0.8 and 1.2 then 'completed'
        when w.compliance_score >= 0.5 then 'partial'
        else 'missed' end as status,
      count(*)::int as n
    from training_plans p
    join today t on t.athlete_id = p.athlete_id
    join planned_workouts w on w.org_id = p.org_id and w.plan_id = p.id and w.date < t.today
    where p.org_id = ${orgs[0].orgId}
    group by 1`.execute(t.db);
  const count = Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
  const due = count.completed + count.partial + count.missed;
  expect(count.partial).toBeGreaterThan(0);
  expect(count.missed).toBeGreaterThan(0);
  expect(count.unplanned).toBeGreaterThan(0);
  // Mostly done, with room for a coach to see partial and missed days.
  expect(count.completed / due).toBeGreaterThan(0.6);
  expect(count.completed / due).toBeLessThan(0.95);
  expect((count.partial + count.missed) / due).toBeGreaterThan(0.08);
});

describe('training load on the demo (issue 15)', () => {
  it('gives every run a load, mostly from heart rate or pace, and no athlete who ran in the last 42 days a zero CTL', async () => {
    const { rows: methods } = await sql<{ method: string | null; runs: number; nulls: number }>`
      select load_method as method, count(*)::int as runs, count(*) filter (where training_load is null)::int as nulls
      from activities where deleted_at is null group by 1 order by 1`.execute(t.db);
    const total = methods.reduce((sum, m) => sum + m.runs, 0);
    expect(total).toBeGreaterThan(1000);
    expect(methods.filter((m) => m.method === null || m.nulls > 0)).toEqual([]);
    const share = (method: string) => (methods.find((m) => m.method === method)?.runs ?? 0) / total;
    expect(share('trimp') + share('pace')).toBeGreaterThan(0.9);
    expect(share('duration')).toBeLessThan(0.05);

    const { rows: zero } = await sql<{ athlete_id: number }>`
      select f.athlete_id from athlete_fitness f
      where f.ctl <= 0 and exists (select 1 from activity_daily d where d.org_id = f.org_id and d.athlete_id = f.athlete_id and d.local_date > f.as_of - 42)`.execute(t.db);
    expect(zero).toEqual([]);
  });

  it('follows a settings change made through the API: loads, rollups and CTL, with rollups still equal to the raw runs', async () => {
    const { rows: [athlete] } = await sql<{ org_id: number; athlete_id: number; admin_id: number; ctl: number }>`
      select f.org_id, f.athlete_id, f.ctl, (select min(id) from users a where a.org_id = f.org_id and a.role = 'admin') as admin_id
      from athlete_fitness f join athlete_settings s on s.org_id = f.org_id and s.athlete_id = f.athlete_id
      where s.hr_max is not null and s.hr_rest is not null and f.ctl > 0 order by f.athlete_id limit 1`.execute(t.db);
    const app = createTestApp(t.db, { clock: () => now });
    const token = await tokenFor({ orgId: athlete.org_id, userId: athlete.admin_id, role: 'ADMIN' });
    const hrRest = (await sql<{ hr_rest: number }>`select hr_rest from athlete_settings where athlete_id = ${athlete.athlete_id}`.execute(t.db)).rows[0].hr_rest;
    const result = await execute<any, any>(app, token, `mutation($input: UpdateAthleteSettingsInput!) { updateAthleteSettings(input: $input) {
      loadsRecomputed athlete { fitness { ctl } } } }`, { input: { athleteId: String(athlete.athlete_id), restingHr: hrRest - 5 } });
    expect(result.errors).toBeUndefined();
    const payload = result.data.updateAthleteSettings;
    expect(payload.loadsRecomputed).toBeGreaterThan(10);
    // A lower resting HR puts every HR run higher in its reserve: more load, more fitness.
    expect(payload.athlete.fitness.ctl).toBeGreaterThan(athlete.ctl);
    expect(await rollupMismatches(t.db)).toEqual([]);
  });
});

it('flags 10 to 20% of the demo club with the default signal thresholds (docs/metrics.md, Attention signals)', async () => {
  const club = orgs.find((o) => o.athleteIds.length === 60)!;
  const admin = await t.db.selectFrom('users').select('id').where('org_id', '=', club.orgId).where('role', '=', 'admin').executeTakeFirstOrThrow();
  const app = createTestApp(t.db, { clock: () => now });
  const token = await tokenFor({ orgId: club.orgId, userId: admin.id, role: 'ADMIN' });
  const result = await execute<any, any>(app, token, '{ coachAthletesMetrics(first: 1000) { totalCount edges { node { attentionSignals { metric } } } } }');
  expect(result.errors).toBeUndefined();
  const flagged = result.data.coachAthletesMetrics.edges.filter((e: any) => e.node.attentionSignals.length > 0).length;
  const share = flagged / result.data.coachAthletesMetrics.totalCount;
  expect(share).toBeGreaterThanOrEqual(0.1);
  expect(share).toBeLessThanOrEqual(0.2);
});
