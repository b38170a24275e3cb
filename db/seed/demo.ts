import type { Kysely } from 'kysely';
import type { Database, IntegrationProvider, IntegrationStatus } from '../../src/db/types';
import { applySettingsPatch, settingsConflict, settingsPatchProblem, type SettingsValues } from '../../src/domain/athlete-settings';
import { expandTemplate, templateProblem, type TemplateDay } from '../../src/domain/plan';
import type { WorkoutKind } from '../../src/domain/plan-matching';
import { goalRaceProblem } from '../../src/domain/race-names';
import { predictRaceTime } from '../../src/domain/vdot';
import { lockSettings, writeSettingsChanges } from '../../src/repositories/athlete-settings';
import { insertGoalRace } from '../../src/repositories/goal-races-write';
import { upsertIntegration } from '../../src/repositories/integrations-write';
import { insertPlans, setPlanStatus } from '../../src/repositories/plan-writes';
import { attachLabelRow, insertCoachAssignment, insertNamed, insertUser, upsertGroupMember, type NewUser } from '../../src/repositories/roster';
import { upsertActivities } from '../../src/ingest/activities';
import { upsertHealthDays } from '../../src/ingest/health';
import { inTransaction } from '../../src/ingest/transaction';
import { addDays, isoWeekday } from '../../src/domain/time';
import { Random } from './random';
import { athleteLevel, GROUP_PROFILES, type AthleteLevel, type GroupProfile } from './club';
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

/** Labels that would be untrue of an athlete of this group are not attached. */
function labelFits(label: string, group: string): boolean {
  if (label === 'Elite') return group !== '5K Beginners';
  if (label === 'Ultra') return group === 'Trail Crew' || group === 'Marathon Squad';
  return true;
}

const WORKOUT_NOTES: Partial<Record<WorkoutKind, string>> = {
  intervals: 'Warm up, 6 x 800 m at 5K pace with 400 m jogs, cool down',
  tempo: 'Warm up, 20 min at threshold pace, cool down',
  easy: 'Easy, conversational',
  long: 'Long run, steady and relaxed',
};

/**
 * Seeds one organization: staff, athletes, labels, groups, settings, integrations, plans and
 * history, through the set-up writes the API uses (src/repositories/roster.ts,
 * athlete-settings.ts, goal-races-write.ts, plan-writes.ts, integrations-write.ts) and the
 * ingest of runs and health days; only the organization's own row is inserted here, since
 * no set-up write creates an organization. Every athlete's level comes from their training
 * group (db/seed/club.ts), and their runs follow the week their plan sets.
 */
