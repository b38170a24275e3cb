import { sql } from 'kysely';
import { getNamedType, isLeafType, isObjectType, type GraphQLField, type GraphQLObjectType } from 'graphql';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createTestApp, tokenFor } from '../helpers/auth';
import { execute } from '../helpers/graphql';
import { openSubscription } from '../helpers/sse';
import { seedDemo, type SeededOrganization } from '../../db/seed/demo';
import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import { readOnlyAsTenant, startTenantTransaction, APP_ROLE } from '../../src/db/tenant';
import type { Database } from '../../src/db/types';
import { schema } from '../../src/schema';
import type { App } from '../../src/app';
import { findAthletesByIds } from '../../src/repositories/athletes';
import { findLabelsAndCoaches } from '../../src/repositories/athlete-links';
import type { Viewer, ViewerRole } from '../../src/auth/viewer';

// The demo organization probes the second one ("Harbour Track Collective") with every id it has.
let t: TestDatabase;
let app: App;
let home: SeededOrganization;
let foreign: SeededOrganization;
let foreignIds: number[];
let foreignMarkers: string[];
const viewers = {} as Record<ViewerRole, Viewer>;

const TENANT_TABLES = [
  'organizations', 'users', 'coach_assignments', 'labels', 'athlete_labels', 'groups', 'group_members',
  'athlete_settings', 'athlete_settings_changes', 'training_plans', 'planned_workouts', 'goal_races', 'integrations',
  'activities', 'activity_daily', 'activity_weekly', 'health_daily', 'athlete_fitness', 'insights',
  'organization_signal_thresholds', 'athlete_load_estimates', 'athlete_signal_mutes', 'activity_copies',
  'organization_data_versions', 'organization_data_version_marks',
  'organization_events', 'athlete_signal_states', 'webhook_endpoints', 'webhook_deliveries',
] as const;

/** Every scalar field of a type, and those of its object fields one level down. */
function selectionFor(type: GraphQLObjectType, depth = 2): string {
  const fields = Object.values(type.getFields())
    .filter((f) => f.args.every((a) => a.type.toString().endsWith('!') === false || a.defaultValue !== undefined))
    .map((f) => {
      const named = getNamedType(f.type);
      if (isLeafType(named)) return f.name;
      if (depth > 1 && isObjectType(named)) return `${f.name} { ${selectionFor(named, depth - 1)} }`;
      return null;
    })
    .filter(Boolean);
  return fields.length ? fields.join(' ') : '__typename';
}

const idArguments = (field: GraphQLField<unknown, unknown>) => field.args.filter((a) => getNamedType(a.type).name === 'ID');

beforeAll(async () => {
  t = await createTestDatabase();
  [home, foreign] = await seedDemo(t.db, { athletes: 12, days: 30, seed: 3, endDate: '2026-11-27' });
  app = createTestApp(t.db);
  const firstOf = async (role: 'admin' | 'coach' | 'athlete') =>
    (await t.db.selectFrom('users').select('id').where('org_id', '=', home.orgId).where('role', '=', role).orderBy('id').executeTakeFirstOrThrow()).id;
  viewers.ADMIN = { orgId: home.orgId, userId: await firstOf('admin'), role: 'ADMIN' };
  viewers.COACH = { orgId: home.orgId, userId: await firstOf('coach'), role: 'COACH' };
  viewers.ATHLETE = { orgId: home.orgId, userId: await firstOf('athlete'), role: 'ATHLETE' };
  const idsOf = async (orgId: number) => {
    const { rows } = await sql<{ id: number }>`
      select id from users where org_id = ${orgId}
      union select id from labels where org_id = ${orgId}
      union select id from groups where org_id = ${orgId}
      union select id from training_plans where org_id = ${orgId}
      union select id from goal_races where org_id = ${orgId}
      union select id::int from activities where org_id = ${orgId}
      union select ${orgId}`.execute(t.db);
    return rows.map((r) => r.id);
  };
  // Each table numbers its own rows, so a foreign label id may equal a home user id:
  // probe with the foreign ids that name nothing at home.
  const homeIds = new Set(await idsOf(home.orgId));
  foreignIds = (await idsOf(foreign.orgId)).filter((id) => !homeIds.has(id));
  const people = await t.db.selectFrom('users').select(['name', 'email']).where('org_id', '=', foreign.orgId).execute();
  foreignMarkers = ['Harbour', 'harbour.example', ...people.map((p) => p.email)];
});

