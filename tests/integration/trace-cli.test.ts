import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createTestApp, tokenFor } from '../helpers/auth';
import { runScript } from '../helpers/server-process';
import { seedDemo } from '../../db/seed/demo';
import { exampleVariables, OPERATIONS_DIR } from '../../src/graphiql';
import { findExampleSamples } from '../../src/repositories/organizations';
import { findFirstUser } from '../../src/auth/demo-token';
import { traceOperation } from '../../scripts/trace';
import { DEVELOPMENT_JWT_SECRET } from '../../src/config';
import { EventHub } from '../../src/live/event-hub';

// `npm run trace` on the demo (issue 21): every operation in operations/ runs traced, as the
// role its folder is for, and prints its span tree; mutations are rolled back.

const NOW = new Date();
let t: TestDatabase;
let orgId: number;
const ids = {} as Record<'athlete' | 'coached' | 'coach' | 'group' | 'label' | 'workout' | 'endpoint' | 'delivery', string>;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { athletes: 10, days: 60, seed: 42 });
  const coach = (await findFirstUser(t.db, 'coach'))!;
  orgId = coach.org_id;
  const samples = await findExampleSamples(t.db, orgId);
  ids.athlete = String(samples.athleteId);
  ids.group = String(samples.groupId);
  ids.coach = String(coach.id);
  // A coach writes only for the athletes assigned to them.
  ids.coached = String((await t.db.selectFrom('coach_assignments').select('athlete_id').where('org_id', '=', orgId).where('coach_id', '=', coach.id).orderBy('athlete_id').executeTakeFirstOrThrow()).athlete_id);
  ids.label = String((await t.db.selectFrom('labels').select('id').where('org_id', '=', orgId).orderBy('id').executeTakeFirstOrThrow()).id);
  ids.workout = String((await t.db.selectFrom('planned_workouts').select('id').where('org_id', '=', orgId).orderBy('id').executeTakeFirstOrThrow()).id);
  const endpoint = await sql<{ id: number }>`insert into webhook_endpoints (org_id, url, kinds, secret, event_cursor)
    values (${orgId}, 'https://hooks.example/stride', '{RUNS_CHANGED}', 'whsec_trace', 0) returning id`.execute(t.db);
  ids.endpoint = String(endpoint.rows[0].id);
  const delivery = await sql<{ id: number }>`insert into webhook_deliveries (org_id, endpoint_id, event_seq, status, attempts)
    select ${orgId}, ${endpoint.rows[0].id}, max(seq), 'FAILED', 3 from organization_events where org_id = ${orgId} returning id`.execute(t.db);
  ids.delivery = String(delivery.rows[0].id);
}, 120_000);

afterAll(() => t.close());

const today = NOW.toISOString().slice(0, 10);
const MUTATION_VARIABLES: Record<string, () => Record<string, unknown>> = {
  AddGroupMember: () => ({ input: { athleteId: ids.athlete, groupId: ids.group, joinedOn: today } }),
  ArchiveAthlete: () => ({ input: { id: ids.athlete } }),
  AssignCoach: () => ({ input: { athleteId: ids.athlete, coachId: ids.coach } }),
  AttachLabel: () => ({ input: { athleteId: ids.athlete, labelId: ids.label } }),
  CreateCoach: () => ({ input: { name: 'Traced Coach', email: 'traced.coach@example.com' } }),
  CreateGroup: () => ({ input: { name: 'Traced Group' } }),
  CreateLabel: () => ({ input: { name: 'Traced Label' } }),
  DeleteWebhookEndpoint: () => ({ input: { id: ids.endpoint } }),
  RegisterWebhookEndpoint: () => ({ input: { url: 'https://93.184.215.14/hooks', kinds: ['RUNS_CHANGED'] } }),
  ReplayWebhookDelivery: () => ({ input: { id: ids.delivery } }),
  SetWebhookEndpointEnabled: () => ({ input: { id: ids.endpoint, enabled: false } }),
  CreateAthlete: () => ({ input: { name: 'Traced Runner', email: 'traced.runner@example.com' } }),
  CreateGoalRace: () => ({ input: { athleteId: ids.coached, eventName: 'Traced 10K', date: '2027-05-01', distance: 10_000 } }),
  CreateTrainingPlan: () => ({ input: { athleteId: ids.coached, name: 'Traced Plan', startDate: today, template: [[{ day: 1, kind: 'EASY', distance: 5_000 }]] } }),
  UpdateAthleteSettings: () => ({ input: { athleteId: ids.coached, restingHr: 51 } }),
  UpdatePlannedWorkout: () => ({ input: { id: ids.workout, description: 'Traced' } }),
  OrganizationEvents: () => ({ after: '0' }),
};

