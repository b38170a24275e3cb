import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database, IntegrationProvider, IntegrationStatus } from '../../src/db/types';
import { upsertActivities } from '../../src/ingest/activities';
import { upsertHealthDays } from '../../src/ingest/health';
import { inTransaction } from '../../src/ingest/transaction';
import { addDays, isoWeekday } from '../../src/domain/time';
import { Random } from './random';
import { generateHistory, type RunnerProfile } from './training';

export interface SeedOptions {
  athletes: number;
  days: number;
  seed: number;
  /** Last day of generated history ('yyyy-MM-dd'); defaults to today (UTC). */
  endDate?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface SeededOrganization {
  orgId: number;
  name: string;
  athleteIds: number[];
}

export const DEFAULT_SEED_OPTIONS = { athletes: 60, days: 420, seed: 42 } as const;

/** The organizations seedDemo makes, in the order it makes them. */
export const DEMO_ORGANIZATIONS = ['Stride Demo Running Club', 'Harbour Track Collective'] as const;

const ZONES = [
  'America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kathmandu',
  'America/St_Johns', 'America/Los_Angeles', 'Europe/Berlin', 'Asia/Tokyo',
];
const FIRST = ['Ana', 'Ben', 'Chloe', 'Dev', 'Emma', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Liam',
  'Maya', 'Nils', 'Olga', 'Pablo', 'Quinn', 'Rosa', 'Sam', 'Tara', 'Umar', 'Vera', 'Wes', 'Xia', 'Yusuf', 'Zoe'];
const LAST = ['Okafor', 'Lindqvist', 'Moreau', 'Sharma', 'Baker', 'Nakamura', 'Silva', 'Kowalski', 'Byrne',
  'Haddad', 'Tanaka', 'Novak', 'Reyes', 'Fischer', 'Adeyemi', 'Walsh', 'Gurung', 'Murphy', 'Costa'];
const LABELS = ['Elite', 'Injury watch', 'New', 'Masters', 'Ultra'];
const PROVIDERS: IntegrationProvider[] = ['strava', 'garmin', 'apple_health'];
const INTEGRATION_ERRORS = ['token expired', 'rate limited by provider', 'permission revoked'];
const GOAL_EVENTS = ['City Marathon', 'Harbour Half', 'Park 10K', 'Spring 5K', 'Coastal Marathon'];
const DEFAULT_SETTINGS = { attention: { hrvSd: 0.5, recoveryPoints: 10, vo2max: 1.0 } };

const chunk = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

export interface OrgSpec {
  name: string;
  emailDomain: string;
  timezone: string;
  coaches: number;
  athletes: number;
  groups: string[];
  days: number;
  seedKey: number;
}

/**
 * Seeds the demo organization and a second, smaller one (for isolation tests) in one
 * transaction (the caller's when `db` is one): a seed that fails or is killed part way
 * leaves nothing behind, so the database stays empty and the next start seeds it again.
 */
export function seedDemo(db: Kysely<Database>, options: SeedOptions): Promise<SeededOrganization[]> {
  return inTransaction(db, (trx) => seedDemoOrganizations(trx, options));
}

async function seedDemoOrganizations(db: Kysely<Database>, options: SeedOptions): Promise<SeededOrganization[]> {
  const endDate = options.endDate ?? new Date().toISOString().slice(0, 10);
  const specs: OrgSpec[] = [
    {
      name: DEMO_ORGANIZATIONS[0], emailDomain: 'demo.stride.run', timezone: 'America/New_York',
      coaches: 3, athletes: options.athletes, days: options.days, seedKey: 1,
      groups: ['Marathon Squad', '5K Beginners', 'Trail Crew', 'Masters'],
    },
    {
      name: DEMO_ORGANIZATIONS[1], emailDomain: 'harbour.example', timezone: 'Europe/London',
      coaches: 1, athletes: Math.max(4, Math.min(8, options.athletes)), days: Math.min(options.days, 90), seedKey: 2,
      groups: ['Harbour Milers'],
    },
  ];
  const total = specs.reduce((n, s) => n + s.athletes, 0);
  let done = 0;
  const seeded: SeededOrganization[] = [];
  for (const spec of specs) {
    seeded.push(
      await seedOrganization(db, spec, options.seed, endDate, () => options.onProgress?.(++done, total)),
    );
  }
  return seeded;
}

/** Seeds one organization: staff, athletes, labels, groups, settings, integrations, plans and history. */
export async function seedOrganization(
  db: Kysely<Database>,
  spec: OrgSpec,
  seed: number,
  endDate: string,
  athleteDone: () => void,
): Promise<SeededOrganization> {
  const rng = Random.derive(seed, spec.seedKey);
  const { id: orgId } = await db
    .insertInto('organizations')
    .values({ name: spec.name, timezone: spec.timezone, settings: JSON.stringify(DEFAULT_SETTINGS) as unknown as Record<string, unknown> })
    .returning('id')
    .executeTakeFirstOrThrow();

  const staff = [
    { role: 'admin' as const, name: `${spec.name} Admin`, email: `admin@${spec.emailDomain}` },
    ...Array.from({ length: spec.coaches }, (_, i) => ({
      role: 'coach' as const,
      name: `Coach ${rng.pick(FIRST)} ${LAST[(i * 7) % LAST.length]}`,
      email: `coach${i + 1}@${spec.emailDomain}`,
    })),
  ];
  const staffRows = await db
    .insertInto('users')
    .values(staff.map((s) => ({ ...s, org_id: orgId, timezone: spec.timezone, unit_system: 'metric' as const })))
    .returning(['id', 'role'])
    .execute();
  const coachIds = staffRows.filter((r) => r.role === 'coach').map((r) => r.id);

  const athletes = Array.from({ length: spec.athletes }, (_, i) => {
    const a = Random.derive(seed, spec.seedKey, i);
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 5 + Math.floor(i / FIRST.length)) % LAST.length];
    return {
      org_id: orgId,
      role: 'athlete' as const,
      name: `${first} ${last}`,
      email: `${first}.${last}.${i + 1}@${spec.emailDomain}`.toLowerCase(),
      // Every zone appears among the first athletes; a few have none and live in the org's.
      timezone: i < ZONES.length ? ZONES[i] : a.chance(0.9) ? a.pick(ZONES) : null,
      unit_system: a.chance(0.85) ? a.pick(['metric', 'imperial'] as const) : null,
      sex: a.chance(0.5) ? ('female' as const) : ('male' as const),
      birth_year: a.int(1965, 2006),
    };
  });
  const athleteRows: { id: number; email: string }[] = [];
  for (const part of chunk(athletes, 1000)) {
    athleteRows.push(...(await db.insertInto('users').values(part).returning(['id', 'email']).execute()));
  }
  const idByEmail = new Map(athleteRows.map((r) => [r.email, r.id]));
  const athleteIds = athletes.map((a) => idByEmail.get(a.email)!);

  const labelRows = await db
    .insertInto('labels')
    .values(LABELS.map((name) => ({ org_id: orgId, name })))
    .returning('id')
    .execute();
  const groupRows = await db
    .insertInto('groups')
    .values(spec.groups.map((name) => ({ org_id: orgId, name })))
    .returning('id')
    .execute();

  const assignments: Insertable<Database['coach_assignments']>[] = [];
  const athleteLabels: Insertable<Database['athlete_labels']>[] = [];
  const members: { org_id: number; group_id: number; athlete_id: number; joined_at: Date }[] = [];
  const settings: Insertable<Database['athlete_settings']>[] = [];
  const integrations: { org_id: number; athlete_id: number; provider: IntegrationProvider; status: IntegrationStatus; last_sync_at: Date | null; error: string | null }[] = [];
  const profiles: RunnerProfile[] = [];

  athleteIds.forEach((athleteId, i) => {
    const a = Random.derive(seed, spec.seedKey, i, 1);
    const primaryCoach = coachIds[i % coachIds.length];
    assignments.push({ org_id: orgId, coach_id: primaryCoach, athlete_id: athleteId });
    if (coachIds.length > 1 && a.chance(0.15)) {
      assignments.push({ org_id: orgId, coach_id: coachIds[(i + 1) % coachIds.length], athlete_id: athleteId });
    }
    for (const label of labelRows) if (a.chance(0.18)) athleteLabels.push({ org_id: orgId, athlete_id: athleteId, label_id: label.id });
    const group = groupRows[i % groupRows.length];
    members.push({ org_id: orgId, group_id: group.id, athlete_id: athleteId, joined_at: new Date(`${addDays(endDate, -a.int(30, 500))}T12:00:00Z`) });
    if (groupRows.length > 1 && a.chance(0.2)) {
      const second = groupRows[(i + 1) % groupRows.length];
      members.push({ org_id: orgId, group_id: second.id, athlete_id: athleteId, joined_at: new Date(`${addDays(endDate, -a.int(10, 200))}T12:00:00Z`) });
    }

    const weeklyKm = Math.round(a.between(18, 95));
    const easyPace = Math.round(a.between(300, 400) - weeklyKm * 0.6);
    const hrMax = a.int(172, 200);
    const hrRest = a.int(40, 58);
    const age = 2026 - athletes[i].birth_year;
    settings.push({
      org_id: orgId,
      athlete_id: athleteId,
      vdot: a.chance(0.7) ? Math.round((80 - easyPace / 8) * 10) / 10 : null,
      hr_max: a.chance(0.85) ? hrMax : null,
      hr_rest: a.chance(0.85) ? hrRest : null,
      threshold_pace_s_per_km: a.chance(0.8) ? Math.round(easyPace * 0.82) : null,
      pace_zones: a.chance(0.7) ? JSON.stringify([1.25, 1.12, 1.03, 0.97, 0.9].map((f) => Math.round(easyPace * 0.82 * f))) : null,
      hr_zones: a.chance(0.75) ? JSON.stringify([0.6, 0.7, 0.8, 0.88, 0.95].map((f) => Math.round(hrRest + f * (hrMax - hrRest)))) : null,
    });
    for (const provider of PROVIDERS) {
      const roll = a.next();
      if (roll < 0.3) continue;
      const status: IntegrationStatus = roll < 0.75 ? 'connected' : roll < 0.9 ? 'disconnected' : 'error';
      integrations.push({
        org_id: orgId, athlete_id: athleteId, provider, status,
        last_sync_at: status === 'disconnected' && a.chance(0.3) ? null : new Date(`${addDays(endDate, -a.int(0, status === 'connected' ? 2 : 60))}T0${a.int(0, 9)}:15:00Z`),
        error: status === 'error' ? a.pick(INTEGRATION_ERRORS) : null,
      });
    }
    profiles.push({
      timezone: athletes[i].timezone ?? spec.timezone,
      weeklyKm,
      easyPace,
      hrMax,
      hrRest,
      restingHr: hrRest + a.int(0, 6),
      hrv: Math.round(a.between(35, 110) - age * 0.3),
      vo2max: Math.round((70 - easyPace / 10) * 10) / 10,
      hrShare: a.between(0.75, 1),
      healthSource: a.chance(0.8) ? a.pick(['garmin', 'apple_health'] as const) : null,
      prefersEvening: a.chance(0.35),
    });
  });

  for (const part of chunk(assignments, 5000)) await db.insertInto('coach_assignments').values(part).execute();
  for (const part of chunk(athleteLabels, 5000)) await db.insertInto('athlete_labels').values(part).execute();
  for (const part of chunk(members, 5000)) await db.insertInto('group_members').values(part).execute();
  for (const part of chunk(settings, 5000)) await db.insertInto('athlete_settings').values(part).execute();
  for (const part of chunk(integrations, 5000)) await db.insertInto('integrations').values(part).execute();

  await seedPlansAndGoals(db, orgId, athleteIds, members, profiles, seed, spec.seedKey, endDate);

  for (let i = 0; i < athleteIds.length; i++) {
    const history = generateHistory(Random.derive(seed, spec.seedKey, i, 2), profiles[i], `o${spec.seedKey}a${i}`, endDate, spec.days);
    // "Now" for the derived caches is the last seeded day, so a seed is the same whenever it runs.
    const writeOptions = { now: new Date(`${endDate}T12:00:00Z`) };
    await upsertActivities(db, orgId, athleteIds[i], history.activities, writeOptions);
    await upsertHealthDays(db, orgId, athleteIds[i], history.health, writeOptions);
    athleteDone();
  }

  return { orgId, name: spec.name, athleteIds };
}