afterAll(() => t.close());

describe('cross-tenant probe through the API', () => {
  const queryFields = Object.values(schema.getQueryType()!.getFields());

  it('has query fields that take ids to probe', () => {
    expect(queryFields.filter((f) => idArguments(f).length > 0).map((f) => f.name)).toContain('athlete');
  });

  it.each(['ADMIN', 'COACH', 'ATHLETE'] as ViewerRole[])('leaks nothing of another organization to an %s', async (role) => {
    const token = await tokenFor(viewers[role]);
    let probes = 0;
    for (const field of queryFields) {
      const named = getNamedType(field.type);
      const selection = isObjectType(named) ? `{ ${selectionFor(named)} }` : '';
      const idArgs = idArguments(field);
      const otherArgs = field.args.filter((a) => !idArgs.includes(a) && a.type.toString().endsWith('!'));
      if (otherArgs.length) throw new Error(`probe does not know how to fill ${field.name}(${otherArgs.map((a) => a.name)})`);
      const idSets = idArgs.length ? foreignIds : [null];
      for (const id of idSets) {
        const args = idArgs.length ? `(${idArgs.map((a) => `${a.name}: "${id}"`).join(', ')})` : '';
        const result = await execute<{ probe?: unknown }, never>(app, token, `{ probe: ${field.name}${args} ${selection} }`);
        probes += 1;
        const text = JSON.stringify(result);
        for (const marker of foreignMarkers) expect(text).not.toContain(marker);
        if (idArgs.length) {
          expect(result.data?.probe ?? null).toBeNull();
          expect(result.errors?.map((e) => e.extensions?.code)).toEqual([role === 'ATHLETE' ? 'FORBIDDEN' : 'NOT_FOUND']);
        }
      }
    }
    expect(probes).toBeGreaterThan(foreignIds.length);
  });
});

describe('cross-tenant probe of the subscriptions', () => {
  const subscriptionFields = Object.values(schema.getSubscriptionType()!.getFields());

  it.each(['ADMIN', 'COACH', 'ATHLETE'] as ViewerRole[])('gives an %s no event of another organization, and refuses its athletes', async (role) => {
    expect(subscriptionFields.map((f) => f.name).sort()).toEqual(['athleteEvents', 'organizationEvents']);
    const token = await tokenFor(viewers[role]);
    const homeAthletes = new Set((await t.db.selectFrom('users').select('id').where('org_id', '=', home.orgId).execute()).map((u) => String(u.id)));
    for (const field of subscriptionFields) {
      const selection = `{ ${selectionFor(getNamedType(field.type) as GraphQLObjectType)} }`;
      const unknown = field.args.filter((a) => !['athleteIds', 'after', 'kinds'].includes(a.name) && a.type.toString().endsWith('!'));
      if (unknown.length) throw new Error(`probe does not know how to fill ${field.name}(${unknown.map((a) => a.name)})`);
      const probes = field.args.some((a) => a.name === 'athleteIds') ? foreign.athleteIds.slice(0, 5).map((id) => `(athleteIds: ["${id}"], after: "0")`) : ['(after: "0")'];
      for (const args of probes) {
        const feed = await openSubscription(app, token, `subscription { probe: ${field.name}${args} ${selection} }`);
        const messages = [];
        for (let m = await feed.next(1000).catch(() => null); m; m = await feed.next(300).catch(() => null)) messages.push(m);
        feed.close();
        const text = JSON.stringify(messages);
        for (const marker of foreignMarkers) expect(text).not.toContain(marker);
        const codes = messages.flatMap((m) => m.data.errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code);
        const events = messages.map((m) => m.data.data?.probe).filter(Boolean);
        if (role === 'ATHLETE' || field.name === 'athleteEvents') {
          expect({ args, codes, events: events.length }).toEqual({ args, codes: [role === 'ATHLETE' ? 'FORBIDDEN' : 'NOT_FOUND'], events: 0 });
        } else {
          // The organization's own history from its first event: every one about its own athletes.
          expect(events.length).toBeGreaterThan(0);
          expect(events.filter((e: { athleteId: string | null }) => e.athleteId !== null && !homeAthletes.has(e.athleteId))).toEqual([]);
        }
      }
    }
  });
});

