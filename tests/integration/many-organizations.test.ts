import { sql, type Kysely, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createTestApp, tokenFor } from '../helpers/auth';
import { execute } from '../helpers/graphql';
import { seedOrganization, type SeededOrganization } from '../../db/seed/demo';
import { upsertActivities } from '../../src/ingest/activities';
import { addDays } from '../../src/domain/time';
import { intArray } from '../../src/repositories/params';
import { ROW_COUNT_COLUMN } from '../../src/repositories/json-rows';
import { benchOperations, type BenchOperation } from '../../bench/operations';
import { firstDifferences } from '../../bench/differences';
import { scansNotLedByOrganization } from '../../bench/many-orgs';
import type { Statement } from '../../bench/in-process';
import type { Database } from '../../src/db/types';
import { withPluginOnReads } from '../../src/db/tenant';
import type { App } from '../../src/app';

// Issue 20, many organizations: what one organization's request costs must not depend on how
// many others share the database. Its statements, the rows it fetches and its answer are the
// same beside many small organizations as alone, and on PostgreSQL every scan of a table the
// others fill is led by org_id in its plans. bench/many-orgs.ts times the same at bench size.

const END = '2026-11-27';
const NOW = new Date(`${END}T18:00:00Z`);
const ON_POSTGRES = Boolean(process.env.DATABASE_URL);
// A small organization costs about 40 ms to write on the embedded database (its runs go
// through the ingest), 12 on PostgreSQL: these keep the file under 20 s on either.
const SMALL_ORGANIZATIONS = ON_POSTGRES ? 1000 : 200;
const SMALL_ATHLETES = ['Ada Runner', 'Bo Runner', 'Cy Runner'];

/** The rows the app fetches (the statements it sends, with their parameters, come from Kysely's log: t.statements.sent). */
class RowRecorder implements KyselyPlugin {
  rowsFetched = 0;
  reset() {
    this.rowsFetched = 0;
  }
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    // A row of column arrays (src/repositories/json-rows.ts) carries the rows it counts.
    for (const row of args.result.rows) this.rowsFetched += typeof row[ROW_COUNT_COLUMN] === 'number' ? row[ROW_COUNT_COLUMN] : 1;
    return args.result;
  }
}

interface RequestCost {
  operation: string;
  statements: number;
  rowsFetched: number;
  data: unknown;
}

let t: TestDatabase;
let app: App;
let token: string;
let large: SeededOrganization;
let operations: BenchOperation[];
let alone: RequestCost[];
const recorder = new RowRecorder();

beforeAll(async () => {
  t = await createTestDatabase();
  large = await seedOrganization(
    t.db,
    { name: 'Large Club', emailDomain: 'large.example', timezone: 'America/New_York', coaches: 2, athletes: 12, groups: ['Marathon Squad', 'Trail Crew'], days: 90, seedKey: 1 },
    7,
    END,
    () => {},
  );
  const admin = await t.db.selectFrom('users').select('id').where('org_id', '=', large.orgId).where('role', '=', 'admin').executeTakeFirstOrThrow();
  token = await tokenFor({ orgId: large.orgId, userId: admin.id, role: 'ADMIN' });
  app = createTestApp(withPluginOnReads(t.db, recorder), { clock: () => NOW });
  operations = benchOperations(await targetsOf(t.db, large));
  await sql`analyze`.execute(t.db);
  alone = await costsOf(operations);
  await addSmallOrganizations(t.db, SMALL_ORGANIZATIONS);
  await sql`analyze`.execute(t.db);
});

afterAll(() => t.close());