export async function seedOrganization(
  db: Kysely<Database>,
  spec: OrgSpec,
  seed: number,
  endDate: string,
  athleteDone: () => void,
): Promise<SeededOrganization> {
  const rng = Random.derive(seed, spec.seedKey);
  const endYear = Number(endDate.slice(0, 4));
  const { id: orgId } = await db
    .insertInto('organizations')
    .values({ name: spec.name, timezone: spec.timezone, settings: JSON.stringify({}) as unknown as Record<string, unknown> })
    .returning('id')
    .executeTakeFirstOrThrow();

  const added = async (user: NewUser): Promise<number> => {
    const row = await insertUser(db, orgId, user);
    if (!row) throw new Error(`demo seed: the email ${user.email} is taken in ${spec.name}`);
    return row.id;
  };
  const named = async (table: 'labels' | 'groups', name: string): Promise<number> => {
    const row = await insertNamed(db, table, orgId, name);
    if (!row) throw new Error(`demo seed: the ${table} name ${name} is taken in ${spec.name}`);
    return row.id;
  };

  await added({ role: 'admin', name: `${spec.name} Admin`, email: `admin@${spec.emailDomain}`, timezone: spec.timezone, unit_system: 'metric' });
  const coachIds: number[] = [];
  for (let i = 0; i < spec.coaches; i++) {
    coachIds.push(await added({
      role: 'coach', name: `Coach ${rng.pick(FIRST)} ${LAST[(i * 7) % LAST.length]}`, email: `coach${i + 1}@${spec.emailDomain}`,
      timezone: spec.timezone, unit_system: 'metric',
    }));
  }
  const labelIds = new Map<string, number>();
  for (const name of LABELS) labelIds.set(name, await named('labels', name));
  const groupIds = new Map<string, number>();
  for (const name of spec.groups) groupIds.set(name, await named('groups', name));

  const athleteIds: number[] = [];
  const profiles: RunnerProfile[] = [];
  const plans: { level: AthleteLevel; group: string }[] = [];
  for (let i = 0; i < spec.athletes; i++) {
    const a = Random.derive(seed, spec.seedKey, i);
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 5 + Math.floor(i / FIRST.length)) % LAST.length];
    // Every zone appears among the first athletes; a few have none and live in the org's.
    const timezone = i < ZONES.length ? ZONES[i] : a.chance(0.9) ? a.pick(ZONES) : null;
    const unitSystem = a.chance(0.85) ? a.pick(['metric', 'imperial'] as const) : null;
    const sex = a.chance(0.5) ? ('female' as const) : ('male' as const);
    const drawnBirthYear = a.int(1965, 2006);

    const b = Random.derive(seed, spec.seedKey, i, 1);
    const coaches = [coachIds[i % coachIds.length]];
    if (coachIds.length > 1 && b.chance(0.15)) coaches.push(coachIds[(i + 1) % coachIds.length]);
    const drawn = LABELS.map(() => b.chance(0.18));
    const groupName = spec.groups[i % spec.groups.length];
    // A group the club does not describe (none in the demo) trains like the Masters.
    const group = GROUP_PROFILES[groupName] ?? GROUP_PROFILES.Masters;
    const labels = LABELS.filter((name, k) => drawn[k] && labelFits(name, groupName));
    // Masters (the group or the label) are 40 or older.
    const masters = groupName === 'Masters' || labels.includes('Masters');
    const birthYear = masters && endYear - drawnBirthYear < 40 ? endYear - 40 - (drawnBirthYear % 25) : drawnBirthYear;
    const age = endYear - birthYear;
    // A "New" athlete joined their group in the last weeks.
    const joinedOn = addDays(endDate, -(labels.includes('New') ? b.int(7, 45) : b.int(60, 500)));
    const level = athleteLevel(group, labels.includes('Elite'), Random.derive(seed, spec.seedKey, i, 4));

    const athleteId = await added({
      role: 'athlete', name: `${first} ${last}`, email: `${first}.${last}.${i + 1}@${spec.emailDomain}`.toLowerCase(),
      timezone, unit_system: unitSystem, sex, birth_year: birthYear,
    });
    athleteIds.push(athleteId);
    for (const coachId of coaches) await insertCoachAssignment(db, orgId, coachId, athleteId);
    for (const label of labels) await attachLabelRow(db, orgId, athleteId, labelIds.get(label)!);
    await upsertGroupMember(db, orgId, groupIds.get(groupName)!, athleteId, joinedOn);

    // Physiology that fits the level: fitter runners have lower resting HR; HR max falls with age.
    const hrMax = Math.round(208 - 0.7 * age + b.between(-7, 7));
    const hrRest = Math.round(64 - (level.vdot - 27) * 0.5 + b.between(-4, 4));
    const patch: Partial<SettingsValues> = {};
    if (b.chance(0.7)) patch.vdot = level.vdot;
    if (b.chance(0.85)) patch.hrMax = hrMax;
    if (b.chance(0.85)) patch.restingHr = hrRest;
    if (b.chance(0.8)) patch.thresholdPace = level.thresholdPace;
    if (b.chance(0.7)) patch.paceZones = [1.25, 1.12, 1.03, 0.97, 0.9].map((f) => Math.round(level.thresholdPace * f));
    if (b.chance(0.75)) patch.hrZones = [0.6, 0.7, 0.8, 0.88, 0.95].map((f) => Math.round(hrRest + f * (hrMax - hrRest)));
    const locked = await lockSettings(db, orgId, athleteId);
    if (!locked) throw new Error(`demo seed: no settings row for athlete ${athleteId}`);
    const { merged, changes } = applySettingsPatch(locked.values, patch);
    const problem = settingsPatchProblem(patch, endYear) ?? settingsConflict(merged, new Set(changes.map((c) => c.field)));
    if (problem) throw new Error(`demo seed: settings of athlete ${athleteId}: ${problem}`);
    // Set by their coach, as a coach would through updateAthleteSettings.
    await writeSettingsChanges(db, orgId, athleteId, coaches[0], changes);

    for (const provider of PROVIDERS) {
      const roll = b.next();
      if (roll < 0.3) continue;
      const status: IntegrationStatus = roll < 0.75 ? 'connected' : roll < 0.9 ? 'disconnected' : 'error';
      await upsertIntegration(db, orgId, athleteId, provider, {
        status,
        last_sync_at: status === 'disconnected' && b.chance(0.3) ? null : new Date(`${addDays(endDate, -b.int(0, status === 'connected' ? 2 : 60))}T0${b.int(0, 9)}:15:00Z`),
        error: status === 'error' ? b.pick(INTEGRATION_ERRORS) : null,
      });
    }
    profiles.push({
      timezone: timezone ?? spec.timezone,
      level,
      longMaxKm: group.longKm[1],
      raceDistances: group.races,
      hrMax,
      hrRest,
      restingHr: hrRest + b.int(0, 6),
      hrv: Math.round(b.between(35, 110) - age * 0.3),
      vo2max: Math.round(level.vdot * b.between(0.98, 1.08) * 10) / 10,
      hrShare: b.between(0.75, 1),
      healthSource: b.chance(0.8) ? b.pick(['garmin', 'apple_health'] as const) : null,
      prefersEvening: b.chance(0.35),
    });
    plans.push({ level, group: groupName });
  }

  for (let i = 0; i < athleteIds.length; i++) {
    await seedPlansAndGoal(db, orgId, athleteIds[i], groupIds.get(plans[i].group)!, GROUP_PROFILES[plans[i].group] ?? GROUP_PROFILES.Masters, plans[i].level,
      Random.derive(seed, spec.seedKey, i, 3), endDate, spec.days);
  }

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