async function seedPlansAndGoals(
  db: Kysely<Database>,
  orgId: number,
  athleteIds: number[],
  members: { group_id: number; athlete_id: number }[],
  profiles: RunnerProfile[],
  seed: number,
  seedKey: number,
  endDate: string,
): Promise<void> {
  const groupOf = new Map(members.map((m) => [m.athlete_id, m.group_id]));
  const thisMonday = addDays(endDate, 1 - isoWeekday(endDate));
  const plans: Insertable<Database['training_plans']>[] = [];
  const goals: Insertable<Database['goal_races']>[] = [];
  athleteIds.forEach((athleteId, i) => {
    const a = Random.derive(seed, seedKey, i, 3);
    if (a.chance(0.7)) {
      plans.push({
        org_id: orgId, athlete_id: athleteId, group_id: a.chance(0.4) ? groupOf.get(athleteId)! : null,
        name: a.pick(['Marathon build', 'Half marathon block', '10K sharpen', 'Base building']),
        start_date: addDays(thisMonday, -7 * a.int(1, 14)), total_weeks: a.int(12, 20), status: 'active',
      });
    }
    if (a.chance(0.5)) {
      plans.push({
        org_id: orgId, athlete_id: athleteId, group_id: null, name: 'Previous block',
        start_date: addDays(thisMonday, -7 * a.int(30, 45)), total_weeks: 12, status: 'completed',
      });
    }
    if (a.chance(0.6)) {
      const distance = a.pick([5000, 10000, 21097.5, 42195]);
      goals.push({
        org_id: orgId, athlete_id: athleteId, event_name: a.pick(GOAL_EVENTS),
        race_date: addDays(endDate, 7 * a.int(3, 24)), distance_m: distance,
        goal_time_s: Math.round((distance / 1000) * profiles[i].easyPace * 0.84),
      });
    }
  });
  if (goals.length) for (const part of chunk(goals, 5000)) await db.insertInto('goal_races').values(part).execute();
  if (!plans.length) return;
  const planRows: { id: number; start_date: string; total_weeks: number; athlete_id: number }[] = [];
  for (const part of chunk(plans, 2000)) {
    planRows.push(...(await db.insertInto('training_plans').values(part).returning(['id', 'start_date', 'total_weeks', 'athlete_id']).execute()));
  }
  const workouts: Insertable<Database['planned_workouts']>[] = [];
  const weekly = profiles.map((p) => p.weeklyKm);
  const indexOf = new Map(athleteIds.map((id, i) => [id, i]));
  for (const plan of planRows) {
    const km = weekly[indexOf.get(plan.athlete_id)!];
    for (let day = 0; day < plan.total_weeks * 7; day++) {
      const weekday = (day % 7) + 1;
      const kind = weekday === 7 ? 'long' : weekday === 2 ? 'intervals' : weekday === 4 ? 'tempo' : weekday === 3 || weekday === 6 ? 'easy' : null;
      if (!kind) continue;
      const share = kind === 'long' ? 0.38 : kind === 'intervals' || kind === 'tempo' ? 0.17 : 0.14;
      workouts.push({
        org_id: orgId, plan_id: plan.id, date: addDays(plan.start_date, day), kind,
        planned_distance_m: Math.round(km * 1000 * share), planned_duration_s: null, completed_activity_id: null, compliance_score: null,
      });
    }
  }
  for (const part of chunk(workouts, 5000)) await db.insertInto('planned_workouts').values(part).execute();
}