test(`each request takes the same statements, fetches the same rows and answers the same beside ${SMALL_ORGANIZATIONS} small organizations`, async () => {
  const organizations = await t.db.selectFrom('organizations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  expect(Number(organizations.n)).toBe(SMALL_ORGANIZATIONS + 1);
  const runs = await t.db.selectFrom('activities').select((eb) => eb.fn.countAll<number>().as('n')).where('org_id', '<>', large.orgId).executeTakeFirstOrThrow();
  expect(Number(runs.n)).toBe(SMALL_ORGANIZATIONS * 4);

  const beside = await costsOf(operations);
  expect(beside.map(({ data, ...cost }) => cost)).toEqual(alone.map(({ data, ...cost }) => cost));
  // Floats within 1e-9 relative: a plan that reads the rows in another order sums them in another order.
  expect(beside.map((c, i) => firstDifferences(c.data, alone[i].data, 5))).toEqual(operations.map(() => []));
  // The budget's limits (bench/budget.ts) hold here too.
  expect(beside.find((c) => c.operation === 'Athletes list')!.statements).toBeLessThanOrEqual(10);
  expect(beside.find((c) => c.operation === 'Group dashboard')!.statements).toBeLessThanOrEqual(12);
});

(ON_POSTGRES ? test : test.skip)('on PostgreSQL, every scan of a table other organizations fill is led by org_id, in the plan each request uses', async () => {
  const offending: string[] = [];
  let explained = 0;
  let judgedTables: string[] = [];
  for (const op of operations) {
    const checked = await scansNotLedByOrganization(t.db, large.orgId, (await send(op)).sent);
    explained += checked.explained;
    judgedTables = checked.judgedTables;
    offending.push(...checked.scans.map((scan) => `${op.name}: ${scan}`));
  }
  expect(judgedTables).toEqual(expect.arrayContaining(['organizations', 'users', 'activities', 'activity_daily', 'health_daily', 'group_members', 'athlete_settings']));
  expect(explained).toBeGreaterThan(operations.length * 3);
  expect(offending).toEqual([]);
});

/** Each operation once, in order. */
async function costsOf(ops: BenchOperation[]): Promise<RequestCost[]> {
  const costs: RequestCost[] = [];
  for (const op of ops) costs.push((({ sent, ...cost }) => cost)(await send(op)));
  return costs;
}

/** One operation through yoga.fetch: its statement count, rows fetched and answer, and the statements sent with their parameters. */
async function send(op: BenchOperation): Promise<RequestCost & { sent: Statement[] }> {
  t.statements.reset();
  recorder.reset();
  const result = await execute<unknown, Record<string, unknown>>(app, token, op.query, op.variables);
  expect(result.errors).toBeUndefined();
  await t.statements.settled();
  return { operation: op.name, statements: t.statements.queries, rowsFetched: recorder.rowsFetched, data: result.data, sent: [...t.statements.sent] };
}

/** What the bench asks about an organization (bench/targets.ts): its busiest athlete and largest group. */
async function targetsOf(db: Kysely<Database>, org: SeededOrganization) {
  const busiest = await db.selectFrom('activities').select('athlete_id').where('org_id', '=', org.orgId).groupBy('athlete_id')
    .orderBy((eb) => eb.fn.countAll(), 'desc').orderBy('athlete_id').executeTakeFirstOrThrow();
  const largest = await db.selectFrom('group_members').select('group_id').where('org_id', '=', org.orgId).groupBy('group_id')
    .orderBy((eb) => eb.fn.countAll(), 'desc').orderBy('group_id').executeTakeFirstOrThrow();
  return { orgId: org.orgId, athleteCount: org.athleteIds.length, athleteId: busiest.athlete_id, groupId: largest.group_id, endDate: END };
}

/**
 * Small organizations of an admin, a coach and three athletes in one group, one athlete
 * labelled, each athlete with a week of health data, written in bulk; and four runs of the
 * labelled athlete, through the ingest so the rollups, caches, insights and outbox hold the
 * other organizations too (the ingest's thirty statements a batch are why only one runner).
 */
async function addSmallOrganizations(db: Kysely<Database>, count: number): Promise<void> {
  const created = await sql<{ id: number }>`insert into organizations (name, timezone)
    select 'Small Club ' || n, 'Europe/Berlin' from generate_series(1, ${count}::int) n returning id`.execute(db);
  const orgIds = sql`${intArray(created.rows.map((r) => r.id))}::int[]`;
  const people = [['admin', 'Club Admin'], ['coach', 'Club Coach'], ...SMALL_ATHLETES.map((name) => ['athlete', name])];
  await sql`insert into users (org_id, role, name, email, timezone, unit_system)
    select o.id, p.role, p.name, lower(replace(p.name, ' ', '.')) || '@club' || o.id || '.example', 'Europe/Berlin', 'metric'
    from unnest(${orgIds}) o(id), jsonb_to_recordset(${JSON.stringify(people.map(([role, name]) => ({ role, name })))}::jsonb) p(role text, name text)`.execute(db);
  await sql`insert into coach_assignments (org_id, coach_id, athlete_id)
    select c.org_id, c.id, a.id from users c join users a on a.org_id = c.org_id and a.role = 'athlete'
    where c.role = 'coach' and c.org_id = any(${orgIds})`.execute(db);
  await sql`insert into groups (org_id, name) select id, 'Marathon Squad' from unnest(${orgIds}) o(id)`.execute(db);
  await sql`insert into group_members (org_id, group_id, athlete_id)
    select g.org_id, g.id, a.id from groups g join users a on a.org_id = g.org_id and a.role = 'athlete' where g.org_id = any(${orgIds})`.execute(db);
  await sql`insert into labels (org_id, name) select id, 'Elite' from unnest(${orgIds}) o(id)`.execute(db);
  await sql`insert into athlete_labels (org_id, athlete_id, label_id)
    select l.org_id, a.id, l.id from labels l join users a on a.org_id = l.org_id and a.name = ${SMALL_ATHLETES[0]} where l.org_id = any(${orgIds})`.execute(db);
  await sql`insert into athlete_settings (org_id, athlete_id, hr_max, hr_rest)
    select org_id, id, 190, 50 from users where role = 'athlete' and org_id = any(${orgIds})`.execute(db);
  await sql`insert into health_daily (org_id, athlete_id, local_date, resting_hr, hrv_rmssd_ms, source)
    select a.org_id, a.id, ${END}::date - d, 50 + d, 60 - d, 'watch'
    from users a, generate_series(0, 6) d where a.role = 'athlete' and a.org_id = any(${orgIds})`.execute(db);

  const runners = await db.selectFrom('users').select(['org_id', 'id']).where('name', '=', SMALL_ATHLETES[0]).where('org_id', '<>', large.orgId).orderBy('id').execute();
  const runsOf = (athleteId: number) => [1, 3, 5, 8].map((daysAgo) => ({
    source: 'watch', externalId: `run-${athleteId}-${daysAgo}`, startTime: new Date(`${addDays(END, -daysAgo)}T07:00:00Z`),
    distanceM: 8000 + daysAgo * 500, movingS: 2400 + daysAgo * 150, elapsedS: 2500 + daysAgo * 150, avgHr: 150,
  }));
  // A few at a time: the PostgreSQL pool has four connections; the embedded database queues them.
  let next = 0;
  const writer = async () => {
    for (let runner = runners[next++]; runner; runner = runners[next++]) await upsertActivities(db, runner.org_id, runner.id, runsOf(runner.id), { now: NOW });
  };
  await Promise.all([writer(), writer(), writer(), writer()]);
}