/**
 * An athlete's current plan (70%: from 0 to 14 weeks ago, 12 to 20 weeks long, so some are
 * still "active" past their end), a finished earlier block (half of them, when the history
 * reaches back to it), and a goal race (60%), through the writes of createTrainingPlan and
 * createGoalRace. The plan's weeks are the athlete's week (the one their runs follow).
 */
async function seedPlansAndGoal(
  db: Kysely<Database>,
  orgId: number,
  athleteId: number,
  groupId: number,
  group: GroupProfile,
  level: AthleteLevel,
  c: Random,
  endDate: string,
  days: number,
): Promise<void> {
  const thisMonday = addDays(endDate, 1 - isoWeekday(endDate));
  // The furthest Monday back that the seeded history still covers.
  const maxWeeksBack = Math.max(0, Math.floor((days - isoWeekday(endDate)) / 7));
  const week: TemplateDay[] = level.week.map((d, k) => ({
    day: k + 1, kind: d.kind, distanceM: d.kind === 'rest' ? null : Math.round(d.km * 1000), description: WORKOUT_NOTES[d.kind] ?? null,
  }));
  const createPlan = async (name: string, weeksBack: number, totalWeeks: number, planGroup: number | null): Promise<number> => {
    const template = Array.from({ length: totalWeeks }, () => week);
    const problem = templateProblem(template);
    if (problem) throw new Error(`demo seed: plan of athlete ${athleteId}: ${problem}`);
    const startDate = addDays(thisMonday, -7 * weeksBack);
    const [planId] = await insertPlans(db, orgId, { athleteIds: [athleteId], groupId: planGroup, name, startDate, totalWeeks, workouts: expandTemplate(startDate, template) });
    return planId;
  };
  if (c.chance(0.7)) {
    const name = c.pick(group.plans);
    await createPlan(name, Math.min(c.int(0, 14), maxWeeksBack), c.int(12, 20), c.chance(0.4) ? groupId : null);
  }
  if (c.chance(0.5)) {
    const weeksBack = c.int(30, 45);
    if (weeksBack <= maxWeeksBack) await setPlanStatus(db, orgId, await createPlan('Previous block', weeksBack, 12, null), 'completed');
  }
  if (c.chance(0.6)) {
    const goal = c.pick(group.goals);
    // A goal a little faster than the athlete runs today.
    const values = {
      event_name: goal.name, race_date: addDays(endDate, 7 * c.int(3, 24)), distance_m: goal.distanceM,
      goal_time_s: Math.round(predictRaceTime(level.vdot * c.between(1.0, 1.04), goal.distanceM) / 5) * 5,
    };
    const problem = goalRaceProblem({ eventName: values.event_name, distanceM: values.distance_m, goalTimeS: values.goal_time_s });
    if (problem) throw new Error(`demo seed: goal race of athlete ${athleteId}: ${problem}`);
    await insertGoalRace(db, orgId, athleteId, values);
  }
}