const operationFiles = readdirSync(OPERATIONS_DIR, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.graphql'))
  .map((e) => path.relative(OPERATIONS_DIR, path.join(e.parentPath, e.name)))
  .sort();

describe('npm run trace', () => {
  it('covers every operation file', () => {
    expect(operationFiles.length).toBeGreaterThanOrEqual(29);
  });

  it.each(operationFiles)('traces %s on the demo', async (file) => {
    const document = readFileSync(path.join(OPERATIONS_DIR, file), 'utf8');
    const name = /^(query|mutation|subscription) (\w+)/m.exec(document)!;
    const role = file.startsWith('admin') ? 'admin' : 'coach';
    const user = (await findFirstUser(t.db, role, orgId))!;
    const token = await tokenFor({ orgId, userId: user.id, role: role.toUpperCase() as 'COACH' | 'ADMIN' });
    const variables = name[1] === 'query' ? exampleVariables(document, await findExampleSamples(t.db, orgId), NOW) : MUTATION_VARIABLES[name[2]]();
    const versionBefore = await dataVersion();
    const events = new EventHub(t.db);
    const app = createTestApp(t.db, { rollbackMutations: true, webhooks: { allowLoopback: false }, events });
    const traced = await traceOperation(app, token, document, variables).finally(() => events.stop());

    expect(traced.body?.errors).toBeUndefined();
    expect(traced.body?.data).toBeTruthy();
    const request = traced.spans.find((s) => s.name === `graphql ${name[1]} ${name[2]}`);
    expect(request).toBeDefined();
    expect(traced.report).toContain(`graphql ${name[1]} ${name[2]}`);
    expect(traced.report).toMatch(/\n\d+ statements, \d+ rows fetched, \d+ loader batches$/);
    const statements = traced.spans.filter((s) => s.name.startsWith('sql ')).length;
    expect(traced.report).toContain(`\n${statements} statements,`);
    // A mutation's transaction frame (BEGIN, ROLLBACK) is traced; a query on PostgreSQL has none, and may need no statement at all.
    if (name[1] === 'mutation') expect(statements).toBeGreaterThanOrEqual(2);
    // A traced mutation leaves the data as it was.
    if (name[1] === 'mutation') expect(await dataVersion()).toBe(versionBefore);
  });

  it('prints the profile as a timeline from its own process', async () => {
    if (!process.env.DATABASE_URL) {
      // The script opens the database as `npm start` does; this file's embedded database lives
      // in this process's memory, where another process cannot reach it. The in-process runs
      // above cover the embedded database.
      return;
    }
    const result = await runScript('trace.ts', ['operations/web/athlete-profile.graphql'], { DATABASE_URL: t.url!, JWT_SECRET: DEVELOPMENT_JWT_SECRET });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^AthleteProfile as .+ \(coach, organization \d+\): answered/);
    expect(result.stdout).toMatch(/graphql query AthleteProfile\n/);
    expect(result.stdout).toMatch(/\n\s+[\d.]+\s+[\d.]+\s{4}loader athletes {2}\(1 key\)\n\s+[\d.]+\s+[\d.]+\s{6}sql select users {2}\(1 row\)/);
    expect(result.stdout).toMatch(/\n1[0-9] statements, \d+ rows fetched, \d+ loader batches\n$/);
  });
});

async function dataVersion() {
  return (await t.db.selectFrom('organization_data_versions').select('version').where('org_id', '=', orgId).executeTakeFirst())?.version ?? 0;
}