describe('the application filter alone (database superuser, row-level security bypassed)', () => {
  it('repository functions return nothing for another organization’s ids', async () => {
    const ids = foreign.athleteIds;
    expect(await findAthletesByIds(t.db, home.orgId, ids)).toEqual([]);
    const links = await findLabelsAndCoaches(t.db, home.orgId, ids);
    expect(links.flatMap((l) => [...l.labels, ...l.coaches])).toEqual([]);
    expect((await findLabelsAndCoaches(t.db, foreign.orgId, ids)).some((l) => l.labels.length + l.coaches.length > 0)).toBe(true);
    expect((await findAthletesByIds(t.db, foreign.orgId, ids)).length).toBe(ids.length);
  });
});

describe('row-level security as the app role', () => {
  it('shows no rows of any tenant table when no organization is set', async () => {
    await t.db.transaction().execute(async (trx) => {
      await sql`select set_config('role', ${APP_ROLE}, true)`.execute(trx);
      for (const table of TENANT_TABLES) {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(trx);
        expect({ table, rows: rows[0].n }).toEqual({ table, rows: 0 });
      }
    });
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from activities`.execute(t.db);
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it('covers every table that has an org_id column, each with row-level security on', async () => {
    const { rows } = await sql<{ table_name: string; rls: boolean }>`
      select c.table_name, cl.relrowsecurity as rls
      from information_schema.columns c join pg_class cl on cl.relname = c.table_name and cl.relkind = 'r'
      where c.table_schema = 'public' and c.column_name = 'org_id'`.execute(t.db);
    expect(rows.map((r) => r.table_name).sort()).toEqual(TENANT_TABLES.filter((n) => n !== 'organizations').sort());
    expect(rows.filter((r) => !r.rls)).toEqual([]);
  });

  it('shows only the organization set for the transaction', async () => {
    const trx = await startTenantTransaction(t.db, home.orgId, { readOnly: true, statementTimeoutMs: 5000 });
    try {
      const { rows } = await sql<{ org_id: number }>`select distinct org_id from users union select distinct org_id from activities`.execute(trx);
      expect(rows.map((r) => r.org_id)).toEqual([home.orgId]);
    } finally {
      await trx.rollback().execute();
    }
  });

  it('refuses an insert for another organization', async () => {
    const trx = await startTenantTransaction(t.db, home.orgId, { readOnly: false, statementTimeoutMs: 5000 });
    try {
      await expect(sql`insert into labels (org_id, name) values (${foreign.orgId}, 'smuggled')`.execute(trx)).rejects.toThrow(/row-level security/);
    } finally {
      await trx.rollback().execute();
    }
  });

  it('runs as a role that is neither superuser nor owner nor BYPASSRLS', async () => {
    const { rows } = await sql<{ rolsuper: boolean; rolbypassrls: boolean; owns: number }>`
      select rolsuper, rolbypassrls,
        (select count(*)::int from pg_tables where tableowner = ${APP_ROLE}) as owns
      from pg_roles where rolname = ${APP_ROLE}`.execute(t.db);
    expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false, owns: 0 }]);
  });

  // PGlite (the embedded default) runs single-threaded in WebAssembly with no timer
  // interrupt, so it accepts statement_timeout but cannot cancel a running statement:
  // this check runs against a PostgreSQL server only (docs/design.md, Databases).
  const onServer = process.env.DATABASE_URL ? it : it.skip;
  onServer('cancels a statement that runs past the statement timeout, in queries and in mutations', async () => {
    await expect(readOnlyAsTenant(t.db, home.orgId, 100, (db) => sql`select pg_sleep(2)`.execute(db), () => {})).rejects.toThrow(/statement timeout/);
    const trx = await startTenantTransaction(t.db, home.orgId, { readOnly: false, statementTimeoutMs: 100 });
    try {
      await expect(sql`select pg_sleep(2)`.execute(trx)).rejects.toThrow(/statement timeout/);
    } finally {
      await trx.rollback().execute();
    }
  });
});

describe('the read-only request transaction (queries)', () => {
  const ignoreCommitError = () => {};

  it('runs as the app role and sees only the organization it was opened for', async () => {
    const seen = await readOnlyAsTenant(t.db, home.orgId, 5000, async (db) => {
      const { rows } = await sql<{ org_id: number; role: string }>`
        select distinct org_id, current_user as role from users union select distinct org_id, current_user from activity_weekly`.execute(db);
      return rows;
    }, ignoreCommitError);
    expect(seen).toEqual([{ org_id: home.orgId, role: APP_ROLE }]);
  });

  it('refuses statements once its answer is out and COMMIT is on its way', async () => {
    let late: unknown;
    let scheduled!: Promise<void>;
    await readOnlyAsTenant(t.db, home.orgId, 5000, async (db) => {
      // A resolver that outlives the answer, like an item of a list whose sibling failed.
      scheduled = new Promise((done) => setTimeout(() => sql`select 1`.execute(db).catch((error: unknown) => (late = error)).finally(done), 0));
      return 'answer';
    }, ignoreCommitError);
    await scheduled;
    expect(String(late)).toMatch(/the request transaction has ended/);
  });

  it('fails the request, rather than hanging, when no connection can be had', async () => {
    const unreachable = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new Pool({ host: '127.0.0.1', port: 1, connectionTimeoutMillis: 2000 }) }) });
    try {
      await expect(readOnlyAsTenant(unreachable, home.orgId, 5000, async () => 'never', ignoreCommitError)).rejects.toThrow(/ECONNREFUSED|connect/);
    } finally {
      await unreachable.destroy();
    }
  });

  it('passes the work’s error on, and the connection serves the next request', async () => {
    await expect(readOnlyAsTenant(t.db, home.orgId, 5000, async (db) => {
      await sql`select 1 / 0`.execute(db);
    }, ignoreCommitError)).rejects.toThrow(/division by zero/);
    expect(await readOnlyAsTenant(t.db, home.orgId, 5000, async (db) => (await sql<{ n: number }>`select 1 as n`.execute(db)).rows, ignoreCommitError)).toEqual([{ n: 1 }]);
  });
});

describe('set-up mutations with another organization’s ids (roster and structure)', () => {
  const ROSTER_TABLES = ['users', 'coach_assignments', 'labels', 'athlete_labels', 'groups', 'group_members', 'training_plans', 'activities'] as const;
  /** Every row of the roster tables, both organizations: a refused mutation writes nothing. */
  const snapshot = async () => {
    const parts: unknown[] = [];
    for (const table of ROSTER_TABLES) parts.push((await sql`select * from ${sql.table(table)} order by 1, 2, 3`.execute(t.db)).rows);
    return JSON.stringify(parts);
  };
  const foreignOf = async (table: 'labels' | 'groups') =>
    (await t.db.selectFrom(table).select('id').where('org_id', '=', foreign.orgId).orderBy('id').executeTakeFirstOrThrow()).id;
  const foreignCoach = async () =>
    (await t.db.selectFrom('users').select('id').where('org_id', '=', foreign.orgId).where('role', '=', 'coach').orderBy('id').executeTakeFirstOrThrow()).id;
  const homeOf = async (table: 'labels' | 'groups') =>
    (await t.db.selectFrom(table).select('id').where('org_id', '=', home.orgId).orderBy('id').executeTakeFirstOrThrow()).id;

  // Each case: the mutation and its input, with another organization's id in one place (the rest home ids).
  const cases: [string, string, () => Promise<Record<string, unknown>>][] = [
    ['updateAthlete', 'athlete { id }', async () => ({ id: foreign.athleteIds[0], name: 'Smuggled' })],
    ['archiveAthlete', 'athlete { id }', async () => ({ id: foreign.athleteIds[0] })],
    ['unarchiveAthlete', 'athlete { id }', async () => ({ id: foreign.athleteIds[0] })],
    ['assignCoach', 'changed', async () => ({ athleteId: foreign.athleteIds[0], coachId: viewers.COACH.userId })],
    ['assignCoach', 'changed', async () => ({ athleteId: home.athleteIds[0], coachId: await foreignCoach() })],
    ['unassignCoach', 'changed', async () => ({ athleteId: foreign.athleteIds[0], coachId: viewers.COACH.userId })],
    ['unassignCoach', 'changed', async () => ({ athleteId: home.athleteIds[0], coachId: await foreignCoach() })],
    ['renameLabel', 'label { id }', async () => ({ id: await foreignOf('labels'), name: 'Smuggled' })],
    ['deleteLabel', 'deletedLabelId', async () => ({ id: await foreignOf('labels') })],
    ['attachLabel', 'athlete { id }', async () => ({ athleteId: foreign.athleteIds[0], labelId: await homeOf('labels') })],
    ['attachLabel', 'athlete { id }', async () => ({ athleteId: home.athleteIds[0], labelId: await foreignOf('labels') })],
    ['detachLabel', 'athlete { id }', async () => ({ athleteId: foreign.athleteIds[0], labelId: await homeOf('labels') })],
    ['detachLabel', 'athlete { id }', async () => ({ athleteId: home.athleteIds[0], labelId: await foreignOf('labels') })],
    ['renameGroup', 'group { id }', async () => ({ id: await foreignOf('groups'), name: 'Smuggled' })],
    ['deleteGroup', 'deletedGroupId', async () => ({ id: await foreignOf('groups') })],
    ['addGroupMember', 'joinedOn', async () => ({ groupId: await homeOf('groups'), athleteId: foreign.athleteIds[0], joinedOn: '2026-01-01' })],
    ['addGroupMember', 'joinedOn', async () => ({ groupId: await foreignOf('groups'), athleteId: home.athleteIds[0], joinedOn: '2026-01-01' })],
    ['removeGroupMember', 'group { id }', async () => ({ groupId: await homeOf('groups'), athleteId: foreign.athleteIds[0] })],
    ['removeGroupMember', 'group { id }', async () => ({ groupId: await foreignOf('groups'), athleteId: home.athleteIds[0] })],
  ];

  it.each(cases)('%s is NOT_FOUND for an admin and writes nothing (%#)', async (mutation, selection, inputOf) => {
    const input = await inputOf();
    const before = await snapshot();
    const result = await execute<Record<string, unknown>, { input: Record<string, unknown> }>(app, await tokenFor(viewers.ADMIN),
      `mutation($input: ${mutation[0].toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { ${selection} } }`,
      { input: Object.fromEntries(Object.entries(input).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v])) });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(result.data ?? null).toBeNull();
    expect(await snapshot()).toBe(before);
  });

  it('the create mutations (no ids) write only the viewer’s organization, and another organization’s emails and names are free', async () => {
    const foreignUser = await t.db.selectFrom('users').select('email').where('id', '=', foreign.athleteIds[0]).executeTakeFirstOrThrow();
    // A name the other organization uses and this one does not (else a fresh one).
    const foreignName = async (table: 'labels' | 'groups') => (await sql<{ name: string }>`
      select name from ${sql.table(table)} f where f.org_id = ${foreign.orgId}
        and not exists (select 1 from ${sql.table(table)} h where h.org_id = ${home.orgId} and lower(h.name) = lower(f.name))
      order by id limit 1`.execute(t.db)).rows[0] ?? { name: `Probe ${table}` };
    const foreignLabel = await foreignName('labels');
    const foreignGroup = await foreignName('groups');
    const foreignRows = async () => JSON.stringify(await Promise.all(ROSTER_TABLES.map(async (table) =>
      (await sql`select * from ${sql.table(table)} where org_id = ${foreign.orgId} order by 1, 2, 3`.execute(t.db)).rows)));
    const before = await foreignRows();
    const token = await tokenFor(viewers.ADMIN);
    const result = await execute<Record<string, any>, Record<string, string>>(app, token, `mutation($email: String!, $coach: String!, $admin: String!, $label: String!, $group: String!) {
      a: createAthlete(input: { name: "Probe Athlete", email: $email }) { athlete { id } }
      c: createCoach(input: { name: "Probe Coach", email: $coach }) { coach { id } }
      d: createAdmin(input: { name: "Probe Admin", email: $admin }) { admin { id } }
      l: createLabel(input: { name: $label }) { label { id } }
      g: createGroup(input: { name: $group }) { group { id } } }`,
    { email: foreignUser.email, coach: `coach.${foreignUser.email}`, admin: `admin.${foreignUser.email}`, label: foreignLabel.name, group: foreignGroup.name });
    expect(result.errors).toBeUndefined();
    expect(await foreignRows()).toBe(before);
    const userIds = [result.data!.a.athlete.id, result.data!.c.coach.id, result.data!.d.admin.id].map(Number);
    const owners = await t.db.selectFrom('users').select('org_id').where('id', 'in', userIds).execute();
    expect(owners.map((o) => o.org_id)).toEqual([home.orgId, home.orgId, home.orgId]);
    // Leave the home organization as the other cases found it.
    await t.db.deleteFrom('labels').where('id', '=', Number(result.data!.l.label.id)).execute();
    await t.db.deleteFrom('groups').where('id', '=', Number(result.data!.g.group.id)).execute();
    await t.db.deleteFrom('users').where('id', 'in', userIds).execute();
  });
});

describe('set-up mutations with another organization’s ids (training plans)', () => {
  const PLAN_TABLES = ['training_plans', 'planned_workouts'] as const;
  const snapshot = async () => JSON.stringify(await Promise.all(PLAN_TABLES.map(async (table) => (await sql`select * from ${sql.table(table)} order by 1, 2`.execute(t.db)).rows)));
  /** The other organization's plan and one of its workouts (made here when the seed gave it none). */
  const foreignPlan = async () => {
    const plan = await t.db.selectFrom('training_plans').select('id').where('org_id', '=', foreign.orgId).orderBy('id').executeTakeFirst()
      ?? await t.db.insertInto('training_plans').values({ org_id: foreign.orgId, athlete_id: foreign.athleteIds[0], name: 'Probe', start_date: '2026-11-23', total_weeks: 2, status: 'active' }).returning('id').executeTakeFirstOrThrow();
    const workout = await t.db.selectFrom('planned_workouts').select('id').where('org_id', '=', foreign.orgId).where('plan_id', '=', plan.id).orderBy('id').executeTakeFirst()
      ?? await t.db.insertInto('planned_workouts').values({ org_id: foreign.orgId, plan_id: plan.id, date: '2026-11-24', kind: 'easy', planned_distance_m: 5000, planned_duration_s: null, completed_activity_id: null }).returning('id').executeTakeFirstOrThrow();
    return { plan: plan.id, workout: workout.id };
  };
  const template = [[{ day: 1, kind: 'EASY', distance: 5000 }]];

  // Each case: the mutation, a selection, and its input with another organization's id.
  const cases: [string, string, () => Promise<Record<string, unknown>>][] = [
    ['createTrainingPlan', 'plans { id }', async () => ({ athleteId: foreign.athleteIds[0], name: 'Smuggled', startDate: '2026-11-30', template })],
    ['createTrainingPlan', 'plans { id }', async () => ({
      groupId: (await t.db.selectFrom('groups').select('id').where('org_id', '=', foreign.orgId).orderBy('id').executeTakeFirstOrThrow()).id,
      name: 'Smuggled', startDate: '2026-11-30', template,
    })],
    ['addPlannedWorkout', 'workout { id }', async () => ({ planId: (await foreignPlan()).plan, date: '2026-11-25', kind: 'EASY', distance: 5000 })],
    ['updatePlannedWorkout', 'workout { id }', async () => ({ id: (await foreignPlan()).workout, distance: 1000 })],
    ['deletePlannedWorkout', 'deletedWorkoutId', async () => ({ id: (await foreignPlan()).workout })],
    ['setTrainingPlanStatus', 'plan { id }', async () => ({ planId: (await foreignPlan()).plan, status: 'ARCHIVED' })],
  ];

  it.each(cases.flatMap(([m, s, i]) => (['ADMIN', 'COACH'] as const).map((role) => [m, role, s, i] as const)))(
    '%s is NOT_FOUND for an %s and writes nothing (%#)', async (mutation, role, selection, inputOf) => {
      const input = await inputOf();
      const before = await snapshot();
      const result = await execute<Record<string, unknown>, { input: Record<string, unknown> }>(app, await tokenFor(viewers[role]),
        `mutation($input: ${mutation[0].toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { ${selection} } }`,
        { input: Object.fromEntries(Object.entries(input).map(([k, v]) => [k, typeof v === 'number' && k !== 'distance' ? String(v) : v])) });
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
      expect(result.data ?? null).toBeNull();
      expect(await snapshot()).toBe(before);
    });
});

describe('set-up mutations with another organization’s ids (settings, goal races, integrations)', () => {
  const TABLES = ['users', 'athlete_settings', 'athlete_settings_changes', 'goal_races', 'integrations', 'activities', 'activity_daily', 'athlete_fitness', 'athlete_signal_mutes'] as const;
  const snapshot = async () => JSON.stringify(await Promise.all(TABLES.map(async (table) => (await sql`select * from ${sql.table(table)} order by 1, 2, 3`.execute(t.db)).rows)));
  /** The other organization's goal race (made here when the seed gave it none). */
  const foreignRace = async () =>
    (await t.db.selectFrom('goal_races').select('id').where('org_id', '=', foreign.orgId).orderBy('id').executeTakeFirst()
      ?? await t.db.insertInto('goal_races').values({ org_id: foreign.orgId, athlete_id: foreign.athleteIds[0], event_name: 'Probe 10K', race_date: '2027-01-10', distance_m: 10000, goal_time_s: null }).returning('id').executeTakeFirstOrThrow()).id;

  /** The other organization's athlete with a mute in force (made here), which an unmute from here must leave. */
  const foreignMute = async () => {
    await t.db.insertInto('athlete_signal_mutes')
      .values({ org_id: foreign.orgId, athlete_id: foreign.athleteIds[0], metric: 'RECOVERY_SCORE', muted_until: new Date('2099-01-01T00:00:00Z'), note: 'theirs' })
      .onConflict((oc) => oc.columns(['org_id', 'athlete_id', 'metric']).doNothing()).execute();
    return foreign.athleteIds[0];
  };

  // Each case: the mutation, a selection, its input with another organization's id, and what an
  // athlete hears (FORBIDDEN where the athlete id is checked against their own before any lookup).
  const cases: [string, string, () => Promise<Record<string, unknown>>, 'FORBIDDEN' | 'NOT_FOUND'][] = [
    ['updateAthleteSettings', 'changedFields', async () => ({ athleteId: foreign.athleteIds[0], hrMax: 190, timezone: 'Asia/Tokyo' }), 'FORBIDDEN'],
    ['createGoalRace', 'goalRace { id }', async () => ({ athleteId: foreign.athleteIds[0], eventName: 'Smuggled 10K', distance: 10000, date: '2027-01-10' }), 'FORBIDDEN'],
    ['updateGoalRace', 'goalRace { id }', async () => ({ id: await foreignRace(), goalTime: 3000 }), 'NOT_FOUND'],
    ['removeGoalRace', 'removedGoalRaceId', async () => ({ id: await foreignRace() }), 'NOT_FOUND'],
    ['recordIntegrationStatus', 'integration { status }', async () => ({ athleteId: foreign.athleteIds[0], provider: 'GARMIN', status: 'CONNECTED' }), 'FORBIDDEN'],
    ['muteAttentionSignal', 'signalMute { until }', async () => ({ athleteId: foreign.athleteIds[0], metric: 'HRV', until: new Date(Date.now() + 86_400_000).toISOString(), note: 'smuggled' }), 'FORBIDDEN'],
    ['unmuteAttentionSignal', 'unmuted', async () => ({ athleteId: await foreignMute(), metric: 'RECOVERY_SCORE' }), 'FORBIDDEN'],
  ];

  it.each(cases.flatMap(([m, s, i, a]) => (['ADMIN', 'COACH', 'ATHLETE'] as const).map((role) => [m, role, s, i, role === 'ATHLETE' ? a : 'NOT_FOUND'] as const)))(
    '%s for an %s with another organization’s id writes nothing (%#)', async (mutation, role, selection, inputOf, code) => {
      const input = await inputOf();
      const before = await snapshot();
      const result = await execute<Record<string, unknown>, { input: Record<string, unknown> }>(app, await tokenFor(viewers[role]),
        `mutation($input: ${mutation[0].toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { ${selection} } }`,
        { input: Object.fromEntries(Object.entries(input).map(([k, v]) => [k, typeof v === 'number' && (k === 'id' || k.endsWith('Id')) ? String(v) : v])) });
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual([code]);
      expect(result.data ?? null).toBeNull();
      expect(await snapshot()).toBe(before);
    });
});

describe('a source withdrawing its copy, with another organization’s identity', () => {
  it.each(['ADMIN', 'COACH', 'ATHLETE'] as const)('withdrawActivitySource is NOT_FOUND for an %s and writes nothing', async (role) => {
    const run = await t.db.selectFrom('activities').select(['source', 'external_id']).where('org_id', '=', foreign.orgId).where('deleted_at', 'is', null)
      .orderBy('id').executeTakeFirstOrThrow();
    const snapshot = async () => JSON.stringify((await sql`select id, source, external_id, deleted_at from activities order by 1`.execute(t.db)).rows);
    const before = await snapshot();
    const result = await execute<Record<string, unknown>, Record<string, string>>(app, await tokenFor(viewers[role]),
      'mutation($s: String!, $e: String!) { withdrawActivitySource(source: $s, externalId: $e) { runDeleted } }', { s: run.source, e: run.external_id });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(result.data ?? null).toBeNull();
    expect(await snapshot()).toBe(before);
  });
});
